import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

/** The 12345 exchange: batches of work orders in (key or session, JSON or xlsx), cases out, replies back on closure. */
let t: TestApp;
let hkSecretary: Client;
let anonymous: Client;
let hkPoint: [number, number];
let yxqPoint: [number, number];
let hkKey: string;

const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(s));
const withKey = (key: string, method: "GET" | "POST", url: string, payload?: unknown) =>
  anonymous.request({ method, url, headers: { "x-api-key": key }, ...(payload ? { payload: payload as object } : {}) });
const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();
const caseCount = async () => (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0].n;

async function pointOf(name: string): Promise<[number, number]> {
  const [c] = await q<{ lng: number; lat: number }>(sql`SELECT (m.center)[0] AS lng, (m.center)[1] AS lat FROM areas c JOIN areas m ON m.community_id = c.id AND m.level = 'microgrid' WHERE c.name = ${name} ORDER BY m.name LIMIT 1`);
  return [Number(c.lng), Number(c.lat)];
}

function workbook(rows: Array<Array<string | number | Date | null>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("工单");
  ws.addRow(["工单编号", "办结时限", "来电人", "来电号码", "诉求内容", "地址", "事件分类", "经度", "纬度", "社区"]);
  for (const r of rows) ws.addRow(r);
  return wb.xlsx.writeBuffer();
}

async function upload(c: Client, bytes: ArrayBuffer | Buffer) {
  const boundary = "----hotline";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="12345.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const payload = Buffer.concat([head, Buffer.from(bytes as ArrayBuffer), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return c.request({ method: "POST", url: "/api/hotline/import", payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
}

beforeAll(async () => {
  t = await createTestApp();
  hkSecretary = await as(t, "hk_secretary");
  anonymous = new Client(t.app);
  hkPoint = await pointOf("红康社区");
  yxqPoint = await pointOf("怡心桥社区");
  const [hk] = await q<{ id: string }>(sql`SELECT id FROM areas WHERE name = '红康社区' AND level = 'community'`);
  const issued = await hkSecretary.post("/api/api-keys", { name: "12345热线", purpose: "hotline", areaId: hk.id });
  expect(issued.statusCode, issued.body).toBe(200);
  hkKey = issued.json().key;
});
afterAll(() => t.close());

