import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { jpegWithGps, multipart } from "./support/images";
import { dayAfter, localDay } from "../src/server/platform/clock";
import { rowsOf } from "../src/server/db/client";

let t: TestApp;
let resident: Client;
let otherResident: Client;
let yxqResident: Client;
let grid1: Client;
let staff: Client;
let micro1: [number, number];

const act = (c: Client, id: string, body: Record<string, unknown>) => c.post(`/api/cases/${id}/transitions`, body);
const upload = async (c: Client) => (await c.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps(400, 300)) })).json() as { id: string };
const newCase = async (description: string) => (await resident.post("/api/cases", { categoryCode: "sanitation", description, location: micro1 })).json() as { id: string; number: string };

beforeAll(async () => {
  t = await createTestApp();
  resident = await phoneClient(t, "13900000001");
  otherResident = await phoneClient(t, "13900000002"); // 红康's rider: same community, not the reporter
  yxqResident = await phoneClient(t, "13900000011");
  [grid1, staff] = await Promise.all([as(t, "hk_grid1"), as(t, "hk_staff")]);
  const tree = (await staff.get("/api/areas/tree")).json().items as Array<{ id: string; level: string; center: [number, number]; parentId: string }>;
  const me = (await grid1.get("/api/auth/me")).json().user;
  micro1 = tree.find((n) => n.level === "microgrid" && n.parentId === me.area.id)!.center;
});
afterAll(() => t.close());

describe("催办: the reporter urges an open case", () => {
  it("is offered to the reporter, reaches the handler, is counted, and once a day only", async () => {
    const { id, number } = await newCase("楼道里垃圾三天没人清理");
    const before = (await resident.get(`/api/cases/${id}`)).json();
    expect(before.actions).toEqual(expect.arrayContaining(["remind", "supplement", "withdraw"]));
    expect(before.remindAllowedAt).toBeNull();

    const first = await act(resident, id, { action: "remind" });
    expect(first.statusCode).toBe(200);
    const after = first.json();
    expect(after).toMatchObject({ remindCount: 1, status: "reported" });
    expect(after.timeline.map((e: { action: string }) => e.action)).toContain("remind");
    const tomorrow = new Date(dayAfter(localDay())).getTime();
    expect(new Date(after.remindAllowedAt).getTime()).toBe(tomorrow);

    // the handler (the grid worker the case was routed to) is told
    const handlerId = after.handler.id;
    const [{ n }] = rowsOf<{ n: number }>(await t.deps.database.db.execute(sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${handlerId} AND kind = 'case.reminded' AND title LIKE ${"%" + number + "%"}`));
    expect(n).toBe(1);
    const notes = (await grid1.get("/api/notifications")).json().items as Array<{ title: string }>;
    expect(notes.some((x) => x.title.includes("催办") && x.title.includes(number))).toBe(true);

    // a second urge the same day: 409 with when the next is allowed
    const second = await act(resident, id, { action: "remind" });
    expect(second.statusCode).toBe(409);
    expect(second.json().details).toMatchObject({ reason: "urged_today" });
    expect(new Date(second.json().details.nextAllowedAt).getTime()).toBe(tomorrow);
    expect((await resident.get(`/api/cases/${id}`)).json().remindCount).toBe(1);

    // the next Beijing day it is allowed again
    await t.deps.database.db.execute(sql`UPDATE cases SET reminded_at = reminded_at - interval '1 day' WHERE id = ${id}`);
    const third = await act(resident, id, { action: "remind", note: "还是没有处理" });
    expect(third.statusCode).toBe(200);
    expect(third.json().remindCount).toBe(2);
  });

  it("tells the level's owners when nobody handles the case yet", async () => {
    const { id, number } = (await resident.post("/api/cases", { categoryCode: "noise", description: "晚上装修噪音，没有位置" })).json();
    const d = (await staff.get(`/api/cases/${id}`)).json();
    expect(d.handler).toBeNull();
    expect((await act(resident, id, { action: "remind" })).statusCode).toBe(200);
    const notes = (await staff.get("/api/notifications")).json().items as Array<{ title: string }>;
    expect(notes.some((x) => x.title.includes(number) && x.title.includes("催办"))).toBe(true);
  });

  it("is the reporter's alone: staff and other residents cannot, another community's case is 404, a closed case is not open", async () => {
    const { id } = await newCase("只有报告人可以催办");
    expect((await act(grid1, id, { action: "remind" })).statusCode).toBe(403);
    expect((await act(staff, id, { action: "supplement", note: "工作人员不能补充" })).statusCode).toBe(403);
    expect((await act(otherResident, id, { action: "remind" })).statusCode).toBe(404);
    expect((await act(otherResident, id, { action: "supplement", note: "别人的事件" })).statusCode).toBe(404);
    expect((await act(yxqResident, id, { action: "remind" })).statusCode).toBe(404);
    expect((await act(resident, id, { action: "withdraw" })).statusCode).toBe(200);
    expect((await act(resident, id, { action: "remind" })).statusCode).toBe(409);
    expect((await resident.get(`/api/cases/${id}`)).json().actions).not.toContain("remind");
  });
});

describe("补充说明: the reporter adds text or photos", () => {
  it("records text and photos on the timeline, visible to the handler, and tells them", async () => {
    const { id, number } = await newCase("路灯坏了");
    const photo = await upload(resident);
    const res = await act(resident, id, { action: "supplement", note: "晚上七点以后整条路都是黑的", photoIds: [photo.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("reported");
    const seen = (await grid1.get(`/api/cases/${id}`)).json();
    const event = seen.timeline.find((e: { action: string }) => e.action === "supplement");
    expect(event).toMatchObject({ note: "晚上七点以后整条路都是黑的" });
    expect(seen.photos).toEqual(expect.arrayContaining([expect.objectContaining({ id: photo.id, eventId: event.id })]));
    expect((await grid1.get(seen.photos.find((p: { id: string }) => p.id === photo.id).thumbUrl)).statusCode).toBe(200);
    const notes = (await grid1.get("/api/notifications")).json().items as Array<{ title: string }>;
    expect(notes.some((x) => x.title.includes("补充说明") && x.title.includes(number))).toBe(true);

    // photos alone are enough; nothing at all is not
    expect((await act(resident, id, { action: "supplement", photoIds: [(await upload(resident)).id] })).statusCode).toBe(200);
    expect((await act(resident, id, { action: "supplement" })).statusCode).toBe(400);
  });

  it("refuses someone else's photo and a photo already attached", async () => {
    const { id } = await newCase("补充照片的归属");
    const foreign = await upload(grid1);
    const r = await act(resident, id, { action: "supplement", note: "别人的照片", photoIds: [foreign.id] });
    expect(r.statusCode).toBe(400);
    const mine = await upload(resident);
    expect((await act(resident, id, { action: "supplement", photoIds: [mine.id] })).statusCode).toBe(200);
    expect((await act(resident, id, { action: "supplement", photoIds: [mine.id] })).statusCode).toBe(400);
    // nothing half-written by the refused one
    const timeline = (await resident.get(`/api/cases/${id}`)).json().timeline as Array<{ action: string }>;
    expect(timeline.filter((e) => e.action === "supplement")).toHaveLength(1);
  });
});
