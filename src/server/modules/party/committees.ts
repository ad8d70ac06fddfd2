import { and, eq, sql, type SQL } from "drizzle-orm";
import { communityCommitteeMembers } from "../../db/schema/party";
import { persons } from "../../db/schema/places";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { communityRule, findVisible } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { maskName } from "../../platform/personal-data";
import { areaPathOf } from "../../platform/scope";
import { localDay } from "../../platform/clock";
import type { CommitteeMemberBody, CommitteeMemberItem, CommitteeMembers } from "../../../contracts/party-committees";
import { targetCommunity } from "../partners/community-scope";
import { invalid } from "./access";

/**
 * 社区“两委”: the members of the community's party committee and residents' committee, with their
 * position and term. A record belongs to a community (`communityRule`, routes checked on
 * `party:read` / `party:write`); a term is ended, never deleted, so a report of a past period still
 * finds who was in office then. The work report's `party.branch_secretaries_from_committees` counts
 * the 居民区 branches led by a member in office at the period's end (`RESIDENTIAL_BRANCH`,
 * `ledByCommitteeMember`).
 */

export type CommitteeMemberRow = typeof communityCommitteeMembers.$inferSelect;

/** SQL: a party org (alias o) is a 居民区 branch — of a grid or a compound, not community-wide, not a 两新 organisation's. */
export const RESIDENTIAL_BRANCH = sql`(o.kind = 'branch' AND o.place_id IS NULL AND NOT o.joint AND o.area_id <> o.community_id)`;

/** SQL: the secretary of the org (alias o) sits on the community's 两委 on `day`. */
export const ledByCommitteeMember = (day: string | SQL) => sql`EXISTS (
  SELECT 1 FROM party_members sm JOIN community_committee_members cm ON cm.person_id = sm.person_id AND cm.community_id = o.community_id
  WHERE sm.id = o.leader_member_id AND cm.from_on <= ${day}::date AND (cm.to_on IS NULL OR cm.to_on >= ${day}::date))`;

export function loadCommitteeMember(db: DbOrTx, user: AuthUser, id: string, lock = false): Promise<CommitteeMemberRow> {
  return findVisible(db, communityCommitteeMembers, communityCommitteeMembers.id, id, communityRule(user, { communityId: communityCommitteeMembers.communityId }), "committee_member", { lock });
}

type Row = {
  id: string; person_id: string; name: string; committee: CommitteeMemberItem["committee"]; position: string; from_on: string; to_on: string | null;
  branch_id: string | null; branch_name: string | null;
};

