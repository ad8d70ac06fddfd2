import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { jpegWithGps, multipart } from "./support/images";
import { cases } from "../src/server/db/schema/cases";
import { rowsOf } from "../src/server/db/client";
import { reportGroups, type ReportRow } from "../src/server/modules/cases/report-write";
import { uuidv7 } from "../src/server/platform/ids";

let t: TestApp;
let resident: Client;
let grid1: Client;
let staff: Client;
let micro1: { center: [number, number]; name: string; parentId: string };
let grid2Point: [number, number];

const phoneClients = new Map<string, Client>();
async function residentClient(phone: string) {
  const known = phoneClients.get(phone);
  if (known) return known;
  const c = await phoneClient(t, phone);
  phoneClients.set(phone, c);
  return c;
}

const report = (c: Client, body: Record<string, unknown>, key?: string) =>
  c.request({ method: "POST", url: "/api/cases", payload: body, headers: key ? { "idempotency-key": key } : {} });
const act = (c: Client, id: string, body: Record<string, unknown>) => c.post(`/api/cases/${id}/transitions`, body);

beforeAll(async () => {
  t = await createTestApp();
  resident = await residentClient("13900000001");
  [grid1, staff] = await Promise.all([as(t, "hk_grid1"), as(t, "hk_staff")]);
  const tree = (await staff.get("/api/areas/tree")).json().items as Array<{ id: string; level: string; name: string; center: [number, number]; parentId: string }>;
  const grids = tree.filter((n) => n.level === "grid");
  const me = (await grid1.get("/api/auth/me")).json().user;
  micro1 = tree.find((n) => n.level === "microgrid" && n.parentId === me.area.id)!;
  grid2Point = tree.find((n) => n.level === "microgrid" && n.parentId === grids.find((g) => g.id !== me.area.id)!.id)!.center;
});
afterAll(() => t.close());

