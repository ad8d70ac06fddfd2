import { pickChannel, PLANS } from "./case-plan";
import { TO_COMMUNITY, TO_STREET, DISPATCH_NOTE, NOTES } from "./case-notes";
import type { Story } from "./case-story";
import type { CaseWriter } from "./case-writer";

/**
 * The cases still open at the data set's "now": a few in every grid worker's queue and one or two
 * with the community, the street office and a department, each placed in time so that its time
 * limit is where the spec says (red: overdue, yellow: past 80 %, normal).
 */

type OpenStatus = "reported" | "accepted" | "dispatched" | "in_progress" | "handled";
type Timer = "red" | "yellow" | "normal";
type OpenSpec = {
  /** Grid index of the place; "home": the demo resident's grid. */
  grid: number | "home";
  status: OpenStatus;
  timer: Timer;
  /** Where the case is now, if above its grid. */
  at?: "community" | "street" | "department";
  department?: string;
  who?: "resident" | "rider";
  category?: string;
};

const OPEN: Record<"hk" | "yxq", OpenSpec[]> = {
  hk: [
    { grid: 0, status: "in_progress", timer: "red" },
    { grid: 0, status: "reported", timer: "yellow" },
    { grid: 0, status: "accepted", timer: "normal" },
    { grid: 0, status: "handled", timer: "normal" },
    { grid: 1, status: "dispatched", timer: "yellow" },
    { grid: 1, status: "in_progress", timer: "normal", who: "rider" },
    { grid: 1, status: "reported", timer: "red" },
    { grid: "home", status: "in_progress", timer: "yellow", who: "resident" },
    { grid: 2, status: "reported", timer: "normal" },
    { grid: 2, status: "accepted", timer: "red" },
    { grid: 1, status: "accepted", timer: "normal", at: "community", category: "dispute_property" },
    { grid: 2, status: "in_progress", timer: "yellow", at: "community", category: "dispute_neighbour" },
    { grid: 0, status: "accepted", timer: "normal", at: "street", category: "road" },
    { grid: 2, status: "dispatched", timer: "normal", at: "department", department: "派出所", category: "police_sensitive" },
  ],
  yxq: [
    { grid: 0, status: "in_progress", timer: "red" },
    { grid: "home", status: "reported", timer: "normal", who: "resident" },
    { grid: 1, status: "accepted", timer: "yellow" },
    { grid: 1, status: "handled", timer: "normal", who: "rider", category: "fire_hazard" },
    { grid: 2, status: "dispatched", timer: "normal" },
    { grid: 2, status: "in_progress", timer: "yellow" },
    { grid: 3, status: "reported", timer: "red" },
    { grid: 3, status: "in_progress", timer: "normal" },
    { grid: 4, status: "in_progress", timer: "normal", who: "rider", category: "sanitation" },
    { grid: 5, status: "reported", timer: "yellow" },
    { grid: 5, status: "accepted", timer: "normal" },
    { grid: 4, status: "accepted", timer: "yellow", at: "community", category: "dispute_property" },
    { grid: 3, status: "in_progress", timer: "normal", at: "department", department: "消防队", category: "fire_hazard" },
  ],
};

const GRID_CATEGORIES = ["sanitation", "noise", "road", "fire_hazard", "public_safety", "other", "dispute_neighbour", "sanitation", "road"];

export function openCases(w: CaseWriter, homeGrid: number): Story[] {
  const { env } = w;
  const { rng, cal, now } = env;
  const key = w.ca.spec.key;
  const stories: Story[] = [];
  /** The instant `hours` working hours before now. */
  const back = (hours: number) => cal.back(now, hours);
  const min = (n: number) => n * 60_000;

  for (const spec of OPEN[key]) {
    const grid = spec.grid === "home" ? homeGrid : spec.grid;
    const category = spec.category ?? rng.pick(GRID_CATEGORIES);
    const level = spec.at ?? "grid";
    const limits = env.limit(category, level);
    const hours = spec.status === "reported" ? limits.acceptHours : limits.handleHours;
    const share = spec.status === "handled" ? 0.5 : spec.timer === "red" ? 1.15 + rng.float() * 0.5 : spec.timer === "yellow" ? 0.84 + rng.float() * 0.11 : 0.1 + rng.float() * 0.45;
    // `start`: when the clock that decides the timer began (the report, or the step that set the handling clock).
    const start = back(hours * share);
    // The report came a little earlier, in working time: within the acceptance limit when the grid answers it.
    const lead = spec.status === "reported" ? 0 : level === "street" || level === "department" ? 1 + rng.float() : env.limit(category, "grid").acceptHours * (0.1 + rng.float() * 0.6);
    const created = lead > 0 ? cal.back(start, lead) : start;
    const channel = spec.who === "resident" ? "resident_app" : spec.who === "rider" ? "rider_app" : pickChannel(rng, category, PLANS[key].riders);
    const { story: s, plot, site } = w.write({ category, closure: "resolved", channel, createdAt: created, grid }, spec.who);
    const cast = w.castFor(site.mg.grid);
    if (level === "grid") {
      if (spec.status === "accepted") s.accept(start, cast.grid);
      if (spec.status === "dispatched") {
        s.accept(start, cast.staff);
        s.dispatch(start + min(rng.int(5, 30)), cast.staff, cast.grid);
      }
      if (spec.status === "in_progress" || spec.status === "handled") {
        s.take(start, cast.grid);
        if (rng.chance(0.5)) s.note(start + min(rng.int(20, 90)), cast.grid, rng.pick(NOTES));
      }
      if (spec.status === "handled") s.handle(env.work(s.t, 1 + rng.float() * 4), cast.grid, plot.result);
    } else {
      s.escalate(level === "community" ? start : created + min(rng.int(15, 40)), cast.grid, rng.pick(TO_COMMUNITY[plot.group] ?? TO_COMMUNITY.default));
      if (level !== "community") {
        if (level === "street") s.escalate(start, cast.staff, rng.pick(TO_STREET));
        else {
          s.escalate(created + min(rng.int(60, 100)), cast.staff, rng.pick(TO_STREET));
          s.dispatchDepartment(start, cast.street, spec.department!, DISPATCH_NOTE[spec.department!] ?? "请相关部门处置");
        }
      }
      if (spec.status === "in_progress") {
        if (level === "department") s.start(start + min(rng.int(30, 120)), cast.department(spec.department!));
        else s.take(start + min(rng.int(20, 60)), cast.staff);
      }
    }
    stories.push(s);
  }
  return stories;
}
