import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { jpegWithGps, multipart } from "./support/images";
import { rowsOf } from "../src/server/db/client";

/**
 * Patrols on the phone: the differentiated list, today's tasks and route, the checklist submit
 * (offline-safe, exactly once), failures that become cases, and the bad input of the issue.
 */

let t: TestApp;
let staff: Client;
let secretary: Client;
let grid1: Client;
let grid2: Client;
let grid3: Client;
let gridId: string;
const templates = new Map<string, { id: string; familyId: string; version: number }>();

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
let seq = 0;
const clientId = () => `phone-${Date.now().toString(36)}-${++seq}`;


/** An enterprise of hk_grid1's grid that has no plan with the given template family. */
async function enterpriseOfGrid1(familyId: string, skip = 0) {
  const rows = await q<{ id: string; name: string }>(sql`
    SELECT p.id, p.name FROM places p JOIN areas a ON a.id = p.area_id
    WHERE p.kind = 'enterprise' AND (a.id = ${gridId} OR a.parent_id = ${gridId})
      AND NOT EXISTS (SELECT 1 FROM patrol_plans x WHERE x.place_id = p.id AND x.template_family_id = ${familyId})
    ORDER BY p.id OFFSET ${skip} LIMIT 1`);
  return rows[0];
}

/** Puts a place on the list with a template and returns the current task of the plan. */
async function planAndTask(familyId: string, placeId: string, by = staff) {
  const res = await by.post("/api/patrols/plans", { templateFamilyId: familyId, target: { type: "place", placeId } });
  expect(res.statusCode, res.body).toBe(200);
  const plan = res.json();
  const [task] = await q<{ id: string }>(sql`SELECT id FROM patrol_tasks WHERE plan_id = ${plan.id} ORDER BY period_start DESC LIMIT 1`);
  return { plan, taskId: task.id };
}

const submit = (c: Client, taskId: string, body: Record<string, unknown>) => c.post(`/api/patrols/tasks/${taskId}/submissions`, body);

/** Answers every required item with a passing value; `overrides` by item label. */
async function answersFor(c: Client, taskId: string, overrides: Record<string, unknown> = {}) {
  const task = (await c.get(`/api/patrols/tasks/${taskId}`)).json();
  const answers: Record<string, unknown> = {};
  for (const item of task.template.items as Array<{ id: string; label: string; type: string; options: string[] | null; required: boolean; failWhen: { equals?: boolean } | null }>) {
    if (item.label in overrides) answers[item.id] = overrides[item.label];
    else if (item.type === "yes_no") answers[item.id] = item.failWhen?.equals === false;
    else if (item.type === "choice") answers[item.id] = item.options![0];
    else if (item.type === "number" && item.required) answers[item.id] = 1;
    else if (item.type === "text" && item.required) answers[item.id] = "情况正常";
  }
  return { task, answers };
}

beforeAll(async () => {
  t = await createTestApp();
  [staff, secretary, grid1, grid2, grid3] = await Promise.all([as(t, "hk_staff"), as(t, "hk_secretary"), as(t, "hk_grid1"), as(t, "hk_grid2"), as(t, "hk_grid3")]);
  gridId = (await grid1.get("/api/auth/me")).json().user.area.id;
  for (const tpl of (await staff.get("/api/patrols/templates")).json().items) templates.set(tpl.targetKind, tpl);
});
afterAll(() => t.close());

