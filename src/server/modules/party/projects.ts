import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { partnerUnits } from "../../db/schema/partners";
import { partyProjectMilestones, partyProjectOrigins, partyProjects, partyProjectUnits } from "../../db/schema/party";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import type { AppDeps } from "../../platform/deps";
import { CASE_ALIAS_COLUMNS, caseRule, communityRule } from "../../platform/access";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { areaPathOf } from "../../platform/scope";
import { daysBetween } from "../../platform/clock";
import { claimPhotos, fileUrls } from "../../platform/uploads";
import type { NotificationInput } from "../../platform/notify";
import type { ProjectBody, ProjectDetail, ProjectView } from "../../../contracts/party";
import { targetCommunity } from "../partners/community-scope";
import { closeCasesByReference } from "../cases/close-by-reference";
import { createPlan } from "../patrols/create-plan";
import { invalid, loadProject, type ProjectRow } from "./access";
import { drillPeriod, inPeriod } from "../reports/drill-filter";

/**
 * 书记领办: a project the secretary leads, from cases, topics or a resolution, with milestones
 * (planned and actual days, never before the start), progress photos and a public page. On
 * completion the finished object goes under grid patrol and the originating cases close with a
 * reference to the project.
 */

type MilestoneRow = typeof partyProjectMilestones.$inferSelect;

async function milestonesOf(db: DbOrTx, ids: string[]): Promise<Map<string, MilestoneRow[]>> {
  const out = new Map<string, MilestoneRow[]>();
  if (ids.length === 0) return out;
  const rows = await db.select().from(partyProjectMilestones).where(inArray(partyProjectMilestones.projectId, ids)).orderBy(asc(partyProjectMilestones.seq));
  for (const r of rows) (out.get(r.projectId) ?? out.set(r.projectId, []).get(r.projectId)!).push(r);
  return out;
}

/** Days from start to completion; null while running or when a stored day cannot be read (never NaN, never throws). */
function projectDays(startedOn: string, completedOn: string | null): number | null {
  if (!completedOn) return null;
  const days = daysBetween(startedOn, completedOn);
  return Number.isFinite(days) ? days : null;
}

function view(p: ProjectRow, communityName: string, ms: MilestoneRow[], units: Array<{ id: string; name: string }>): ProjectView {
  const done = ms.filter((m) => m.doneOn).length;
  return {
    id: p.id,
    community: { id: p.communityId, name: communityName },
    title: p.title,
    summary: p.summary,
    leadName: p.leadName,
    status: p.status,
    startedOn: p.startedOn,
    completedOn: p.completedOn,
    days: projectDays(p.startedOn, p.completedOn),
    progress: ms.length ? Math.round((done / ms.length) * 100) : 0,
    milestones: ms.map((m) => ({
      seq: m.seq,
      title: m.title,
      plannedOn: m.plannedOn,
      doneOn: m.doneOn,
      note: m.note,
      photos: (Array.isArray(m.photoIds) ? m.photoIds : []).map((id) => ({ id, ...fileUrls(id) })),
    })),
    departments: Array.isArray(p.departments) ? p.departments : [],
    units,
  };
}

async function unitsOf(db: DbOrTx, ids: string[]) {
  const out = new Map<string, Array<{ id: string; name: string }>>();
  if (ids.length === 0) return out;
  const rows = await db.select({ projectId: partyProjectUnits.projectId, id: partnerUnits.id, name: partnerUnits.name }).from(partyProjectUnits).innerJoin(partnerUnits, eq(partnerUnits.id, partyProjectUnits.unitId)).where(inArray(partyProjectUnits.projectId, ids));
  for (const r of rows) (out.get(r.projectId) ?? out.set(r.projectId, []).get(r.projectId)!).push({ id: r.id, name: r.name });
  return out;
}

/** Projects of the communities the caller sees, running ones first, then newest. Residents get the same public view. */
/** Projects, running first; with a period, those completed in it (as the report's 书记领办项目完成 counts them). */
export async function listProjects(db: DbOrTx, user: AuthUser, q: { communityId?: string; from?: string; to?: string } = {}): Promise<{ items: ProjectView[]; total: number }> {
  const period = drillPeriod(q);
  const { communityId } = q;
  const rows = await db
    .select({ p: partyProjects, communityName: areas.name })
    .from(partyProjects)
    .innerJoin(areas, eq(areas.id, partyProjects.communityId))
    .where(
      and(
        communityRule(user, { communityId: partyProjects.communityId }),
        communityId ? eq(partyProjects.communityId, communityId) : undefined,
        period ? and(eq(partyProjects.status, "completed"), inPeriod(sql`${partyProjects.completedOn}`, period)) : undefined,
      ),
    )
    .orderBy(sql`${partyProjects.status} = 'completed'`, sql`${partyProjects.startedOn} DESC`, asc(partyProjects.id))
    .limit(200);
  const ids = rows.map((r) => r.p.id);
  const [ms, us] = await Promise.all([milestonesOf(db, ids), unitsOf(db, ids)]);
  return { items: rows.map((r) => view(r.p, r.communityName, ms.get(r.p.id) ?? [], us.get(r.p.id) ?? [])), total: rows.length };
}

