import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { can, type Permission } from "../../platform/policy";
import { addDays, dayStart, localDay } from "../../platform/clock";
import { isoInstant } from "../../platform/instants";
import type { InboxBadges, InboxGroup, InboxItem, InboxKind, InboxReply } from "../../../contracts/inbox";
import { periodOf } from "../patrols/periods";
import { decidesEveryDelay, dispatchLevels, verifierLevels } from "./case-duties";
import {
  activitiesOfWeek,
  casesByTimer,
  casesToDispatch,
  delayRequests,
  gridsBehind,
  meetingsWithoutMinutes,
  pendingApplications,
  resolutionsDue,
  verifyCases,
  weekTrend,
  type KindRow,
} from "./queries";

/** Resolutions due within this many days come to the inbox (besides the overdue ones). */
export const RESOLUTION_HORIZON_DAYS = 7;
/** A grid is behind when it has done less than this share of what should be done by today. */
export const COVERAGE_TARGET = 0.8;

type Runner = (db: DbOrTx, user: AuthUser, at: Clock) => Promise<{ count: number; rows: KindRow[] }>;
type Clock = { now: Date; today: string; monday: string };

/** Each kind: who works on it (a permission), its query, where its items and its list open. */
const KINDS: Record<InboxKind, { permission: Permission; run: Runner; item: (id: string) => string; list: string }> = {
  verify: { permission: "case:read", run: (db, u) => verifyCases(db, u, verifierLevels(u.role)), item: (id) => `/cases/${id}`, list: "/cases?status=handled" },
  delay: { permission: "case:read", run: (db, u) => delayRequests(db, u, verifierLevels(u.role), decidesEveryDelay(u.role)), item: (id) => `/cases/${id}`, list: "/cases?status=open" },
  dispatch: { permission: "case:read", run: (db, u) => casesToDispatch(db, u, dispatchLevels(u.role)), item: (id) => `/cases/${id}`, list: "/cases?status=reported" },
  overdue: { permission: "case:read", run: (db, u) => casesByTimer(db, u, "red"), item: (id) => `/cases/${id}`, list: "/cases?status=open&overdue=true" },
  dueSoon: { permission: "case:read", run: (db, u) => casesByTimer(db, u, "yellow"), item: (id) => `/cases/${id}`, list: "/cases?status=open" },
  applications: { permission: "talent:manage", run: (db, u) => pendingApplications(db, u), item: () => "/talent?tab=applications", list: "/talent?tab=applications" },
  minutes: { permission: "meeting:manage", run: (db, u, c) => meetingsWithoutMinutes(db, u, c.now), item: (id) => `/deliberation/meetings/${id}`, list: "/deliberation/meetings" },
  resolutions: {
    permission: "deliberation:read",
    run: (db, u, c) => resolutionsDue(db, u, c.today, addDays(c.today, RESOLUTION_HORIZON_DAYS)),
    item: (id) => `/deliberation/resolutions/${id}`,
    list: "/deliberation/resolutions",
  },
  coverage: { permission: "patrol:read", run: (db, u, c) => gridsBehind(db, u, c.today, COVERAGE_TARGET), item: (id) => `/patrols?gridId=${id}`, list: "/patrols" },
  activities: { permission: "partner:read", run: (db, u, c) => activitiesOfWeek(db, u, dayStart(c.monday), dayStart(addDays(c.monday, 7))), item: (id) => `/activities/${id}`, list: "/activities" },
};

function clockAt(now: Date): Clock {
  const today = localDay(now);
  return { now, today, monday: periodOf(today, "weekly").start };
}

function presentItem(kind: InboxKind, r: KindRow): InboxItem {
  const due = r.due === null || r.due === undefined ? null : typeof r.due === "string" && /^\d{4}-\d{2}-\d{2}$/.test(r.due) ? r.due : isoInstant(r.due);
  return { id: r.id, title: r.title, detail: r.detail ?? "", due: due || null, overdue: Boolean(r.overdue), link: KINDS[kind].item(r.id) };
}

/** The kinds a role works on, in the inbox's order. */
export function kindsFor(user: AuthUser): InboxKind[] {
  return (Object.keys(KINDS) as InboxKind[]).filter((k) => can(user.role, KINDS[k].permission));
}

function badgesOf(groups: InboxGroup[]): InboxBadges {
  const n = (...kinds: InboxKind[]) => groups.filter((g) => kinds.includes(g.kind)).reduce((s, g) => s + g.count, 0);
  return { cases: n("verify", "delay", "dispatch"), deliberation: n("minutes", "resolutions"), talent: n("applications"), patrols: n("coverage") };
}

/**
 * The 待办 inbox of the caller: one bounded query per kind, run side by side, each under the read
 * rule of its resource (the same rules the lists use, so a count matches the list it opens).
 */
export async function readInbox(db: DbOrTx, user: AuthUser, now = new Date(), opts: { week?: boolean } = { week: true }): Promise<InboxReply> {
  const clock = clockAt(now);
  const kinds = kindsFor(user);
  const [results, trend] = await Promise.all([
    Promise.all(kinds.map((k) => KINDS[k].run(db, user, clock))),
    opts.week && can(user.role, "case:read") ? weekTrend(db, user, dayStart(clock.monday)) : Promise.resolve([]),
  ]);
  const groups = kinds.map((kind, i) => ({ kind, count: results[i].count, items: results[i].rows.map((r) => presentItem(kind, r)), link: KINDS[kind].list }));
  const byDay = new Map(trend.map((r) => [String(r.day).slice(0, 10), r]));
  const week = [];
  for (let d = clock.monday; d <= clock.today; d = addDays(d, 1)) {
    const r = byDay.get(d);
    week.push({ day: d, reported: Number(r?.reported ?? 0), closed: Number(r?.closed ?? 0) });
  }
  return { groups, badges: badgesOf(groups), week };
}

/** Only the badge numbers (for the navigation), from the same queries. */
export async function readInboxCounts(db: DbOrTx, user: AuthUser, now = new Date()) {
  const r = await readInbox(db, user, now, { week: false });
  return { badges: r.badges, total: r.groups.filter((g) => g.kind !== "activities").reduce((s, g) => s + g.count, 0) };
}
