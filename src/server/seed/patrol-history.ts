import type { patrolSubmissions, patrolTasks } from "../db/schema/patrols";
import type { TargetKind } from "../../contracts/patrols";
import { addDays, dayStart, periodsBetween, type Period } from "../modules/patrols/periods";
import { filterTrack } from "../modules/patrols/track";
import { answerChecklist } from "./patrol-answers";
import type { PlanRow } from "./patrol-plans";
import { versionOn, type SeedFamily, type SeedTemplate } from "./patrol-templates";
import type { Rng } from "./random";
import { SEED_DAY, SEED_NOW } from "./seed-day";

/**
 * The history of every plan from its start to the day the demo is seeded: one task per
 * period, most done within the period, some late, a few missed; the current period's tasks partly
 * done and otherwise open, so a grid worker's phone list is full on a fresh start.
 */

const H = 3600_000;
/** The history runs to the day the demo is seeded (see seed-day.ts). */
export const REF_DAY = SEED_DAY;
/** The data set's present. */
export const REF_NOW = SEED_NOW;
/** Visits a grid worker plans per day (the product's default `PATROL_DAILY_CAP`). */
export const SEED_DAILY_CAP = 25;
const MIN = 60_000;

export type HistTask = {
  id: string;
  plan: PlanRow;
  period: Period;
  template: SeedTemplate;
  status: "open" | "done" | "missed";
  filledAt: number | null;
  /** The day inside the period the visit was planned for. */
  plannedOn: string;
  /** A case of the history this visit opened: the item that failed. */
  forced?: { caseId: string; itemId: string };
  companions?: string[];
};

/** Share of today's planned visits already done when the demo starts. */
const DONE_TODAY = 0.2;
/**
 * Share of the running period's visits planned for the last two days, and for earlier days, that
 * are done: a decently run community catches up, so only a few roll forward into today's list.
 */
const DONE_RECENT = 0.95;
const DONE_EARLIER = 0.99;

function workTime(rng: Rng, day: string): number {
  return dayStart(day).getTime() + 9 * H + Math.floor(rng.float() * 8.4 * H);
}

/** A day between two days, a Monday–Friday one when a few draws find it. */
function pickDay(rng: Rng, from: string, to: string): string {
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  let day = from;
  for (let i = 0; i < 4; i++) {
    day = addDays(from, rng.int(0, Math.max(0, span)));
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (dow >= 1 && dow <= 5) break;
  }
  return day;
}

/**
 * One task per plan and period, each with a day inside its period the way the product plans them
 * (a worker's tasks of one period in walking order, spread evenly over its days). A decently run
 * community: about 88 % visited by the end of their period, 6 % late, 6 % missed; in the running
 * period the visits planned before today are nearly all done (the few left roll forward by `capDays`),
 * a fifth of today's are done, later ones are open.
 */
