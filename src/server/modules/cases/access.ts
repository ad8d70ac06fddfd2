import type { Role } from "../../db/schema/accounts";
import type { cases } from "../../db/schema/cases";
import type { AuthUser } from "../../platform/context";
import { LEVEL_OWNERS, SUPERVISORS, VERIFIERS, type Relation } from "./workflow";

export type CaseRow = typeof cases.$inferSelect;

/** Roles that read cases of their scope (the rest see only what they reported). */
export const CASE_READER_ROLES: readonly Role[] = [
  "platform_admin",
  "street_officer",
  "department_officer",
  "community_secretary",
  "community_staff",
  "grid_worker",
  "branch_secretary",
];

/** `inScope`: the case's area lies in the user's subtree (checked by the caller's query). */
export function canRead(user: AuthUser, c: CaseRow, inScope: boolean): boolean {
  if (c.reporterId === user.id) return true;
  if (!inScope || !CASE_READER_ROLES.includes(user.role)) return false;
  if (user.role === "department_officer") return c.department === user.department;
  return true;
}

/** The user's relations to a case, which the workflow table turns into allowed actions. */
export function relationsOf(user: AuthUser, c: CaseRow, inScope: boolean): Set<Relation> {
  const rel = new Set<Relation>();
  if (c.reporterId === user.id) rel.add("reporter");
  if (!inScope) return rel;
  const deptMatch = user.role !== "department_officer" || c.department === user.department;
  if (LEVEL_OWNERS[c.level].includes(user.role) && deptMatch) rel.add("owner");
  if (c.handlerId === user.id) rel.add("handler");
  if (c.level === "department" && user.role === "department_officer" && deptMatch && (c.handlerId === null || c.handlerId === user.id)) rel.add("handler");
  if (VERIFIERS[c.level].includes(user.role)) rel.add("verifier");
  if (SUPERVISORS.includes(user.role)) rel.add("supervisor");
  return rel;
}
