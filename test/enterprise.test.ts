import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { rowsOf } from "../src/server/db/client";
import { enterpriseFigures } from "../src/server/modules/enterprise/figures";
import { inspectionFigures } from "../src/server/modules/inspections/figures";
import { creditCodeCheckChar, isCreditCode } from "../src/contracts/credit-code";
import { as, Client, createTestApp, type TestApp } from "./support/app";

let t: TestApp;
let yxqStaff: Client;
let yxqGrid1: Client;
let yxqGrid2: Client;
let hkStaff: Client;
let hkGrid1: Client;
let hkSecretary: Client;
let yxqId: string;
let hkId: string;

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
let seq = 0;
const clientId = () => `ent-${Date.now().toString(36)}-${++seq}`;

type Fig = { key: string; value: number | null };
const figuresOf = async (source: typeof enterpriseFigures, communityId: string, from: string, to: string) =>
  Object.fromEntries((await source.figures(t.database.db, { communityIds: [communityId], from, to })).map((f: Fig) => [f.key, f.value]));

/** Enterprises of a grid worker's grid (by the worker's grid id), in a stable order. */
async function enterprisesOfGrid(gridId: string, n: number, kind = "enterprise") {
  return q<{ id: string; name: string; credit_code: string }>(sql`
    SELECT p.id, p.name, p.credit_code FROM places p JOIN areas a ON a.id = p.area_id
    WHERE p.kind = ${kind} AND p.active AND (a.id = ${gridId} OR a.parent_id = ${gridId})
      AND NOT EXISTS (SELECT 1 FROM patrol_plans x WHERE x.place_id = p.id AND x.target_kind = 'food_business')
    ORDER BY p.id LIMIT ${n}`);
}

beforeAll(async () => {
  t = await createTestApp();
  [yxqStaff, yxqGrid1, yxqGrid2, hkStaff, hkGrid1, hkSecretary] = await Promise.all(
    ["yxq_staff", "yxq_grid1", "yxq_grid2", "hk_staff", "hk_grid1", "hk_secretary"].map((u) => as(t, u)),
  );
  yxqId = (await yxqStaff.get("/api/auth/me")).json().user.community.id;
  hkId = (await hkStaff.get("/api/auth/me")).json().user.community.id;
});
afterAll(() => t.close());

describe("unified social credit code", () => {
  it("accepts the demo's codes and refuses a wrong check character", async () => {
    const [{ credit_code: code }] = await q<{ credit_code: string }>(sql`SELECT credit_code FROM places WHERE kind = 'enterprise' AND credit_code IS NOT NULL ORDER BY id LIMIT 1`);
    expect(isCreditCode(code)).toBe(true);
    // GB 32100-2015's published example
    expect(isCreditCode("91350100M000100Y43")).toBe(true);
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
    const wrong = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    expect(isCreditCode(wrong)).toBe(false);
  });
});

