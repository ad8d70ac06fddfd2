import { and, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../db/client";
import type { AuthUser } from "./context";
import { notFound } from "./errors";
import { can } from "./policy";
import { inGroup } from "./roles";
import { communityVisible, inScope } from "./scope";

/**
 * The access layer: for every kind of resource, one read rule. Each rule is a function of the user
 * that yields the SQL condition for lists; the check for one object is the same condition applied to
 * that object's row (`findVisible`), so a list and a detail can never disagree. Objects outside the
 * rule answer 404. Permissions (`policy.ts`) say which routes a role may call; these rules say which
 * rows the call may touch; `scope.ts` is the area tree under both.
 *
 * Rules take the columns they read, so they apply to a table, an alias or a raw-SQL row alike.
 */

type Col = AnyColumn | SQL;

/** Rows of the user's area subtree (topics, meetings, questionnaires, visits, households, places …). */
export function areaRule(user: AuthUser, cols: { areaId: Col }): SQL {
  return inScope(user, cols.areaId);
}

/** Community-wide rows (partner units, calls, teams, activities, notices): see `visibleCommunityIds`. */
export function communityRule(user: AuthUser, cols: { communityId: Col }): SQL {
  return communityVisible(user, cols.communityId);
}

/**
 * Cases: staff read the cases of their scope (department officers only their department's);
 * everyone reads what they reported themselves.
 */
export function caseRule(user: AuthUser, cols: { areaId: Col; reporterId: Col; department: Col }): SQL {
  const mine = sql`${cols.reporterId} = ${user.id}`;
  if (!inGroup(user.role, "staff")) return mine;
  const scoped = inGroup(user.role, "departmentBound")
    ? sql`(${inScope(user, cols.areaId)} AND ${cols.department} = ${user.department ?? null})`
    : inScope(user, cols.areaId);
  return sql`(${scoped} OR ${mine})`;
}

/** The columns `caseRule` reads, in raw SQL over `cases c`. */
export const CASE_ALIAS_COLUMNS = { areaId: sql`c.area_id`, reporterId: sql`c.reporter_id`, department: sql`c.department` };

/** Whether a case row (already loaded) is one the user reaches as staff (scope and department). */
export function caseStaffReach(user: AuthUser, c: { department: string | null }, areaInUserScope: boolean): boolean {
  if (!areaInUserScope || !inGroup(user.role, "staff")) return false;
  return !inGroup(user.role, "departmentBound") || c.department === user.department;
}

/** Whether the user may see persons carrying a restricted tag (重点人员) and what they say. */
export function seesRestricted(user: AuthUser): boolean {
  return can(user.role, "person:restricted");
}

/** SQL: the person (by id column) carries no active restricted tag. */
export function personUnrestricted(personId: Col): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM person_tags rpt JOIN tag_definitions rtd ON rtd.code = rpt.tag_code
    WHERE rpt.person_id = ${personId} AND rpt.removed_at IS NULL AND rtd.restricted)`;
}

/** SQL: a subject the tag visibility rule hides: a person with a restricted tag, or (given the kind) a 重点人员 target. */
function hiddenSubject(personId: Col, targetKind?: Col): SQL {
  const tagged = sql`(${personId} IS NOT NULL AND NOT ${personUnrestricted(personId)})`;
  return targetKind ? sql`(${targetKind} = 'key_person' OR ${tagged})` : tagged;
}

/**
 * The tag visibility rule, wherever a person appears as the subject of a record (a patrol target, a
 * ledger line, a visit, a case subject): a person with a restricted tag — and any target of the
 * restricted kind 重点人员 — is visible only to roles with `person:restricted`, or to the one user
 * the record is assigned to (the grid worker who must make the visit), when `assigneeId` is given.
 */
export function restrictedSubjectRule(user: AuthUser, cols: { personId: Col; targetKind?: Col; assigneeId?: Col }): SQL {
  if (seesRestricted(user)) return sql`true`;
  const hidden = hiddenSubject(cols.personId, cols.targetKind);
  const assigned = cols.assigneeId ? sql` OR ${cols.assigneeId} = ${user.id}` : sql``;
  return sql`(NOT ${hidden}${assigned})`;
}

/** Patrol plans and tasks: the area subtree, and the tag visibility rule on their target. */
export function patrolRule(user: AuthUser, cols: { areaId: Col; targetKind: Col; personId: Col; assigneeId: Col }): SQL {
  return and(inScope(user, cols.areaId), restrictedSubjectRule(user, cols))!;
}


/**
 * Loads one row by id under a rule, or throws NOT_FOUND: the check for one object is the list's
 * filter applied to that object. `lock` takes the row lock for an update in the same transaction.
 */
export async function findVisible<R>(
  db: DbOrTx,
  table: Parameters<ReturnType<DbOrTx["select"]>["from"]>[0],
  idColumn: PgColumn,
  id: string,
  rule: SQL,
  resource: string,
  opts: { lock?: boolean } = {},
): Promise<R> {
  const q = db.select().from(table).where(and(eq(idColumn, id), rule)).limit(1);
  const rows = (opts.lock ? await q.for("update") : await q) as R[];
  if (!rows[0]) throw notFound(resource);
  return rows[0];
}

/**
 * Audit rows under the tag visibility rule: for a role without `person:restricted`, rows whose
 * subject is a 重点人员 — the person, a visit to them, a patrol plan, task or submission of theirs, or
 * a restricted tag set or removed — are left out, like the records they describe. (The area scope of
 * audit rows is `pathInScope` on their path.)
 */
export function auditRowRule(user: AuthUser, cols: { targetType: Col; targetId: Col; before: Col; after: Col }): SQL {
  if (seesRestricted(user)) return sql`true`;
  const id = cols.targetId;
  const hiddenPlan = (plan: SQL) => hiddenSubject(sql`${plan}.person_id`, sql`${plan}.target_kind`);
  return sql`NOT coalesce((
    (${cols.targetType} = 'person' AND ${id} IS NOT NULL AND EXISTS (SELECT 1 FROM persons ap WHERE ap.id::text = ${id} AND NOT ${personUnrestricted(sql`ap.id`)}))
    OR (${cols.targetType} = 'visit' AND EXISTS (SELECT 1 FROM visits av WHERE av.id::text = ${id} AND ${hiddenSubject(sql`av.person_id`)}))
    OR (${cols.targetType} = 'patrol_plan' AND EXISTS (SELECT 1 FROM patrol_plans apl WHERE apl.id::text = ${id} AND ${hiddenPlan(sql`apl`)}))
    OR (${cols.targetType} = 'patrol_task' AND EXISTS (SELECT 1 FROM patrol_tasks atk JOIN patrol_plans apl ON apl.id = atk.plan_id WHERE atk.id::text = ${id} AND ${hiddenPlan(sql`apl`)}))
    OR (${cols.targetType} = 'patrol_submission' AND EXISTS (SELECT 1 FROM patrol_submissions asb JOIN patrol_tasks atk ON atk.id = asb.task_id JOIN patrol_plans apl ON apl.id = atk.plan_id WHERE asb.id::text = ${id} AND ${hiddenPlan(sql`apl`)}))
    OR coalesce(${cols.after} ->> 'tag', ${cols.before} ->> 'tag', ${cols.after} ->> 'tagCode', ${cols.before} ->> 'tagCode') IN (SELECT code FROM tag_definitions WHERE restricted)
    OR ${cols.after} #>> '{target,kind}' = 'key_person' OR ${cols.after} ->> 'targetKind' = 'key_person'
  ), false)`;
}
