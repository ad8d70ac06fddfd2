import type { IconName } from "../lib/icons";

/** Which of the inbox's badge numbers (`/api/inbox/counts`) a menu entry shows. */
export type NavBadge = "cases" | "deliberation" | "talent" | "patrols";

/** The side menu: path, label key, icon, the permission it needs (none: everyone) and its 待办 badge. */
export const NAV_ITEMS: Array<{ path: string; label: string; icon: IconName; permission?: string; badge?: NavBadge }> = [
  { path: "/", label: "nav.home", icon: "home", permission: "overview:read" },
  { path: "/street", label: "nav.street", icon: "chart", permission: "street:compare" },
  { path: "/reports", label: "nav.reports", icon: "chart", permission: "report:read" },
  { path: "/cases", label: "nav.cases", icon: "cases", permission: "case:read", badge: "cases" },
  { path: "/case-stats", label: "nav.caseStats", icon: "chart", permission: "case:measures" },
  { path: "/patrols", label: "nav.patrols", icon: "ledger", permission: "patrol:read", badge: "patrols" },
  { path: "/deliberation", label: "nav.deliberation", icon: "chat", permission: "deliberation:read", badge: "deliberation" },
  { path: "/party", label: "nav.party", icon: "heart", permission: "party:read" },
  { path: "/notices", label: "nav.notices", icon: "bell", permission: "notice:write" },
  { path: "/open-interfaces", label: "nav.openInterfaces", icon: "settings", permission: "hotline:import" },
  { path: "/enterprises", label: "nav.enterprises", icon: "station", permission: "enterprise:read" },
  { path: "/inspections", label: "nav.inspections", icon: "audit", permission: "inspection:read" },
  { path: "/partners", label: "partners.nav.units", icon: "users", permission: "partner:read" },
  { path: "/talent", label: "partners.nav.talent", icon: "heart", permission: "partner:read", badge: "talent" },
  { path: "/activities", label: "partners.nav.activities", icon: "calendar", permission: "partner:read" },
  { path: "/points", label: "partners.nav.points", icon: "grid", permission: "points:correct" },
  { path: "/areas", label: "nav.areas", icon: "map", permission: "area:read" },
  { path: "/people", label: "nav.people", icon: "users", permission: "person:read" },
  { path: "/registry", label: "nav.registry", icon: "door", permission: "person:read" },
  { path: "/audit", label: "nav.audit", icon: "audit", permission: "audit:read" },
  { path: "/case-settings", label: "nav.caseSettings", icon: "settings", permission: "case:configure" },
  { path: "/account", label: "nav.account", icon: "user" },
];