export async function getPublicProject(db: DbOrTx, user: AuthUser, id: string): Promise<ProjectView> {
  const p = await loadProject(db, user, id);
  const [name] = rowsOf<{ name: string }>(await db.execute(sql`SELECT name FROM areas WHERE id = ${p.communityId}`));
  const [ms, us] = await Promise.all([milestonesOf(db, [p.id]), unitsOf(db, [p.id])]);
  return view(p, name?.name ?? "", ms.get(p.id) ?? [], us.get(p.id) ?? []);
}

/** The staff detail: the public view plus where it came from and the patrol plan it handed over to. */
export async function getProject(db: DbOrTx, user: AuthUser, id: string): Promise<ProjectDetail> {
  const base = await getPublicProject(db, user, id);
  const origins = rowsOf<{ kind: "case" | "topic" | "resolution"; id: string; label: string | null; status: string | null }>(
    await db.execute(sql`SELECT o.kind, o.ref_id AS id,
        CASE o.kind WHEN 'case' THEN (SELECT c.number FROM cases c WHERE c.id = o.ref_id)
          WHEN 'topic' THEN (SELECT t.title FROM topics t WHERE t.id = o.ref_id)
          ELSE (SELECT r.text FROM resolutions r WHERE r.id = o.ref_id) END AS label,
        CASE o.kind WHEN 'case' THEN (SELECT c.status FROM cases c WHERE c.id = o.ref_id)
          WHEN 'topic' THEN (SELECT t.status FROM topics t WHERE t.id = o.ref_id)
          ELSE (SELECT r.status FROM resolutions r WHERE r.id = o.ref_id) END AS status
      FROM party_project_origins o WHERE o.project_id = ${id} ORDER BY o.kind, o.ref_id`),
  );
  const [p] = await db.select({ patrolPlanId: partyProjects.patrolPlanId }).from(partyProjects).where(eq(partyProjects.id, id));
  return { ...base, origins: origins.map((o) => ({ kind: o.kind, id: o.id, label: o.label ?? "", status: o.status })), patrolPlanId: p?.patrolPlanId ?? null };
}

export async function createProject(tx: Tx, ctx: SignedInContext, body: ProjectBody): Promise<{ id: string }> {
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  body.milestones.forEach((m, i) => {
    if (m.plannedOn < body.startedOn) throw invalid(`/milestones/${i}/plannedOn`, "before the project's start");
  });
  const byKind = (k: string) => [...new Set(body.origins.filter((o) => o.kind === k).map((o) => o.id))];
  const caseIds = byKind("case");
  if (caseIds.length) {
    const [{ n }] = rowsOf<{ n: number }>(
      await tx.execute(sql`SELECT count(*)::int AS n FROM cases c WHERE c.id IN ${caseIds} AND c.community_id = ${community.id} AND ${caseRule(ctx.user, CASE_ALIAS_COLUMNS)}`),
    );
    if (Number(n) !== caseIds.length) throw invalid("/origins", "a case of another community or out of reach");
  }
  for (const [kind, table] of [["topic", sql`topics`], ["resolution", sql`resolutions`]] as const) {
    const ids = byKind(kind);
    if (!ids.length) continue;
    const [{ n }] = rowsOf<{ n: number }>(await tx.execute(sql`SELECT count(*)::int AS n FROM ${table} x WHERE x.id IN ${ids} AND x.community_id = ${community.id}`));
    if (Number(n) !== ids.length) throw invalid("/origins", `a ${kind} of another community`);
  }
  const unitIds = [...new Set(body.unitIds)];
  if (unitIds.length) {
    const found = await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(inArray(partnerUnits.id, unitIds), eq(partnerUnits.communityId, community.id)));
    if (found.length !== unitIds.length) throw invalid("/unitIds", "a partner unit of another community");
  }
  const id = uuidv7();
  await tx.insert(partyProjects).values({
    id,
    communityId: community.id,
    areaId: community.id,
    title: body.title,
    summary: body.summary ?? "",
    leadUserId: ctx.user.id,
    leadName: ctx.user.displayName,
    departments: body.departments,
    startedOn: body.startedOn,
  });
  const origins = [...new Map(body.origins.map((o) => [`${o.kind}:${o.id}`, o])).values()];
  if (origins.length) await tx.insert(partyProjectOrigins).values(origins.map((o) => ({ projectId: id, kind: o.kind, refId: o.id })));
  if (unitIds.length) await tx.insert(partyProjectUnits).values(unitIds.map((unitId) => ({ projectId: id, unitId })));
  await tx.insert(partyProjectMilestones).values(body.milestones.map((m, i) => ({ id: uuidv7(), projectId: id, seq: i + 1, title: m.title, plannedOn: m.plannedOn })));
  await writeAudit(tx, ctx, { action: "party.project_create", targetType: "party_project", targetId: id, areaPath: areaPathOf(community.id), after: body });
  return { id };
}

