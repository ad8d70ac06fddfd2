import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { assignments, recruitmentCalls, talentApplications, talents, teamMembers, teams } from "../../db/schema/partners";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { maskPhone, type PersonalDataCipher } from "../../platform/personal-data";
import { communityVisible } from "./community-scope";
import { isOpen } from "./apply-to-call";
import { signupUrl } from "./create-call";
import { nameOf, TEAM_KIND_NAMES } from "./labels";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";
import { drillPeriod } from "../reports/drill-filter";

export async function listCalls(db: DbOrTx, user: AuthUser) {
  const rows = await db
    .select({
      c: recruitmentCalls,
      communityName: areas.name,
      pending: sql<number>`(SELECT count(*)::int FROM talent_applications t WHERE t.call_id = "recruitment_calls"."id" AND t.status = 'pending')`,
      approved: sql<number>`(SELECT count(*)::int FROM talent_applications t WHERE t.call_id = "recruitment_calls"."id" AND t.status = 'approved')`,
      rejected: sql<number>`(SELECT count(*)::int FROM talent_applications t WHERE t.call_id = "recruitment_calls"."id" AND t.status = 'rejected')`,
    })
    .from(recruitmentCalls)
    .innerJoin(areas, eq(areas.id, recruitmentCalls.communityId))
    .where(communityVisible(user, recruitmentCalls.communityId))
    .orderBy(desc(recruitmentCalls.opensOn), desc(recruitmentCalls.id));
  return rows.map((r) => ({
    id: r.c.id,
    community: { id: r.c.communityId, name: r.communityName },
    title: r.c.title,
    body: r.c.body,
    slug: r.c.slug,
    categories: r.c.categories,
    channels: r.c.channels,
    opensOn: r.c.opensOn,
    closesOn: r.c.closesOn,
    open: isOpen(r.c),
    signupUrl: signupUrl(r.c.slug),
    applications: { pending: Number(r.pending), approved: Number(r.approved), rejected: Number(r.rejected) },
  }));
}

export async function listApplications(db: DbOrTx, user: AuthUser, cipher: PersonalDataCipher, q: { callId?: string; status?: "pending" | "approved" | "rejected"; limit: number }) {
  const rows = await db
    .select({ a: talentApplications, callTitle: recruitmentCalls.title })
    .from(talentApplications)
    .innerJoin(recruitmentCalls, eq(recruitmentCalls.id, talentApplications.callId))
    .where(
      and(
        communityVisible(user, recruitmentCalls.communityId),
        q.callId ? eq(talentApplications.callId, q.callId) : undefined,
        q.status ? eq(talentApplications.status, q.status) : undefined,
      ),
    )
    .orderBy(desc(talentApplications.createdAt), desc(talentApplications.id))
    .limit(q.limit);
  return rows.map(({ a, callTitle }) => ({
    id: a.id,
    call: { id: a.callId, name: callTitle },
    name: a.name,
    phone: maskPhone(cipher.decrypt(a.phoneEnc)) ?? "",
    category: a.category,
    skills: a.skills,
    intro: a.intro,
    status: a.status,
    createdAt: isoInstant(a.createdAt),
    reviewedAt: isoInstantOrNull(a.reviewedAt),
  }));
}

export function talentFilters(
  user: AuthUser,
  q: { communityId?: string; q?: string; category?: string; teamId?: string; from?: string; to?: string; dated?: "joined" | "roll" },
  area?: SQL,
): SQL | undefined {
  // A report's drill-down: talents who joined in the period, or all on the roll at its end (as partners/figures.ts counts them).
  const period = drillPeriod(q);
  return and(
    area,
    period && q.dated === "joined" ? sql`${talents.joinedOn} BETWEEN ${period.from}::date AND ${period.to}::date` : undefined,
    period && q.dated === "roll" ? sql`${talents.joinedOn} <= ${period.to}::date` : undefined,
    communityVisible(user, talents.communityId),
    q.communityId ? eq(talents.communityId, q.communityId) : undefined,
    q.category ? eq(talents.category, q.category) : undefined,
    q.q ? sql`${talents.name} LIKE ${"%" + q.q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"}` : undefined,
    q.teamId ? sql`${talents.id} IN (SELECT talent_id FROM team_members WHERE team_id = ${q.teamId})` : undefined,
  );
}

