import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";
import { sweepMissedTasks } from "../src/server/modules/patrols/sweep-tasks";
import { periodOf, periodsBetween } from "../src/server/modules/patrols/periods";

/**
 * Templates changing under open tasks, task generation and the missed sweep, the ledgers (per
 * target, the monthly xlsx a street office expects), coverage, and the demo history's figures.
 */

let t: TestApp;
let staff: Client;
let grid1: Client;
let gridId: string;
let communityId: string;
const templates = new Map<string, { id: string; familyId: string; version: number }>();

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const month = () => today().slice(0, 7);
let seq = 0;
const clientId = () => `ledger-${Date.now().toString(36)}-${++seq}`;


async function freeEnterprise(familyId: string) {
  const [row] = await q<{ id: string; name: string }>(sql`
    SELECT p.id, p.name FROM places p JOIN areas a ON a.id = p.area_id
    WHERE p.kind = 'enterprise' AND (a.id = ${gridId} OR a.parent_id = ${gridId})
      AND NOT EXISTS (SELECT 1 FROM patrol_plans x WHERE x.place_id = p.id AND x.template_family_id = ${familyId})
    ORDER BY p.id LIMIT 1`);
  return row;
}

async function planTask(familyId: string, placeId: string) {
  const res = await staff.post("/api/patrols/plans", { templateFamilyId: familyId, target: { type: "place", placeId } });
  expect(res.statusCode, res.body).toBe(200);
  const [task] = await q<{ id: string }>(sql`SELECT id FROM patrol_tasks WHERE plan_id = ${res.json().id} ORDER BY period_start DESC LIMIT 1`);
  return { planId: res.json().id as string, taskId: task.id };
}

beforeAll(async () => {
  t = await createTestApp();
  [staff, grid1] = await Promise.all([as(t, "hk_staff"), as(t, "hk_grid1")]);
  const me = (await grid1.get("/api/auth/me")).json().user;
  gridId = me.area.id;
  communityId = (await staff.get("/api/auth/me")).json().user.area.id;
  for (const tpl of (await staff.get("/api/patrols/templates")).json().items) templates.set(tpl.targetKind, tpl);
});
afterAll(() => t.close());

describe("periods", () => {
  it("runs weeks Monday to Sunday, months and quarters by the calendar", () => {
    expect(periodOf("2024-07-03", "weekly")).toEqual({ start: "2024-07-01", end: "2024-07-07" });
    expect(periodOf("2024-07-07", "weekly")).toEqual({ start: "2024-07-01", end: "2024-07-07" });
    expect(periodOf("2024-02-29", "monthly")).toEqual({ start: "2024-02-01", end: "2024-02-29" });
    expect(periodOf("2024-12-31", "quarterly")).toEqual({ start: "2024-10-01", end: "2024-12-31" });
    expect(periodsBetween("2024-12-30", "2025-01-06", "weekly").map((p) => p.start)).toEqual(["2024-12-30", "2025-01-06"]);
  });
});

