import { sql } from "drizzle-orm";
import { buildings } from "../../db/schema/places";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { areaRule, findVisible } from "../../platform/access";
import { parsePoint } from "../../db/schema/types";
import type { BuildingContacts, PartyMap } from "../../../contracts/party-map";
import { targetCommunity } from "../partners/community-scope";

/**
 * The party map (党建地图): who the 楼栋长 of each residential building is and how many of its
 * households a 中心户 looks after; and, for one building, each household's 中心户. 楼栋长 and 中心户
 * are public roles in the building, so their names are shown (never phones), like
 * `householdContacts`. Buildings and households are reached through the area rule: a grid worker
 * sees those of their grid, staff those of their subtree.
 */

/** SQL: the building's 楼栋长 (the leader of the party group covering it), one row or none. */
const LEADER_JOIN = sql`
  LEFT JOIN party_group_buildings gb ON gb.building_id = b.id
  LEFT JOIN party_orgs g ON g.id = gb.org_id AND g.kind = 'group'
  LEFT JOIN party_members lm ON lm.id = g.leader_member_id
  LEFT JOIN persons lp ON lp.id = lm.person_id`;

/** SQL: the households a 中心户 looks after, and the 中心户 households themselves. */
const COVERED = sql`(SELECT l.household_id FROM party_anchor_links l UNION SELECT ah.household_id FROM party_anchor_households ah)`;

type Leader = { leader_name: string | null; group_name: string | null };
const leaderOf = (r: Leader) => (r.leader_name ? { name: r.leader_name, group: r.group_name ?? "" } : null);

/** The community's residential buildings placed on the map, each with its 楼栋长 and 中心户 coverage. */
export async function partyMap(db: DbOrTx, user: AuthUser, communityId: string | undefined): Promise<PartyMap> {
  const community = await targetCommunity(db, user, communityId);
  const rows = rowsOf<Leader & { id: string; name: string; compound: string; location: unknown; households: number; covered: number }>(
    await db.execute(sql`
      SELECT b.id, b.name, c.name AS compound, b.location, lp.name AS leader_name, g.name AS group_name,
        (SELECT count(*)::int FROM households h WHERE h.building_id = b.id AND h.status = 'active') AS households,
        (SELECT count(*)::int FROM households h WHERE h.building_id = b.id AND h.status = 'active' AND h.id IN ${COVERED}) AS covered
      FROM buildings b
      JOIN compounds c ON c.id = b.compound_id
      ${LEADER_JOIN}
      WHERE b.community_id = ${community.id} AND b.location IS NOT NULL AND ${areaRule(user, { areaId: sql`b.area_id` })}
      ORDER BY c.name, b.name, b.id`),
  );
  return {
    community: { id: community.id, name: community.name },
    buildings: rows.flatMap((r) => {
      const point = parsePoint(r.location);
      return point
        ? [{ id: r.id, name: r.name, compound: r.compound, point, leader: leaderOf(r), households: Number(r.households), covered: Number(r.covered) }]
        : [];
    }),
  };
}

/** One building: its 楼栋长 and its active households, each with the 中心户 looking after it. */
export async function buildingContacts(db: DbOrTx, user: AuthUser, buildingId: string): Promise<BuildingContacts> {
  const b = await findVisible<typeof buildings.$inferSelect>(db, buildings, buildings.id, buildingId, areaRule(user, { areaId: buildings.areaId }), "building");
  const [head] = rowsOf<Leader & { compound: string }>(
    await db.execute(sql`SELECT c.name AS compound, lp.name AS leader_name, g.name AS group_name
      FROM buildings b JOIN compounds c ON c.id = b.compound_id ${LEADER_JOIN} WHERE b.id = ${b.id} LIMIT 1`),
  );
  // A household looked after by a 中心户 names that one; a 中心户's own household names itself.
  const rows = rowsOf<{ id: string; address: string; unit_no: number; room_no: string; anchor_name: string | null; anchor_address: string | null }>(
    await db.execute(sql`
      SELECT h.id, h.address, h.unit_no, h.room_no, a.name AS anchor_name, a.address AS anchor_address
      FROM households h
      LEFT JOIN LATERAL (
        SELECT p.name, oh.address FROM (
          SELECT l.member_id, 0 AS rank FROM party_anchor_links l WHERE l.household_id = h.id
          UNION ALL SELECT ah.member_id, 1 AS rank FROM party_anchor_households ah WHERE ah.household_id = h.id
        ) x
        JOIN party_anchor_households ah ON ah.member_id = x.member_id
        JOIN party_members m ON m.id = ah.member_id
        JOIN persons p ON p.id = m.person_id
        JOIN households oh ON oh.id = ah.household_id
        ORDER BY x.rank, m.id LIMIT 1
      ) a ON true
      WHERE h.building_id = ${b.id} AND h.status = 'active' AND ${areaRule(user, { areaId: sql`h.area_id` })}
      ORDER BY h.unit_no, length(h.room_no), h.room_no, h.id`),
  );
  return {
    building: { id: b.id, name: b.name, compound: head?.compound ?? "" },
    buildingLeader: head ? leaderOf(head) : null,
    households: rows.map((r) => ({
      id: r.id,
      address: r.address,
      unitNo: Number(r.unit_no),
      roomNo: r.room_no,
      anchor: r.anchor_name ? { name: r.anchor_name, address: r.anchor_address ?? "" } : null,
    })),
  };
}
