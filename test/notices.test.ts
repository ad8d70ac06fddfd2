import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";

let t: TestApp;
let hkStaff: Client;
let hkSecretary: Client;
let hkGrid: Client;
let yxqStaff: Client;
let hkResident: Client;
let yxqResident: Client;

type Notice = { id: string; title: string; body: string; pinned: boolean; status: string; expired: boolean; editable: boolean; community: { name: string } };
const list = async (c: Client, query = "") => (await c.get(`/api/notices${query}`)).json() as { items: Notice[]; total: number };
const patch = (c: Client, url: string, payload: unknown) => c.request({ method: "PATCH", url, payload: payload as object });

beforeAll(async () => {
  t = await createTestApp();
  [hkStaff, hkSecretary, hkGrid, yxqStaff] = await Promise.all([as(t, "hk_staff"), as(t, "hk_secretary"), as(t, "hk_grid1"), as(t, "yxq_staff")]);
  hkResident = await phoneClient(t, "13900000001");
  yxqResident = await phoneClient(t, "13900000011");
});
afterAll(() => t.close());

describe("community notices", () => {
  it("lets community staff publish, and residents of that community only read it", async () => {
    const hk = await hkStaff.post("/api/notices", { title: "红康社区停水通知", body: "明天 9:00-17:00 金水湾小区停水。" });
    expect(hk.statusCode).toBe(200);
    const yxq = await yxqStaff.post("/api/notices", { title: "怡心桥社区通知", body: "怡心桥的公告" });
    expect(yxq.statusCode).toBe(200);

    const seenByHk = await list(hkResident);
    expect(seenByHk.items.map((n) => n.id)).toContain(hk.json().id);
    expect(seenByHk.items.map((n) => n.id)).not.toContain(yxq.json().id);
    expect(seenByHk.items.every((n) => n.community.name === "红康社区" && !n.editable)).toBe(true);
    expect(seenByHk.total).toBe(seenByHk.items.length);
    expect((await list(yxqResident)).items.map((n) => n.id)).toContain(yxq.json().id);
    expect((await list(hkGrid)).items.map((n) => n.id)).not.toContain(yxq.json().id);

    // writing to another community, or changing its notice, answers 404
    const communities = (await yxqStaff.get("/api/auth/me")).json().user.community;
    expect((await hkStaff.post("/api/notices", { communityId: communities.id, title: "越权", body: "不应成功" })).statusCode).toBe(404);
    expect((await patch(hkStaff, `/api/notices/${yxq.json().id}`, { title: "改别人的" })).statusCode).toBe(404);
    expect((await hkStaff.post(`/api/notices/${yxq.json().id}/withdraw`)).statusCode).toBe(404);
  });

  it("refuses writes from residents and grid workers", async () => {
    expect((await hkResident.post("/api/notices", { title: "居民发布", body: "x" })).statusCode).toBe(403);
    expect((await hkGrid.post("/api/notices", { title: "网格员发布", body: "x" })).statusCode).toBe(403);
  });

  it("stores script-looking text as text and returns it unchanged", async () => {
    const title = `<script>alert("x")</script>公告`;
    const body = `<img src=x onerror="alert(1)"> & <b>粗体</b>\n第二行`;
    const { id } = (await hkSecretary.post("/api/notices", { title, body })).json();
    const got = (await list(hkResident)).items.find((n) => n.id === id)!;
    expect(got.title).toBe(title);
    expect(got.body).toBe(body);
  });

  it("bounds title and body", async () => {
    expect((await hkStaff.post("/api/notices", { title: "题".repeat(61), body: "x" })).statusCode).toBe(400);
    expect((await hkStaff.post("/api/notices", { title: "长正文", body: "字".repeat(2001) })).statusCode).toBe(400);
    expect((await hkStaff.post("/api/notices", { title: "", body: "x" })).statusCode).toBe(400);
    expect((await hkStaff.post("/api/notices", { title: "过去的截止", body: "x", expiresAt: "2020-01-01T00:00:00+08:00" })).statusCode).toBe(400);
  });

  it("puts pinned notices first, hides withdrawn and expired ones from residents, keeps them for staff", async () => {
    const plain = (await hkStaff.post("/api/notices", { title: "普通公告", body: "普通" })).json().id;
    const pinned = (await hkStaff.post("/api/notices", { title: "置顶公告", body: "重要", pinned: true })).json().id;
    const later = (await hkStaff.post("/api/notices", { title: "稍后公告", body: "最新" })).json().id;
    const items = (await list(hkResident)).items.map((n) => n.id);
    expect(items[0]).toBe(pinned);
    expect(items.indexOf(later)).toBeLessThan(items.indexOf(plain));

    expect((await patch(hkStaff, `/api/notices/${plain}`, { title: "普通公告（已更正）", pinned: false })).statusCode).toBe(200);
    expect((await list(hkResident)).items.find((n) => n.id === plain)!.title).toBe("普通公告（已更正）");

    expect((await hkStaff.post(`/api/notices/${plain}/withdraw`)).statusCode).toBe(200);
    expect((await list(hkResident)).items.map((n) => n.id)).not.toContain(plain);
    const staffAll = (await list(hkStaff, "?all=true")).items.find((n) => n.id === plain)!;
    expect(staffAll).toMatchObject({ status: "withdrawn", editable: true });
    expect((await patch(hkStaff, `/api/notices/${plain}`, { title: "再改" })).statusCode).toBe(409);

    // an expiry in the near future, then moved into the past by the database: hidden from residents
    const soon = (await hkStaff.post("/api/notices", { title: "限时公告", body: "x", expiresAt: new Date(Date.now() + 3600_000).toISOString() })).json().id;
    expect((await list(hkResident)).items.map((n) => n.id)).toContain(soon);
    await t.deps.database.db.execute(sql`UPDATE notices SET expires_at = now() - interval '1 minute' WHERE id = ${soon}`);
    expect((await list(hkResident)).items.map((n) => n.id)).not.toContain(soon);
    expect((await list(hkStaff, "?all=true")).items.find((n) => n.id === soon)).toMatchObject({ expired: true });
  });

  it("tells a resident their grid and its worker, never a staff member's own phone", async () => {
    const mine = (await hkResident.get("/api/my-community")).json();
    expect(mine.community.name).toBe("红康社区");
    expect(mine.grid.name).toMatch(/网格/);
    expect(mine.gridWorkers.length).toBeGreaterThan(0);
    expect(JSON.stringify(mine)).not.toMatch(/1[3-9]\d{9}/);
    // the community's public service desk, a landline
    expect(mine.servicePhone).toMatch(/^0871-\d{8}$/);
    const staffView = (await hkStaff.get("/api/my-community")).json();
    expect(staffView).toMatchObject({ community: { name: "红康社区" }, grid: null, gridWorkers: [] });
  });
});
