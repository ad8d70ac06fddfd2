import type { caseEvents, cases } from "../db/schema/cases";
import type { WorkCalendar } from "../platform/work-calendar";
import { WARN_SHARE } from "../modules/cases/time-limits";
import { levelRank, nextLevel, transitionOf, type CaseAction, type CaseLevel, type CaseStatus } from "../modules/cases/workflow";
import { SeedCalendar } from "./case-calendar";
import type { Rng } from "./random";

/**
 * One demo case played through the real workflow: every step writes the same columns as
 * `report-case.ts` and `act-on-case.ts` would (status, level, handler, clocks, timestamps) and the
 * same timeline row. A step that would fall after the data set's "now" stops the story there, so a
 * recent case is simply still open in whatever state it had reached.
 */

export type CaseRow = typeof cases.$inferInsert & { id: string; createdAt: Date };
export type EventRow = typeof caseEvents.$inferInsert;
export type Actor = { id: string | null; name: string; role: string };
export type Limits = Map<string, { acceptHours: number; handleHours: number }>;

const FALLBACK = { acceptHours: 4, handleHours: 35 };
const HOUR = 3600_000;

export class StoryEnv {
  readonly cal: SeedCalendar;

  constructor(
    calendar: WorkCalendar,
    readonly limits: Limits,
    /** The data set's present: nothing happens after it. */
    readonly now: number,
    readonly rng: Rng,
  ) {
    this.cal = new SeedCalendar(calendar);
  }

  limit(category: string, level: CaseLevel) {
    return this.limits.get(`${category}:${level}`) ?? FALLBACK;
  }

  /** `hours` working hours after `from` (ms). */
  work(from: number, hours: number): number {
    return this.cal.add(from, hours);
  }

  /** Some time later by the wall clock, moved to waking hours (07:30–22:30 Beijing). */
  later(from: number, hours: number): number {
    const t = from + hours * HOUR;
    const local = ((t + 8 * HOUR) % (24 * HOUR)) / HOUR;
    if (local >= 7.5 && local < 22.5) return t;
    const toMorning = local >= 22.5 ? 24 - local + 7.5 : 7.5 - local;
    return t + toMorning * HOUR + this.rng.int(0, 90) * 60_000;
  }

  clock(category: string, level: CaseLevel, kind: "accept" | "handle", from: number) {
    const l = this.limit(category, level);
    const hours = kind === "accept" ? l.acceptHours : l.handleHours;
    return { due: this.work(from, hours), warn: this.work(from, hours * WARN_SHARE) };
  }
}

/** UUIDv7 layout with the given instant, so ids sort like the live ones. */
export function uuidAt(rng: Rng, at: number): string {
  const ms = Math.floor(at);
  const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");
  const hi = Math.floor(ms / 2 ** 16);
  const lo = ms % 2 ** 16;
  return `${hex(hi, 8)}-${hex(lo, 4)}-${hex(0x7000 | rng.int(0, 4095), 4)}-${hex(rng.int(0, 2 ** 14 - 1) | 0x8000, 4)}-${hex(rng.int(0, 2 ** 24 - 1), 6)}${hex(rng.int(0, 2 ** 24 - 1), 6)}`;
}

type Clock = { due: number; warn: number };
/** A step: the new status (default: the workflow table's), columns to set, and the running clock (undefined keeps it, null stops it). */
type Move = { to?: CaseStatus; set?: Partial<CaseRow>; note?: string | null; data?: Record<string, unknown> | null; clock?: Clock | null };

export class Story {
  readonly events: EventRow[] = [];
  status: CaseStatus = "reported";
  level: CaseLevel;
  /** Time of the last step (ms). */
  t: number;
  stopped = false;
  /** The running clock: acceptance while reported, handling while accepted … in progress. */
  private clock: Clock | null;

  constructor(
    private readonly env: StoryEnv,
    readonly row: CaseRow,
    by: Actor,
    data: Record<string, unknown>,
  ) {
    const at = row.createdAt.getTime();
    this.level = row.level;
    this.t = at;
    const c = env.clock(row.categoryCode, row.level, "accept", at);
    Object.assign(row, { acceptDueAt: new Date(c.due), acceptWarnAt: new Date(c.warn), status: "reported", version: 1, updatedAt: row.createdAt });
    this.clock = c;
    this.events.push(this.event("report", at, by, null, "reported", row.level, null, data, true));
  }

