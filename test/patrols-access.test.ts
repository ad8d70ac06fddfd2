import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

/**
 * 重点人员 in patrols follow the registry's tag visibility rule: a role without `person:restricted`
 * never sees a key person's plan, task, visit or ledger line (name, address, answers) unless the work
 * is assigned to them; those allowed see everything of their scope. Objects outside the rule and
 * case links of a case the caller may not read answer 404.
 */

let t: TestApp;
const clients = new Map<string, Client>();
const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));

type KeyPlan = { id: string; person_id: string; name: string; community_id: string; assignee_id: string; assignee: string };
let keyPlans: KeyPlan[] = [];
let hk: { id: string };
let ledgerMonth: string;
const userIds = new Map<string, string>();

const RESTRICTED_OUT = ["hk_grid1", "hk_staff", "hk_branch", "hy_street", "hy_police"];
const ALLOWED = ["hk_secretary", "admin"];

const client = (name: string) => clients.get(name)!;

beforeAll(async () => {
  t = await createTestApp();
  for (const name of [...RESTRICTED_OUT, ...ALLOWED]) clients.set(name, await as(t, name));
  for (const u of await q<{ id: string; username: string }>(sql`SELECT id, username FROM users WHERE username IS NOT NULL`)) userIds.set(u.username, u.id);
  [hk] = await q<{ id: string }>(sql`SELECT a.id FROM areas a JOIN users u ON u.area_id = a.id WHERE u.username = 'hk_staff'`);
  keyPlans = await q<KeyPlan>(sql`
    SELECT p.id, p.person_id, pe.name, p.community_id, p.assignee_id, u.username AS assignee
    FROM patrol_plans p JOIN persons pe ON pe.id = p.person_id JOIN users u ON u.id = p.assignee_id
    WHERE p.target_kind = 'key_person' AND p.community_id = ${hk.id}`);
  // The month (Beijing) with the most key person visits in the community.
  const [m] = await q<{ month: string }>(sql`
    SELECT to_char(s.filled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month
    FROM patrol_submissions s JOIN patrol_tasks tk ON tk.id = s.task_id JOIN patrol_plans p ON p.id = tk.plan_id
    WHERE p.target_kind = 'key_person' AND p.community_id = ${hk.id}
    GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1`);
  ledgerMonth = m?.month;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** Names of key persons whose plans are not assigned to this user (what they must never see). */
const foreignNames = (username: string) => {
  const mine = new Set(keyPlans.filter((p) => p.assignee === username).map((p) => p.person_id));
  return [...new Set(keyPlans.filter((p) => p.assignee !== username && !mine.has(p.person_id)).map((p) => p.name))];
};

describe("重点人员 in patrols", () => {
  it("has key person plans, visits and a grid worker among their assignees in the demo data", () => {
    expect(keyPlans.length).toBeGreaterThan(0);
    expect(ledgerMonth).toMatch(/^\d{4}-\d{2}$/);
  });

  for (const name of RESTRICTED_OUT) {
    it(`${name} sees no 重点人员 of others in task lists, plans, ledgers and details`, async () => {
      const c = client(name);
      const me = userIds.get(name)!;
      expect(foreignNames(name).length, "key persons of others to look for").toBeGreaterThan(0);
      const tasks = await c.get("/api/patrols/tasks?targetKind=key_person&limit=100");
      expect(tasks.statusCode, tasks.body).toBe(200);
      for (const item of tasks.json().items as Array<{ assignee: { id: string } }>) expect(item.assignee.id).toBe(me);

      const allTasks = await c.get("/api/patrols/tasks?limit=100");
      expect(allTasks.statusCode).toBe(200);
      for (const item of allTasks.json().items as Array<{ targetKind: string; assignee: { id: string } }>) {
        if (item.targetKind === "key_person") expect(item.assignee.id).toBe(me);
      }

      const plans = await c.get("/api/patrols/plans?targetKind=key_person&limit=100");
      expect(plans.statusCode, plans.body).toBe(200);
      for (const item of plans.json().items as Array<{ assignee: { id: string } }>) expect(item.assignee.id).toBe(me);
      expect(plans.json().total).toBe(keyPlans.filter((p) => p.assignee_id === me).length);

      const ledger = await c.get(`/api/patrols/ledger/monthly?month=${ledgerMonth}&targetKind=key_person&areaId=${hk.id}`);
      if (ledger.statusCode === 200) {
        const text = JSON.stringify(ledger.json().sheets);
        for (const n of foreignNames(name)) expect(text).not.toContain(n);
      } else expect(ledger.statusCode).toBe(404); // outside their scope (a department officer of another street would be)

      const xlsx = await c.get(`/api/patrols/ledger/monthly.xlsx?month=${ledgerMonth}&targetKind=key_person&areaId=${hk.id}`);
      if (xlsx.statusCode === 200) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
        const cells: string[] = [];
        wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? "")))));
        const all = cells.join("\n");
        for (const n of foreignNames(name)) expect(all).not.toContain(n);
      } else expect([403, 404]).toContain(xlsx.statusCode);

      let probed = 0;
      for (const p of keyPlans.filter((x) => x.assignee_id !== me).slice(0, 5)) {
        const own = keyPlans.some((x) => x.person_id === p.person_id && x.assignee_id === me);
        if (own) continue;
        probed++;
        expect((await c.get(`/api/patrols/ledger/target?type=person&id=${p.person_id}`)).statusCode).toBe(404);
        expect((await c.get(`/api/patrols/plans/${p.id}`)).statusCode).toBe(404);
        const [task] = await q<{ id: string }>(sql`SELECT id FROM patrol_tasks WHERE plan_id = ${p.id} AND assignee_id <> ${me} LIMIT 1`);
        if (task) expect((await c.get(`/api/patrols/tasks/${task.id}`)).statusCode).toBe(404);
        const [sub] = await q<{ id: string }>(sql`SELECT s.id FROM patrol_submissions s JOIN patrol_tasks k ON k.id = s.task_id WHERE k.plan_id = ${p.id} AND s.submitted_by <> ${me} LIMIT 1`);
        if (sub) expect((await c.get(`/api/patrols/submissions/${sub.id}`)).statusCode).toBe(404);
      }
      expect(probed, "key person plans of others probed by id").toBeGreaterThan(0);
    });
  }

  it("shows a grid worker the 重点人员 work assigned to them", async () => {
    const assigned = keyPlans.find((p) => /_grid\d$/.test(p.assignee));
    expect(assigned, "a key person plan assigned to a grid worker").toBeTruthy();
    const c = await as(t, assigned!.assignee);
    expect((await c.get(`/api/patrols/plans/${assigned!.id}`)).statusCode).toBe(200);
    const plans = (await c.get("/api/patrols/plans?targetKind=key_person&limit=100")).json();
    expect(plans.items.map((p: { id: string }) => p.id)).toContain(assigned!.id);
    const ledger = await c.get(`/api/patrols/ledger/target?type=person&id=${assigned!.person_id}`);
    expect(ledger.statusCode, ledger.body).toBe(200);
    expect(ledger.json().plans.map((p: { id: string }) => p.id)).toContain(assigned!.id);
    const tasks = (await c.get("/api/patrols/tasks?targetKind=key_person&limit=100")).json();
    expect(tasks.items.length).toBeGreaterThan(0);
  });

  it("opens a case from a failed 重点人员 visit without naming the person, their address or the notes", async () => {
    const [task] = await q<{ id: string; plan_id: string }>(sql`
      SELECT k.id, k.plan_id FROM patrol_tasks k JOIN patrol_plans p ON p.id = k.plan_id
      WHERE p.target_kind = 'key_person' AND p.community_id = ${hk.id} AND k.status = 'open' ORDER BY k.period_start DESC LIMIT 1`);
    expect(task, "an open task of a key person plan").toBeTruthy();
    const assigned = keyPlans.find((p) => p.id === task.plan_id)!;
    const c = await as(t, assigned.assignee);
    const detail = (await c.get(`/api/patrols/tasks/${task.id}`)).json();
    const answers: Record<string, unknown> = {};
    for (const item of detail.template.items as Array<{ id: string; label: string; type: string; options: string[] | null; required: boolean; failWhen: { equals?: boolean } | null }>) {
      if (item.label === "近期情绪状态") answers[item.id] = "异常";
      else if (item.type === "yes_no") answers[item.id] = item.failWhen?.equals === false;
      else if (item.type === "choice") answers[item.id] = item.options![0];
      else if (item.type === "number" && item.required) answers[item.id] = 1;
      else if (item.type === "text" && item.required) answers[item.id] = "情况正常";
    }
    const res = await c.post(`/api/patrols/tasks/${task.id}/submissions`, { clientId: `kp-${Date.now()}`, filledAt: new Date().toISOString(), answers, notes: `${assigned.name}近日与家人争吵` });
    expect(res.statusCode, res.body).toBe(200);
    const cases = res.json().submission.cases as Array<{ id: string }>;
    expect(cases).toHaveLength(1);
    const kase = (await client("hk_secretary").get(`/api/cases/${cases[0].id}`)).json();
    expect(kase.description).toContain("重点人员走访");
    expect(kase.description).not.toContain(assigned.name);
    expect(kase.address ?? "").toBe("");
  });

  for (const name of ALLOWED) {
    it(`${name} sees every 重点人员 of the scope`, async () => {
      const c = client(name);
      const plans = await c.get(`/api/patrols/plans?targetKind=key_person&areaId=${hk.id}&limit=100`);
      expect(plans.statusCode).toBe(200);
      expect(plans.json().total).toBe(keyPlans.length);
      const tasks = await c.get(`/api/patrols/tasks?targetKind=key_person&areaId=${hk.id}&limit=100`);
      expect(new Set(tasks.json().items.map((x: { assignee: { id: string } }) => x.assignee.id)).size).toBeGreaterThanOrEqual(1);
      expect(tasks.json().items.length).toBeGreaterThan(0);
      const ledger = await c.get(`/api/patrols/ledger/monthly?month=${ledgerMonth}&targetKind=key_person&areaId=${hk.id}`);
      expect(ledger.statusCode, ledger.body).toBe(200);
      expect(ledger.json().totals.visits).toBeGreaterThan(0);
      const text = JSON.stringify(ledger.json().sheets);
      expect(keyPlans.some((p) => text.includes(p.name))).toBe(true);
      const target = await c.get(`/api/patrols/ledger/target?type=person&id=${keyPlans[0].person_id}`);
      expect(target.statusCode).toBe(200);
      expect((await c.get(`/api/patrols/plans/${keyPlans[0].id}`)).statusCode).toBe(200);
    });
  }

  it("refuses 重点人员 planning to roles that may not see them", async () => {
    const [tpl] = await q<{ family_id: string }>(sql`SELECT family_id FROM checklist_templates WHERE target_kind = 'key_person' AND current LIMIT 1`);
    const res = await client("hk_staff").post("/api/patrols/plans", { templateFamilyId: tpl.family_id, target: { type: "person", personId: keyPlans[0].person_id } });
    expect(res.statusCode).toBe(403);
  });
});

