import { z } from "zod";
import { lngLat } from "./common";

/**
 * The party map (党建地图) of a community: each residential building with its 楼栋长 and how many of
 * its households a 中心户 looks after; and one building's households with their 中心户. Names only,
 * never phones (`GET /api/party/map`, `GET /api/party/buildings/:id/contacts`; the query and params
 * are the party's `communityQuery` and `partyIdParams`).
 */

const buildingLeader = z.object({ name: z.string(), group: z.string() });
const anchorContact = z.object({ name: z.string(), address: z.string() });

export const partyMapReply = z.object({
  community: z.object({ id: z.string(), name: z.string() }),
  buildings: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      compound: z.string(),
      point: lngLat,
      leader: buildingLeader.nullable(),
      /** Active households of the building. */
      households: z.number(),
      /** Of those, the ones a 中心户 looks after (or that are a 中心户 themselves). */
      covered: z.number(),
    }),
  ),
});
export type PartyMap = z.infer<typeof partyMapReply>;

export const buildingContactsReply = z.object({
  building: z.object({ id: z.string(), name: z.string(), compound: z.string() }),
  buildingLeader: buildingLeader.nullable(),
  households: z.array(z.object({ id: z.string(), address: z.string(), unitNo: z.number(), roomNo: z.string(), anchor: anchorContact.nullable() })),
});
export type BuildingContacts = z.infer<typeof buildingContactsReply>;
