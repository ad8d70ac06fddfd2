import { CASE_LEVELS, type CASE_STATUSES } from "../../db/schema/cases";
import { dayAfter, localDay } from "../../platform/clock";

export type CaseStatus = (typeof CASE_STATUSES)[number];
export type CaseLevel = (typeof CASE_LEVELS)[number];

/**
 * Who stands in which relation to a case:
 * - owner: staff of the case's current level (grid: its grid worker or community staff;
 *   community: community staff; street: street officer; department: that department's officer);
 * - handler: the user the case is dispatched to;
 * - verifier: the community (or, for cases beyond it, the street office) that checks the result;
 * - supervisor: who may urge (督办);
 * - reporter: who reported it;
 * - referrer: something outside the workflow that settled the case (a deliberation resolution marked
 *   done). No user holds it: only the system path `closeCasesByReference` acts in it.
 * The roles behind owner, verifier and supervisor are `CASE_LEVEL_OWNERS`, `CASE_VERIFIERS` and the
 * `caseSupervisors` group in platform/roles.ts.
 */
export type Relation = "owner" | "handler" | "verifier" | "supervisor" | "reporter" | "referrer";

export const CASE_ACTIONS = [
  "accept",
  "reject",
  "take",
  "dispatch",
  "reassign",
  "start",
  "return",
  "handle",
  "verify",
  "rework",
  "close",
  "escalate",
  "request_delay",
  "approve_delay",
  "reject_delay",
  "urge",
  "merge",
  "withdraw",
  "reopen",
  "rate",
  "note",
  "remind",
  "supplement",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Steps no user may ask for: taken by system paths, checked against the same table. */
export const SYSTEM_CASE_ACTIONS = ["settle_by_reference"] as const;
export type SystemCaseAction = (typeof SYSTEM_CASE_ACTIONS)[number];
export type CaseStep = CaseAction | SystemCaseAction;

export function isUserAction(action: CaseStep): action is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(action);
}

export interface Transition {
  action: CaseStep;
  from: readonly CaseStatus[];
  /** Status after the action; null keeps the status. */
  to: CaseStatus | null;
  by: readonly Relation[];
  /** Shown on the reporter's timeline. */
  visibleToReporter: boolean;
}

const OPEN: CaseStatus[] = ["reported", "accepted", "dispatched", "in_progress", "handled", "verified"];

/** The state machine, as data: every allowed move, from which states, by whom. */
export const TRANSITIONS: readonly Transition[] = [
  { action: "accept", from: ["reported"], to: "accepted", by: ["owner"], visibleToReporter: true },
  { action: "reject", from: ["reported"], to: "closed", by: ["owner"], visibleToReporter: true },
  { action: "take", from: ["reported", "accepted"], to: "in_progress", by: ["owner"], visibleToReporter: true },
  { action: "dispatch", from: ["accepted"], to: "dispatched", by: ["owner"], visibleToReporter: true },
  { action: "reassign", from: ["dispatched", "in_progress"], to: "dispatched", by: ["owner"], visibleToReporter: false },
  { action: "start", from: ["dispatched"], to: "in_progress", by: ["handler"], visibleToReporter: true },
  { action: "return", from: ["reported", "dispatched", "in_progress"], to: "accepted", by: ["handler"], visibleToReporter: false },
  { action: "handle", from: ["in_progress"], to: "handled", by: ["handler"], visibleToReporter: true },
  { action: "verify", from: ["handled"], to: "verified", by: ["verifier"], visibleToReporter: true },
  { action: "rework", from: ["handled"], to: "in_progress", by: ["verifier"], visibleToReporter: true },
  { action: "close", from: ["verified"], to: "closed", by: ["verifier"], visibleToReporter: true },
  { action: "escalate", from: ["reported", "accepted", "dispatched", "in_progress"], to: "accepted", by: ["owner", "handler"], visibleToReporter: true },
  { action: "request_delay", from: ["dispatched", "in_progress"], to: null, by: ["handler"], visibleToReporter: false },
  { action: "approve_delay", from: ["dispatched", "in_progress"], to: null, by: ["verifier", "supervisor"], visibleToReporter: false },
  { action: "reject_delay", from: ["dispatched", "in_progress"], to: null, by: ["verifier", "supervisor"], visibleToReporter: false },
  { action: "urge", from: OPEN, to: null, by: ["supervisor"], visibleToReporter: false },
  { action: "merge", from: ["reported", "accepted", "dispatched", "in_progress"], to: "closed", by: ["owner"], visibleToReporter: true },
  { action: "withdraw", from: ["reported", "accepted", "dispatched"], to: "closed", by: ["reporter"], visibleToReporter: true },
  { action: "reopen", from: ["closed"], to: "accepted", by: ["reporter"], visibleToReporter: true },
  { action: "rate", from: ["closed"], to: null, by: ["reporter"], visibleToReporter: true },
  { action: "note", from: OPEN, to: null, by: ["owner", "handler", "verifier"], visibleToReporter: false },
  // The reporter's own: 催办 (at most once per Beijing calendar day; reaches the handler or the level's
  // owners and is counted) and 补充说明 (text and/or photos for the handlers). Neither changes the status.
  { action: "remind", from: OPEN, to: null, by: ["reporter"], visibleToReporter: true },
  { action: "supplement", from: OPEN, to: null, by: ["reporter"], visibleToReporter: true },
  // Closed as resolved because a deliberation resolution that covers it was carried out.
  { action: "settle_by_reference", from: OPEN, to: "closed", by: ["referrer"], visibleToReporter: true },
];