describe("the demo reproduces the articles", () => {
  it("红康 visited all 614 enterprises and shops in 2024, held 6 events and 10 briefings, declared two companies", async () => {
    const f = await figuresOf(enterpriseFigures, hkId, "2024-01-01", "2024-12-31");
    expect(f["enterprise.enterprises_visited"]).toBe(614);
    expect(f["enterprise.business_events"]).toBe(6);
    expect(f["enterprise.policy_briefings"]).toBe(10);
    expect(f["enterprise.ruku_declared"]).toBe(2);
    const campaigns = (await hkStaff.get("/api/enterprise-campaigns")).json();
    const full = campaigns.items.find((c: { name: string }) => c.name === "2024年企业商户全覆盖走访");
    expect(full.coverage).toEqual({ targeted: 614, visited: 614, share: 100 });
    const detail = (await hkStaff.get(`/api/enterprise-campaigns/${full.id}`)).json();
    expect(detail.byGrid.reduce((a: number, g: { visited: number }) => a + g.visited, 0)).toBe(614);
    expect(detail.byWorker.length).toBe(3);
    const list = (await hkStaff.get("/api/enterprises?q=云南奥捷通")).json();
    expect(list.items[0]).toMatchObject({ name: "云南奥捷通科技有限公司", keyEnterprise: true });
    const declared = (await hkStaff.get("/api/cultivations")).json().items.filter((c: { stage: string }) => c.stage === "declared").map((c: { name: string }) => c.name);
    expect(declared.sort()).toEqual(["云南新安酒店管理有限公司", "昆明洱韵餐饮管理有限公司"]);
    const jiangdong = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM enterprise_profiles WHERE complex_name = '江东境界广场'`);
    expect(jiangdong[0].n).toBeGreaterThan(0);
  });

  it("怡心桥 checked food safety 1,000+ times and fire safety 60+ times with riders in 14; 红康 checked 170+ billboards", async () => {
    const y = await figuresOf(inspectionFigures, yxqId, "2023-07-01", "2024-12-31");
    expect(y["inspections.food_checks"]).toBeGreaterThanOrEqual(1000);
    expect(y["inspections.fire_checks"]).toBeGreaterThanOrEqual(60);
    expect(y["inspections.fire_rider_checks"]).toBe(14);
    expect(y["inspections.rectifications_issued"]).toBeGreaterThan(0);
    const h = await figuresOf(inspectionFigures, hkId, "2026-09-01", "2026-12-31");
    expect(h["inspections.billboard_checks"]).toBeGreaterThanOrEqual(170);
    const programmes = (await yxqStaff.get("/api/inspection-programmes")).json().items;
    const fire = programmes.find((p: { kind: string }) => p.kind === "fire");
    expect(fire.riderChecks).toBe(14);
    expect(fire.checks).toBeGreaterThanOrEqual(60);
  });
});

describe("enterprise records", () => {
  it("keeps the profile, checks the credit code, masks the contact and audits the unmask", async () => {
    const grid = (await yxqGrid1.get("/api/auth/me")).json().user.area.id;
    const [e] = await enterprisesOfGrid(grid, 1);
    const wrong = e.credit_code.slice(0, 17) + (e.credit_code[17] === "0" ? "1" : "0");
    const bad = await yxqStaff.request({ method: "PATCH", url: `/api/enterprises/${e.id}`, payload: { creditCode: wrong } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("VALIDATION_FAILED");
    const ok = await yxqStaff.request({ method: "PATCH", url: `/api/enterprises/${e.id}`, payload: { creditCode: e.credit_code, sizeBand: "small", keyEnterprise: true, complexName: "滇池时代广场", contactPhone: "13812345678" } });
    expect(ok.statusCode, ok.body).toBe(200);
    const d = (await yxqStaff.get(`/api/enterprises/${e.id}`)).json();
    expect(d).toMatchObject({ sizeBand: "small", keyEnterprise: true, complexName: "滇池时代广场", contactPhone: "138****5678" });
    expect((await yxqStaff.post(`/api/enterprises/${e.id}/unmask`, { reason: "回访企业" })).json().contactPhone).toBe("13812345678");
    const [audit] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'enterprise.unmask' AND target_id = ${e.id} AND reason = '回访企业'`);
    expect(audit.n).toBe(1);
    // grid workers may read but not unmask; another community's staff get 404
    expect((await yxqGrid1.post(`/api/enterprises/${e.id}/unmask`, { reason: "看看" })).statusCode).toBe(403);
    expect((await hkStaff.get(`/api/enterprises/${e.id}`)).statusCode).toBe(404);
  });
});