describe("templates", () => {
  it("offers the seven kinds of checklist as global templates, with their items", async () => {
    expect([...templates.keys()].sort()).toEqual(["billboard", "fire_point", "food_business", "key_enterprise", "key_person", "river", "special_household"]);
    const fire = (await staff.get(`/api/patrols/templates/${templates.get("fire_point")!.id}`)).json();
    expect(fire).toMatchObject({ name: "消防安全巡查表", version: 2, current: true, communityId: null });
    expect(fire.items.map((i: { label: string }) => i.label)).toContain("无电动自行车违规停放、充电");
    const exit = fire.items.find((i: { label: string }) => i.label === "消防通道、安全出口畅通");
    expect(exit).toMatchObject({ type: "yes_no", failWhen: { equals: false }, opensCase: true, caseCategory: "fire_hazard" });
    const history = (await staff.get("/api/patrols/templates?history=true&targetKind=fire_point")).json().items;
    expect(history.map((h: { version: number }) => h.version).sort()).toEqual([1, 2]);
  });

  it("refuses a template whose items do not fit their types", async () => {
    const bad = [
      { targetKind: "key_enterprise", name: "坏模板", items: [{ label: "选项缺失", type: "choice" }] },
      { targetKind: "key_enterprise", name: "坏模板", items: [{ label: "数字", type: "number", failWhen: { equals: false } }] },
      { targetKind: "key_enterprise", name: "坏模板", items: [{ label: "不会失败", type: "text", opensCase: true }] },
      { targetKind: "key_enterprise", name: "坏模板", items: [{ label: "未知分类", type: "yes_no", failWhen: { equals: false }, opensCase: true, caseCategory: "nope" }] },
      { targetKind: "key_enterprise", name: "全局", global: true, items: [{ label: "x", type: "text" }] },
    ];
    const codes = await Promise.all(bad.map(async (b) => (await staff.post("/api/patrols/templates", b)).statusCode));
    expect(codes).toEqual([400, 400, 400, 400, 403]);
    expect((await grid1.post("/api/patrols/templates", bad[0])).statusCode).toBe(403);
  });
});