/** The 两委 of a community: members in office first (party committee before residents' committee), then past terms. */
export async function listCommitteeMembers(db: DbOrTx, user: AuthUser, q: { communityId?: string; asOf?: string }): Promise<CommitteeMembers> {
  const community = await targetCommunity(db, user, q.communityId);
  const today = localDay();
  const rows = rowsOf<Row>(
    await db.execute(sql`
      SELECT cm.id, cm.person_id, p.name, cm.committee, cm.position, cm.from_on::text AS from_on, cm.to_on::text AS to_on,
        (SELECT o.id FROM party_orgs o JOIN party_members sm ON sm.id = o.leader_member_id WHERE sm.person_id = cm.person_id AND o.community_id = cm.community_id AND ${RESIDENTIAL_BRANCH} ORDER BY o.name LIMIT 1) AS branch_id,
        (SELECT o.name FROM party_orgs o JOIN party_members sm ON sm.id = o.leader_member_id WHERE sm.person_id = cm.person_id AND o.community_id = cm.community_id AND ${RESIDENTIAL_BRANCH} ORDER BY o.name LIMIT 1) AS branch_name
      FROM community_committee_members cm JOIN persons p ON p.id = cm.person_id
      WHERE cm.community_id = ${community.id}
        ${q.asOf ? sql`AND cm.from_on <= ${q.asOf}::date AND (cm.to_on IS NULL OR cm.to_on >= ${q.asOf}::date)` : sql``}
      ORDER BY (cm.to_on IS NULL OR cm.to_on >= ${today}::date) DESC, cm.committee,
        CASE WHEN cm.position LIKE '%副%' THEN 1 WHEN cm.position IN ('书记', '主任') THEN 0 ELSE 2 END, cm.from_on, cm.id`),
  );
  const [counts] = rowsOf<{ current: number; secretaries: number }>(
    await db.execute(sql`SELECT
      (SELECT count(DISTINCT cm.person_id)::int FROM community_committee_members cm WHERE cm.community_id = ${community.id}
        AND cm.from_on <= ${today}::date AND (cm.to_on IS NULL OR cm.to_on >= ${today}::date)) AS current,
      (SELECT count(*)::int FROM party_orgs o WHERE o.community_id = ${community.id} AND ${RESIDENTIAL_BRANCH} AND ${ledByCommitteeMember(today)}) AS secretaries`),
  );
  return {
    community: { id: community.id, name: community.name },
    items: rows.map((r) => ({
      id: r.id,
      person: { id: r.person_id, name: maskName(r.name) },
      committee: r.committee,
      position: r.position,
      fromOn: r.from_on,
      toOn: r.to_on,
      secretaryOf: r.branch_id ? { id: r.branch_id, name: r.branch_name ?? "" } : null,
    })),
    current: Number(counts?.current ?? 0),
    branchSecretaries: Number(counts?.secretaries ?? 0),
  };
}

/** Puts a resident of the community on one of its committees. One open term per person and committee (409 otherwise). */
export async function addCommitteeMember(tx: Tx, ctx: SignedInContext, body: CommitteeMemberBody): Promise<{ id: string }> {
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  const [person] = await tx.select({ id: persons.id }).from(persons).where(and(eq(persons.id, body.personId), eq(persons.communityId, community.id), eq(persons.status, "active"))).limit(1);
  if (!person) throw invalid("/personId", "not a resident of the community");
  // Serialise additions for one person, so two concurrent ones cannot both open a term.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`committee:${person.id}`}))`);
  const [open] = rowsOf<{ id: string }>(
    await tx.execute(sql`SELECT id FROM community_committee_members WHERE person_id = ${person.id} AND committee = ${body.committee} AND community_id = ${community.id}
      AND (to_on IS NULL OR to_on >= ${body.fromOn}::date) LIMIT 1`),
  );
  if (open) throw new AppError("CONFLICT", { reason: "already_on_committee", id: open.id });
  const id = uuidv7();
  await tx.insert(communityCommitteeMembers).values({ id, communityId: community.id, personId: person.id, committee: body.committee, position: body.position, fromOn: body.fromOn });
  await writeAudit(tx, ctx, {
    action: "party.committee_member_add",
    targetType: "committee_member",
    targetId: id,
    areaPath: areaPathOf(community.id),
    after: { personId: person.id, committee: body.committee, position: body.position, fromOn: body.fromOn },
  });
  return { id };
}

/** Ends a member's term on a day (not before it began); an ended term is not ended again (409). */
export async function endCommitteeMember(tx: Tx, ctx: SignedInContext, id: string, toOn: string): Promise<{ id: string }> {
  const m = await loadCommitteeMember(tx, ctx.user, id, true);
  if (m.toOn) throw new AppError("CONFLICT", { reason: "term_ended", toOn: m.toOn });
  if (toOn < m.fromOn) throw invalid("/toOn", "the term ends on or after it began", { fromOn: m.fromOn });
  await tx.update(communityCommitteeMembers).set({ toOn }).where(eq(communityCommitteeMembers.id, m.id));
  await writeAudit(tx, ctx, { action: "party.committee_member_end", targetType: "committee_member", targetId: m.id, areaPath: areaPathOf(m.communityId), before: { toOn: null }, after: { toOn } });
  return { id: m.id };
}
