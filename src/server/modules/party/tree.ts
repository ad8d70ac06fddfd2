import { and, eq, inArray, or, sql } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { buildings, places } from "../../db/schema/places";
import { partyGroupBuildings, partyMembers, partyOrgGrids, partyOrgs } from "../../db/schema/party";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { areaPathOf } from "../../platform/scope";
import type { OrgBody, OrgNode, OrgPatchBody, TreeReply } from "../../../contracts/party";
import { targetCommunity } from "../partners/community-scope";
import { gridOf, invalid, loadMember, loadOrg, type OrgRow } from "./access";

/** Kinds of registry place that are 两新 organisations (new economic and social organisations). */
export const TWO_NEW_PLACE_KINDS = ["enterprise", "shop", "commercial_centre"] as const;

/**
 * The organisation tree of one community: committee → branches (grids or a 两新 organisation) →
 * party groups (a 楼栋长 over buildings). Leaders are public roles in the community and named in full.
 */
export async function getTree(db: DbOrTx, user: AuthUser, communityId: string | undefined): Promise<TreeReply> {
  const community = await targetCommunity(db, user, communityId);
  const rows = rowsOf<{
    id: string; parent_id: string | null; kind: OrgNode["kind"]; name: string; founded_on: string | null; joint: boolean;
    leader_id: string | null; leader_name: string | null; place_id: string | null; place_name: string | null; members: number;
    grids: Array<{ id: string; name: string }> | null; buildings: Array<{ id: string; name: string }> | null;
  }>(
    await db.execute(sql`
      SELECT o.id, o.parent_id, o.kind, o.name, o.founded_on::text AS founded_on, o.joint,
        lm.id AS leader_id, lp.name AS leader_name, pl.id AS place_id, pl.name AS place_name,
        (SELECT count(*)::int FROM party_members m WHERE m.org_id = o.id OR m.group_id = o.id) AS members,
        (SELECT json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY a.name) FROM party_org_grids g JOIN areas a ON a.id = g.area_id WHERE g.org_id = o.id) AS grids,
        (SELECT json_agg(json_build_object('id', b.id, 'name', c.name || b.name) ORDER BY c.name, b.name) FROM party_group_buildings gb JOIN buildings b ON b.id = gb.building_id JOIN compounds c ON c.id = b.compound_id WHERE gb.org_id = o.id) AS buildings
      FROM party_orgs o
      LEFT JOIN party_members lm ON lm.id = o.leader_member_id
      LEFT JOIN persons lp ON lp.id = lm.person_id
      LEFT JOIN places pl ON pl.id = o.place_id
      WHERE o.community_id = ${community.id}
      ORDER BY CASE o.kind WHEN 'committee' THEN 0 WHEN 'branch' THEN 1 ELSE 2 END, o.created_at, o.name`),
  );
  return {
    community: { id: community.id, name: community.name },
    orgs: rows.map((r) => ({
      id: r.id,
      parentId: r.parent_id,
      kind: r.kind,
      name: r.name,
      leader: r.leader_id ? { memberId: r.leader_id, name: r.leader_name ?? "" } : null,
      grids: r.grids ?? [],
      buildings: r.buildings ?? [],
      place: r.place_id ? { id: r.place_id, name: r.place_name ?? "" } : null,
      foundedOn: r.founded_on,
      joint: r.joint,
      members: Number(r.members),
    })),
  };
}