describe("the differentiated list", () => {
  it("takes the visit frequency from the care tags and the assignee from the grid", async () => {
    const [home] = await q<{ household_id: string; plan_id: string }>(sql`
      SELECT p.household_id, pl.id AS plan_id FROM person_tags pt JOIN persons p ON p.id = pt.person_id
      JOIN patrol_plans pl ON pl.household_id = p.household_id AND pl.active
      JOIN areas a ON a.id = p.area_id
      WHERE pt.tag_code = 'elderly_alone' AND pt.removed_at IS NULL AND a.parent_id = ${gridId} LIMIT 1`);
    const family = templates.get("special_household")!.familyId;
    const dup = await staff.post("/api/patrols/plans", { templateFamilyId: family, target: { type: "household", householdId: home.household_id } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details).toMatchObject({ reason: "already_planned", planId: home.plan_id });
    const off = await staff.post(`/api/patrols/plans/${home.plan_id}/deactivate`, {});
    expect(off.json().plan.active).toBe(false);
    const [{ open }] = await q<{ open: number }>(sql`SELECT count(*)::int AS open FROM patrol_tasks WHERE plan_id = ${home.plan_id} AND status = 'open'`);
    expect(open).toBe(0);
    const res = await staff.post("/api/patrols/plans", { templateFamilyId: family, target: { type: "household", householdId: home.household_id } });
    expect(res.statusCode, res.body).toBe(200);
    const me = (await grid1.get("/api/auth/me")).json().user;
    expect(res.json()).toMatchObject({ frequency: "weekly", targetKind: "special_household", assignee: { id: me.id }, grid: { id: gridId } });
    const mine = (await grid1.get("/api/patrols/my/tasks?view=today&limit=2000")).json();
    expect(mine.items.some((i: { planId: string }) => i.planId === res.json().id)).toBe(true);
  });

  it("assigns everyone with a tag in a grid at once, again without duplicates, and keeps 重点人员 to those allowed to see it", async () => {
    const body = { by: "tag", tagCode: "veteran", areaId: gridId };
    const first = (await staff.post("/api/patrols/plans/bulk", body)).json();
    expect(first.created).toBeGreaterThan(0);
    expect(first.byFrequency).toEqual({ quarterly: first.created });
    const again = (await staff.post("/api/patrols/plans/bulk", body)).json();
    expect(again).toMatchObject({ created: 0, skipped: first.created + first.skipped });
    expect((await staff.post("/api/patrols/plans/bulk", { by: "tag", tagCode: "key_person", areaId: gridId })).statusCode).toBe(403);
    expect((await secretary.post("/api/patrols/plans/bulk", { by: "tag", tagCode: "key_person", areaId: gridId })).statusCode).toBe(200);
    const places = (await staff.post("/api/patrols/plans/bulk", { by: "place_kind", placeKind: "public_unit", areaId: gridId, frequency: "monthly" })).json();
    expect(places.created + places.skipped).toBeGreaterThanOrEqual(0);
    const list = (await staff.get(`/api/patrols/plans?areaId=${gridId}&targetKind=special_household&limit=5`)).json();
    expect(list.total).toBeGreaterThan(5);
    expect(list.items).toHaveLength(5);
    expect((await grid1.post("/api/patrols/plans/bulk", body)).statusCode).toBe(403);
  });
});

describe("on the phone", () => {
  it("lists today's, this week's and overdue tasks with target, place and checklist, and orders a route", async () => {
    const today = (await grid1.get("/api/patrols/my/tasks?view=today&lng=102.716&lat=25.072&limit=50")).json();
    expect(today.counts.today).toBeGreaterThan(0);
    const first = today.items[0];
    expect(first).toMatchObject({ status: "open", overdue: false, assignee: { name: expect.any(String) }, template: { name: expect.any(String) } });
    expect(first.targetLabel).toBeTruthy();
    expect(first.distance).not.toBeNull();
    const week = (await grid1.get("/api/patrols/my/tasks?view=week")).json();
    expect(week.weekStart <= week.today && week.today <= week.weekEnd).toBe(true);
    const route = (await grid1.get("/api/patrols/my/route?view=today&lng=102.716&lat=25.072&limit=30")).json();
    expect(route.items.length).toBeGreaterThan(0);
    expect(route.items.map((i: { order: number }) => i.order)).toEqual(route.items.map((_: unknown, k: number) => k + 1));
    expect(route.totalMeters).toBe(route.items.reduce((s: number, i: { legMeters: number }) => s + i.legMeters, 0));
    // Nearest first: the first leg is no longer than the distance to any other stop.
    const legs = route.items.map((i: { distance: number | null }) => i.distance ?? Infinity);
    expect(route.items[0].legMeters).toBeLessThanOrEqual(Math.min(...legs) + 1);
  });

  it("records a checklist with a failed item as a case linked both ways, with the photo", async () => {
    const family = templates.get("fire_point")!.familyId;
    const place = await enterpriseOfGrid1(family);
    const { taskId } = await planAndTask(family, place.id);
    const up = await grid1.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) });
    expect(up.statusCode).toBe(200);
    const { answers, task } = await answersFor(grid1, taskId, { "消防通道、安全出口畅通": false });
    expect(task.template.version).toBe(2);
    const res = await submit(grid1, taskId, {
      clientId: clientId(),
      filledAt: new Date().toISOString(),
      answers,
      location: task.location,
      notes: "后门堆放纸箱",
      photoIds: [up.json().id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ replayed: false, task: { status: "done" } });
    expect(out.submission.failures).toHaveLength(1);
    expect(out.submission.cases).toHaveLength(1);
    expect(out.submission.photos).toHaveLength(1);
    const c = out.submission.cases[0];
    const detail = (await staff.get(`/api/cases/${c.id}`)).json();
    expect(detail).toMatchObject({ categoryCode: "fire_hazard", channel: "grid_patrol", status: "reported" });
    expect(detail.description).toContain("消防通道、安全出口畅通");
    expect(detail.description).toContain(place.name);
    expect(detail.description).toContain("后门堆放纸箱");
    expect(detail.photos).toHaveLength(1);
    expect(detail.timeline[0].data).toMatchObject({ source: "patrol", patrolSubmissionId: out.submission.id, patrolItemId: out.submission.failures[0] });
    const back = (await staff.get(`/api/patrols/case-links/${c.id}`)).json();
    expect(back.items).toEqual([expect.objectContaining({ submissionId: out.submission.id, taskId, failures: [expect.objectContaining({ label: "消防通道、安全出口畅通", answer: "否" })] })]);
    const ledger = (await staff.get(`/api/patrols/ledger/target?type=place&id=${place.id}`)).json();
    expect(ledger.entries[0]).toMatchObject({ submissionId: out.submission.id, findings: ["消防通道、安全出口畅通：否"], cases: [expect.objectContaining({ number: c.number })] });
    const audit = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'patrol.submit' AND target_id = ${taskId}`);
    expect(audit[0].n).toBe(1);
    // The evidence photo is readable by staff of the task's scope, like its ledger, and by nobody outside it.
    const photoId = out.submission.photos[0].id as string;
    expect((await staff.get(`/api/files/${photoId}/thumb`)).statusCode).toBe(200);
    expect((await (await as(t, "yxq_staff")).get(`/api/files/${photoId}/thumb`)).statusCode).toBe(404);
  });

  it("stores the same offline submission once, sent twice and twice at the same time", async () => {
    const family = templates.get("fire_point")!.familyId;
    const { taskId } = await planAndTask(family, (await enterpriseOfGrid1(family)).id);
    const { answers } = await answersFor(grid1, taskId, { "灭火器、消火栓完好有效": false });
    const body = { clientId: clientId(), filledAt: new Date(Date.now() - 3 * 3600_000).toISOString(), answers };
    const [a, b] = await Promise.all([submit(grid1, taskId, body), submit(grid1, taskId, body)]);
    const c = await submit(grid1, taskId, body);
    for (const r of [a, b, c]) expect(r.statusCode, r.body).toBe(200);
    expect(new Set([a, b, c].map((r) => r.json().submission.id)).size).toBe(1);
    expect([a, b, c].filter((r) => !r.json().replayed)).toHaveLength(1);
    const [{ subs, links }] = await q<{ subs: number; links: number }>(sql`
      SELECT (SELECT count(*)::int FROM patrol_submissions WHERE task_id = ${taskId}) AS subs,
             (SELECT count(*)::int FROM case_links l JOIN patrol_submissions s ON s.id = l.ref_id WHERE s.task_id = ${taskId}) AS links`);
    expect({ subs, links }).toEqual({ subs: 1, links: 1 });
    // The same clientId for another task is a conflict, not a silent replay.
    const other = await planAndTask(family, (await enterpriseOfGrid1(family)).id);
    const reused = await submit(grid1, other.taskId, { ...body, answers: (await answersFor(grid1, other.taskId)).answers });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().details.reason).toBe("client_id_reused");
  });

  it("answers 409 with the reason when the task was reassigned or already done", async () => {
    const family = templates.get("fire_point")!.familyId;
    const { taskId } = await planAndTask(family, (await enterpriseOfGrid1(family)).id);
    const { answers } = await answersFor(grid1, taskId);
    const staffUser = (await staff.get("/api/auth/me")).json().user;
    expect((await staff.post(`/api/patrols/tasks/${taskId}/reassign`, { assigneeId: (await grid2.get("/api/auth/me")).json().user.id })).statusCode).toBe(400);
    const moved = await staff.post(`/api/patrols/tasks/${taskId}/reassign`, { assigneeId: staffUser.id });
    expect(moved.json()).toMatchObject({ assignee: { id: staffUser.id } });
    const late = await submit(grid1, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: "CONFLICT", details: { reason: "reassigned", assignee: { id: staffUser.id } } });
    // The new assignee submits; a second form for the same task is refused as already done.
    expect((await submit(staff, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers })).statusCode).toBe(200);
    const again = await submit(staff, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers });
    expect(again.statusCode).toBe(409);
    expect(again.json().details).toMatchObject({ reason: "already_done", submissionId: expect.any(String) });
    const [{ n }] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM patrol_submissions WHERE task_id = ${taskId}`);
    expect(n).toBe(1);
  });

  it("refuses a form with missing required items or answers of the wrong type, listing them, and writes nothing", async () => {
    const family = templates.get("fire_point")!.familyId;
    const { taskId } = await planAndTask(family, (await enterpriseOfGrid1(family)).id);
    const { task, answers } = await answersFor(grid1, taskId);
    const items = task.template.items as Array<{ id: string; label: string; required: boolean; type: string }>;
    const required = items.filter((i) => i.required);
    const partial = { ...answers };
    delete partial[required[0].id];
    delete partial[required[1].id];
    const missing = await submit(grid1, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers: partial });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe("VALIDATION_FAILED");
    expect(missing.json().details).toEqual([
      expect.objectContaining({ path: `/answers/${required[0].id}`, message: "required", label: required[0].label }),
      expect.objectContaining({ path: `/answers/${required[1].id}`, message: "required", label: required[1].label }),
    ]);
    const number = items.find((i) => i.type === "number")!;
    const wrong = await submit(grid1, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers: { ...answers, [required[0].id]: "是", [number.id]: "3" } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.map((d: { message: string }) => d.message).sort()).toEqual(["expected a number", "expected true or false"]);
    const unknown = await submit(grid1, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers: { ...answers, "00000000-0000-7000-8000-000000000000": true } });
    expect(unknown.statusCode).toBe(400);
    const future = await submit(grid1, taskId, { clientId: clientId(), filledAt: new Date(Date.now() + 86_400_000).toISOString(), answers });
    expect(future.statusCode).toBe(400);
    const extra = await submit(grid1, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers, hacked: true });
    expect(extra.statusCode).toBe(400);
    const [{ n }] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM patrol_submissions WHERE task_id = ${taskId}`);
    expect(n).toBe(0);
    expect((await grid1.get(`/api/patrols/tasks/${taskId}`)).json().status).toBe("open");
  });

  it("refuses a photo that is too large, or someone else's", async () => {
    const big = Buffer.concat([await jpegWithGps(16, 16), Buffer.alloc(11 * 1024 * 1024)]);
    const res = await grid1.request({ method: "POST", url: "/api/files", ...multipart(big) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("PAYLOAD_TOO_LARGE");
    const family = templates.get("fire_point")!.familyId;
    const { taskId } = await planAndTask(family, (await enterpriseOfGrid1(family)).id);
    const { answers } = await answersFor(grid1, taskId);
    const theirs = (await grid2.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) })).json();
    const r = await submit(grid1, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers, photoIds: [theirs.id] });
    expect(r.statusCode).toBe(400);
    expect(r.json().details[0]).toMatchObject({ path: "/photoIds", fileId: theirs.id });
  });

  it("keeps a failed item's evidence photos with that item, for that item's case only", async () => {
    const family = templates.get("fire_point")!.familyId;
    const { taskId } = await planAndTask(family, (await enterpriseOfGrid1(family)).id);
    const { task, answers } = await answersFor(grid1, taskId, { "消防通道、安全出口畅通": false, "灭火器、消火栓完好有效": false });
    const byLabel = (label: string) => (task.template.items as Array<{ id: string; label: string }>).find((i) => i.label === label)!.id;
    const exit = byLabel("消防通道、安全出口畅通");
    const extinguisher = byLabel("灭火器、消火栓完好有效");
    const upload = async () => (await grid1.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) })).json().id as string;
    const [evidence, general] = [await upload(), await upload()];
    const unknown = await submit(grid1, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers, itemPhotos: { "00000000-0000-7000-8000-000000000000": [evidence] } });
    expect(unknown.statusCode).toBe(400);
    const res = await submit(grid1, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers, itemPhotos: { [exit]: [evidence] }, photoIds: [general] });
    expect(res.statusCode, res.body).toBe(200);
    const sub = res.json().submission;
    expect(sub.photos.map((p: { itemId: string | null }) => p.itemId).sort()).toEqual([exit, null].sort());
    const caseOf = (itemId: string) => sub.cases.find((c: { itemId: string }) => c.itemId === itemId);
    const exitCase = (await staff.get(`/api/cases/${caseOf(exit).id}`)).json();
    const extinguisherCase = (await staff.get(`/api/cases/${caseOf(extinguisher).id}`)).json();
    expect(exitCase.photos).toHaveLength(2);
    expect(extinguisherCase.photos).toHaveLength(1);
  });

  it("lists who may be given patrol work in a grid", async () => {
    const res = await staff.get(`/api/patrols/assignees?areaId=${gridId}`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().items.map((a: { id: string }) => a.id);
    const [me1, me2, meStaff] = await Promise.all([grid1, grid2, staff].map(async (c) => (await c.get("/api/auth/me")).json().user.id));
    expect(names).toContain(me1);
    expect(names).toContain(meStaff);
    expect(names).not.toContain(me2);
    expect(res.json().items[0].role).toBe("grid_worker");
    expect((await grid1.get("/api/patrols/assignees")).statusCode).toBe(403);
  });

  it("filters a garbage GPS track of a river patrol and measures what is left", async () => {
    // The demo history runs to today, so this week's river walk may be done: take the open one
    // (this week's or next week's, which may be walked from the day before it starts).
    const next = new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await staff.post("/api/patrols/tasks/generate", { until: next })).statusCode).toBe(200);
    const [open] = await q<{ id: string }>(sql`
      SELECT t.id FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id JOIN users u ON u.id = t.assignee_id
      WHERE u.username = 'hk_grid3' AND p.target_kind = 'river' AND t.status = 'open' AND t.period_start <= ${next}::date AND t.period_end >= ${today()}::date
      ORDER BY t.period_start LIMIT 1`);
    const task = (await grid3.get(`/api/patrols/tasks/${open.id}`)).json();
    const { answers } = await answersFor(grid3, task.id);
    const start = Date.now() - 40 * 60_000;
    const good: Array<[number, number, number]> = Array.from({ length: 61 }, (_, i) => [102.7226, 25.0685 + i * 0.0001, start + i * 30_000]);
    const track: Array<[number, number, number]> = [
      [103.7, 26.0, start - 60_000], // 150 km away, first
      ...good.slice(0, 20),
      [102.7226 + 1, 25.07, start + 20 * 30_000 + 5000], // a 100 km jump
      [102.7226, 25.0686, start + 5000], // time going backwards
      [200, 95, start + 20 * 30_000 + 9000], // out of range
      ...good.slice(20),
    ];
    const res = await submit(grid3, task.id, { clientId: clientId(), filledAt: new Date().toISOString(), answers, track });
    expect(res.statusCode, res.body).toBe(200);
    const { submission, track: kept } = res.json();
    expect(kept).toEqual({ received: track.length, kept: 61, dropped: 4 });
    // 60 steps of 0.0001° latitude ≈ 667 m in 30 minutes.
    expect(submission.trackMeters).toBeGreaterThan(640);
    expect(submission.trackMeters).toBeLessThan(700);
    expect(submission.trackSeconds).toBe(1800);
    expect(submission.location).toEqual([102.7226, good[60][1]]);
  });
});

describe("scope", () => {
  it("hides another grid's tasks from a grid worker (404), also when submitting", async () => {
    const family = templates.get("fire_point")!.familyId;
    const { taskId, plan } = await planAndTask(family, (await enterpriseOfGrid1(family)).id);
    expect((await grid2.get(`/api/patrols/tasks/${taskId}`)).statusCode).toBe(404);
    const { answers } = await answersFor(grid1, taskId);
    const res = await submit(grid2, taskId, { clientId: clientId(), filledAt: new Date().toISOString(), answers });
    expect(res.statusCode).toBe(404);
    expect((await grid2.get(`/api/patrols/plans/${plan.id}`)).statusCode).toBe(404);
    const theirs = (await grid2.get("/api/patrols/my/tasks?view=today&limit=2000")).json().items as Array<{ id: string }>;
    expect(theirs.some((i) => i.id === taskId)).toBe(false);
    const yxq = await as(t, "yxq_staff");
    expect((await yxq.get(`/api/patrols/tasks/${taskId}`)).statusCode).toBe(404);
    expect((await yxq.get(`/api/patrols/ledger/target?type=place&id=${plan.target.id}`)).statusCode).toBe(404);
  });
});