export function transitionOf(action: CaseStep): Transition {
  const t = TRANSITIONS.find((x) => x.action === action);
  if (!t) throw new Error(`unknown action ${action}`);
  return t;
}

export function nextLevel(level: CaseLevel): CaseLevel | null {
  const i = CASE_LEVELS.indexOf(level);
  return i >= 0 && i < CASE_LEVELS.length - 1 ? CASE_LEVELS[i + 1] : null;
}

export function levelRank(level: CaseLevel): number {
  return CASE_LEVELS.indexOf(level);
}

/** A reporter may reopen a closed case within this many days, if not satisfied. */
export const REOPEN_DAYS = 7;
/** Closures a reporter may reopen. */
export const REOPENABLE = ["resolved", "unable", "not_responsible"] as const;

/**
 * Whether a step the transition table allows from the case's state can be taken now: the checks a
 * step makes on the case itself (rating a closure once, reopening within REOPEN_DAYS unless rated
 * as satisfied, deciding only a pending delay, asking for one delay at a time). The step repeats
 * these checks when taken; this keeps the offered actions honest.
 */
export function stepPossible(
  action: CaseStep,
  c: { closureKind: string | null; closedAt: Date | null; rating: string | null; ratedAt: Date | null; delayRequestedHours: number | null },
  now = new Date(),
): boolean {
  const reopenable = REOPENABLE.includes(c.closureKind as (typeof REOPENABLE)[number]);
  const ratedSinceClosed = !!(c.ratedAt && c.closedAt && c.ratedAt >= c.closedAt);
  switch (action) {
    case "rate":
      return reopenable && !ratedSinceClosed;
    case "reopen":
      return reopenable && !!c.closedAt && now.getTime() - c.closedAt.getTime() <= REOPEN_DAYS * 24 * 3600_000 && !(ratedSinceClosed && c.rating !== "unsatisfied");
    case "approve_delay":
    case "reject_delay":
      return !!c.delayRequestedHours;
    case "request_delay":
      return !c.delayRequestedHours;
    default:
      return true;
  }
}

/**
 * The reporter may urge (催办) once per Beijing calendar day: after an urge today, the next is
 * allowed from the start of tomorrow; null when allowed now.
 */
export function remindAllowedAt(remindedAt: Date | null, now = new Date()): Date | null {
  if (!remindedAt) return null;
  const today = localDay(now);
  return localDay(remindedAt) === today ? dayAfter(today) : null;
}