describe("reporting", () => {
  it("routes a resident's report to the grid worker of the place, with a readable number and a timeline", async () => {
    const res = await report(resident, { categoryCode: "sanitation", description: "3栋楼下垃圾堆放多日无人清理", location: micro1.center });
    expect(res.statusCode).toBe(200);
    const { id, number } = res.json();
    expect(number).toMatch(/^HK-\d{8}-\d{4}$/);
    const detail = (await grid1.get(`/api/cases/${id}`)).json();
    expect(detail).toMatchObject({ status: "reported", level: "grid", channel: "resident_app", grid: { id: micro1.parentId } });
    expect(detail.handler.name).toBeTruthy();
    expect(detail.actions).toEqual(expect.arrayContaining(["accept", "take", "escalate"]));
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(["report"]);
    const queue = (await grid1.get("/api/cases?scope=queue")).json().items as Array<{ id: string }>;
    expect(queue.map((c) => c.id)).toContain(id);
    const notes = (await grid1.get("/api/notifications")).json();
    expect(notes.items[0].title).toContain(number);
  });

  it("sends a report without a place, or outside every grid, to the community dispatcher", async () => {
    const none = (await report(resident, { categoryCode: "noise", description: "晚上经常有装修噪音" })).json();
    const far = (await report(resident, { categoryCode: "noise", description: "远处的噪音", location: [116.4, 39.9] })).json();
    for (const { id } of [none, far]) {
      const d = (await staff.get(`/api/cases/${id}`)).json();
      expect(d).toMatchObject({ level: "community", handler: null, community: { name: "红康社区" } });
    }
  });

  it("marks riders as mobile grid reporters", async () => {
    const rider = await residentClient("13900000002");
    const { id } = (await report(rider, { categoryCode: "fire_hazard", description: "商铺门口消防通道被电动车堵住", location: micro1.center })).json();
    const d = (await staff.get(`/api/cases/${id}`)).json();
    expect(d).toMatchObject({ channel: "rider_app", mobileReporter: true });
  });

  it("lets staff enter a 12345 transfer with the caller's phone, masked in the answer", async () => {
    const { id } = (await report(staff, { categoryCode: "road", description: "人行道破损", channel: "hotline_12345", reporterName: "王先生", reporterPhone: "13812345678", location: grid2Point })).json();
    const d = (await staff.get(`/api/cases/${id}`)).json();
    expect(d).toMatchObject({ channel: "hotline_12345", reporterName: "王先生", reporterPhone: "138****5678" });
    const raw = rowsOf<Record<string, unknown>>(await t.database.db.execute(sql`SELECT * FROM cases WHERE id = ${id}`))[0];
    expect(JSON.stringify(raw)).not.toContain("13812345678");
    // residents may not pick a staff channel
    expect((await report(resident, { categoryCode: "road", description: "x", channel: "hotline_12345" })).statusCode).toBe(403);
  });

  it("never creates a duplicate when a phone retries with the same Idempotency-Key", async () => {
    const body = { categoryCode: "sanitation", description: "重试测试", location: micro1.center };
    const a = await report(resident, body, "retry-key-0001");
    const b = await report(resident, body, "retry-key-0001");
    expect(a.json().id).toBe(b.json().id);
    expect(b.json().replayed).toBe(true);
    const n = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM cases WHERE description = '重试测试'`))[0].n;
    expect(Number(n)).toBe(1);
    const c = await report(resident, { ...body, description: "不同内容" }, "retry-key-0001");
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe("IDEMPOTENCY_CONFLICT");
  });

  it("rejects bad reports and writes nothing", async () => {
    const before = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM cases`))[0].n;
    expect((await report(resident, { description: "no category", location: micro1.center })).statusCode).toBe(400);
    expect((await report(resident, { categoryCode: "nope", description: "x" })).statusCode).toBe(400);
    expect((await report(resident, { categoryCode: "noise", description: "x", location: [200, 100] })).statusCode).toBe(400);
    expect((await report(resident, { categoryCode: "noise", description: "" })).statusCode).toBe(400);
    expect((await report(resident, { categoryCode: "noise", description: "x", photoIds: ["00000000-0000-7000-8000-000000000000"] })).statusCode).toBe(400);
    const after = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM cases`))[0].n;
    expect(after).toBe(before);
  });
});

describe("reports arriving together", () => {
  it("are written in groups: every report whole, its own number, numbers without gaps, one failure kept to its report", async () => {
    const groups = reportGroups(t.database);
    const before = { ...groups.write.stats };
    const senders = [resident, grid1, staff];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        report(senders[i % 3], { categoryCode: "sanitation", description: `同时上报 ${i}`, location: i % 2 ? micro1.center : grid2Point }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
    const written = answers.map((a) => a.json() as { id: string; number: string });
    // Fewer statements than reports: the reports shared groups.
    expect(groups.write.stats.items - before.items).toBe(30);
    expect(groups.write.stats.groups - before.groups).toBeLessThan(30);
    // Distinct numbers of one community and day, consecutive (nothing else reported meanwhile).
    const seqs = written.map((w) => Number(w.number.split("-")[2])).sort((a, b) => a - b);
    expect(new Set(written.map((w) => w.number)).size).toBe(30);
    expect(seqs[29] - seqs[0]).toBe(29);
    // Each case with its timeline entry, its audit row naming its number and its handler's notification.
    const rows = rowsOf<{ id: string; number: string; events: number; audit: string | null; notes: number; handler: string | null }>(
      await t.database.db.execute(sql`
        SELECT c.id, c.number, c.handler_id AS handler,
          (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id AND e.action = 'report') AS events,
          (SELECT a.after->>'number' FROM audit_log a WHERE a.target_type = 'case' AND a.target_id = c.id::text AND a.action = 'case.report') AS audit,
          (SELECT count(*)::int FROM notifications n WHERE n.link = 'case:' || c.id AND n.title LIKE '%' || c.number || '%') AS notes
        FROM cases c WHERE c.description LIKE '同时上报 %'`),
    );
    expect(rows).toHaveLength(30);
    for (const r of rows) {
      expect(written).toContainEqual(expect.objectContaining({ id: r.id, number: r.number }));
      expect(r).toMatchObject({ events: 1, audit: r.number, notes: r.handler ? 1 : expect.any(Number) });
    }

    // A row the database refuses (here: the id of a case that exists) fails alone; its group's
    // other reports are written.
    const [template] = rowsOf<{ community_id: string }>(await t.database.db.execute(sql`SELECT community_id FROM cases WHERE id = ${written[0].id}`));
    const row = (id: string, description: string): ReportRow => ({
      id, number: null, prefix: "HK", day: "20991231", communityId: template.community_id, areaId: template.community_id, gridId: null,
      categoryCode: "sanitation", categoryName: "环境卫生", description, lng: null, lat: null, address: null, channel: "grid_patrol",
      reporterId: null, reporterName: null, reporterPhoneEnc: null, anonymous: false, mobileReporter: false, level: "community", handlerId: null,
      acceptDueAt: new Date().toISOString(), acceptWarnAt: new Date().toISOString(), imposedDueAt: null, at: new Date().toISOString(),
      eventId: uuidv7(), actorId: null, actorName: "测试", actorRole: null, eventData: {}, ip: null, auditAfter: {}, noteBody: "", notes: [], photos: [],
    });
    const results = await Promise.allSettled([
      groups.write.submit(row(uuidv7(), "组内一")),
      groups.write.submit(row(written[0].id, "组内重复")),
      groups.write.submit(row(uuidv7(), "组内三")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const ok = results.filter((r): r is PromiseFulfilledResult<string> => r.status === "fulfilled").map((r) => r.value);
    expect(ok.every((n) => /^HK-20991231-\d{4}$/.test(n))).toBe(true);
    expect(new Set(ok).size).toBe(2);
    const kept = rowsOf<{ d: string }>(await t.database.db.execute(sql`SELECT description AS d FROM cases WHERE description LIKE '组内%' ORDER BY d`));
    expect(kept.map((k) => k.d).sort()).toEqual(["组内一", "组内三"].sort());
  });
});

describe("photos", () => {
  it("checks the type by content, strips EXIF GPS and makes a thumbnail", async () => {
    const up = await resident.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) });
    expect(up.statusCode).toBe(200);
    const file = up.json();
    const stored = await resident.get(file.url);
    expect(stored.statusCode).toBe(200);
    const meta = await sharp(stored.rawPayload).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    const thumb = await sharp((await resident.get(file.thumbUrl)).rawPayload).metadata();
    expect(thumb.width).toBe(320);
    const { id } = (await report(resident, { categoryCode: "sanitation", description: "带照片的上报", location: micro1.center, photoIds: [file.id] })).json();
    const d = (await grid1.get(`/api/cases/${id}`)).json();
    expect(d.photos).toHaveLength(1);
    expect((await grid1.get(d.photos[0].thumbUrl)).statusCode).toBe(200);
    // another resident cannot read it
    const other = await residentClient("13900000011");
    expect((await other.get(file.url)).statusCode).toBe(404);
  });

  it("refuses a file that is not an image, or too large", async () => {
    const text = await resident.request({ method: "POST", url: "/api/files", ...multipart(Buffer.from("just some text, not a picture at all"), "evil.jpg") });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const big = Buffer.concat([await jpegWithGps(16, 16), Buffer.alloc(11 * 1024 * 1024)]);
    const res = await resident.request({ method: "POST", url: "/api/files", ...multipart(big) });
    expect(res.statusCode).toBe(413);
  });
});

describe("workflow", () => {
  it("runs report → take → handle → verify → close → rate, telling the reporter each step", async () => {
    const { id } = (await report(resident, { categoryCode: "sanitation", description: "垃圾桶满溢", location: micro1.center })).json();
    let d = (await act(grid1, id, { action: "take" })).json();
    expect(d).toMatchObject({ status: "in_progress" });
    expect(d.handleDueAt).toBeTruthy();
    d = (await act(grid1, id, { action: "handle", note: "已联系物业清运", version: d.version })).json();
    expect(d.status).toBe("handled");
    d = (await act(staff, id, { action: "verify" })).json();
    expect(d.status).toBe("verified");
    d = (await act(staff, id, { action: "close", closureKind: "resolved" })).json();
    expect(d).toMatchObject({ status: "closed", closureKind: "resolved" });
    const mine = (await resident.get(`/api/cases/${id}`)).json();
    expect(mine.isReporter).toBe(true);
    expect(mine.actions).toEqual(expect.arrayContaining(["rate", "reopen"]));
    expect(mine.timeline.map((e: { action: string }) => e.action)).toEqual(["report", "take", "handle", "verify", "close"]);
    d = (await act(resident, id, { action: "rate", rating: "satisfied", note: "很快" })).json();
    expect(d.rating).toBe("satisfied");
    // Rated as satisfied: neither a second rating nor reopening is offered, and both are refused.
    expect(d.actions).not.toContain("rate");
    expect(d.actions).not.toContain("reopen");
    expect((await act(resident, id, { action: "rate", rating: "basic" })).statusCode).toBe(409);
    const notes = (await resident.get("/api/notifications")).json().items as Array<{ title: string }>;
    expect(notes.some((n) => n.title.includes("已办结"))).toBe(true);
  });

  it("escalates grid → community → street → department, remembering every level, and measures it as beyond", async () => {
    const { id } = (await report(resident, { categoryCode: "public_safety", description: "沿街商铺私拉电线", location: micro1.center })).json();
    await act(grid1, id, { action: "accept" });
    let d = (await act(grid1, id, { action: "escalate", note: "需要社区协调" })).json();
    expect(d).toMatchObject({ level: "community", status: "accepted" });
    d = (await act(staff, id, { action: "escalate", note: "需要街道协调执法" })).json();
    expect(d).toMatchObject({ level: "street", status: "accepted" });
    const street = await as(t, "hy_street");
    d = (await act(street, id, { action: "dispatch", department: "派出所" })).json();
    expect(d).toMatchObject({ level: "department", department: "派出所", status: "dispatched" });
    const police = await as(t, "hy_police");
    expect((await police.get("/api/cases?status=open")).json().items.map((c: { id: string }) => c.id)).toContain(id);
    await act(police, id, { action: "start" });
    d = (await act(police, id, { action: "handle", note: "联合整改完毕" })).json();
    expect(d.status).toBe("handled");
    await act(staff, id, { action: "verify" });
    d = (await act(staff, id, { action: "close", closureKind: "resolved" })).json();
    expect(d.levelsPassed.map((l: { level: string }) => l.level)).toEqual(["grid", "community", "street", "department"]);
    const row = (await t.database.db.select().from(cases).where(eq(cases.id, id)))[0];
    expect(row.maxLevel).toBe("department");
  });

  it("refuses transitions not allowed from the state or for the role, changing nothing", async () => {
    const { id } = (await report(resident, { categoryCode: "sanitation", description: "非法操作测试", location: micro1.center })).json();
    const before = (await grid1.get(`/api/cases/${id}`)).json();
    const wrongState = await act(staff, id, { action: "verify" });
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json().code).toBe("INVALID_TRANSITION");
    const wrongRole = await act(resident, id, { action: "accept" });
    expect(wrongRole.statusCode).toBe(403);
    const otherGrid = await as(t, "hk_grid2");
    expect((await act(otherGrid, id, { action: "take" })).statusCode).toBe(404);
    const yxq = await residentClient("13900000011");
    expect((await act(yxq, id, { action: "withdraw" })).statusCode).toBe(404);
    expect((await yxq.get(`/api/cases/${id}`)).statusCode).toBe(404);
    const after = (await grid1.get(`/api/cases/${id}`)).json();
    expect(after.version).toBe(before.version);
    expect(after.timeline).toHaveLength(1);
    // reasons are required where the table says so
    expect((await act(grid1, id, { action: "reject" })).statusCode).toBe(400);
    // a stale version is a conflict
    expect((await act(grid1, id, { action: "accept", version: before.version + 5 })).statusCode).toBe(409);
  });

  it("lets one of two simultaneous handlers win and tells the other", async () => {
    const { id } = (await report(resident, { categoryCode: "sanitation", description: "并发测试", location: micro1.center })).json();
    const secretary = await as(t, "hk_secretary");
    const results = await Promise.all([act(grid1, id, { action: "take" }), act(secretary, id, { action: "take" })]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!.json();
    expect(["CONFLICT", "INVALID_TRANSITION"]).toContain(loser.code);
    const d = (await staff.get(`/api/cases/${id}`)).json();
    expect(d.timeline.filter((e: { action: string }) => e.action === "take")).toHaveLength(1);
  });

  it("handles return, reassign, delay, urge, rework and merge", async () => {
    const { id } = (await report(resident, { categoryCode: "sanitation", description: "综合流程", location: micro1.center })).json();
    let d = (await act(grid1, id, { action: "return", note: "不属于本网格" })).json();
    expect(d).toMatchObject({ status: "reported", level: "community", handler: null });
    d = (await act(staff, id, { action: "accept" })).json();
    const handlers = (await staff.get(`/api/cases/${id}/handlers`)).json().items as Array<{ id: string; role: string }>;
    const worker = handlers.find((h) => h.role === "grid_worker")!;
    d = (await act(staff, id, { action: "dispatch", handlerId: worker.id })).json();
    expect(d.status).toBe("dispatched");
    const g = worker.id === (await grid1.get("/api/auth/me")).json().user.id ? grid1 : await as(t, "hk_grid2");
    await act(g, id, { action: "start" });
    d = (await act(g, id, { action: "request_delay", delayHours: 7, note: "需等待物业配合" })).json();
    const due = d.handleDueAt;
    d = (await act(staff, id, { action: "approve_delay" })).json();
    expect(new Date(d.handleDueAt).getTime()).toBeGreaterThan(new Date(due).getTime());
    const secretary = await as(t, "hk_secretary");
    d = (await act(secretary, id, { action: "urge", note: "请加快" })).json();
    expect(d.urgeCount).toBe(1);
    await act(g, id, { action: "handle", note: "处理了" });
    d = (await act(staff, id, { action: "rework", note: "现场仍有垃圾" })).json();
    expect(d.status).toBe("in_progress");
    const dup = (await report(resident, { categoryCode: "sanitation", description: "同一处垃圾", location: micro1.center })).json();
    d = (await act(grid1, dup.id, { action: "merge", duplicateOfId: id })).json();
    expect(d).toMatchObject({ status: "closed", closureKind: "duplicate", duplicateOfId: id });
  });

  it("lets the reporter reopen within 7 days if not satisfied, and not after", async () => {
    const { id } = (await report(resident, { categoryCode: "noise", description: "重开测试", location: micro1.center })).json();
    await act(grid1, id, { action: "take" });
    await act(grid1, id, { action: "handle", note: "已劝导" });
    await act(staff, id, { action: "verify" });
    await act(staff, id, { action: "close", closureKind: "resolved" });
    let d = (await act(resident, id, { action: "reopen", note: "噪音还在" })).json();
    expect(d).toMatchObject({ status: "accepted", closureKind: null, rating: "unsatisfied" });
    await act(staff, id, { action: "take" });
    await act(staff, id, { action: "handle", note: "再次处理" });
    await act(staff, id, { action: "verify" });
    await act(staff, id, { action: "close", closureKind: "unable", note: "施工许可合法，无法禁止" });
    await t.database.db.update(cases).set({ closedAt: new Date(Date.now() - 8 * 24 * 3600_000) }).where(eq(cases.id, id));
    const late = await act(resident, id, { action: "reopen", note: "还是吵" });
    expect(late.statusCode).toBe(409);
    d = (await resident.get(`/api/cases/${id}`)).json();
    expect(d.status).toBe("closed");
  });

  it("lets the reporter withdraw, and keeps each closure kind distinct", async () => {
    const { id } = (await report(resident, { categoryCode: "noise", description: "撤回测试", location: micro1.center })).json();
    const d = (await act(resident, id, { action: "withdraw", note: "已自行解决" })).json();
    expect(d).toMatchObject({ status: "closed", closureKind: "withdrawn" });
    const { id: id2 } = (await report(resident, { categoryCode: "noise", description: "转办测试", location: micro1.center })).json();
    await act(grid1, id2, { action: "take" });
    await act(grid1, id2, { action: "handle", note: "属于燃气公司" });
    await act(staff, id2, { action: "verify" });
    expect((await act(staff, id2, { action: "close", closureKind: "not_responsible" })).statusCode).toBe(400);
    const closed = (await act(staff, id2, { action: "close", closureKind: "not_responsible", referredTo: "燃气公司" })).json();
    expect(closed).toMatchObject({ closureKind: "not_responsible", referredTo: "燃气公司" });
  });
});
