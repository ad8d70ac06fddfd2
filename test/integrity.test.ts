import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { jpegWithGps, multipart } from "./support/images";
import { rowsOf } from "../src/server/db/client";

/**
 * Integrity of what people claim (point 7 of "Trust"): the party a meeting sign-in stands for, the
 * time an activity check-in pays, a closed meeting, a photo's one attachment, and scope before state.
 */
let t: TestApp;
let staff: Client;
let yxqStaff: Client;
let grid1: Client;
let resident: Client;
let neighbour: Client;
let micro1: { center: [number, number] };

const H = 3600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const localDay = (ms = 0) => new Date(Date.now() + ms + 8 * H).toISOString().slice(0, 10);

async function openMeeting(c: Client, body: Record<string, unknown> = {}) {
  const res = await c.post("/api/meetings", { kind: "five_party", title: "五方联动协调会", startsAt: iso(-0.5 * H), endsAt: iso(2 * H), place: "社区议事厅", ...body });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id as string;
  const opened = await c.post(`/api/meetings/${id}/open`);
  expect(opened.statusCode, opened.body).toBe(200);
  return { id, code: opened.json().checkin.code as string };
}

async function upload(c: Client) {
  const res = await c.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  [staff, yxqStaff, grid1] = await Promise.all(["hk_staff", "yxq_staff", "hk_grid1"].map((u) => as(t, u)));
  resident = await phoneClient(t, "13900000001");
  neighbour = await phoneClient(t, "13900000002");
  const tree = (await staff.get("/api/areas/tree")).json().items as Array<{ id: string; level: string; center: [number, number]; parentId: string }>;
  const me = (await grid1.get("/api/auth/me")).json().user;
  micro1 = tree.find((n) => n.level === "microgrid" && n.parentId === me.area.id)!;
});
afterAll(() => t.close());