  private event(action: string, at: number, by: Actor, from: CaseStatus | null, to: CaseStatus, level: string, note: string | null, data: Record<string, unknown> | null, visible: boolean): EventRow {
    return {
      id: uuidAt(this.env.rng, at),
      caseId: this.row.id,
      at: new Date(at),
      actorId: by.id,
      actorName: by.name,
      actorRole: by.role,
      action,
      fromStatus: from,
      toStatus: to,
      level,
      note,
      data,
      visibleToReporter: visible,
    };
  }

  /** Steps are at least 90 s apart, in order. */
  private when(at: number): number {
    return Math.max(at, this.t + 90_000);
  }

  private move(action: CaseAction, at: number, by: Actor, m: Move): boolean {
    if (this.stopped) return false;
    at = this.when(at);
    if (at > this.env.now) {
      this.stopped = true;
      return false;
    }
    if (this.clock && at > this.clock.due) this.row.wasOverdue = true;
    const to = m.to ?? transitionOf(action).to ?? this.status;
    const level = (m.set?.level as CaseLevel | undefined) ?? this.level;
    Object.assign(this.row, m.set ?? {});
    this.events.push(this.event(action, at, by, this.status, to, level, m.note ?? null, m.data ?? null, transitionOf(action).visibleToReporter));
    if (m.clock !== undefined) this.clock = m.clock;
    this.status = to;
    this.level = level;
    this.row.version = (this.row.version ?? 1) + 1;
    this.row.updatedAt = new Date(at);
    this.t = at;
    return true;
  }

  /** The handling clock of `level` started at `at`, and the columns that record it. */
  private handling(level: CaseLevel, at: number): { clock: Clock; set: Partial<CaseRow> } {
    const clock = this.env.clock(this.row.categoryCode, level, "handle", at);
    return { clock, set: { handleDueAt: new Date(clock.due), handleWarnAt: new Date(clock.warn), timer: "normal" } };
  }

  /** Due instant of the running clock, if any. */
  get dueAt(): number | null {
    return this.clock?.due ?? null;
  }

  accept(at: number, by: Actor) {
    at = this.when(at);
    const h = this.handling(this.level, at);
    return this.move("accept", at, by, { set: { acceptedAt: new Date(at), ...h.set }, clock: h.clock });
  }

  take(at: number, by: Actor) {
    at = this.when(at);
    const set: Partial<CaseRow> = { handlerId: by.id, acceptedAt: this.row.acceptedAt ?? new Date(at), dispatchedAt: new Date(at) };
    let clock: Clock | undefined;
    if (!this.row.handleDueAt) {
      const h = this.handling(this.level, at);
      Object.assign(set, h.set);
      clock = h.clock;
    }
    return this.move("take", at, by, { set, clock, data: { handlerId: by.id, handlerName: by.name } });
  }

  dispatch(at: number, by: Actor, to: Actor) {
    at = this.when(at);
    return this.move("dispatch", at, by, { set: { handlerId: to.id, dispatchedAt: new Date(at) }, data: { handlerId: to.id, handlerName: to.name } });
  }

  dispatchDepartment(at: number, by: Actor, department: string, note: string) {
    at = this.when(at);
    const h = this.handling("department", at);
    const set: Partial<CaseRow> = { level: "department", maxLevel: "department", department, handlerId: null, dispatchedAt: new Date(at), ...h.set };
    return this.move("dispatch", at, by, { set, clock: h.clock, note, data: { department } });
  }

  start(at: number, by: Actor) {
    return this.move("start", at, by, { set: { handlerId: this.row.handlerId ?? by.id } });
  }

  returnToCommunity(at: number, by: Actor, note: string) {
    const to: CaseStatus = this.status === "reported" ? "reported" : "accepted";
    const maxLevel = levelRank(this.row.maxLevel!) > levelRank("community") ? this.row.maxLevel : "community";
    return this.move("return", at, by, { to, note, set: { handlerId: null, level: "community", maxLevel }, data: { returnedTo: "community" } });
  }

  escalate(at: number, by: Actor, note: string, department?: string) {
    at = this.when(at);
    const next = nextLevel(this.level)!;
    const h = this.handling(next, at);
    const set: Partial<CaseRow> = {
      level: next,
      maxLevel: levelRank(next) > levelRank(this.row.maxLevel!) ? next : this.row.maxLevel,
      handlerId: null,
      department: next === "department" ? department! : null,
      acceptedAt: this.row.acceptedAt ?? new Date(at),
      dispatchedAt: next === "department" ? new Date(at) : this.row.dispatchedAt,
      ...h.set,
    };
    return this.move("escalate", at, by, { to: next === "department" ? "dispatched" : "accepted", note, set, clock: h.clock, data: { fromLevel: this.level, toLevel: next, department: department ?? null } });
  }

