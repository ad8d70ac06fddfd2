import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { as, createTestApp, phoneClient, type TestApp } from "./support/app";
import { pdfText } from "./support/pdf-text";
import { rowsOf } from "../src/server/db/client";
import { produceMonthlyReports } from "../src/server/modules/reports/monthly";

/**
 * The work report and the monthly report, on a month the demo does not reach (February 2027): a
 * resident reports three cases there, two are resolved inside the grid, one stays open; the
 * figures are counted by hand from that.
 */

let t: TestApp;
let hk: { id: string; name: string };
let yxqId: string;
let streetId: string;
const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));

type Figure = { key: string; value: number | null; previous: number | null; drill: { route: string; query: Record<string, string> } | null };
type Report = { sections: Array<{ section: string; figures: Figure[] }>; charts: { monthly: Array<{ month: string; reported: number }>; levels: Record<string, number> } };
const figure = (r: Report, key: string) => r.sections.flatMap((s) => s.figures).find((f) => f.key === key)!;

const at = (iso: string) => vi.setSystemTime(new Date(iso));
let disputeId = "";

beforeAll(async () => {
  t = await createTestApp();
  const areas = await q<{ id: string; name: string; level: string }>(sql`SELECT id, name, level FROM areas WHERE name IN ('红康社区', '怡心桥社区', '红云街道')`);
  hk = areas.find((a) => a.name === "红康社区")!;
  yxqId = areas.find((a) => a.name === "怡心桥社区")!.id;
  streetId = areas.find((a) => a.name === "红云街道")!.id;

  vi.useFakeTimers({ toFake: ["Date"] });
  at("2027-02-25T10:00:00+08:00");
  const [resident, grid1, staff] = [await phoneClient(t, "13900000001"), await as(t, "hk_grid1"), await as(t, "hk_staff")];
  const tree = (await staff.get("/api/areas/tree")).json().items as Array<{ id: string; level: string; center: [number, number]; parentId: string }>;
  const me = (await grid1.get("/api/auth/me")).json().user;
  const point = tree.find((n) => n.level === "microgrid" && n.parentId === me.area.id)!.center;
  const report = async (categoryCode: string, description: string) => {
    const res = await resident.post("/api/cases", { categoryCode, description, location: point });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as string;
  };
  const resolve = async (id: string) => {
    let d = (await grid1.post(`/api/cases/${id}/transitions`, { action: "take" })).json();
    d = (await grid1.post(`/api/cases/${id}/transitions`, { action: "handle", note: "已处理", version: d.version })).json();
    expect((await staff.post(`/api/cases/${id}/transitions`, { action: "verify" })).statusCode).toBe(200);
    d = (await staff.post(`/api/cases/${id}/transitions`, { action: "close", closureKind: "resolved" })).json();
    expect(d.status).toBe("closed");
  };
  const a = await report("sanitation", "楼下垃圾桶满溢");
  await report("sanitation", "绿化带有建筑垃圾");
  disputeId = await report("dispute_neighbour", "楼上漏水邻里争执");
  await resolve(a);
  await resolve(disputeId);
}, 120_000);
afterAll(async () => {
  vi.useRealTimers();
  await t.close();
});