describe("visits, needs, 入库 and events (hand-computed figures of one day in 怡心桥)", () => {
  it("computes the figures of a campaign's day", async () => {
    const day = today();
    const before = await figuresOf(enterpriseFigures, yxqId, day, day);
    expect(before["enterprise.visits"]).toBe(0);
    const grid = (await yxqGrid1.get("/api/auth/me")).json().user.area.id;
    const [a, b, c] = await enterprisesOfGrid(grid, 3);

    // a campaign of no place is refused; one of three is assigned to the grid's worker
    expect((await yxqStaff.post("/api/enterprise-campaigns", { name: "空走访", startsOn: shift(day, -10), endsOn: shift(day, 10), placeIds: [] })).statusCode).toBe(400);
    const created = await yxqStaff.post("/api/enterprise-campaigns", { name: "年终走访", startsOn: shift(day, -10), endsOn: shift(day, 10), placeIds: [a.id, b.id, c.id] });
    expect(created.statusCode, created.body).toBe(200);
    const campaignId = created.json().id;
    const mine = (await yxqGrid1.get(`/api/enterprise-campaigns/${campaignId}/targets?mine=true`)).json();
    expect(mine.total).toBe(3);

    // a visit outside the worker's grid answers 404 and writes nothing
    expect((await yxqGrid2.post(`/api/enterprises/${a.id}/visits`, { campaignId, visitedOn: day, needs: [] })).statusCode).toBe(404);
    const va = await yxqGrid1.post(`/api/enterprises/${a.id}/visits`, {
      campaignId,
      visitedOn: day,
      notes: "经营正常",
      problems: "门前路灯损坏",
      needs: [
        { kind: "financing", description: "扩大经营需要银行贷款" },
        { kind: "hiring", description: "招聘两名厨师" },
      ],
    });
    expect(va.statusCode, va.body).toBe(200);
    const [financing, hiring] = va.json().needIds;
    const vb = await yxqGrid1.post(`/api/enterprises/${b.id}/visits`, { campaignId, visitedOn: day, needs: [{ kind: "policy", description: "咨询税费减免" }] });
    const [policy] = vb.json().needIds;
    expect((await yxqGrid1.post(`/api/enterprises/${a.id}/visits`, { visitedOn: day, notes: "回访" })).statusCode).toBe(200);
    // a day in the future is refused
    expect((await yxqGrid1.post(`/api/enterprises/${c.id}/visits`, { campaignId, visitedOn: shift(day, 1) })).statusCode).toBe(400);

    const matches = (await yxqStaff.get(`/api/enterprise-needs/${financing}/matches`)).json();
    const bank = matches.items.find((m: { unit: { name: string } }) => m.unit.name === "富滇银行怡心桥支行");
    expect(bank).toBeTruthy();
    const loan = bank.offers.find((o: { description: string }) => o.description.includes("贷款"));
    expect((await yxqStaff.post(`/api/enterprise-needs/${financing}/match`, { itemId: loan.id })).statusCode).toBe(200);
    expect((await yxqStaff.post(`/api/enterprise-needs/${financing}/match`, { itemId: loan.id })).statusCode).toBe(409);
    const referred = await yxqStaff.post(`/api/enterprise-needs/${hiring}/refer`, {});
    expect(referred.statusCode, referred.body).toBe(200);
    const [kase] = await q<{ department: string; level: string; address: string; description: string }>(sql`SELECT department, level, address, description FROM cases WHERE id = ${referred.json().caseId}`);
    expect(kase).toMatchObject({ department: "人社所", level: "department" });
    expect(kase.description).toContain(a.name);
    expect((await yxqStaff.post(`/api/enterprise-needs/${policy}/settle`, { settlement: "已讲解政策" })).statusCode).toBe(200);

    // 入库: candidate → coached by a briefing covering two enterprises → documents → declared
    expect((await yxqStaff.post("/api/cultivations", { placeId: c.id, thresholds: "营业收入接近规上标准", candidateOn: day })).statusCode).toBe(200);
    expect((await yxqStaff.post("/api/enterprise-briefings", { heldOn: day, topic: "入库政策", placeIds: [c.id, a.id] })).statusCode).toBe(200);
    expect((await yxqStaff.post(`/api/cultivations/${c.id}/advance`, { to: "declared", on: day })).statusCode).toBe(409);
    expect((await yxqStaff.post(`/api/cultivations/${c.id}/advance`, { to: "documents", on: day })).statusCode).toBe(200);
    expect((await yxqStaff.post(`/api/cultivations/${c.id}/advance`, { to: "declared", on: day })).statusCode).toBe(400);
    const docs = { licence: true, financial_statements: true, tax_records: true, social_security: true, premises_proof: true };
    expect((await yxqStaff.post(`/api/cultivations/${c.id}/documents`, { documents: docs })).statusCode).toBe(200);
    expect((await yxqStaff.post(`/api/cultivations/${c.id}/advance`, { to: "declared", on: day })).statusCode).toBe(200);

    const ev = await yxqStaff.post("/api/business-events", { kind: "bank_enterprise", title: "政银企座谈会", heldOn: day, placeIds: [a.id, b.id], needs: [{ placeId: b.id, kind: "financing", description: "希望了解信用贷款" }] });
    expect(ev.statusCode, ev.body).toBe(200);

    const f = await figuresOf(enterpriseFigures, yxqId, day, day);
    expect(f).toMatchObject({
      "enterprise.enterprises_visited": 2,
      "enterprise.visits": 3,
      "enterprise.needs_raised": 4,
      "enterprise.needs_matched": 1,
      "enterprise.needs_referred": 1,
      "enterprise.needs_settled": 1,
      "enterprise.ruku_declared": 1,
      "enterprise.ruku_accepted": 0,
      "enterprise.policy_briefings": 1,
      "enterprise.business_events": 1,
    });
    const detail = (await yxqStaff.get(`/api/enterprise-campaigns/${campaignId}`)).json();
    expect(detail.coverage).toEqual({ targeted: 3, visited: 2, share: 66.7 });
    expect(detail).toMatchObject({ needsRaised: 3, needsSettled: 1 });
    const history = (await yxqStaff.get(`/api/enterprises/${a.id}`)).json().history.map((h: { kind: string }) => h.kind);
    expect(history.filter((k: string) => k === "visit").length).toBe(2);
    expect(history).toEqual(expect.arrayContaining(["need", "event", "briefing"]));
  });
});

