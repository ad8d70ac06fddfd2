import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

/**
 * A grid worker's day that can be finished (issue 12): one visit is one record both ways, visit
 * outcomes (未遇 with a second try and, twice in a row, the secretary; 拒访; 已搬离 proposing the
 * register change), and the bad input: a visit for a task reassigned or already done is a 409 that
 * writes nothing.
 */

let t: TestApp;
let staff: Client;
let secretary: Client;
let grid1: Client;
let grid1Id: string;
let staffId: string;
const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
let seq = 0;
const clientId = () => `visit-${Date.now().toString(36)}-${++seq}`;

type OpenTask = { id: string; plan_id: string; household_id: string | null; person_id: string | null; label: string };

/** Open care-household tasks of hk_grid1 whose period holds today, not yet used by a test. */
const used = new Set<string>();
async function openCareTask(): Promise<OpenTask> {
  const rows = await q<OpenTask>(sql`
    SELECT t.id, t.plan_id, p.household_id, p.person_id, p.target_label AS label FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id
    WHERE t.assignee_id = ${grid1Id} AND t.status = 'open' AND p.target_kind = 'special_household' AND p.household_id IS NOT NULL
      AND t.period_start <= ${today()}::date AND t.period_end >= ${today()}::date
      AND NOT EXISTS (SELECT 1 FROM patrol_submissions s WHERE s.task_id = t.id)
    ORDER BY t.id LIMIT 50`);
  const row = rows.find((r) => !used.has(r.id))!;
  used.add(row.id);
  return row;
}
const counts = async (taskId: string, householdId: string) =>
  (
    await q<{ subs: number; visits: number; status: string }>(sql`
    SELECT (SELECT count(*)::int FROM patrol_submissions WHERE task_id = ${taskId}) AS subs,
           (SELECT count(*)::int FROM visits WHERE household_id = ${householdId} AND visited_at > now() - interval '1 hour') AS visits,
           (SELECT status FROM patrol_tasks WHERE id = ${taskId}) AS status`)
  )[0];

beforeAll(async () => {
  t = await createTestApp();
  [staff, secretary, grid1] = await Promise.all([as(t, "hk_staff"), as(t, "hk_secretary"), as(t, "hk_grid1")]);
  grid1Id = (await grid1.get("/api/auth/me")).json().user.id;
  staffId = (await staff.get("/api/auth/me")).json().user.id;
  expect((await staff.post("/api/patrols/tasks/generate", { until: today() })).statusCode).toBe(200);
});
afterAll(() => t.close());