describe("case links", () => {
  it("answer 404 for a case of another community, and list the visits of a readable one", async () => {
    const [other] = await q<{ case_id: string }>(sql`
      SELECT l.case_id FROM case_links l JOIN cases c ON c.id = l.case_id
      WHERE l.kind = 'patrol_submission' AND c.community_id <> ${hk.id} LIMIT 1`);
    expect(other).toBeTruthy();
    const res = await client("hk_staff").get(`/api/patrols/case-links/${other.case_id}`);
    expect(res.statusCode).toBe(404);
    expect((await client("hk_staff").get("/api/patrols/case-links/00000000-0000-7000-8000-000000000000")).statusCode).toBe(404);

    const [own] = await q<{ case_id: string }>(sql`
      SELECT l.case_id FROM case_links l JOIN cases c ON c.id = l.case_id
      WHERE l.kind = 'patrol_submission' AND c.community_id = ${hk.id} LIMIT 1`);
    const mine = await client("hk_staff").get(`/api/patrols/case-links/${own.case_id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.length).toBeGreaterThan(0);
  });
});

describe("registry visits to 重点人员", () => {
  it("show a restricted person's visit notes only to roles allowed to see them and to the visitor", async () => {
    // A person with a restricted tag in hk_grid1's grid, with a household.
    const [p] = await q<{ id: string; household_id: string }>(sql`
      SELECT pe.id, pe.household_id FROM persons pe
      JOIN person_tags pt ON pt.person_id = pe.id AND pt.removed_at IS NULL
      JOIN tag_definitions d ON d.code = pt.tag_code AND d.restricted
      WHERE pe.status = 'active' AND pe.household_id IS NOT NULL
        AND pe.area_id IN (SELECT a.id FROM areas a, users u JOIN areas ua ON ua.id = u.area_id WHERE u.username = 'hk_grid1' AND starts_with(a.path, ua.path))
      LIMIT 1`);
    expect(p, "a 重点人员 in hk_grid1's grid").toBeTruthy();
    const note = `走访记录-${Date.now().toString(36)}`;
    const res = await client("hk_grid1").post("/api/registry/visits", { personId: p.id, notes: note, photoIds: [] });
    expect(res.statusCode, res.body).toBe(200);
    const notesSeenBy = async (name: string) => {
      const h = await client(name).get(`/api/registry/households/${p.household_id}`);
      expect(h.statusCode, h.body).toBe(200);
      return (h.json().visits as Array<{ notes: string }>).map((v) => v.notes);
    };
    expect(await notesSeenBy("hk_grid1")).toContain(note);
    expect(await notesSeenBy("hk_secretary")).toContain(note);
    expect(await notesSeenBy("hk_staff")).not.toContain(note);
  });
});
