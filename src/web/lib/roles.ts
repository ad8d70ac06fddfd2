import type { RoleName } from "../../contracts/common";

/** Roles that work from the staff side (console, grid worker phone home). */
const STAFF_ROLES: readonly RoleName[] = [
  "platform_admin",
  "street_officer",
  "department_officer",
  "community_secretary",
  "community_staff",
  "grid_worker",
  "branch_secretary",
];

export function isStaffRole(role: RoleName): boolean {
  return STAFF_ROLES.includes(role);
}
