import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { communityQuery, partyIdParams } from "../../../contracts/party";
import { buildingContactsReply, partyMapReply } from "../../../contracts/party-map";
import { signedIn } from "../../platform/http";
import { buildingContacts, partyMap } from "./party-map";

const TAGS = ["party"];

/** 党建地图: who the 楼栋长 and 中心户 of the buildings and households are (staff who see the register's households). */
export const partyMapRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  app.get("/party/map", { schema: { tags: TAGS, summary: "The party map: a community's buildings with their 楼栋长 and how many households a 中心户 looks after", querystring: communityQuery, response: { 200: partyMapReply } }, config: { policy: "party:contacts" } }, async (request) =>
    partyMap(db, signedIn(request).user, request.query.communityId),
  );
  app.get("/party/buildings/:id/contacts", { schema: { tags: TAGS, summary: "A building's 楼栋长 and each household's 中心户 (names only)", params: partyIdParams, response: { 200: buildingContactsReply } }, config: { policy: "party:contacts" } }, async (request) =>
    buildingContacts(db, signedIn(request).user, request.params.id),
  );
};