describe("12345 work orders by the JSON interface", () => {
  it("creates cases linked to the order numbers, once, with the hotline's deadline and the caller's phone encrypted", async () => {
    const deadline = inDays(2);
    const orders = [
      { orderNumber: "GD2025031400001", deadline, callerName: "李女士", callerPhone: "13800138000", content: "小区门口夜市噪音扰民", address: "金水湾小区北门", categoryCode: "noise", location: hkPoint },
      { orderNumber: "GD2025031400002", deadline, content: "路灯不亮", address: "江岸路" },
    ];
    const first = await withKey(hkKey, "POST", "/api/hotline/orders", { orders });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ written: true, total: 2, created: 2, alreadyImported: 0 });
    const [r1] = first.json().rows;
    const [c] = await q<{ channel: string; reporter_name: string; reporter_phone_enc: string; imposed_due_at: string; accept_due_at: string; category_code: string }>(
      sql`SELECT channel, reporter_name, reporter_phone_enc, imposed_due_at, accept_due_at, category_code FROM cases WHERE id = ${r1.caseId}`,
    );
    expect(c).toMatchObject({ channel: "hotline_12345", reporter_name: "李女士", category_code: "noise" });
    expect(c.reporter_phone_enc).not.toContain("13800138000");
    expect(new Date(c.imposed_due_at).toISOString()).toBe(deadline);
    const [c2] = await q<{ category_code: string; community: string }>(sql`SELECT c.category_code, a.name AS community FROM cases c JOIN areas a ON a.id = c.community_id WHERE c.id = ${first.json().rows[1].caseId}`);
    expect(c2).toEqual({ category_code: "other", community: "红康社区" });

    // the same batch again: nothing new, each row reported
    const before = await caseCount();
    const again = await withKey(hkKey, "POST", "/api/hotline/orders", { orders });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ written: true, created: 0, alreadyImported: 2 });
    expect(again.json().rows.map((r: { caseId: string }) => r.caseId)).toEqual(first.json().rows.map((r: { caseId: string }) => r.caseId));
    expect(await caseCount()).toBe(before);

    // the case and the console list show the order, the phone masked
    const shown = (await hkSecretary.get(`/api/hotline/cases/${r1.caseId}`)).json();
    expect(shown.order).toMatchObject({ orderNumber: "GD2025031400001", callerPhone: "138****8000", reply: null, source: "api" });
    const list = (await hkSecretary.get("/api/hotline/orders")).json();
    expect(list.total).toBe(2);
    expect(JSON.stringify(list)).not.toContain("13800138000");
    expect((await (await as(t, "yxq_secretary")).get(`/api/hotline/cases/${r1.caseId}`)).statusCode).toBe(404);
  });

  it("takes the hotline's time limit over the category's when handling starts", async () => {
    const deadline = inDays(30);
    const res = await withKey(hkKey, "POST", "/api/hotline/orders", { orders: [{ orderNumber: "GD-LIMIT-1", deadline, content: "井盖缺失", categoryCode: "road", location: hkPoint }] });
    const id = res.json().rows[0].caseId as string;
    const detail = (await hkSecretary.get(`/api/cases/${id}`)).json();
    const accepted = await hkSecretary.post(`/api/cases/${id}/transitions`, { action: "accept", version: detail.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const [c] = await q<{ handle_due_at: string }>(sql`SELECT handle_due_at FROM cases WHERE id = ${id}`);
    expect(new Date(c.handle_due_at).toISOString()).toBe(deadline);
  });

  it("produces the reply when the case closes, and refuses the order again once closed", async () => {
    const res = await withKey(hkKey, "POST", "/api/hotline/orders", { orders: [{ orderNumber: "GD-CLOSE-1", deadline: inDays(3), content: "垃圾桶满溢", categoryCode: "sanitation", location: hkPoint }] });
    const id = res.json().rows[0].caseId as string;
    const since = new Date(Date.now() - 1000).toISOString();
    expect((await withKey(hkKey, "GET", `/api/hotline/replies?since=${encodeURIComponent(since)}`)).json().items).toEqual([]);
    // handled and closed through the workflow
    const step = async (action: string, extra: Record<string, unknown> = {}) => {
      const v = (await hkSecretary.get(`/api/cases/${id}`)).json().version;
      const r = await hkSecretary.post(`/api/cases/${id}/transitions`, { action, version: v, ...extra });
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    };
    await step("take");
    await step("handle", { note: "已联系环卫清运，现场已清理干净" });
    await step("verify");
    await step("close", { closureKind: "resolved", note: "核查属实，已办结" });
    const replies = (await withKey(hkKey, "GET", `/api/hotline/replies?since=${encodeURIComponent(since)}`)).json();
    expect(replies.items).toEqual([expect.objectContaining({ orderNumber: "GD-CLOSE-1", caseId: id, closureKind: "resolved", result: "已联系环卫清运，现场已清理干净", satisfaction: null })]);
    const later = (await withKey(hkKey, "GET", `/api/hotline/replies?since=${encodeURIComponent(replies.items[0].repliedAt)}`)).json();
    expect(later.items).toEqual([]);
    expect((await hkSecretary.get(`/api/hotline/cases/${id}`)).json().order.reply.result).toBe("已联系环卫清运，现场已清理干净");

    const again = await withKey(hkKey, "POST", "/api/hotline/orders", { orders: [{ orderNumber: "GD-CLOSE-1", deadline: inDays(3), content: "垃圾桶满溢" }] });
    expect(again.json().rows[0]).toMatchObject({ outcome: "already_closed", caseId: id });
  });

  it("writes nothing when a row is bad, and reports every row", async () => {
    const before = await caseCount();
    const orders = [
      { orderNumber: "GD-BAD-1", deadline: inDays(1), content: "正常工单", location: hkPoint },
      { orderNumber: "GD-BAD-1", deadline: inDays(1), content: "重复的工单编号" },
      { orderNumber: "GD-BAD-2", deadline: inDays(1), content: "怡心桥的点", location: yxqPoint },
      { orderNumber: "GD-BAD-3", deadline: inDays(1), content: "未知分类", categoryCode: "no_such" },
      { orderNumber: "GD-BAD-4", deadline: inDays(1), content: "社区不存在", community: "不存在社区" },
    ];
    const res = await withKey(hkKey, "POST", "/api/hotline/orders", { orders });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("VALIDATION_FAILED");
    const rows = res.json().details.rows as Array<{ row: number; errors: string[] }>;
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(await caseCount()).toBe(before);
    const [n] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM hotline_orders WHERE order_number LIKE 'GD-BAD-%'`);
    expect(n.n).toBe(0);
    // malformed shapes answer 400 from the schema
    expect((await withKey(hkKey, "POST", "/api/hotline/orders", { orders: [{ orderNumber: "坏 编号", deadline: "tomorrow", content: "" }] })).statusCode).toBe(400);
    expect((await withKey(hkKey, "POST", "/api/hotline/orders", { orders: [] })).statusCode).toBe(400);
  });

  it("refuses missing, wrong, revoked and other-purpose keys, and roles without the permission", async () => {
    const body = { orders: [{ orderNumber: "GD-KEY-1", deadline: inDays(1), content: "x" }] };
    expect((await anonymous.post("/api/hotline/orders", body)).statusCode).toBe(401);
    expect((await withKey("ll_wrong", "POST", "/api/hotline/orders", body)).statusCode).toBe(403);
    const [hk] = await q<{ id: string }>(sql`SELECT id FROM areas WHERE name = '红康社区' AND level = 'community'`);
    const open311 = (await hkSecretary.post("/api/api-keys", { name: "open311", purpose: "open311", areaId: hk.id })).json();
    expect((await withKey(open311.key, "POST", "/api/hotline/orders", body)).statusCode).toBe(403);
    const k = (await hkSecretary.post("/api/api-keys", { name: "to revoke", purpose: "hotline", areaId: hk.id })).json();
    expect((await hkSecretary.post(`/api/api-keys/${k.id}/revoke`)).statusCode).toBe(200);
    expect((await withKey(k.key, "GET", "/api/hotline/replies")).statusCode).toBe(403);
    expect((await (await as(t, "hk_grid1")).post("/api/hotline/orders", body)).statusCode).toBe(403);
    expect((await (await phoneClient(t, "13900000001")).get("/api/hotline/replies")).statusCode).toBe(403);
    const [uses] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'apikey.refused' AND target_id IN (${open311.id}, ${k.id})`);
    expect(uses.n).toBe(2);
  });
});