/** Marks a milestone passed, with its day (not before the start), a public note and photos. */
export async function passMilestone(tx: Tx, ctx: SignedInContext, id: string, seq: number, body: { doneOn: string; note?: string; photoIds: string[] }) {
  const p = await loadProject(tx, ctx.user, id, true);
  if (p.status === "completed") throw new AppError("CONFLICT", { reason: "project_completed" });
  if (body.doneOn < p.startedOn) throw invalid("/doneOn", "before the project's start");
  const [m] = await tx.select().from(partyProjectMilestones).where(and(eq(partyProjectMilestones.projectId, p.id), eq(partyProjectMilestones.seq, seq))).for("update");
  if (!m) throw notFound("milestone");
  const photoIds = await claimPhotos(tx, ctx.user.id, body.photoIds);
  const kept = Array.isArray(m.photoIds) ? m.photoIds : [];
  await tx.update(partyProjectMilestones).set({ doneOn: body.doneOn, note: body.note ?? m.note, photoIds: [...kept, ...photoIds] }).where(eq(partyProjectMilestones.id, m.id));
  await writeAudit(tx, ctx, { action: "party.milestone_pass", targetType: "party_project", targetId: p.id, areaPath: areaPathOf(p.communityId), before: { seq, doneOn: m.doneOn }, after: { seq, ...body } });
  return { id: p.id };
}

/**
 * Completes a project: every milestone passed; the finished object gets a patrol plan (the
 * patrols module's own `createPlan`), and the originating cases close by reference to the project.
 */
export async function completeProject(
  deps: AppDeps,
  tx: Tx,
  ctx: SignedInContext,
  id: string,
  body: { completedOn: string; patrol: { templateFamilyId: string; placeId: string; frequency?: "weekly" | "monthly" | "quarterly" } },
): Promise<{ value: { id: string; patrolPlanId: string; closedCases: string[]; days: number }; notify: NotificationInput[] }> {
  const p = await loadProject(tx, ctx.user, id, true);
  if (p.status === "completed") throw new AppError("CONFLICT", { reason: "project_completed" });
  if (body.completedOn < p.startedOn) throw invalid("/completedOn", "before the project's start");
  const ms = await tx.select().from(partyProjectMilestones).where(eq(partyProjectMilestones.projectId, p.id));
  const open = ms.filter((m) => !m.doneOn).map((m) => m.seq);
  if (open.length) throw new AppError("CONFLICT", { reason: "milestones_open", seqs: open });
  const lastDone = ms.reduce((d, m) => (m.doneOn && m.doneOn > d ? m.doneOn : d), p.startedOn);
  if (body.completedOn < lastDone) throw invalid("/completedOn", "before the last milestone");
  const plan = await createPlan(tx, ctx, { templateFamilyId: body.patrol.templateFamilyId, target: { type: "place", placeId: body.patrol.placeId }, frequency: body.patrol.frequency ?? "weekly" });
  const caseIds = (await tx.select({ id: partyProjectOrigins.refId }).from(partyProjectOrigins).where(and(eq(partyProjectOrigins.projectId, p.id), eq(partyProjectOrigins.kind, "case")))).map((r) => r.id);
  const closed = await closeCasesByReference(deps, ctx, tx, caseIds, { ref: `project:${p.id}`, note: `书记领办项目「${p.title}」已完成，已纳入网格巡查管护` });
  await tx.update(partyProjects).set({ status: "completed", completedOn: body.completedOn, patrolPlanId: plan.id }).where(eq(partyProjects.id, p.id));
  const days = daysBetween(p.startedOn, body.completedOn);
  await writeAudit(tx, ctx, { action: "party.project_complete", targetType: "party_project", targetId: p.id, areaPath: areaPathOf(p.communityId), before: { status: p.status }, after: { status: "completed", completedOn: body.completedOn, patrolPlanId: plan.id, closedCases: closed.closed, days } });
  return { value: { id: p.id, patrolPlanId: plan.id, closedCases: closed.closed, days }, notify: closed.notify };
}