describe("one visit is one record", () => {
  it("a care visit completes the worker's patrol task of the household, once", async () => {
    const task = await openCareTask();
    const body = { householdId: task.household_id, notes: "上门看望，老人身体状况良好", clientId: clientId() };
    const res = await grid1.post("/api/registry/visits", body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ taskId: task.id, outcome: "visited", replayed: false });
    const after = await counts(task.id, task.household_id!);
    expect(after).toEqual({ subs: 1, visits: 1, status: "done" });
    const [link] = await q<{ visit_id: string; task_id: string }>(sql`SELECT s.visit_id, v.task_id FROM patrol_submissions s JOIN visits v ON v.id = s.visit_id WHERE s.task_id = ${task.id}`);
    expect(link).toEqual({ visit_id: res.json().id, task_id: task.id });
    // The same form again (a retry from the phone): nothing changes.
    const again = await grid1.post("/api/registry/visits", body);
    expect(again.json()).toMatchObject({ id: res.json().id, replayed: true });
    expect(await counts(task.id, task.household_id!)).toEqual(after);
    // The task's ledger shows the visit.
    const detail = (await grid1.get(`/api/patrols/tasks/${task.id}`)).json();
    expect(detail.status).toBe("done");
    expect(detail.submissions).toHaveLength(1);
  });

  it("a patrol submission for a household is the care visit (the care list's last visit moves)", async () => {
    const task = await openCareTask();
    const res = await grid1.post(`/api/patrols/tasks/${task.id}/submissions`, { clientId: clientId(), filledAt: new Date().toISOString(), answers: {}, outcome: "refused", notes: "住户拒绝入户" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().task.status).toBe("done");
    expect(await counts(task.id, task.household_id!)).toEqual({ subs: 1, visits: 1, status: "done" });
    const home = (await grid1.get(`/api/registry/households/${task.household_id}`)).json();
    expect(home.visits[0].notes).toBe("住户拒绝入户");
    expect(Date.now() - Date.parse(home.visits[0].visitedAt)).toBeLessThan(3600_000);
    // A care visit after it does not make a second submission of the done task.
    const visit = await grid1.post("/api/registry/visits", { householdId: task.household_id, notes: "再次看望" });
    expect(visit.json().taskId).toBeNull();
    expect((await counts(task.id, task.household_id!)).subs).toBe(1);
  });

  it("answers 409 for a task reassigned or already done, and writes nothing", async () => {
    const task = await openCareTask();
    expect((await staff.post(`/api/patrols/tasks/${task.id}/reassign`, { assigneeId: staffId })).statusCode).toBe(200);
    const before = await counts(task.id, task.household_id!);
    const res = await grid1.post("/api/registry/visits", { householdId: task.household_id, taskId: task.id, notes: "上门", clientId: clientId() });
    expect(res.statusCode).toBe(409);
    expect(res.json().details).toMatchObject({ reason: "reassigned" });
    expect(await counts(task.id, task.household_id!)).toEqual(before);

    const done = await openCareTask();
    expect((await grid1.post("/api/registry/visits", { householdId: done.household_id, taskId: done.id, notes: "上门" })).statusCode).toBe(200);
    const mid = await counts(done.id, done.household_id!);
    const twice = await grid1.post("/api/registry/visits", { householdId: done.household_id, taskId: done.id, notes: "又一次", clientId: clientId() });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().details).toMatchObject({ reason: "already_done" });
    const sub = await grid1.post(`/api/patrols/tasks/${done.id}/submissions`, { clientId: clientId(), filledAt: new Date().toISOString(), answers: {}, outcome: "visited" });
    expect(sub.statusCode).toBe(409);
    expect(await counts(done.id, done.household_id!)).toEqual(mid);
  });
});

describe("visit outcomes", () => {
  it("未遇 keeps the task open with a second try; two in a row raise it to the secretary", async () => {
    const task = await openCareTask();
    const first = await grid1.post("/api/registry/visits", { householdId: task.household_id, notes: "敲门无人应答", outcome: "not_home" });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().retryOn > today()).toBe(true);
    const [row] = await q<{ status: string; retry_on: string; planned_on: string; attempts: number; flagged_at: Date | null }>(sql`SELECT status, retry_on::text, planned_on::text, attempts, flagged_at FROM patrol_tasks WHERE id = ${task.id}`);
    expect(row).toMatchObject({ status: "open", retry_on: first.json().retryOn, planned_on: first.json().retryOn, attempts: 1, flagged_at: null });
    // The care list does not count a 未遇 as a visit.
    const second = await grid1.post(`/api/patrols/tasks/${task.id}/submissions`, { clientId: clientId(), filledAt: new Date().toISOString(), answers: {}, outcome: "not_home" });
    expect(second.statusCode, second.body).toBe(200);
    const [flag] = await q<{ flagged_at: Date | null; attempts: number }>(sql`SELECT flagged_at, attempts FROM patrol_tasks WHERE id = ${task.id}`);
    expect(flag.flagged_at).not.toBeNull();
    expect(flag.attempts).toBe(2);
    const notes = (await secretary.get("/api/notifications")).json();
    expect(JSON.stringify(notes)).toContain("连续两次走访未遇");
    const flagged = (await secretary.get("/api/patrols/tasks?flagged=true&limit=50")).json();
    expect(flagged.items.map((i: { id: string }) => i.id)).toContain(task.id);
  });

  it("已搬离 ends the plan's later tasks and proposes the register change to staff", async () => {
    const task = await openCareTask();
    const res = await grid1.post("/api/registry/visits", { householdId: task.household_id, notes: "邻居称已搬走两个月", outcome: "moved_away" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().correctionId).toBeTruthy();
    const [plan] = await q<{ active: boolean; open: number }>(sql`SELECT active, (SELECT count(*)::int FROM patrol_tasks WHERE plan_id = ${task.plan_id} AND status = 'open') AS open FROM patrol_plans WHERE id = ${task.plan_id}`);
    expect(plan).toEqual({ active: false, open: 0 });
    const corrections = (await staff.get("/api/registry/corrections")).json();
    const proposal = corrections.items.find((c: { id: string }) => c.id === res.json().correctionId);
    expect(proposal).toMatchObject({ field: "residence", proposed: "已搬离" });
  });
});

