import type { CaseLevel } from "../modules/cases/workflow";
import { DELAY, MERGE_NOTE, NOTES, NOT_RESPONSIBLE, RATING_COMMENTS, REJECT, REOPEN, RESULT_LEAD, REWORK, TO_COMMUNITY, TO_STREET, UNABLE, URGE, WITHDRAW, DISPATCH_NOTE } from "./case-notes";
import type { Actor, Story, StoryEnv } from "./case-story";

/**
 * How a closed demo case went: who took it, how long each step took in working hours, whether it
 * went up to the community, the street office or a department, how it was closed and rated.
 * Delays are drawn as shares of the real time limits, with a few cases running over.
 */

export type Closure = "resolved" | "unable" | "not_responsible" | "duplicate" | "withdrawn" | "rejected";

export type Plot = {
  closure: Closure;
  /** The highest level the case reaches. */
  reach: CaseLevel;
  /** For reach "department": which one. */
  department: string | null;
  /** What the handler writes when it is done (from the report's template). */
  result: string;
  /** Who reported it and may withdraw, rate or reopen; null for staff's own findings and meetings. */
  reporter: Actor | null;
  group: string;
  urgent: boolean;
  duplicateOf?: { id: string; t: number };
  /** A secretary-led case (书记领办) is taken by the secretary. */
  lead?: "secretary";
  /** Handling that takes this many working hours, covered by a granted delay asked for with `delayReason`. */
  handleHours?: number;
  delayReason?: string;
  /** An urgent hazard handled on the spot, whatever the hour (a stove left on). */
  rush?: boolean;
  /** The result is the article's own account: no lead phrase before it. */
  scripted?: boolean;
};

export type Cast = { grid: Actor; staff: Actor; secretary: Actor; street: Actor; department: (name: string) => Actor };

/** Share of urgent hazards reported out of hours that the grid worker goes to at once. */
const URGENT_NIGHT_SHARE = 0.6;