/** The grids must be grids of the community (a branch never covers another community's grid). */
async function checkGrids(tx: DbOrTx, communityId: string, gridIds: string[]): Promise<string[]> {
  const ids = [...new Set(gridIds)];
  if (ids.length === 0) return ids;
  const found = await tx.select({ id: areas.id }).from(areas).where(and(inArray(areas.id, ids), eq(areas.level, "grid"), eq(areas.communityId, communityId)));
  const ok = new Set(found.map((r) => r.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw invalid("/gridIds", "a grid of another community or not a grid", { gridIds: bad });
  return ids;
}

/** The buildings must lie in the community and, when the branch covers grids, in those grids. */
async function checkBuildings(tx: DbOrTx, branch: OrgRow, buildingIds: string[]): Promise<string[]> {
  const ids = [...new Set(buildingIds)];
  if (ids.length === 0) return ids;
  const grids = (await tx.select({ id: partyOrgGrids.areaId }).from(partyOrgGrids).where(eq(partyOrgGrids.orgId, branch.id))).map((g) => g.id);
  const found = await tx
    .select({ id: buildings.id })
    .from(buildings)
    .where(and(inArray(buildings.id, ids), eq(buildings.communityId, branch.communityId), grids.length ? sql`${gridOf(buildings.areaId)} IN ${grids}` : undefined));
  const ok = new Set(found.map((r) => r.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw invalid("/buildingIds", "a building outside the branch's grids", { buildingIds: bad });
  return ids;
}

export async function createOrg(tx: Tx, ctx: SignedInContext, body: OrgBody): Promise<{ id: string }> {
  const parent = await loadOrg(tx, ctx.user, body.parentId, true);
  const id = uuidv7();
  let areaId = parent.areaId;
  let placeId: string | null = null;
  if (body.kind === "branch") {
    if (parent.kind !== "committee") throw invalid("/parentId", "a branch belongs to the committee");
    if (body.buildingIds?.length) throw invalid("/buildingIds", "a branch covers grids; its groups cover buildings");
    const gridIds = await checkGrids(tx, parent.communityId, body.gridIds ?? []);
    if (body.placeId) {
      const [place] = await tx.select().from(places).where(and(eq(places.id, body.placeId), eq(places.communityId, parent.communityId))).limit(1);
      if (!place || !(TWO_NEW_PLACE_KINDS as readonly string[]).includes(place.kind)) throw invalid("/placeId", "not a 两新 organisation of this community");
      placeId = place.id;
      areaId = place.areaId;
    } else if (gridIds.length === 0) throw invalid("/gridIds", "a branch covers one or more grids or a 两新 organisation");
    if (gridIds.length) areaId = gridIds[0];
    await tx.insert(partyOrgs).values({ id, communityId: parent.communityId, areaId, parentId: parent.id, kind: "branch", name: body.name, placeId, foundedOn: body.foundedOn ?? null, joint: body.joint ?? false });
    if (gridIds.length) await tx.insert(partyOrgGrids).values(gridIds.map((areaId) => ({ orgId: id, areaId })));
  } else {
    if (parent.kind !== "branch") throw invalid("/parentId", "a party group belongs to a branch");
    if (body.gridIds?.length || body.placeId) throw invalid("/gridIds", "a party group covers buildings");
    const buildingIds = await checkBuildings(tx, parent, body.buildingIds ?? []);
    if (buildingIds.length === 0) throw invalid("/buildingIds", "a party group covers one or more buildings");
    await tx.insert(partyOrgs).values({ id, communityId: parent.communityId, areaId: parent.areaId, parentId: parent.id, kind: "group", name: body.name, foundedOn: body.foundedOn ?? null });
    await tx.insert(partyGroupBuildings).values(buildingIds.map((buildingId) => ({ orgId: id, buildingId })));
  }
  await writeAudit(tx, ctx, { action: "party.org_create", targetType: "party_org", targetId: id, areaPath: areaPathOf(parent.communityId), after: body });
  return { id };
}

export async function updateOrg(tx: Tx, ctx: SignedInContext, id: string, body: OrgPatchBody): Promise<{ id: string }> {
  const org = await loadOrg(tx, ctx.user, id, true);
  if (body.name !== undefined) await tx.update(partyOrgs).set({ name: body.name }).where(eq(partyOrgs.id, id));
  if (body.gridIds !== undefined) {
    if (org.kind !== "branch" || org.placeId) throw invalid("/gridIds", "only a grid branch covers grids");
    const gridIds = await checkGrids(tx, org.communityId, body.gridIds);
    if (gridIds.length === 0) throw invalid("/gridIds", "a branch covers one or more grids");
    await tx.delete(partyOrgGrids).where(eq(partyOrgGrids.orgId, id));
    await tx.insert(partyOrgGrids).values(gridIds.map((areaId) => ({ orgId: id, areaId })));
    await tx.update(partyOrgs).set({ areaId: gridIds[0] }).where(eq(partyOrgs.id, id));
  }
  if (body.buildingIds !== undefined) {
    if (org.kind !== "group") throw invalid("/buildingIds", "only a party group covers buildings");
    const branch = await loadOrg(tx, ctx.user, org.parentId!);
    const buildingIds = await checkBuildings(tx, branch, body.buildingIds);
    if (buildingIds.length === 0) throw invalid("/buildingIds", "a party group covers one or more buildings");
    await tx.delete(partyGroupBuildings).where(eq(partyGroupBuildings.orgId, id));
    await tx.insert(partyGroupBuildings).values(buildingIds.map((buildingId) => ({ orgId: id, buildingId })));
  }
  if (body.leaderMemberId !== undefined) {
    if (body.leaderMemberId) {
      const m = await loadMember(tx, ctx.user, body.leaderMemberId, true);
      const belongs = org.kind === "committee" ? m.communityId === org.communityId : org.kind === "group" ? m.groupId === org.id : m.orgId === org.id;
      if (!belongs) throw invalid("/leaderMemberId", "the leader must be a member of this organisation");
      await tx.update(partyMembers).set({ role: org.kind === "group" ? "building_leader" : "secretary" }).where(eq(partyMembers.id, m.id));
    }
    if (org.leaderMemberId && org.leaderMemberId !== body.leaderMemberId) {
      await tx.update(partyMembers).set({ role: "member" }).where(and(eq(partyMembers.id, org.leaderMemberId), or(eq(partyMembers.role, "building_leader"), eq(partyMembers.role, "secretary"))));
    }
    await tx.update(partyOrgs).set({ leaderMemberId: body.leaderMemberId }).where(eq(partyOrgs.id, id));
  }
  await writeAudit(tx, ctx, { action: "party.org_update", targetType: "party_org", targetId: id, areaPath: areaPathOf(org.communityId), before: { name: org.name, leaderMemberId: org.leaderMemberId }, after: body });
  return { id };
}

