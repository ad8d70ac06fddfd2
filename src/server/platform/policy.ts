import type { Role } from "../db/schema/accounts";

/**
 * Who may do what: roles × actions in one readable table. Every route declares one of these
 * actions (or "public" / "authenticated") in its `config.policy`; the data scope (area subtree)
 * is applied on top by the use case.
 */
const STAFF: Role[] = [
  "platform_admin",
  "street_officer",
  "department_officer",
  "community_secretary",
  "community_staff",
  "grid_worker",
  "branch_secretary",
];
const EVERYONE: Role[] = [...STAFF, "partner_contact", "volunteer", "resident", "rider"];

export const POLICY = {
  "area:read": EVERYONE,
  "area:locate": EVERYONE,
  "overview:read": STAFF,
  "place:read": EVERYONE,
  /** A place's contact person (name, masked phone) in the places list. */
  "place:contact": STAFF,
  "person:read": ["platform_admin", "street_officer", "community_secretary", "community_staff", "grid_worker"],
  "person:unmask": ["community_secretary", "community_staff"],
  "person:write": ["community_secretary", "community_staff", "grid_worker"],
  "person:import": ["community_secretary", "community_staff"],
  "person:export": ["platform_admin", "street_officer", "community_secretary", "community_staff"],
  "visit:write": ["community_secretary", "community_staff", "grid_worker", "branch_secretary"],
  // patrols and ledgers
  "patrol:plan": ["platform_admin", "community_secretary", "community_staff"],
  "patrol:work": ["community_secretary", "community_staff", "grid_worker"],
  "patrol:read": STAFF,
  "ledger:export": ["platform_admin", "street_officer", "community_secretary", "community_staff"],
  // deliberation
  "topic:propose": EVERYONE,
  "topic:manage": ["community_secretary", "community_staff", "branch_secretary"],
  "meeting:manage": ["community_secretary", "community_staff", "branch_secretary"],
  "deliberation:read": STAFF,
  "survey:manage": ["community_secretary", "community_staff"],
  "survey:collect": ["community_secretary", "community_staff", "grid_worker", "branch_secretary"],
  // partners, talent, activities
  "partner:manage": ["community_secretary", "community_staff"],
  "partner:read": [...STAFF, "partner_contact"],
  "talent:manage": ["community_secretary", "community_staff"],
  "activity:manage": ["community_secretary", "community_staff", "branch_secretary"],
  "points:correct": ["community_secretary", "community_staff"],
  "reward:manage": ["community_secretary", "community_staff"],
  "person:restricted": ["community_secretary", "platform_admin"],
  "audit:read": ["platform_admin", "street_officer", "community_secretary"],
  "case:report": EVERYONE,
  "case:read": STAFF,
  "case:measures": ["platform_admin", "street_officer", "community_secretary", "community_staff", "grid_worker", "branch_secretary"],
  /** The street officer's view: communities side by side and the street-level queue. */
  "street:compare": ["platform_admin", "street_officer", "department_officer"],
  "case:export": ["platform_admin", "street_officer", "community_secretary", "community_staff"],
  // 事件设置: routing rules per community (and reading the page); time limits and the calendar apply everywhere
  "case:configure": ["platform_admin", "street_officer", "community_secretary", "community_staff"],
  "case:time-limits": ["platform_admin", "street_officer"],
  "calendar:manage": ["platform_admin", "street_officer"],
  // maps: the base layer and address lookups for everyone; streets, river and shapes edited by staff
  "map:read": EVERYONE,
  "map:edit": ["community_secretary", "community_staff", "platform_admin"],
  // the 待办 inbox of the console home: each kind follows the permission of the work it lists
  "inbox:read": STAFF,
  // community notices (公告): written by the community's staff, read by everyone of the community
  "notice:write": ["community_secretary", "community_staff"],
  // work reports and 月报: read by staff who answer for an area; a community's month submitted by its secretary and staff
  "report:read": ["platform_admin", "street_officer", "community_secretary", "community_staff", "branch_secretary"],
  "report:submit": ["community_secretary", "community_staff"],
  // open interfaces: keys of partner systems (Open311, 12345) for a community or street; the 12345 exchange
  "apikey:manage": ["platform_admin", "street_officer", "community_secretary"],
  "hotline:import": ["platform_admin", "street_officer", "community_secretary", "community_staff"],
  // 营商环境: enterprise records, visit campaigns, 入库 cultivation, business events; inspections and 责令整改
  "enterprise:read": STAFF,
  "enterprise:manage": ["community_secretary", "community_staff"],
  "enterprise:visit": ["community_secretary", "community_staff", "grid_worker"],
  "enterprise:unmask": ["community_secretary", "community_staff"],
  "inspection:read": STAFF,
  "inspection:manage": ["community_secretary", "community_staff"],
  "inspection:recheck": ["community_secretary", "community_staff", "grid_worker"],
  // 党建: the organisation tree, members (sensitive: political affiliation), 两新, joint work, 书记领办
  "party:read": ["platform_admin", "street_officer", "community_secretary", "community_staff", "branch_secretary"],
  "party:write": ["platform_admin", "community_secretary", "community_staff", "branch_secretary"],
  "party:member:unmask": ["community_secretary", "community_staff"],
  /** Who a household's 楼栋长 and 中心户 are (public roles in the building), beside the register. */
  "party:contacts": STAFF,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof POLICY;
/** "public": no sign-in; "authenticated": any signed-in user (their own things only). */
export type RoutePolicy = Permission | "public" | "authenticated";

export function can(role: Role, permission: Permission): boolean {
  return (POLICY[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(POLICY) as Permission[]).filter((p) => can(role, p));
}

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(POLICY, value);
}
