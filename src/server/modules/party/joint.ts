import { and, eq, sql } from "drizzle-orm";
import { activities, partnerUnits } from "../../db/schema/partners";
import { partyActivityOrganisers, partyJointUnits } from "../../db/schema/party";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { communityRule, findVisible } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import { areaPathOf } from "../../platform/scope";
import { targetCommunity } from "../partners/community-scope";
import { committeeOf, invalid, loadOrg } from "./access";

/**
 * Joint work with units: 兼职委员 and 大党委 member units are the partner units themselves, linked
 * to the committee; 党建联席会议 are the deliberation meetings of kind `party_joint`; 主题党日 and
 * 群团 activities are partner activities with an organiser, counted in the organiser's record.
 */

export async function listJointUnits(db: DbOrTx, user: AuthUser, communityId: string | undefined) {
  const community = await targetCommunity(db, user, communityId);
  const rows = rowsOf<{ id: string; name: string; party_org: string | null; kind: "part_time_member" | "big_committee"; seat_holder: string | null; since: string }>(
    await db.execute(sql`SELECT u.id, u.name, u.party_org, j.kind, j.seat_holder, j.since::text AS since
      FROM party_joint_units j JOIN party_orgs o ON o.id = j.org_id JOIN partner_units u ON u.id = j.unit_id
      WHERE o.community_id = ${community.id} ORDER BY j.since, u.name`),
  );
  return { items: rows.map((r) => ({ unit: { id: r.id, name: r.name }, partyOrg: r.party_org, kind: r.kind, seatHolder: r.seat_holder, since: r.since })), total: rows.length };
}

export async function linkJointUnit(tx: Tx, ctx: SignedInContext, body: { communityId?: string; unitId: string; kind: "part_time_member" | "big_committee"; seatHolder?: string; since: string }) {
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  const committee = await committeeOf(tx, community.id);
  const [unit] = await tx.select().from(partnerUnits).where(and(eq(partnerUnits.id, body.unitId), eq(partnerUnits.communityId, community.id))).limit(1);
  if (!unit) throw invalid("/unitId", "a partner unit of this community");
  await tx
    .insert(partyJointUnits)
    .values({ orgId: committee.id, unitId: unit.id, kind: body.kind, seatHolder: body.seatHolder ?? null, since: body.since })
    .onConflictDoUpdate({ target: [partyJointUnits.orgId, partyJointUnits.unitId], set: { kind: body.kind, seatHolder: body.seatHolder ?? null, since: body.since } });
  if (!unit.bigCommittee) await tx.update(partnerUnits).set({ bigCommittee: true }).where(eq(partnerUnits.id, unit.id));
  await writeAudit(tx, ctx, { action: "party.joint_unit_link", targetType: "partner_unit", targetId: unit.id, areaPath: areaPathOf(community.id), after: body });
  return { id: unit.id };
}

/** Who organised an activity the caller sees (404 otherwise): the organiser and its party organisation. */
export async function getOrganiser(db: DbOrTx, user: AuthUser, activityId: string) {
  const a = await findVisible<typeof activities.$inferSelect>(db, activities, activities.id, activityId, communityRule(user, { communityId: activities.communityId }), "activity");
  const [row] = rowsOf<{ organiser: (typeof partyActivityOrganisers.$inferSelect)["organiser"]; org_id: string | null; org_name: string | null }>(
    await db.execute(sql`SELECT o.organiser, g.id AS org_id, g.name AS org_name FROM party_activity_organisers o LEFT JOIN party_orgs g ON g.id = o.org_id WHERE o.activity_id = ${a.id}`),
  );
  return { organiser: row?.organiser ?? null, org: row?.org_id ? { id: row.org_id, name: row.org_name ?? "" } : null };
}

/** Names who organised an activity (the committee, one of its branches, 工会, 团委 or 妇联). */
export async function setOrganiser(tx: Tx, ctx: SignedInContext, activityId: string, body: { organiser: "committee" | "branch" | "union" | "youth_league" | "women_federation"; orgId?: string }) {
  const a = await findVisible<typeof activities.$inferSelect>(tx, activities, activities.id, activityId, communityRule(ctx.user, { communityId: activities.communityId }), "activity", { lock: true });
  let orgId: string | null = null;
  if (body.organiser === "branch") {
    if (!body.orgId) throw invalid("/orgId", "name the branch");
    const org = await loadOrg(tx, ctx.user, body.orgId);
    if (org.kind !== "branch" || org.communityId !== a.communityId) throw invalid("/orgId", "a branch of the activity's community");
    orgId = org.id;
  } else if (body.organiser === "committee") {
    orgId = (await committeeOf(tx, a.communityId)).id;
  } else if (body.orgId) throw invalid("/orgId", "only a branch or the committee is a party organisation");
  await tx
    .insert(partyActivityOrganisers)
    .values({ activityId: a.id, communityId: a.communityId, organiser: body.organiser, orgId })
    .onConflictDoUpdate({ target: partyActivityOrganisers.activityId, set: { organiser: body.organiser, orgId } });
  await writeAudit(tx, ctx, { action: "party.activity_organiser", targetType: "activity", targetId: a.id, areaPath: areaPathOf(a.communityId), after: { organiser: body.organiser, orgId } });
  return { id: a.id };
}

/** Each organiser's record: activities held (not cancelled) and volunteer hours paid at check-in. */
export async function organiserRecord(db: DbOrTx, user: AuthUser, q: { communityId?: string; from: string; to: string }) {
  const community = await targetCommunity(db, user, q.communityId);
  const rows = rowsOf<{ organiser: "committee" | "branch" | "union" | "youth_league" | "women_federation"; org_id: string | null; org_name: string | null; activities: number; hours: number }>(
    await db.execute(sql`SELECT po.organiser, o.id AS org_id, o.name AS org_name, count(DISTINCT a.id)::int AS activities,
        coalesce(sum(a.hours) FILTER (WHERE s.checked_in_at IS NOT NULL), 0)::float AS hours
      FROM party_activity_organisers po JOIN activities a ON a.id = po.activity_id
      LEFT JOIN party_orgs o ON o.id = po.org_id
      LEFT JOIN signups s ON s.activity_id = a.id AND s.status = 'confirmed'
      WHERE po.community_id = ${community.id} AND a.status <> 'cancelled'
        AND (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${q.from}::date AND ${q.to}::date
      GROUP BY po.organiser, o.id, o.name ORDER BY activities DESC`),
  );
  return { items: rows.map((r) => ({ organiser: r.organiser, org: r.org_id ? { id: r.org_id, name: r.org_name ?? "" } : null, activities: Number(r.activities), hours: Math.round(Number(r.hours) * 10) / 10 })) };
}