export function buildTasks(rng: Rng, plans: PlanRow[], families: Map<TargetKind, SeedFamily>, newId: () => string): HistTask[] {
  const out: HistTask[] = [];
  for (const plan of plans) {
    const family = families.get(plan.targetKind)!;
    for (const period of periodsBetween(plan.startsOn, plan.endsOn && plan.endsOn < REF_DAY ? plan.endsOn : REF_DAY, plan.frequency)) {
      const template = versionOn(family, period.start);
      out.push({ id: newId(), plan, period, template, status: "open", filledAt: null, plannedOn: period.start });
    }
  }
  // Spread each worker's tasks of one period over its days, in the order of their addresses.
  const groups = new Map<string, HistTask[]>();
  for (const t of out) {
    const key = `${t.plan.assigneeId}|${t.period.start}|${t.period.end}`;
    const g = groups.get(key);
    if (g) g.push(t);
    else groups.set(key, [t]);
  }
  for (const g of groups.values()) {
    g.sort((a, b) => (a.plan.targetLabel < b.plan.targetLabel ? -1 : a.plan.targetLabel > b.plan.targetLabel ? 1 : a.id < b.id ? -1 : 1));
    const start = g[0].plan.startsOn > g[0].period.start ? g[0].plan.startsOn : g[0].period.start;
    const days = Math.round((Date.parse(`${g[0].period.end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
    g.forEach((t, i) => (t.plannedOn = addDays(start, Math.floor((i * Math.max(1, days)) / g.length))));
  }
  for (const t of out) {
    const { period } = t;
    if (period.end < REF_DAY) {
      const r = rng.float();
      if (r < 0.06) t.status = "missed";
      else if (r < 0.12) {
        t.status = "done";
        t.filledAt = workTime(rng, pickDay(rng, addDays(period.end, 1), [addDays(period.end, 8), REF_DAY].sort()[0]));
      } else {
        t.status = "done";
        // On the planned day mostly, else a day or two later inside the period.
        const late = rng.chance(0.7) ? 0 : rng.int(1, 2);
        const day = [addDays(t.plannedOn, late), period.end].sort()[0];
        t.filledAt = workTime(rng, day);
      }
    } else if ((t.plannedOn < REF_DAY && rng.chance(t.plannedOn >= addDays(REF_DAY, -2) ? DONE_RECENT : DONE_EARLIER)) || (t.plannedOn === REF_DAY && rng.chance(DONE_TODAY))) {
      t.status = "done";
      t.filledAt = Math.min(workTime(rng, t.plannedOn), REF_NOW - 30 * MIN);
    }
  }
  return out;
}

/** A walk along the river and back, with GPS noise and the odd wild fix, ending at `endMs`. */
export function riverTrack(rng: Rng, path: Array<[number, number]>, endMs: number) {
  const route = [...path, ...[...path].reverse().slice(1)];
  const raw: Array<[number, number, number]> = [];
  const speed = 1.1 + rng.float() * 0.4; // m/s
  const stepM = 25 + rng.float() * 10;
  const toM = 111_320;
  let t = 0;
  for (let i = 0; i + 1 < route.length; i++) {
    const [a, b] = [route[i], route[i + 1]];
    const dx = (b[0] - a[0]) * toM * Math.cos((a[1] * Math.PI) / 180);
    const dy = (b[1] - a[1]) * toM;
    const len = Math.hypot(dx, dy);
    const n = Math.max(1, Math.round(len / stepM));
    for (let k = 0; k < n; k++) {
      const f = k / n;
      const jitter = () => (rng.float() - 0.5) * 0.00008;
      raw.push([a[0] + (b[0] - a[0]) * f + jitter(), a[1] + (b[1] - a[1]) * f + jitter(), t]);
      t += (len / n / speed) * 1000 + (rng.chance(0.05) ? rng.int(30, 180) * 1000 : 0);
    }
  }
  const last = route[route.length - 1];
  raw.push([last[0], last[1], t]);
  const start = endMs - t;
  const stamped = raw.map(([x, y, ms]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6, Math.round(start + ms)] as [number, number, number]);
  if (rng.chance(0.3)) stamped.splice(rng.int(5, stamped.length - 5), 0, [stamped[5][0] + 0.9, stamped[5][1] + 0.4, stamped[5][2] + 1000]);
  return filterTrack(stamped);
}

export type TaskRow = typeof patrolTasks.$inferInsert;
export type SubmissionRow = typeof patrolSubmissions.$inferInsert;

const FIX_NOTES = ["已当场督促整改", "已告知负责人限期整改，下次复查", "已现场劝导"];

/** Task and submission rows from the planned history. */
export function materialise(rng: Rng, tasks: HistTask[], newId: () => string, river: Array<[number, number]> | null) {
  const taskRows: TaskRow[] = [];
  const subRows: SubmissionRow[] = [];
  const links: Array<{ caseId: string; submissionId: string; taskId: string; itemId: string }> = [];
  for (const t of tasks) {
    const done = t.status === "done" && t.filledAt !== null;
    taskRows.push({
      id: t.id,
      planId: t.plan.id,
      communityId: t.plan.communityId,
      areaId: t.plan.areaId,
      templateId: t.template.id,
      assigneeId: t.plan.assigneeId,
      periodStart: t.period.start,
      periodEnd: t.period.end,
      status: t.status,
      doneAt: done ? new Date(t.filledAt!) : null,
      version: t.status === "open" ? 1 : 2,
      plannedOn: t.plannedOn,
      outcome: done ? "visited" : null,
      attempts: done ? 1 : 0,
    });
    if (!done) continue;
    const { answers, failures } = answerChecklist(rng, t.template.items, {
      forced: t.forced?.itemId,
      failRate: t.plan.targetKind === "food_business" ? 0.015 : 0.03,
      companions: t.companions?.length,
    });
    const track = t.plan.targetKind === "river" && river ? riverTrack(rng, river, t.filledAt!) : null;
    const id = newId();
    const loc = t.plan.location;
    const offline = rng.chance(0.1);
    subRows.push({
      id,
      clientId: `seed-${id}`,
      taskId: t.id,
      communityId: t.plan.communityId,
      areaId: t.plan.areaId,
      submittedBy: t.plan.assigneeId,
      filledAt: new Date(t.filledAt!),
      receivedAt: new Date(Math.min(REF_NOW, t.filledAt! + (offline ? rng.int(1, 6) * H : rng.int(2, 60) * 1000))),
      answers,
      failures,
      location: loc ? [Math.round((loc[0] + (rng.float() - 0.5) * 0.0002) * 1e6) / 1e6, Math.round((loc[1] + (rng.float() - 0.5) * 0.0002) * 1e6) / 1e6] : null,
      track: track ? track.points : null,
      trackMeters: track ? track.meters : null,
      trackSeconds: track ? track.seconds : null,
      companions: t.companions ?? [],
      notes: t.forced ? "发现问题已上报事件" : failures.length ? rng.pick(FIX_NOTES) : null,
    });
    if (t.forced) links.push({ caseId: t.forced.caseId, submissionId: id, taskId: t.id, itemId: t.forced.itemId });
  }
  return { taskRows, subRows, links };
}