export function tell(s: Story, p: Plot, cast: Cast, env: StoryEnv): void {
  const { rng } = env;
  const cat = s.row.categoryCode;
  const between = (a: number, b: number) => a + rng.float() * (b - a);
  /** A share of a time limit: mostly well inside it, now and then over it. */
  const share = (over: number, lo: number, hi: number) => (rng.chance(over) ? between(1.05, 2.2) : between(lo, hi));
  const g = cast.grid;
  const verifier = () => (rng.chance(0.8) ? cast.staff : cast.secretary);
  const pick = <T>(xs: readonly T[]) => rng.pick(xs);
  const lead = (xs: readonly string[]) => (p.scripted ? "" : pick(xs));

  // Urgent hazards are often dealt with on the spot, in the evening too; the rest within working hours.
  const local = ((s.t + 8 * 3600_000) % 86400_000) / 3600_000;
  const workday = env.cal.isWorkday(s.t - local * 3600_000);
  const offHours = !workday || local < 9 || local >= 17.5;
  const rush = p.closure === "resolved" && p.reach === "grid" && (p.rush || (p.urgent && rng.chance(offHours ? URGENT_NIGHT_SHARE : 0.3)));
  const firstResponse = () => {
    if (rush) return env.later(s.t, rng.int(5, 35) / 60);
    return env.work(s.t, env.limit(cat, "grid").acceptHours * share(0.03, 0.04, 0.8));
  };

  // Closed at once.
  if (p.closure === "duplicate" && p.duplicateOf) {
    if (rng.chance(0.3)) s.accept(firstResponse(), g);
    s.end("merge", env.work(s.t, between(0.05, 1)), g, MERGE_NOTE, p.duplicateOf);
    return;
  }
  if (p.closure === "rejected") {
    s.end("reject", firstResponse(), g, pick(REJECT));
    return;
  }
  if (p.closure === "withdrawn") {
    if (rng.chance(0.45)) s.accept(firstResponse(), g);
    const by = p.reporter ?? { id: null, name: s.row.reporterName ?? "居民", role: "resident" };
    s.end("withdraw", env.later(s.t, between(0.3, 30)), by, pick(WITHDRAW) || null);
    return;
  }

  const byCategory = <T>(table: Record<string, readonly T[]>) => table[cat] ?? table[p.group] ?? table.default;
  const [referredTo, referNote] = pick(byCategory(NOT_RESPONSIBLE));
  const unable = pick(byCategory(UNABLE));
  const outcome = p.closure === "not_responsible" ? `${referNote}。` : p.closure === "unable" ? `已上门核实并多次协调。${unable}。` : p.result;
  /** Who grants a delay: the community, never the one who asked. */
  const approver = (h: Actor) => (h.id === cast.staff.id ? cast.secretary : cast.staff);

  /** Handling at the current level by `h`, from `from`: notes, a delay or an urge now and then, then the result. */
  const work = (h: Actor, from: number, level: CaseLevel, lead: string) => {
    const limit = env.limit(cat, level).handleHours;
    const slow = p.group === "dispute" ? [0.12, 0.9] : [0.03, 0.6];
    let done = env.work(from, limit * share(0.045, slow[0], slow[1]));
    if (p.handleHours) {
      s.delay(env.work(from, between(1, 3)), h, approver(h), env.work(from, between(3, 5)), Math.ceil(p.handleHours - limit + 7), p.delayReason ?? pick(DELAY));
      done = env.work(from, p.handleHours * between(0.9, 0.97));
    }
    if (rng.chance(0.15)) s.note(env.work(from, Math.min(limit * 0.2, between(0.2, 3))), h, pick(NOTES));
    const due = s.dueAt;
    if (!p.handleHours && due !== null && done > due) {
      if (rng.chance(0.25) && h.id) {
        // Asked for more time before the deadline: granted, so not overdue.
        const ask = env.work(s.t, between(0.1, 1));
        if (ask < due && s.delay(ask, h, approver(h), env.work(ask, between(0.2, 2)), rng.pick([7, 14, 21]), pick(DELAY))) done = Math.min(done, s.dueAt! - 3600_000);
      } else if (rng.chance(0.5)) s.urge(env.work(due, between(0.1, 3)), cast.secretary, pick(URGE));
    }
    s.handle(Math.max(done, s.t + 600_000), h, lead + outcome);
    if (rng.chance(0.03)) {
      s.rework(env.work(s.t, between(0.5, 4)), verifier(), pick(REWORK));
      s.handle(env.work(s.t, between(1, 8)), h, `已按核查意见补充整改。${outcome}`);
    }
  };
  const finish = (v: Actor) => {
    s.verify(env.work(s.t, between(0.1, 6)), v);
    const note = p.closure === "unable" ? unable : null;
    s.close(env.work(s.t, between(0.02, 0.4)), v, p.closure as "resolved" | "unable" | "not_responsible", note, p.closure === "not_responsible" ? referredTo : null);
  };

  // Grid.
  let t = firstResponse();
  if (rush) {
    s.take(t, g);
    s.handle(s.t + rng.int(20, 150) * 60_000, g, outcome);
    finish(verifier());
  } else if (p.reach === "grid") {
    const variant = rng.weighted([["take", 0.55], ["acceptTake", 0.25], ["dispatch", 0.2]] as const);
    if (variant === "take") s.take(t, g);
    else if (variant === "acceptTake") {
      s.accept(t, g);
      s.take(env.work(s.t, between(0.1, 3)), g);
    } else {
      s.accept(t, cast.staff);
      s.dispatch(s.t + rng.int(2, 20) * 60_000, cast.staff, g);
      s.start(env.work(s.t, between(0.05, 2)), g);
    }
    work(g, s.t, "grid", "");
    finish(verifier());
  } else {
    // Up to the community: most after a first look, some handed back at once.
    if (rng.chance(0.1)) s.returnToCommunity(t, g, "不属于网格处置范围，请社区统筹");
    else {
      if (rng.chance(0.6)) {
        s.accept(t, g);
        t = env.work(s.t, between(0.3, 6));
      }
      s.escalate(t, g, pick(TO_COMMUNITY[p.group] ?? TO_COMMUNITY.default));
    }
    const h = p.lead === "secretary" ? cast.secretary : rng.chance(0.7) ? cast.staff : cast.secretary;
    if (s.status === "reported") s.accept(env.work(s.t, between(0.1, 2)), h);
    if (p.reach === "community") {
      s.take(env.work(s.t, between(0.1, 4)), h);
      work(h, s.t, "community", lead(RESULT_LEAD.community));
      finish(verifier());
    } else {
      if (rng.chance(0.5)) s.take(env.work(s.t, between(0.1, 4)), h);
      s.escalate(env.work(s.t, between(0.5, 10)), h, pick(TO_STREET));
      const st = cast.street;
      if (p.reach === "street" || !p.department) {
        s.take(env.work(s.t, between(0.3, 6)), st);
        work(st, s.t, "street", lead(RESULT_LEAD.street));
      } else {
        const d = cast.department(p.department);
        s.dispatchDepartment(env.work(s.t, between(0.3, 6)), st, p.department, DISPATCH_NOTE[p.department] ?? "请相关部门处置");
        s.start(env.work(s.t, between(0.5, 10)), d);
        work(d, s.t, "department", lead(RESULT_LEAD[p.department] ?? [""]));
      }
      finish(rng.chance(0.6) ? cast.staff : st);
    }
  }

  // The reporter's rating, and now and then a reopening within the week.
  if (!p.reporter || s.status !== "closed") return;
  const rates = p.closure === "resolved" ? 0.8 : 0.4;
  if (!rng.chance(rates)) return;
  if (p.closure === "resolved" && (p.reach === "grid" || p.reach === "community") && rng.chance(0.02)) {
    s.reopen(env.later(s.t, between(2, 96)), p.reporter, pick(REOPEN));
    const h = p.reach === "grid" ? g : cast.staff;
    s.take(env.work(s.t, between(0.2, 4)), h);
    s.handle(env.work(s.t, between(1, 10)), h, `再次上门处置：${p.result}`);
    finish(verifier());
    s.rate(env.later(s.t, between(1, 48)), p.reporter, rng.chance(0.6) ? "basic" : "satisfied", null);
    return;
  }
  const weights: Record<string, ReadonlyArray<readonly ["satisfied" | "basic" | "unsatisfied", number]>> = {
    resolved: [["satisfied", 0.86], ["basic", 0.1], ["unsatisfied", 0.04]],
    unable: [["satisfied", 0.3], ["basic", 0.45], ["unsatisfied", 0.25]],
    not_responsible: [["satisfied", 0.5], ["basic", 0.4], ["unsatisfied", 0.1]],
  };
  const rating = rng.weighted(weights[p.closure]);
  const comment = pick(RATING_COMMENTS[rating]) || null;
  const phoned = s.row.channel === "phone" || s.row.channel === "hotline_12345";
  s.rate(env.later(s.t, phoned ? between(20, 72) : between(0.5, 60)), p.reporter, rating, phoned ? `电话回访：${comment ?? (rating === "satisfied" ? "满意" : rating === "basic" ? "基本满意" : "不满意")}` : comment);
}