describe("a workload a person can do", () => {
  it("gives each demo grid worker a day's work today, in walking order, never cut off", async () => {
    for (const name of ["hk_grid1", "hk_grid2", "hk_grid3", "yxq_grid1"]) {
      const c = name === "hk_grid1" ? grid1 : await as(t, name);
      const list = (await c.get("/api/patrols/my/tasks?view=today")).json();
      expect(list.counts.today, name).toBeGreaterThanOrEqual(name.startsWith("hk") ? 15 : 5);
      expect(list.counts.today, name).toBeLessThanOrEqual(30);
      expect(list.items.length).toBe(list.counts.today);
      const homes = list.items.filter((i: { walk: unknown }) => i.walk);
      const keys = homes.map((i: { walk: { compound: string } }) => i.walk.compound);
      // Grouped: one compound's homes come together.
      expect(new Set(keys).size).toBe(keys.filter((k: string, j: number) => j === 0 || keys[j - 1] !== k).length);
    }
  });

  it("shows the on-time rate of a decently run community in the demo history", async () => {
    const [r] = await q<{ ended: number; on_time: number }>(sql`
      SELECT count(*)::int AS ended,
             count(*) FILTER (WHERE status = 'done' AND done_at < (period_end + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::int AS on_time
      FROM patrol_tasks WHERE period_end < ${today()}::date AND period_start >= ${today()}::date - 180`);
    const rate = r.on_time / r.ended;
    expect(rate).toBeGreaterThanOrEqual(0.75);
    expect(rate).toBeLessThanOrEqual(0.95);
  });

  it("caps a worker's day and rolls the rest forward visibly (顺延)", async () => {
    const me = (await (await as(t, "hk_grid3")).get("/api/auth/me")).json().user.id;
    // Everything open of this worker planned for today at once: far more than a day.
    await t.database.db.execute(sql`UPDATE patrol_tasks SET planned_on = ${today()}::date, rolled_from = NULL WHERE assignee_id = ${me} AND status = 'open' AND period_end >= ${today()}::date AND retry_on IS NULL`);
    const { runPatrolHousekeeping } = await import("../src/server/modules/patrols/sweep-tasks");
    const done = await runPatrolHousekeeping(t.deps);
    expect(done.rolled).toBeGreaterThan(0);
    const days = await q<{ planned_on: string; n: number; rolled: number }>(sql`
      SELECT planned_on::text, count(*)::int AS n, count(rolled_from)::int AS rolled FROM patrol_tasks
      WHERE assignee_id = ${me} AND status = 'open' AND period_end >= ${today()}::date GROUP BY 1 ORDER BY 1`);
    expect(days[0]).toMatchObject({ planned_on: today() });
    // Today holds the cap, plus only what cannot move because its period ends today.
    const [{ ending }] = await q<{ ending: number }>(sql`SELECT count(*)::int AS ending FROM patrol_tasks WHERE assignee_id = ${me} AND status = 'open' AND period_end = ${today()}::date`);
    expect(days[0].n).toBeLessThanOrEqual(t.deps.config.patrolDailyCap + ending);
    for (const d of days.slice(1)) expect(d.n, d.planned_on).toBeLessThanOrEqual(t.deps.config.patrolDailyCap + 5);
    expect(days.slice(1).some((d) => d.rolled > 0)).toBe(true);
    const list = (await (await as(t, "hk_grid3")).get("/api/patrols/my/tasks?view=week&limit=2000")).json();
    const rolled = list.items.find((i: { rolledFrom: string | null }) => i.rolledFrom);
    expect(rolled.rolledFrom).toBe(today());
    expect(rolled.plannedOn > today()).toBe(true);
  });
});
