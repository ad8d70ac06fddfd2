import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, Client, createTestApp, type TestApp } from "./support/app";

let t: TestApp;
let staff: Client;

const H = 3600_000;
const PHONE = "13655556666";

beforeAll(async () => {
  t = await createTestApp();
  staff = await as(t, "hk_staff");
});
afterAll(() => t.close());

describe("the story of a community partner", () => {
  it("a resident answers a call, joins a team, serves on Friday, checks in by QR, earns and spends points; the unit's record shows what it gave", async () => {
    // 1. Staff publish a recruitment call; its QR code holds the public sign-up URL.
    const call = await staff.post("/api/talent/calls", {
      title: "红康社区治理人才招募令",
      body: "诚邀热心居民加入周五志愿服务队",
      categories: ["便民维修", "医疗健康"],
      channels: ["wechat", "resident_group", "notice_board"],
      opensOn: new Date(Date.now() + 8 * H - 86400_000).toISOString().slice(0, 10),
      closesOn: new Date(Date.now() + 8 * H + 30 * 86400_000).toISOString().slice(0, 10),
    });
    expect(call.statusCode, call.body).toBe(200);
    const slug = call.json().signupUrl.split("/").pop();

    // 2. The resident scans it on the phone, reads the call and signs up, without an account.
    const phone = new Client(t.app);
    expect((await phone.get(`/api/public/recruitment/${slug}`)).json().open).toBe(true);
    const applied = await phone.post(`/api/public/recruitment/${slug}/applications`, { name: "孙师傅", phone: PHONE, category: "便民维修", skills: ["家电维修", "磨刀"], intro: "退休电工" });
    expect(applied.json()).toEqual({ received: true });

    // 3. Staff approve the application into the Friday service team.
    const team = (await staff.post("/api/talent/teams", { name: "周五志愿服务队（故事）", kind: "convenience" })).json().id;
    const pending = (await staff.get("/api/talent/applications?status=pending")).json().items as Array<{ id: string; name: string; phone: string }>;
    const app = pending.find((a) => a.name === "孙师傅")!;
    expect(app.phone).toBe("136****6666");
    const decision = await staff.post(`/api/talent/applications/${app.id}/decision`, { decision: "approve", teamId: team });
    expect(decision.json()).toMatchObject({ status: "approved", accountCreated: true });

    // 4. The resident signs in by one-time code and finds their team.
    await phone.post("/api/auth/otp/request", { phone: PHONE });
    expect((await phone.post("/api/auth/otp/verify", { phone: PHONE, code: t.deps.sms.lastCodeFor(PHONE) })).statusCode).toBe(200);
    expect((await phone.get("/api/talent/me")).json().talents[0].teams.map((x: { id: string }) => x.id)).toEqual([team]);

    // 5. Staff set up the weekly Friday service with a partner unit that lends its staff.
    const unit = (await staff.post("/api/partners/units", { name: "故事共建单位", kind: "enterprise", bigCommittee: true })).json().id;
    await staff.post(`/api/partners/units/${unit}/agreements`, {
      startsOn: `${new Date().getFullYear()}-01-01`,
      endsOn: `${new Date().getFullYear() + 1}-12-31`,
      signatories: ["红康社区党委", "故事共建单位党支部"],
      offers: [{ resourceKind: "staff", description: "职工志愿者参加周五志愿服务", quantity: 20, unit: "人次" }],
    });
    // within the check-in window (it opens an hour before the start)
    const start = new Date(Date.now() + 0.5 * H);
    const series = await staff.post("/api/activities", {
      kind: "friday_service",
      title: "周五志愿服务",
      place: "红康社区党群服务中心广场",
      capacity: 10,
      hours: 3,
      points: 30,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * H).toISOString(),
      teamId: team,
      unitIds: [unit],
      repeat: { every: "week", count: 4 },
    });
    expect(series.statusCode, series.body).toBe(200);
    const first = series.json().items[0].id;

    // 6. The resident signs up in the phone app.
    const upcoming = (await phone.get("/api/activities?upcoming=true&kind=friday_service")).json().items as Array<{ id: string }>;
    expect(upcoming.map((a) => a.id)).toContain(first);
    expect((await phone.post(`/api/activities/${first}/signups`)).json()).toMatchObject({ status: "confirmed", already: false });

    // 7. At the venue staff show the QR code; the resident scans it and checks in.
    const qr = (await staff.get(`/api/activities/${first}/checkin-code`)).json();
    const code = new URL(qr.url, "http://x").searchParams.get("code")!;
    const checkin = await phone.post(`/api/activities/${first}/checkin`, { code });
    expect(checkin.json()).toMatchObject({ already: false, hours: 3, points: 30, balance: { hours: 3, points: 30 } });
    await staff.post(`/api/activities/${first}/outputs`, { outputs: { served: 36, repairs: 12 } });

    // 8. The unit offers a reward; the resident spends points on it.
    const reward = (await staff.post("/api/rewards", { name: "故事·电工工具包", cost: 25, stock: 3, unitId: unit })).json().id;
    const redeemed = await phone.post(`/api/rewards/${reward}/redeem`);
    expect(redeemed.json()).toMatchObject({ balance: { hours: 3, points: 5 }, stock: 2 });
    const record = (await phone.get("/api/points/me")).json();
    expect(record).toMatchObject({ hours: 3, points: 5 });
    expect(record.entries.map((e: { kind: string }) => e.kind)).toEqual(["redemption", "checkin"]);
    expect(record.activities.find((a: { id: string }) => a.id === first).checkedInAt).toBeTruthy();
    expect(record.redemptions[0].reward).toBe("故事·电工工具包");

    // 9. Staff record what the unit gave; its yearly record shows it with the activity it joined.
    const given = await staff.post(`/api/partners/units/${unit}/givings`, { givenOn: new Date(Date.now() + 8 * H).toISOString().slice(0, 10), resourceKind: "staff", description: "职工志愿者参加周五志愿服务", quantity: 4, unit: "人次", activityId: first });
    expect(given.statusCode, given.body).toBe(200);
    const year = new Date(Date.now() + 8 * H).getUTCFullYear();
    const rec = (await staff.get(`/api/partners/units/${unit}/record?year=${year}`)).json();
    expect(rec.resources).toMatchObject({ count: 1, byKind: [{ kind: "staff", name: "人员", count: 1, quantity: 4 }] });
    expect(rec.activities.items.some((a: { id: string; role: string }) => a.id === first && a.role === "unit")).toBe(true);
  });
});