  note(at: number, by: Actor, note: string) {
    return this.move("note", at, by, { note });
  }

  urge(at: number, by: Actor, note: string) {
    return this.move("urge", at, by, { note, set: { urgeCount: (this.row.urgeCount ?? 0) + 1 } });
  }

  /** A delay asked for and granted: the handling clock moves on by `hours` working hours. */
  delay(at: number, by: Actor, approver: Actor, approveAt: number, hours: number, reason: string) {
    if (!this.move("request_delay", at, by, { note: reason, set: { delayRequestedHours: hours, delayReason: reason }, data: { delayHours: hours } })) return false;
    const base = this.row.handleDueAt!.getTime();
    const clock = { due: this.env.work(base, hours), warn: this.env.work(base, hours * WARN_SHARE) };
    return this.move("approve_delay", approveAt, approver, {
      set: { delayRequestedHours: null, delayReason: null, handleDueAt: new Date(clock.due), handleWarnAt: new Date(clock.warn), timer: "normal" },
      clock,
      data: { delayHours: hours, approved: true },
    });
  }

  handle(at: number, by: Actor, result: string) {
    at = this.when(at);
    return this.move("handle", at, by, { note: result, set: { resultText: result, handledAt: new Date(at) }, clock: null });
  }

  rework(at: number, by: Actor, note: string) {
    const r = this.row;
    const clock = r.handleDueAt && r.handleWarnAt ? { due: r.handleDueAt.getTime(), warn: r.handleWarnAt.getTime() } : null;
    return this.move("rework", at, by, { note, set: { handledAt: null }, clock });
  }

  verify(at: number, by: Actor) {
    at = this.when(at);
    return this.move("verify", at, by, { set: { verifiedAt: new Date(at) } });
  }

  close(at: number, by: Actor, closureKind: "resolved" | "unable" | "not_responsible", note: string | null, referredTo: string | null = null) {
    at = this.when(at);
    return this.move("close", at, by, { note, set: { closureKind, closureNote: note, referredTo, closedAt: new Date(at), timer: "normal" }, clock: null, data: { closureKind } });
  }

  /** Closed without handling: rejected, withdrawn or merged into an earlier case (named by number once numbers are given out). */
  end(action: "reject" | "withdraw" | "merge", at: number, by: Actor, note: string | null, duplicateOf?: { id: string }) {
    at = this.when(at);
    const kind = action === "reject" ? "rejected" : action === "withdraw" ? "withdrawn" : "duplicate";
    const set: Partial<CaseRow> = { closureKind: kind, closureNote: note, closedAt: new Date(at), timer: "normal", duplicateOfId: duplicateOf?.id ?? null };
    return this.move(action, at, by, { note, set, clock: null, data: duplicateOf ? { duplicateOf: null } : null });
  }

  rate(at: number, by: Actor, rating: "satisfied" | "basic" | "unsatisfied", comment: string | null) {
    at = this.when(at);
    return this.move("rate", at, by, { note: comment, set: { rating, ratingComment: comment, ratedAt: new Date(at) }, data: { rating } });
  }

  reopen(at: number, by: Actor, note: string) {
    at = this.when(at);
    const h = this.handling(this.level, at);
    const set: Partial<CaseRow> = {
      closureKind: null,
      closureNote: null,
      closedAt: null,
      verifiedAt: null,
      handledAt: null,
      handlerId: null,
      rating: "unsatisfied",
      ratingComment: note,
      ratedAt: new Date(at),
      reopenCount: (this.row.reopenCount ?? 0) + 1,
      ...h.set,
    };
    return this.move("reopen", at, by, { note, set, clock: h.clock });
  }

  /** Final status and time-limit state as the timer sweep would leave them at "now". */
  finish(): CaseRow {
    const row = this.row;
    row.status = this.status;
    if (this.status === "closed" || this.status === "handled" || this.status === "verified") {
      if (this.status === "closed") row.timer = "normal";
      return row;
    }
    const now = this.env.now;
    if (this.clock && now > this.clock.due) {
      row.timer = "red";
      row.wasOverdue = true;
    } else row.timer = this.clock && now > this.clock.warn ? "yellow" : "normal";
    return row;
  }
}