describe("inspections end in rectification (hand-computed figures of one day in 红康)", () => {
  it("issues notices, closes one on a passed re-check, escalates one to 市场监管所", async () => {
    const day = today();
    const grid = (await hkGrid1.get("/api/auth/me")).json().user.area.id;
    const places = await enterprisesOfGrid(grid, 2);
    const before = await figuresOf(inspectionFigures, hkId, day, day);
    expect((await hkStaff.post("/api/inspection-programmes", { kind: "food", name: "空检查", startsOn: day, endsOn: shift(day, 30), placeIds: [] })).statusCode).toBe(400);
    const res = await hkStaff.post("/api/inspection-programmes", { kind: "food", name: "年末食品安全检查", startsOn: day, endsOn: shift(day, 30), placeIds: places.map((p) => p.id) });
    expect(res.statusCode, res.body).toBe(200);
    const programmeId = res.json().id;

    const tasks = await q<{ id: string; place_id: string }>(sql`SELECT k.id, pl.place_id FROM patrol_tasks k JOIN patrol_plans pl ON pl.id = k.plan_id
      WHERE pl.place_id IN (${places[0].id}::uuid, ${places[1].id}::uuid) AND pl.target_kind = 'food_business' AND k.status = 'open' ORDER BY pl.place_id = ${places[0].id} DESC`);
    expect(tasks.length).toBe(2);
    const submitWith = async (taskId: string, fail: string[]) => {
      const task = (await hkGrid1.get(`/api/patrols/tasks/${taskId}`)).json();
      const answers: Record<string, unknown> = {};
      for (const item of task.template.items as Array<{ id: string; label: string; type: string; options: string[] | null; failWhen: { equals?: boolean } | null }>) {
        if (item.type === "yes_no") answers[item.id] = fail.includes(item.label) ? false : true;
        else if (item.type === "choice") answers[item.id] = item.options![0];
      }
      const r = await hkGrid1.post(`/api/patrols/tasks/${taskId}/submissions`, { clientId: clientId(), filledAt: new Date().toISOString(), answers, companions: fail.length ? ["何伟（外卖骑手）"] : [] });
      expect(r.statusCode, r.body).toBe(200);
      return { id: r.json().submission.id as string, items: task.template.items as Array<{ id: string; label: string }> };
    };
    const failing = await submitWith(tasks[0].id, ["经营场所及后厨卫生整洁", "食品原料进货查验记录完整"]);
    await submitWith(tasks[1].id, []);
    const item = (label: string) => failing.items.find((i) => i.label === label)!.id;
    const kitchen = item("经营场所及后厨卫生整洁");
    const records = item("食品原料进货查验记录完整");

    const programme = (await hkStaff.get(`/api/inspection-programmes/${programmeId}`)).json();
    expect(programme).toMatchObject({ places: 2, checks: 2, passed: 1, passRate: 50, riderChecks: 1 });
    expect(programme.failed[0].items.map((i: { label: string }) => i.label)).toEqual(["经营场所及后厨卫生整洁", "食品原料进货查验记录完整"]);

    // bad input: a deadline in the past, an item that did not fail
    expect((await hkStaff.post("/api/rectifications", { submissionId: failing.id, itemId: kitchen, deadline: shift(day, -1), requiredChange: "清洁后厨" })).statusCode).toBe(400);
    expect((await hkStaff.post("/api/rectifications", { submissionId: failing.id, itemId: item("从业人员健康证明在有效期内"), deadline: day, requiredChange: "x" })).statusCode).toBe(400);
    const r1 = await hkStaff.post("/api/rectifications", { submissionId: failing.id, itemId: kitchen, deadline: day, requiredChange: "彻底清洁后厨" });
    expect(r1.statusCode, r1.body).toBe(200);
    expect((await hkStaff.post("/api/rectifications", { submissionId: failing.id, itemId: kitchen, deadline: day, requiredChange: "再来一次" })).statusCode).toBe(409);
    const r2 = await hkStaff.post("/api/rectifications", { submissionId: failing.id, itemId: records, deadline: shift(day, 7), requiredChange: "补齐进货查验记录" });
    expect(r2.statusCode).toBe(200);
    const notice = (await hkStaff.get(`/api/rectifications/${r1.json().id}`)).json();
    expect(notice).toMatchObject({ community: "红康社区", place: { name: places[0].name }, finding: "经营场所及后厨卫生整洁：否", deadline: day, status: "issued", department: "市场监管所" });
    expect(notice.number).toMatch(/^整改〔\d{4}〕第\d{4}号$/);

    // a re-check before the notice was issued is refused
    expect((await hkGrid1.post(`/api/rectifications/${r1.json().id}/rechecks`, { checkedOn: shift(day, -1), passed: true })).statusCode).toBe(400);
    // failed before the deadline: recorded, still open
    const early = await hkGrid1.post(`/api/rectifications/${r2.json().id}/rechecks`, { checkedOn: day, passed: false, notes: "仍在整改", companions: ["李字春（外卖骑手）"] });
    expect(early.json()).toMatchObject({ status: "issued", caseId: null });
    // failed on the deadline: escalated as a case at 市场监管所
    const late = await hkGrid1.post(`/api/rectifications/${r1.json().id}/rechecks`, { checkedOn: day, passed: false, notes: "后厨依旧脏乱" });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().status).toBe("escalated");
    const [kase] = await q<{ department: string; level: string; category_code: string; status: string }>(sql`SELECT department, level, category_code, status FROM cases WHERE id = ${late.json().caseId}`);
    expect(kase).toEqual({ department: "市场监管所", level: "department", category_code: "food_safety", status: "dispatched" });
    expect((await hkGrid1.post(`/api/rectifications/${r1.json().id}/rechecks`, { checkedOn: day, passed: true })).statusCode).toBe(409);
    // passed: closed
    const passed = await hkGrid1.post(`/api/rectifications/${r2.json().id}/rechecks`, { checkedOn: day, passed: true, notes: "记录已补齐" });
    expect(passed.json()).toMatchObject({ status: "closed", caseId: null });

    const f = await figuresOf(inspectionFigures, hkId, day, day);
    expect(f["inspections.food_checks"]).toBe(Number(before["inspections.food_checks"]) + 2);
    expect(f["inspections.rider_checks"]).toBe(Number(before["inspections.rider_checks"]) + 1);
    expect(f).toMatchObject({
      "inspections.rectifications_issued": 2,
      "inspections.rectifications_on_time": 100,
      "inspections.rectifications_escalated": 1,
      "inspections.rechecks_passed": 1,
      "inspections.rechecks_failed": 2,
    });

    // the programme's ledger
    const xlsx = await hkStaff.get(`/api/inspection-programmes/${programmeId}/ledger.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toContain("红康社区 年末食品安全检查");
    expect(ws.getRow(3).getCell(7).value).toBe("不合格");
    expect(String(ws.getRow(3).getCell(10).value)).toContain("已移交部门");
    expect(ws.getRow(4).getCell(7).value).toBe("合格");

    // another community's staff and a worker of another grid see none of it
    expect((await yxqStaff.get(`/api/rectifications/${r1.json().id}`)).statusCode).toBe(404);
    expect((await yxqStaff.get(`/api/inspection-programmes/${programmeId}`)).statusCode).toBe(404);
    const hkGrid2 = await as(t, "hk_grid2");
    expect((await hkGrid2.post(`/api/rectifications/${r2.json().id}/rechecks`, { checkedOn: day, passed: true })).statusCode).toBe(404);
    expect((await hkSecretary.get(`/api/rectifications/${r1.json().id}`)).statusCode).toBe(200);
  });
});
