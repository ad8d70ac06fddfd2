import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { assignmentActionBody, assignmentBody } from "../../../contracts/partners";
import { cases } from "../../db/schema/cases";
import { topics } from "../../db/schema/deliberation";
import { caseLinks } from "../../db/schema/patrols";
import { assignments, talents, teams } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import { can } from "../../platform/policy";
import { communityPath, communityVisible } from "./community-scope";
import { ASSIGNMENT_TRANSITIONS } from "./assignment-workflow";
import { loadTeam } from "./manage-teams";

/** The user behind a team's leader or a talent, who is told about a new assignment. */
async function recipientOf(tx: Tx, input: { teamId?: string | null; talentId?: string | null }): Promise<string | null> {
  const talentId = input.talentId ?? (input.teamId ? (await tx.select({ id: teams.leaderTalentId }).from(teams).where(eq(teams.id, input.teamId)))[0]?.id : null);
  if (!talentId) return null;
  const [t] = await tx.select({ userId: talents.userId }).from(talents).where(eq(talents.id, talentId)).limit(1);
  return t?.userId ?? null;
}

/** Hands a case or a deliberation topic to a team or to one talent of the same community. */
export async function assignProblem(ctx: SignedInContext, tx: Tx, body: z.infer<typeof assignmentBody>): Promise<{ id: string; notify: NotificationInput[] }> {
  if (Boolean(body.teamId) === Boolean(body.talentId)) throw new AppError("VALIDATION_FAILED", [{ path: "/teamId", message: "give a team or a talent" }]);
  let communityId: string;
  if (body.teamId) communityId = (await loadTeam(tx, ctx.user, body.teamId)).communityId;
  else {
    const [t] = await tx.select({ communityId: talents.communityId }).from(talents).where(and(eq(talents.id, body.talentId!), communityVisible(ctx.user, talents.communityId))).limit(1);
    if (!t) throw notFound("talent");
    communityId = t.communityId;
  }
  const ref =
    body.refKind === "case"
      ? (await tx.select({ id: cases.id, title: sql<string>`${cases.number}` }).from(cases).where(and(eq(cases.id, body.refId), eq(cases.communityId, communityId))).limit(1))[0]
      : (await tx.select({ id: topics.id, title: topics.title }).from(topics).where(and(eq(topics.id, body.refId), eq(topics.communityId, communityId))).limit(1))[0];
  if (!ref) throw new AppError("VALIDATION_FAILED", [{ path: "/refId", message: `no such ${body.refKind} in the community` }]);
  const [dup] = await tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.refKind, body.refKind), eq(assignments.refId, body.refId), eq(assignments.status, "open"), body.teamId ? eq(assignments.teamId, body.teamId) : eq(assignments.talentId, body.talentId!)))
    .limit(1);
  if (dup) throw new AppError("CONFLICT", { reason: "already assigned", id: dup.id });

  const id = uuidv7();
  await tx.insert(assignments).values({ id, communityId, refKind: body.refKind, refId: body.refId, teamId: body.teamId ?? null, talentId: body.talentId ?? null, note: body.note ?? null });
  if (body.refKind === "case") await tx.insert(caseLinks).values({ caseId: body.refId, kind: "assignment", refId: id }).onConflictDoNothing();
  await writeAudit(tx, ctx, { action: "assignment.create", targetType: "assignment", targetId: id, areaPath: communityPath(communityId), after: body });
  const to = await recipientOf(tx, body);
  const notify: NotificationInput[] = to ? [{ userId: to, kind: "assignment.new", title: `新的交办事项：${ref.title}`, body: body.note ?? "", link: `${body.refKind}:${body.refId}` }] : [];
  return { id, notify };
}

/**
 * Solves, returns or reopens an assignment: one guarded step of ASSIGNMENT_TRANSITIONS. Staff may
 * take any step; the assignee (the talent, or the team's leader) may solve or return it.
 */
export async function actOnAssignment(ctx: SignedInContext, tx: Tx, id: string, body: z.infer<typeof assignmentActionBody>): Promise<void> {
  const [a] = await tx.select().from(assignments).where(and(eq(assignments.id, id), communityVisible(ctx.user, assignments.communityId))).limit(1).for("update");
  if (!a) throw notFound("assignment");
  if (!can(ctx.user.role, "talent:manage")) {
    // The person it was handed to, or the team's leader, may report it solved from the phone.
    const assignee = await recipientOf(tx, a);
    if (assignee !== ctx.user.id || body.action === "reopen") throw notFound("assignment");
  }
  const step = ASSIGNMENT_TRANSITIONS[body.action];
  if (!step.from.includes(a.status)) throw new AppError("INVALID_TRANSITION", { status: a.status, action: body.action });
  await tx
    .update(assignments)
    .set({ status: step.to, solvedAt: step.to === "solved" ? new Date() : null, note: body.note ?? a.note })
    .where(eq(assignments.id, a.id));
  await writeAudit(tx, ctx, { action: `assignment.${body.action}`, targetType: "assignment", targetId: a.id, areaPath: communityPath(a.communityId), before: { status: a.status }, after: { status: step.to }, reason: body.note ?? null });
}