describe("meeting sign-in by QR", () => {
  it("counts a resident who declares himself party committee or property company as a resident representative", async () => {
    const topic = (await staff.post("/api/topics", { title: "自称五方的议题", description: "d" })).json().id;
    const { id, code } = await openMeeting(staff, { topicIds: [topic] });
    const self = await resident.post(`/api/meetings/${id}/checkin`, { code, partyKind: "party_committee" });
    expect(self.statusCode, self.body).toBe(200);
    await neighbour.post(`/api/meetings/${id}/checkin`, { code, partyKind: "property_company" });
    const m = (await staff.get(`/api/meetings/${id}`)).json();
    expect(m.attendance.map((a: { partyKind: string }) => a.partyKind)).toEqual(["resident_rep", "resident_rep"]);
    expect(m.partiesPresent).toEqual(["resident_rep"]);
    expect(m.fivePartyPresent).toBe(false);
    const audit = rowsOf<{ after: { partyKind: string } }>(await t.database.db.execute(sql`SELECT after FROM audit_log WHERE target_id = ${id} AND action = 'meeting.checkin'`));
    expect(audit.map((a) => a.after.partyKind)).toEqual(["resident_rep", "resident_rep"]);
    // a meeting whose parties are only self-declared is not five-party
    const r = await staff.post(`/api/meetings/${id}/resolutions`, { topicId: topic, text: "再议", dueOn: localDay(7 * 24 * H), owners: [{ partyKind: "other", name: "社区" }] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().fiveParty).toBe(false);
  });

  it("lets staff correct the party of a sign-in; the five-party figure counts only parties staff or invitations named", async () => {
    const { id, code } = await openMeeting(staff);
    await resident.post(`/api/meetings/${id}/checkin`, { code });
    const me = (await resident.get("/api/auth/me")).json().user;
    const fix = await staff.post(`/api/meetings/${id}/attendance`, { name: me.displayName ?? "居民", partyKind: "property_committee", userId: me.id });
    expect(fix.statusCode, fix.body).toBe(200);
    expect(fix.json()).toMatchObject({ already: true, attendeeCount: 1 });
    const m = (await staff.get(`/api/meetings/${id}`)).json();
    expect(m.attendance.map((a: { partyKind: string }) => a.partyKind)).toEqual(["property_committee"]);
  });

  it("answers 404 to a 红康 resident signing in to a 怡心桥 meeting, whatever its state", async () => {
    const { id, code } = await openMeeting(yxqStaff, { kind: "bench", title: "怡心桥板凳议事会" });
    const res = await resident.post(`/api/meetings/${id}/checkin`, { code });
    expect(res.statusCode).toBe(404);
    await yxqStaff.post(`/api/meetings/${id}/close`, {});
    expect((await resident.post(`/api/meetings/${id}/checkin`, { code })).statusCode).toBe(404);
    expect((await yxqStaff.get(`/api/meetings/${id}`)).json().attendeeCount).toBe(0);
  });
});

describe("a closed meeting is read-only", () => {
  it("refuses sign-ins, ticks, opinions, agenda, minutes and resolutions with 409 meeting_closed; its resolution's follow-up goes on", async () => {
    const topic = (await staff.post("/api/topics", { title: "闭会后议题", description: "d" })).json().id;
    const other = (await staff.post("/api/topics", { title: "闭会后另一议题", description: "d" })).json().id;
    const { id, code } = await openMeeting(staff, { topicIds: [topic, other] });
    const gridUser = (await grid1.get("/api/auth/me")).json().user;
    const r = await staff.post(`/api/meetings/${id}/resolutions`, { topicId: topic, text: "限期整改", dueOn: localDay(7 * 24 * H), owners: [{ userId: gridUser.id }] });
    expect(r.statusCode, r.body).toBe(200);
    expect((await neighbour.post(`/api/meetings/${id}/checkin`, { code })).statusCode).toBe(200);
    expect((await staff.post(`/api/meetings/${id}/close`, { minutes: "纪要" })).statusCode).toBe(200);
    const later = (await staff.get(`/api/meetings/${id}`)).json();

    const attempts = [
      resident.post(`/api/meetings/${id}/checkin`, { code }),
      staff.post(`/api/meetings/${id}/attendance`, { name: "补签", partyKind: "property_company" }),
      staff.post(`/api/meetings/${id}/opinions`, { topicId: topic, partyKind: "property_company", speaker: "物业", text: "补充意见" }),
      staff.post(`/api/meetings/${id}/agenda`, { topicIds: [(await staff.post("/api/topics", { title: "新议题", description: "d" })).json().id] }),
      staff.post(`/api/meetings/${id}/parties`, { parties: [{ partyKind: "property_company", name: "某物业" }] }),
      staff.request({ method: "PUT", url: `/api/meetings/${id}/minutes`, payload: { minutes: "改写的纪要" } }),
      staff.post(`/api/meetings/${id}/resolutions`, { topicId: other, text: "补记决议", dueOn: localDay(7 * 24 * H), owners: [{ partyKind: "other", name: "x" }] }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().details.reason).toBe("meeting_closed");
    }
    const signed = rowsOf<{ id: string }>(await t.database.db.execute(sql`SELECT id FROM meeting_attendance WHERE meeting_id = ${id} LIMIT 1`));
    expect(signed).toHaveLength(1);
    expect((await staff.request({ method: "DELETE", url: `/api/meetings/${id}/attendance/${signed[0].id}` })).json().details.reason).toBe("meeting_closed");
    const after = (await staff.get(`/api/meetings/${id}`)).json();
    expect(after).toMatchObject({ minutes: "纪要", attendeeCount: later.attendeeCount, opinions: later.opinions, agenda: later.agenda, parties: later.parties });
    expect(after.resolutions).toHaveLength(1);
    // the resolution's own follow-up continues
    expect((await grid1.post(`/api/resolutions/${r.json().id}/progress`, { text: "已开工", percent: 40 })).statusCode).toBe(200);
    expect((await grid1.post(`/api/resolutions/${r.json().id}/complete`, { text: "整改完成" })).statusCode).toBe(200);
  });
});

describe("activity check-in pays only at the activity", () => {
  async function activity(startsInHours: number, lengthHours = 2) {
    const start = new Date(Date.now() + startsInHours * H);
    const res = await staff.post("/api/activities", {
      kind: "friday_service",
      title: `签到窗口${startsInHours}`,
      place: "社区广场",
      capacity: 5,
      hours: 2,
      points: 20,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + lengthHours * H).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().items[0].id as string;
    const code = (await staff.get(`/api/activities/${id}/checkin-code`)).json().code as string;
    return { id, code, start };
  }
  const balance = async (c: Client) => (await c.get("/api/points/me")).json() as { hours: number; points: number };

  it("refuses a check-in 26 hours before the start (409 checkin_window) and pays nothing; within the window it pays", async () => {
    const early = await activity(26);
    expect((await neighbour.post(`/api/activities/${early.id}/signups`)).statusCode).toBe(200);
    const before = await balance(neighbour);
    const res = await neighbour.post(`/api/activities/${early.id}/checkin`, { code: early.code });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("CONFLICT");
    expect(res.json().details).toEqual({ reason: "checkin_window", opensAt: new Date(early.start.getTime() - H).toISOString(), closesAt: new Date(early.start.getTime() + 4 * H).toISOString() });
    expect(await balance(neighbour)).toEqual(expect.objectContaining({ hours: before.hours, points: before.points }));

    // long over: more than 2 hours after its end
    const over = await activity(-6);
    // (a past activity takes no sign-ups any more: the sign-up is written as it was made back then)
    const me = (await neighbour.get("/api/auth/me")).json().user as { id: string };
    await t.database.db.execute(sql`INSERT INTO signups (id, activity_id, user_id, status) VALUES (gen_random_uuid(), ${over.id}, ${me.id}, 'confirmed')`);
    expect((await neighbour.post(`/api/activities/${over.id}/checkin`, { code: over.code })).json().details.reason).toBe("checkin_window");

    const soon = await activity(0.5);
    await neighbour.post(`/api/activities/${soon.id}/signups`);
    const ok = await neighbour.post(`/api/activities/${soon.id}/checkin`, { code: soon.code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ already: false, hours: 2, points: 20 });
    expect(await balance(neighbour)).toEqual(expect.objectContaining({ hours: before.hours + 2, points: before.points + 20 }));
  });
});

describe("one photo, one attachment", () => {
  it("refuses staff attaching a photo of a case to an activity's outputs", async () => {
    const photo = await upload(staff);
    const c = await staff.post("/api/cases", { categoryCode: "sanitation", description: "楼道堆物，附现场照片", location: micro1.center, photoIds: [photo] });
    expect(c.statusCode, c.body).toBe(200);
    const inCase = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM case_photos WHERE file_id = ${photo}`))[0].n;
    expect(inCase).toBe(1);
    const start = new Date(Date.now() + 48 * H);
    const a = (await staff.post("/api/activities", { kind: "festival", title: "照片测试活动", place: "社区活动室", capacity: 30, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * H).toISOString() })).json().items[0].id;
    const res = await staff.post(`/api/activities/${a}/outputs`, { outputs: { served: 10 }, photoIds: [photo] });
    expect(res.statusCode, res.body).toBe(400);
    expect((await staff.get(`/api/activities/${a}`)).json().photos ?? []).toHaveLength(0);
    // a fresh photo of one's own is fine, once
    const fresh = await upload(staff);
    expect((await staff.post(`/api/activities/${a}/outputs`, { outputs: { served: 10 }, photoIds: [fresh] })).statusCode).toBe(200);
  });
});
