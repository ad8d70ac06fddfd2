import { and, eq, inArray, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { areas } from "../../db/schema/areas";
import { caseEvents, cases } from "../../db/schema/cases";
import type { Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { uuidv7 } from "../../platform/ids";
import type { NotificationInput } from "../../platform/notify";
import { CASE_LEVEL_OWNERS } from "../../platform/roles";
import { areaWithin } from "../../platform/scope";
import type { ReportCaseBody } from "../../../contracts/cases";
import { reportCase } from "./report-case";
import { clockFor } from "./time-limits";

/**
 * Reports a case that belongs to a functional department from the start (a failed 复查 of a 责令整改
 * notice goes to 市场监管所, 消防 or 城管; an enterprise's need to the department that can settle it):
 * the case is reported like any other (number, routing of the community, timeline, audit) and, in
 * the same transaction, referred to the department level with its handling clock, the referral on
 * the timeline and the department's officers told. The caller owns the community's work, so this
 * is the dispatch the community would do by hand.
 */
export async function reportToDepartment(
  deps: AppDeps,
  ctx: SignedInContext,
  tx: Tx,
  body: ReportCaseBody,
  department: string,
  note: string,
): Promise<{ id: string; number: string; notify: NotificationInput[] }> {
  const { created } = await reportCase(deps, ctx, tx, body);
  const [c] = await tx.select().from(cases).where(eq(cases.id, created.id)).limit(1);
  const now = new Date();
  const clock = await clockFor(tx, deps.calendar, { categoryCode: c.categoryCode, level: "department", kind: "handle", from: now });
  await tx
    .update(cases)
    .set({
      status: "dispatched",
      level: "department",
      maxLevel: "department",
      department,
      handlerId: null,
      acceptedAt: now,
      dispatchedAt: now,
      handleDueAt: clock.dueAt,
      handleWarnAt: clock.warnAt,
      timer: "normal",
      version: c.version + 1,
      updatedAt: now,
    })
    .where(eq(cases.id, c.id));
  await tx.insert(caseEvents).values({
    id: uuidv7(),
    caseId: c.id,
    at: now,
    actorId: ctx.user.id,
    actorName: ctx.user.displayName,
    actorRole: ctx.user.role,
    action: "escalate",
    fromStatus: c.status,
    toStatus: "dispatched",
    level: "department",
    note,
    data: { fromLevel: c.level, toLevel: "department", department },
    visibleToReporter: true,
  });
  const owners = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(areas, eq(areas.id, users.areaId))
    .where(
      and(
        inArray(users.role, [...CASE_LEVEL_OWNERS.department]),
        eq(users.status, "active"),
        eq(users.department, department),
        areaWithin(sql`${c.areaId}::uuid`, areas.path),
      ),
    );
  const notify = owners.map((o) => ({ userId: o.id, kind: "case.assigned", title: `派遣事件 ${created.number}`, body: note, link: `case:${c.id}` }));
  return { id: c.id, number: created.number, notify };
}
