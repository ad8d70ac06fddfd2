import { matchPath } from "react-router";

/**
 * The console's page paths, one source for the router (console-app.tsx) and for whatever links into
 * the console from data: the work report's drill-downs are checked against them by a test, so that a
 * figure never leads to 页面不存在.
 */
export const CONSOLE_PATHS = {
  login: "/login",
  noticePrint: "/inspections/notices/:id",
  home: "/",
  cases: "/cases",
  case: "/cases/:id",
  caseStats: "/case-stats",
  street: "/street",
  reports: "/reports",
  patrols: "/patrols",
  /** The 议事协商 hub routes its tabs and records itself (see DELIBERATION_TABS). */
  deliberation: "/deliberation/*",
  notices: "/notices",
  party: "/party",
  enterprises: "/enterprises",
  enterprise: "/enterprises/:id",
  inspections: "/inspections",
  openInterfaces: "/open-interfaces",
  areas: "/areas",
  people: "/people",
  registry: "/registry",
  registryHousehold: "/registry/households/:id",
  registryPerson: "/registry/people/:id",
  partners: "/partners",
  partnersUnit: "/partners/units/:id",
  talent: "/talent",
  activities: "/activities",
  activity: "/activities/:id",
  points: "/points",
  audit: "/audit",
  caseSettings: "/case-settings",
  account: "/account",
  /** An old address of the home page. */
  homeAlias: "/home",
} as const;

/** The tabs of /deliberation/:tab. */
export const DELIBERATION_TABS = ["topics", "meetings", "resolutions", "questionnaires", "measures"] as const;
/** The records with a page of their own, /deliberation/:kind/:id. */
export const DELIBERATION_RECORDS = ["topics", "meetings", "resolutions", "questionnaires"] as const;

/** Every path pattern a link may lead to, the 议事协商 hub's spelled out. */
export const CONSOLE_LINK_PATTERNS: readonly string[] = [
  ...Object.values(CONSOLE_PATHS).filter((p) => !p.endsWith("/*")),
  "/deliberation",
  ...DELIBERATION_TABS.map((tab) => `/deliberation/${tab}`),
  ...DELIBERATION_RECORDS.map((kind) => `/deliberation/${kind}/:id`),
];

/** Whether a pathname (no query) is a page of the console rather than 页面不存在. */
export function isConsolePath(pathname: string): boolean {
  return CONSOLE_LINK_PATTERNS.some((path) => matchPath({ path, end: true }, pathname) !== null);
}