describe("a template changed while tasks of the old version are open", () => {
  it("keeps showing and accepting the old items on the old task; new tasks use the new version", async () => {
    const created = await staff.post("/api/patrols/templates", {
      targetKind: "key_enterprise",
      name: "红康社区燃气安全检查表",
      items: [
        { label: "燃气报警器工作正常", type: "yes_no", failWhen: { equals: false }, opensCase: true, caseCategory: "public_safety" },
        { label: "检查说明", type: "text", required: false },
      ],
    });
    expect(created.statusCode, created.body).toBe(200);
    const v1 = created.json();
    expect(v1).toMatchObject({ version: 1, communityId, current: true });
    const first = await planTask(v1.familyId, (await freeEnterprise(v1.familyId)).id);

    const changed = await staff.post(`/api/patrols/templates/${v1.id}/versions`, {
      items: [
        { label: "燃气报警器工作正常", type: "yes_no", failWhen: { equals: false }, opensCase: true, caseCategory: "public_safety" },
        { label: "燃气软管无老化", type: "yes_no", failWhen: { equals: false } },
        { label: "检查说明", type: "text", required: false },
      ],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const v2 = changed.json();
    expect(v2).toMatchObject({ familyId: v1.familyId, version: 2, current: true });
    expect((await staff.post(`/api/patrols/templates/${v1.id}/versions`, { items: v2.items.slice(0, 1).map(() => ({ label: "x", type: "text" })) })).json().details).toMatchObject({
      reason: "not_current",
      currentId: v2.id,
    });

    const old = (await grid1.get(`/api/patrols/tasks/${first.taskId}`)).json();
    expect(old.template).toMatchObject({ id: v1.id, version: 1 });
    expect(old.template.items.map((i: { label: string }) => i.label)).toEqual(["燃气报警器工作正常", "检查说明"]);
    const answers = { [old.template.items[0].id]: true, [old.template.items[1].id]: "报警器已测试" };
    const res = await grid1.post(`/api/patrols/tasks/${first.taskId}/submissions`, { clientId: clientId(), filledAt: new Date().toISOString(), answers });
    expect(res.statusCode, res.body).toBe(200);
    // Answers with the new version's items do not fit the old task.
    const second = await planTask(v1.familyId, (await freeEnterprise(v1.familyId)).id);
    const fresh = (await grid1.get(`/api/patrols/tasks/${second.taskId}`)).json();
    expect(fresh.template).toMatchObject({ id: v2.id, version: 2 });
    const mixed = await grid1.post(`/api/patrols/tasks/${second.taskId}/submissions`, { clientId: clientId(), filledAt: new Date().toISOString(), answers });
    expect(mixed.statusCode).toBe(400);

    const ledger = (await staff.get(`/api/patrols/ledger/target?type=place&id=${old.plan.target.id}`)).json();
    expect(ledger.entries[0].template).toMatchObject({ id: v1.id, version: 1 });
    expect(ledger.entries[0].answers.map((a: { label: string; display: string }) => `${a.label}=${a.display}`)).toEqual(["燃气报警器工作正常=是", "检查说明=报警器已测试"]);
  });

  it("lets only platform administrators change a global template", async () => {
    const fire = templates.get("fire_point")!;
    expect((await staff.post(`/api/patrols/templates/${fire.id}/versions`, { items: [{ label: "x", type: "text" }] })).statusCode).toBe(403);
    expect((await grid1.post(`/api/patrols/templates/${fire.id}/versions`, { items: [{ label: "x", type: "text" }] })).statusCode).toBe(403);
  });
});

describe("task generation and the missed sweep", () => {
  it("makes one task per plan and period, idempotently, on calendar periods", async () => {
    const until = new Date(Date.now() + 8 * 3600_000 + 40 * 86_400_000).toISOString().slice(0, 10);
    const first = (await staff.post("/api/patrols/tasks/generate", { until })).json();
    expect(first.created).toBeGreaterThan(0);
    expect(first.plans).toBeGreaterThan(2000);
    const again = (await staff.post("/api/patrols/tasks/generate", { until })).json();
    expect(again.created).toBe(0);
    // Ids made in SQL are UUIDv7 like the app's.
    const [{ id }] = await q<{ id: string }>(sql`SELECT id FROM patrol_tasks WHERE period_start > ${today()}::date ORDER BY id DESC LIMIT 1`);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const bad = await q<{ frequency: string; n: number }>(sql`
      SELECT p.frequency, count(*)::int AS n FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id
      WHERE (p.frequency = 'weekly' AND (extract(isodow FROM t.period_start) <> 1 OR t.period_end <> t.period_start + 6))
         OR (p.frequency = 'monthly' AND (extract(day FROM t.period_start) <> 1 OR t.period_end <> (t.period_start + interval '1 month' - interval '1 day')::date))
         OR (p.frequency = 'quarterly' AND (extract(month FROM t.period_start)::int % 3 <> 1 OR extract(day FROM t.period_start) <> 1))
      GROUP BY 1`);
    expect(bad).toEqual([]);
    const [{ dup }] = await q<{ dup: number }>(sql`SELECT count(*)::int AS dup FROM (SELECT plan_id, period_start FROM patrol_tasks GROUP BY 1, 2 HAVING count(*) > 1) d`);
    expect(dup).toBe(0);
    expect((await staff.post("/api/patrols/tasks/generate", { until: "2020-01-01" })).statusCode).toBe(400);
    expect((await grid1.post("/api/patrols/tasks/generate", { until })).statusCode).toBe(403);
  });
});

describe("ledgers", () => {
  let submissionTarget: string;
  let caseNumber: string;

  beforeAll(async () => {
    const family = templates.get("fire_point")!.familyId;
    const place = await freeEnterprise(family);
    submissionTarget = place.name;
    const { taskId } = await planTask(family, place.id);
    const task = (await grid1.get(`/api/patrols/tasks/${taskId}`)).json();
    const answers: Record<string, unknown> = {};
    for (const i of task.template.items) if (i.type === "yes_no") answers[i.id] = i.label !== "灭火器、消火栓完好有效";
    const res = await grid1.post(`/api/patrols/tasks/${taskId}/submissions`, { clientId: clientId(), filledAt: new Date().toISOString(), answers, companions: ["何某（美团骑手）"] });
    expect(res.statusCode, res.body).toBe(200);
    caseNumber = res.json().submission.cases[0].number;
  });

  it("produces the monthly ledger as xlsx: one sheet per grid, Chinese headers, the visit, its case and an empty signature column", async () => {
    const res = await staff.get(`/api/patrols/ledger/monthly.xlsx?month=${month()}&targetKind=fire_point`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain("消防安全巡查台账");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["红康第一网格", "红康第二网格", "红康第三网格"]);
    const ws = wb.getWorksheet("红康第一网格")!;
    const [y, m] = month().split("-").map(Number);
    expect(ws.getCell(1, 1).value).toBe(`红康社区 ${y}年${m}月 消防安全巡查台账`);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(["序号", "巡查日期", "对象", "地址", "网格", "巡查人", "检查项目结果", "发现问题", "处置情况/关联事件编号", "照片数", "签字"]);
    const rows = [] as ExcelJS.Row[];
    ws.eachRow((row, n) => {
      if (n > 3) rows.push(row);
    });
    const visit = rows.find((r) => r.getCell(3).value === submissionTarget)!;
    expect(visit).toBeTruthy();
    expect(visit.getCell(2).value).toBe(today());
    expect(String(visit.getCell(6).value)).toContain("同行：何某（美团骑手）");
    expect(String(visit.getCell(7).value)).toContain("消防通道、安全出口畅通：是");
    expect(String(visit.getCell(8).value)).toContain("灭火器、消火栓完好有效：否");
    expect(String(visit.getCell(9).value)).toContain(caseNumber);
    expect(visit.getCell(11).value ?? "").toBe("");
    const totals = rows.find((r) => r.getCell(1).value === "合计")!;
    expect(String(totals.getCell(2).value)).toMatch(/实巡 \d+ 次/);
    // The JSON form of the same ledger agrees.
    const json = (await staff.get(`/api/patrols/ledger/monthly?month=${month()}&targetKind=fire_point`)).json();
    expect(json.sheets.find((s: { name: string }) => s.name === "红康第一网格").rows.some((r: { target: string }) => r.target === submissionTarget)).toBe(true);
    expect(json.totals.visits).toBe(json.sheets.reduce((n: number, s: { rows: unknown[] }) => n + s.rows.length, 0));
  });

  it("lets a grid worker read their grid's ledger but not export it", async () => {
    expect((await grid1.get(`/api/patrols/ledger/monthly.xlsx?month=${month()}&targetKind=fire_point`)).statusCode).toBe(403);
    const mine = (await grid1.get(`/api/patrols/ledger/monthly?month=${month()}&targetKind=fire_point`)).json();
    expect(mine.sheets.map((s: { name: string }) => s.name)).toEqual(["红康第一网格"]);
    expect((await staff.get(`/api/patrols/ledger/monthly?month=2024-13&targetKind=fire_point`)).statusCode).toBe(400);
  });

  it("writes 怡心桥's July 2024 fire-safety ledger from the demo history", async () => {
    const yxq = await as(t, "yxq_staff");
    const res = await yxq.get(`/api/patrols/ledger/monthly.xlsx?month=2024-07&targetKind=fire_point`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(6);
    expect(wb.worksheets[0].getCell(1, 1).value).toBe("怡心桥社区 2024年7月 消防安全巡查台账");
  });

  it("measures coverage and timeliness per grid worker, grid and kind", async () => {
    const res = await staff.get(`/api/patrols/coverage?month=${month()}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    const sum = (list: Array<{ due: number }>) => list.reduce((n, x) => n + x.due, 0);
    expect(c.total.due).toBeGreaterThan(0);
    expect(sum(c.byWorker)).toBe(c.total.due);
    expect(sum(c.byGrid)).toBe(c.total.due);
    expect(sum(c.byKind)).toBe(c.total.due);
    for (const w of c.byWorker as Array<{ due: number; done: number; doneOnTime: number; late: number; missed: number; open: number }>) {
      expect(w.doneOnTime + w.late).toBe(w.done);
      expect(w.done + w.missed + w.open).toBe(w.due);
    }
    const g1 = (await grid1.get(`/api/patrols/coverage?month=${month()}`)).json();
    expect(g1.byGrid.map((g: { grid: { id: string } }) => g.grid.id)).toEqual([gridId]);
    // Today's coverage: the tasks whose period holds today, counted like the plain SQL says.
    const day = (await staff.get(`/api/patrols/coverage?month=${month()}&day=${today()}`)).json();
    expect(day).toMatchObject({ from: today(), to: today() });
    const [expected] = await q<{ due: number; done: number }>(sql`
      SELECT count(*)::int AS due, count(*) FILTER (WHERE t.status = 'done')::int AS done
      FROM patrol_tasks t JOIN areas a ON a.id = t.area_id JOIN users u ON u.username = 'hk_staff'
      WHERE t.status <> 'cancelled' AND t.period_start <= ${today()}::date AND t.period_end >= ${today()}::date AND t.community_id = u.area_id`);
    expect({ due: day.total.due, done: day.total.done }).toEqual(expected);
  });

  it("marks open tasks of ended periods as missed; they show as overdue and can still be recorded late", async () => {
    expect((await staff.post("/api/patrols/tasks/generate", { until: today() })).statusCode).toBe(200);
    const me = (await grid1.get("/api/auth/me")).json().user;
    const [task] = await q<{ id: string; period_end: string }>(sql`
      SELECT t.id, t.period_end::text FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id
      WHERE p.target_kind = 'billboard' AND t.assignee_id = ${me.id} AND t.status = 'open' AND t.period_start <= ${today()}::date AND t.period_end >= ${today()}::date
      ORDER BY t.id LIMIT 1`);
    const after = new Date(Date.parse(`${task.period_end}T12:00:00+08:00`) + 86_400_000);
    const { missed } = await sweepMissedTasks(t.deps, after);
    expect(missed).toBeGreaterThan(0);
    expect((await sweepMissedTasks(t.deps, after)).missed).toBe(0);
    const overdue = (await grid1.get("/api/patrols/my/tasks?view=overdue&limit=2000")).json();
    expect(overdue.items.find((i: { id: string }) => i.id === task.id)).toMatchObject({ status: "missed", overdue: true });
    const notes = (await grid1.get("/api/notifications")).json().items as Array<{ title: string }>;
    expect(notes.some((n) => /巡查任务逾期/.test(n.title))).toBe(true);
    const detail = (await grid1.get(`/api/patrols/tasks/${task.id}`)).json();
    const answers: Record<string, unknown> = {};
    for (const i of detail.template.items) if (i.type === "yes_no") answers[i.id] = true;
    for (const i of detail.template.items) if (i.type === "choice") answers[i.id] = i.options[0];
    const late = await grid1.post(`/api/patrols/tasks/${task.id}/submissions`, { clientId: clientId(), filledAt: new Date().toISOString(), answers });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().task.status).toBe("done");
  });
});

describe("the demo history", () => {
  it("matches the articles: billboards, river walks with tracks, 怡心桥's fire and food checks with riders", async () => {
    const [f] = await q<{ boards: number; board_checks: number; river_weeks: number; tracked: number; fire: number; riders: number; food: number; links: number; both_ways: number }>(sql`
      WITH s AS (
        SELECT s.*, p.target_kind, a.name AS community FROM patrol_submissions s JOIN patrol_tasks t ON t.id = s.task_id
        JOIN patrol_plans p ON p.id = t.plan_id JOIN areas a ON a.id = s.community_id)
      SELECT (SELECT count(*)::int FROM places WHERE kind = 'billboard') AS boards,
             (SELECT count(*)::int FROM s WHERE target_kind = 'billboard') AS board_checks,
             (SELECT count(DISTINCT date_trunc('week', filled_at))::int FROM s WHERE target_kind = 'river' AND community = '红康社区') AS river_weeks,
             (SELECT count(*)::int FROM s WHERE target_kind = 'river' AND track_meters > 500 AND jsonb_array_length(track) > 10) AS tracked,
             (SELECT count(*)::int FROM s WHERE target_kind = 'fire_point' AND community = '怡心桥社区' AND filled_at >= '2023-07-01' AND filled_at < '2025-01-01') AS fire,
             (SELECT count(*)::int FROM s WHERE target_kind = 'fire_point' AND community = '怡心桥社区' AND filled_at >= '2023-07-01' AND filled_at < '2025-01-01' AND jsonb_array_length(companions) > 0) AS riders,
             (SELECT count(*)::int FROM s WHERE target_kind = 'food_business' AND community = '怡心桥社区' AND filled_at >= '2023-07-01' AND filled_at < '2025-01-01') AS food,
             (SELECT count(*)::int FROM case_links WHERE kind = 'patrol_submission') AS links,
             (SELECT count(*)::int FROM case_links l JOIN case_events e ON e.case_id = l.case_id AND e.action = 'report' WHERE e.data->>'patrolSubmissionId' = l.ref_id::text) AS both_ways`);
    expect(f.boards).toBeGreaterThanOrEqual(170);
    expect(f.board_checks).toBeGreaterThanOrEqual(170);
    expect(f.river_weeks).toBeGreaterThan(150);
    expect(f.tracked).toBeGreaterThan(150);
    expect(f.fire).toBeGreaterThanOrEqual(60);
    expect(f.riders).toBe(14);
    expect(f.food).toBeGreaterThanOrEqual(1000);
    expect(f.links).toBeGreaterThan(50);
    expect(f.both_ways).toBe(f.links);
  });
});