describe("12345 work orders by workbook", () => {
  it("imports a workbook twice without duplicates, and reports malformed rows writing nothing", async () => {
    const bytes = await workbook([
      ["GD-XLSX-1", "2030-03-20 18:00", "张先生", "13700137000", "楼道堆放杂物", "康宁花园5栋", "消防安全隐患", hkPoint[0], hkPoint[1], null],
      ["GD-XLSX-2", "2030-03-21", null, null, "人行道破损", null, "road", null, null, "红康社区"],
    ]);
    const first = await upload(hkSecretary, bytes);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ written: true, created: 2 });
    const [c] = await q<{ imposed_due_at: string; category_code: string }>(sql`SELECT imposed_due_at, category_code FROM cases WHERE id = ${first.json().rows[0].caseId}`);
    expect(new Date(c.imposed_due_at).toISOString()).toBe("2030-03-20T10:00:00.000Z");
    expect(c.category_code).toBe("fire_hazard");
    const [c2] = await q<{ imposed_due_at: string }>(sql`SELECT imposed_due_at FROM cases WHERE id = ${first.json().rows[1].caseId}`);
    expect(new Date(c2.imposed_due_at).toISOString()).toBe("2030-03-21T15:59:59.000Z");
    const again = await upload(hkSecretary, bytes);
    expect(again.json()).toMatchObject({ written: true, created: 0, alreadyImported: 2 });

    const before = await caseCount();
    const bad = await upload(hkSecretary, await workbook([
      ["GD-XLSX-3", "2030-03-20 18:00", null, null, "好的一行", null, null, hkPoint[0], hkPoint[1], null],
      ["GD-XLSX-4", "2030-02-30", null, null, "日期不存在", null, null, hkPoint[0], hkPoint[1], null],
      ["GD-XLSX-5", "2030-03-20", null, "12", "", null, "没有的分类", hkPoint[0], null, null],
    ]));
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ written: false, created: 0, rejected: 2 });
    expect(bad.json().rows.map((r: { row: number; outcome: string }) => [r.row, r.outcome])).toEqual([[2, "valid"], [3, "rejected"], [4, "rejected"]]);
    expect(bad.json().rows[2].errors.join(" ")).toMatch(/事件分类.*经度和纬度须同时填写|经度和纬度须同时填写|事件分类/);
    expect(await caseCount()).toBe(before);
    expect((await upload(hkSecretary, Buffer.from("not a workbook"))).statusCode).toBe(415);
    const template = await hkSecretary.get("/api/hotline/import/template");
    expect(template.statusCode).toBe(200);
    expect(template.headers["content-type"]).toContain("spreadsheetml");
  });
});
