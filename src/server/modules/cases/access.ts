import { sql, type SQL } from "drizzle-orm";
import { cases } from "../../db/schema/cases";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { caseRule, caseStaffReach } from "../../platform/access";
import { CASE_LEVEL_OWNERS, CASE_VERIFIERS, inGroup } from "../../platform/roles";
import { subtreeAreaIds } from "../../platform/scope";
import type { Relation } from "./workflow";

export type CaseRow = typeof cases.$inferSelect;

/** The case read rule on the `cases` table: one condition for lists and for one case by id. */
export function caseVisible(user: AuthUser): SQL {
  return caseRule(user, { areaId: cases.areaId, reporterId: cases.reporterId, department: cases.department });
}

/** Whether an area (a case's) lies in the user's subtree. */
export async function areaIsInScope(db: DbOrTx, user: AuthUser, areaId: string | null): Promise<boolean> {
  if (!areaId) return false;
  const [r] = rowsOf<{ ok: boolean | null }>(await db.execute(sql`SELECT ${areaId}::uuid IN ${subtreeAreaIds(user)} AS ok`));
  return r?.ok === true;
}

/** The user's relations to a case, which the workflow table turns into allowed actions. */
export function relationsOf(user: AuthUser, c: CaseRow, inScope: boolean): Set<Relation> {
  const rel = new Set<Relation>();
  if (c.reporterId === user.id) rel.add("reporter");
  if (!inScope) return rel;
  // Staff reach: the scope, and for department-bound roles the case's department.
  const reach = caseStaffReach(user, c, true);
  const owner = reach && CASE_LEVEL_OWNERS[c.level].includes(user.role);
  if (owner) rel.add("owner");
  if (c.handlerId === user.id) rel.add("handler");
  // A department's officer handles a department-level case directly, unless another officer took it.
  if (owner && c.level === "department" && (c.handlerId === null || c.handlerId === user.id)) rel.add("handler");
  if (CASE_VERIFIERS[c.level].includes(user.role)) rel.add("verifier");
  if (inGroup(user.role, "caseSupervisors")) rel.add("supervisor");
  return rel;
}
