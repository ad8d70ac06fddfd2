import type { Role } from "../db/schema/accounts";
import type { CASE_LEVELS } from "../db/schema/cases";

type CaseLevel = (typeof CASE_LEVELS)[number];

/**
 * Every role group the modules need, named by what the group does. Together with the permission
 * table in `policy.ts` this is the only place that names roles: modules ask `can(role, permission)`
 * or use one of these groups (for instance to find whom to notify), never a role literal
 * (`test/access-boundaries.test.ts` fails on one).
 */
export const ROLE_GROUPS = {
  /** Staff who read the cases, visits and ledgers of their scope. */
  staff: ["platform_admin", "street_officer", "department_officer", "community_secretary", "community_staff", "grid_worker", "branch_secretary"],
  /** Roles whose case reading is limited to their own department's cases. */
  departmentBound: ["department_officer"],
  /** Roles whose queue holds the grid-level cases of their area. */
  gridQueue: ["grid_worker"],
  /** Grid workers: the default handler of a grid's cases and patrols. */
  gridWorkers: ["grid_worker"],
  /** The community's dispatchers: told of new community-level cases, topics and proposals. */
  communityDispatchers: ["community_staff", "community_secretary"],
  /** Who may be named handler of a case. */
  caseHandlers: ["grid_worker", "community_staff", "community_secretary", "street_officer", "department_officer", "branch_secretary"],
  /** Who may be picked as handler of a case on the community's dispatch screen. */
  communityCaseHandlers: ["grid_worker", "community_staff", "community_secretary", "branch_secretary"],
  /** Who a community routing rule may name as handler. */
  routingHandlers: ["community_secretary", "community_staff", "grid_worker"],
  /** Staff who report for someone else and choose the channel (phone, 12345, meeting). */
  staffChannel: ["community_staff", "community_secretary", "street_officer", "grid_worker", "platform_admin"],
  /** Who is told when a target of the patrol list cannot be reached (two 未遇 in a row). */
  patrolEscalation: ["community_secretary"],
  /** Who may be assigned a patrol plan. */
  patrolAssignees: ["grid_worker", "community_staff", "community_secretary"],
  /** Who may convene a meeting. */
  conveners: ["community_secretary", "community_staff", "branch_secretary", "grid_worker", "street_officer"],
  /** Case supervisors (督办). */
  caseSupervisors: ["community_secretary", "street_officer", "platform_admin"],
  /** Riders (流动网格员). */
  riders: ["rider"],
} as const satisfies Record<string, readonly Role[]>;

export type RoleGroup = keyof typeof ROLE_GROUPS;

export function inGroup(role: Role, group: RoleGroup): boolean {
  return (ROLE_GROUPS[group] as readonly Role[]).includes(role);
}

/** The roles of a group, for SQL (`inArray(users.role, rolesOf("gridWorkers"))`). */
export function rolesOf(group: RoleGroup): Role[] {
  return [...ROLE_GROUPS[group]];
}

/** The role a person gets when they sign up themselves (phone code) or are taken into the talent pool. */
export const SELF_REGISTERED_ROLE: Role = "resident";

/** The roles that own each level of a case. */
export const CASE_LEVEL_OWNERS: Record<CaseLevel, readonly Role[]> = {
  grid: ["grid_worker", "community_staff", "community_secretary"],
  community: ["community_staff", "community_secretary"],
  street: ["street_officer"],
  department: ["department_officer"],
};

/** The roles that verify a case handled at each level. */
export const CASE_VERIFIERS: Record<CaseLevel, readonly Role[]> = {
  grid: ["community_staff", "community_secretary"],
  community: ["community_staff", "community_secretary"],
  street: ["street_officer", "community_staff", "community_secretary"],
  department: ["street_officer", "community_staff", "community_secretary"],
};

/** The channel of a report made by a role that does not choose one; null for staff, who choose. */
export function reportChannelOf(role: Role): "rider_app" | "partner_unit" | "resident_app" | null {
  if (role === "rider") return "rider_app";
  if (role === "partner_contact") return "partner_unit";
  if (role === "resident" || role === "volunteer") return "resident_app";
  return null;
}

/** The party a signed-in user sits for by default at a meeting (staff may change it; see check-in). */
export function partyOfRole(role: Role): "party_committee" | "partner_unit" | "department" | "resident_rep" | "other" {
  switch (role) {
    case "community_secretary":
    case "community_staff":
    case "branch_secretary":
    case "grid_worker":
      return "party_committee";
    case "partner_contact":
      return "partner_unit";
    case "street_officer":
    case "department_officer":
      return "department";
    case "resident":
    case "rider":
    case "volunteer":
      return "resident_rep";
    default:
      return "other";
  }
}