/** Talents with their teams, newest first, and how many match in all. */
export async function listTalents(db: DbOrTx, where: SQL | undefined, limit: number) {
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(talents).where(where);
  const rows = await db.select().from(talents).where(where).orderBy(desc(talents.joinedOn), asc(talents.name)).limit(limit);
  const memberships = rows.length
    ? await db
        .select({ talentId: teamMembers.talentId, id: teams.id, name: teams.name })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(inArray(teamMembers.talentId, rows.map((r) => r.id)))
    : [];
  return {
    total: Number(total),
    items: rows.map((t) => ({
      id: t.id,
      name: t.name,
      category: t.category,
      skills: t.skills,
      isRider: t.isRider,
      joinedOn: t.joinedOn,
      userId: t.userId,
      teams: memberships.filter((m) => m.talentId === t.id).map((m) => ({ id: m.id, name: m.name })),
    })),
  };
}

/**
 * Teams with leader, member count and problems solved (assignments marked solved) and open.
 * Subqueries name the outer table in plain SQL: Drizzle leaves columns unqualified in a query
 * without joins, and an unqualified "id" would bind to the subquery's own table.
 */
export async function listTeams(db: DbOrTx, where: SQL | undefined) {
  const rows = await db
    .select({
      t: teams,
      leaderName: sql<string | null>`(SELECT l.name FROM talents l WHERE l.id = "teams"."leader_talent_id")`,
      members: sql<number>`(SELECT count(*)::int FROM team_members m WHERE m.team_id = "teams"."id")`,
      solved: sql<number>`(SELECT count(*)::int FROM assignments s WHERE s.team_id = "teams"."id" AND s.status = 'solved')`,
      open: sql<number>`(SELECT count(*)::int FROM assignments s WHERE s.team_id = "teams"."id" AND s.status = 'open')`,
    })
    .from(teams)
    .where(where)
    .orderBy(asc(teams.createdAt), asc(teams.id));
  return rows.map((r) => ({
    id: r.t.id,
    name: r.t.name,
    kind: r.t.kind,
    kindName: nameOf(TEAM_KIND_NAMES, r.t.kind),
    leader: r.t.leaderTalentId && r.leaderName ? { id: r.t.leaderTalentId, name: r.leaderName } : null,
    members: Number(r.members),
    solved: Number(r.solved),
    open: Number(r.open),
  }));
}

/** Assignments with the title of what was handed over (case number and category, or topic title). */
export async function listAssignments(db: DbOrTx, where: SQL | undefined, limit: number) {
  const rows = await db
    .select({
      a: assignments,
      teamName: teams.name,
      talentName: talents.name,
      refTitle: sql<string | null>`CASE "assignments"."ref_kind"
        WHEN 'case' THEN (SELECT c.number || ' ' || k.name FROM cases c JOIN case_categories k ON k.code = c.category_code WHERE c.id = "assignments"."ref_id")
        ELSE (SELECT t.title FROM topics t WHERE t.id = "assignments"."ref_id") END`,
    })
    .from(assignments)
    .leftJoin(teams, eq(teams.id, assignments.teamId))
    .leftJoin(talents, eq(talents.id, assignments.talentId))
    .where(where)
    .orderBy(desc(assignments.createdAt), desc(assignments.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.a.id,
    refKind: r.a.refKind,
    refId: r.a.refId,
    refTitle: r.refTitle ?? "",
    team: r.a.teamId && r.teamName ? { id: r.a.teamId, name: r.teamName } : null,
    talent: r.a.talentId && r.talentName ? { id: r.a.talentId, name: r.talentName } : null,
    status: r.a.status,
    note: r.a.note,
    createdAt: isoInstant(r.a.createdAt),
    solvedAt: isoInstantOrNull(r.a.solvedAt),
  }));
}