describe("the work report", () => {
  it("counts the hand-made month: 3 reported, 2 resolved inside the grid, 1 dispute, 1 open, nothing the month before", async () => {
    at("2027-02-21T10:00:00+08:00");
    const staff = await as(t, "hk_staff");
    const res = await staff.get(`/api/reports/work?areaId=${hk.id}&from=2027-02-01&to=2027-02-28`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report & { previous: { from: string; to: string }; area: { name: string } };
    expect(r.area.name).toBe("红康社区");
    expect(r.previous).toEqual({ from: "2027-01-04", to: "2027-01-31" });
    expect(figure(r, "cases.reported")).toMatchObject({ value: 3, previous: 0 });
    expect(figure(r, "cases.resolved").value).toBe(2);
    expect(figure(r, "cases.share_grid").value).toBe(100);
    expect(figure(r, "cases.share_community").value).toBe(0);
    expect(figure(r, "cases.disputes_resolved").value).toBe(1);
    expect(figure(r, "cases.sanitation").value).toBe(2);
    expect(figure(r, "cases.open").value).toBe(1);
    expect(figure(r, "registry.households").value).toBe(9676);
    expect(r.sections.map((s) => s.section)).toEqual(["cases", "patrols", "deliberation", "partners", "party", "enterprise", "inspections", "registry"]);
    expect(r.charts.monthly).toEqual([{ month: "2027-02", reported: 3, closed: 2 }]);
    expect(r.charts.levels).toEqual({ grid: 2, community: 0, beyond: 0 });

    // The drill-down lists exactly the cases that make the figure.
    const drill = figure(r, "cases.disputes_resolved").drill!;
    expect(drill.route).toBe("/cases");
    const list = (await staff.get(`/api/cases?${new URLSearchParams(drill.query)}`)).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([disputeId]);
    const sanitation = (await staff.get(`/api/cases?${new URLSearchParams(figure(r, "cases.sanitation").drill!.query)}`)).json();
    expect(sanitation.items).toHaveLength(2);
  });

  it("reports a street as the sum of its communities", async () => {
    const officer = await as(t, "hy_street");
    const res = await officer.get(`/api/reports/work?areaId=${streetId}&from=2027-02-01&to=2027-02-28`);
    expect(res.statusCode, res.body).toBe(200);
    expect(figure(res.json(), "cases.reported").value).toBe(3);
    expect(res.json().communities.map((c: { name: string }) => c.name)).toContain("红康社区");
  });

  it("refuses periods that end before they start or last more than ten years, and areas that are not a community or street", async () => {
    const staff = await as(t, "hk_staff");
    for (const [from, to] of [["2024-12-31", "2024-01-01"], ["2014-01-01", "2024-01-01"], ["2024-02-30", "2024-03-01"]]) {
      const res = await staff.get(`/api/reports/work?areaId=${hk.id}&from=${from}&to=${to}`);
      expect(res.statusCode, `${from}..${to}`).toBe(400);
      expect(res.json().code).toBe("VALIDATION_FAILED");
    }
    expect((await staff.get(`/api/reports/work?areaId=${hk.id}&from=2014-01-02&to=2024-01-01`)).statusCode).toBe(200);
    const [grid] = await q<{ id: string }>(sql`SELECT id FROM areas WHERE level = 'grid' AND community_id = ${hk.id} LIMIT 1`);
    expect((await staff.get(`/api/reports/work?areaId=${grid.id}&from=2024-01-01&to=2024-01-31`)).statusCode).toBe(400);
  });

  it("answers 404 for an area outside the caller's scope, and 403 to roles without reports", async () => {
    const staff = await as(t, "hk_staff");
    expect((await staff.get(`/api/reports/work?areaId=${yxqId}&from=2024-01-01&to=2024-01-31`)).statusCode).toBe(404);
    expect((await staff.get(`/api/reports/monthly/one?communityId=${yxqId}&month=2024-01`)).statusCode).toBe(404);
    expect((await staff.get(`/api/reports/monthly/pdf?communityId=${yxqId}&month=2024-01`)).statusCode).toBe(404);
    expect((await staff.post(`/api/reports/monthly/submit`, { communityId: yxqId, month: "2024-01" })).statusCode).toBe(404);
    const grid1 = await as(t, "hk_grid1");
    expect((await grid1.get(`/api/reports/work?areaId=${hk.id}&from=2024-01-01&to=2024-01-31`)).statusCode).toBe(403);
  });
});

describe("the monthly report", () => {
  it("is produced by the sweep for the month before, submitted as a snapshot that stays while live data change", async () => {
    at("2027-03-01T09:00:00+08:00");
    expect(await produceMonthlyReports(t.database.db)).toMatchObject({ month: "2027-02" });
    const [produced] = await q<{ status: string }>(sql`SELECT status FROM monthly_reports WHERE community_id = ${hk.id} AND month = '2027-02-01'`);
    expect(produced.status).toBe("produced");
    expect((await produceMonthlyReports(t.database.db)).produced).toBe(0);

    at("2027-03-02T09:00:00+08:00");
    const staff = await as(t, "hk_staff");
    expect((await staff.post(`/api/reports/monthly/submit`, { communityId: hk.id, month: "2027-04" })).statusCode).toBe(400);
    const sub = await staff.post(`/api/reports/monthly/submit`, { communityId: hk.id, month: "2027-02" });
    expect(sub.statusCode, sub.body).toBe(200);
    expect((await staff.post(`/api/reports/monthly/submit`, { communityId: hk.id, month: "2027-02" })).statusCode).toBe(409);

    // The resident reopens the dispute: the snapshot keeps 2 resolved, the live view shows 1.
    const resident = await phoneClient(t, "13900000001");
    const reopened = await resident.post(`/api/cases/${disputeId}/transitions`, { action: "reopen", note: "又漏水了" });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const m = (await staff.get(`/api/reports/monthly/one?communityId=${hk.id}&month=2027-02`)).json();
    expect(m.status).toBe("submitted");
    expect(figure(m, "cases.resolved").value).toBe(2);
    expect(m.differences).toEqual(expect.arrayContaining([expect.objectContaining({ key: "cases.resolved", snapshot: 2, live: 1 }), expect.objectContaining({ key: "cases.open", snapshot: 1, live: 2 })]));
    // The database refuses to change a submitted report.
    await expect(t.database.db.execute(sql`UPDATE monthly_reports SET sections = '[]' WHERE community_id = ${hk.id} AND month = '2027-02-01'`)).rejects.toThrow();
    // Producing it again leaves it as it was.
    expect((await staff.post(`/api/reports/monthly/produce`, { communityId: hk.id, month: "2027-02" })).statusCode).toBe(409);

    // The street sees who has submitted.
    const officer = await as(t, "hy_street");
    const list = (await officer.get(`/api/reports/monthly?areaId=${streetId}&month=2027-02`)).json();
    const row = list.items.find((i: { community: { name: string } }) => i.community.name === "红康社区");
    expect(row).toMatchObject({ status: "submitted", figures: { "cases.resolved": 2, "cases.reported": 3 } });
    expect(list.submitted).toBe(1);
    expect(list.total).toBe(list.items.length);
  });

  it("exports the snapshot as an xlsx workbook and an A4 PDF with Chinese text and the figures", async () => {
    const staff = await as(t, "hk_staff");
    const x = await staff.get(`/api/reports/monthly/xlsx?communityId=${hk.id}&month=2027-02`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "事件办理", "巡查台账", "议事协商", "共建共治", "党建工作", "企业服务", "检查督导", "基本情况", "事件分类", "月度趋势"]);
    const cases = wb.getWorksheet("事件办理")!;
    expect(cases.getCell(1, 1).value).toBe("红康社区 2027年2月 工作月报 · 事件办理");
    const rowOf = (label: string) => cases.getRows(1, cases.rowCount)!.find((r) => r.getCell(1).value === label)!;
    expect([rowOf("受理事件").getCell(2).value, rowOf("受理事件").getCell(3).value]).toEqual([3, 0]);
    expect(rowOf("办结解决").getCell(2).value).toBe(2);
    const cats = wb.getWorksheet("事件分类")!;
    expect(cats.getRows(1, cats.rowCount)!.find((r) => r.getCell(1).value === "合计")!.getCell(2).value).toBe(3);

    const p = await staff.get(`/api/reports/monthly/pdf?communityId=${hk.id}&month=2027-02`);
    expect(p.statusCode).toBe(200);
    expect(p.headers["content-type"]).toContain("application/pdf");
    const pdf = p.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf.toString("latin1")).toMatch(/\/FontFile2/);
    const text = pdfText(pdf);
    expect(text).toContain("红康社区 2027年2月 工作月报");
    expect(text).toContain("受理事件");
    expect(text).toMatch(/受理事件\s*3件/);
    expect(text).toContain("已报送");
    expect(text).toContain("近十二个月事件上报与办结");
  });
});
