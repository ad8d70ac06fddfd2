import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { jpegWithGps, multipart } from "./support/images";
import { rowsOf } from "../src/server/db/client";
import { sendActivityReminders } from "../src/server/modules/partners/send-reminders";

let t: TestApp;
let staff: Client;
let residents: Client[] = [];
let residentIds: string[] = [];

const H = 3600_000;
const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));

let signInSeq = 0;
const signedInPhones = new Map<string, Client>();
/** Signs a phone in by one-time code, from its own address (the code request is rate-limited per address). */
async function signIn(phone: string) {
  if (signedInPhones.has(phone)) return signedInPhones.get(phone)!;
  const c = new Client(t.app);
  signedInPhones.set(phone, c);
  const remoteAddress = `10.7.0.${++signInSeq}`;
  await c.request({ method: "POST", url: "/api/auth/otp/request", payload: { phone }, remoteAddress });
  const res = await c.request({ method: "POST", url: "/api/auth/otp/verify", payload: { phone, code: t.deps.sms.lastCodeFor(phone) }, remoteAddress });
  expect(res.statusCode, res.body).toBe(200);
  return c;
}

let seq = 0;
async function newActivity(body: Record<string, unknown> = {}, startsInHours = 48, lengthHours = 2) {
  const start = new Date(Date.now() + startsInHours * H);
  const res = await staff.post("/api/activities", {
    kind: "friday_service",
    title: `测试活动${++seq}`,
    place: "社区广场",
    capacity: 3,
    hours: 2,
    points: 20,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + lengthHours * H).toISOString(),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0] as { id: string; capacity: number };
}
const codeOf = async (id: string) => (await staff.get(`/api/activities/${id}/checkin-code`)).json() as { code: string; url: string };

beforeAll(async () => {
  t = await createTestApp();
  staff = await as(t, "hk_staff");
  // Registered residents of 红康 with a phone: signing in by code binds them to their home.
  const people = await q<{ phone_enc: string }>(sql`
    SELECT p.phone_enc FROM persons p JOIN areas c ON c.id = p.community_id
    WHERE c.name = '红康社区' AND p.phone_enc IS NOT NULL AND p.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.phone_hash = p.phone_hash)
    ORDER BY p.id LIMIT 12`);
  residents = [];
  for (const p of people) residents.push(await signIn(t.deps.cipher.decrypt(p.phone_enc)));
  residentIds = await Promise.all(residents.map(async (c) => (await c.get("/api/auth/me")).json().user.id as string));
});
afterAll(() => t.close());

describe("recurring series", () => {
  it("generates 周五志愿服务 every Friday and 河畔集市 on the same weekday of each month", async () => {
    // Next Friday 09:00 Beijing time.
    const now = new Date(Date.now() + 8 * H);
    const daysToFriday = (5 - now.getUTCDay() + 7) % 7 || 7;
    const friday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + daysToFriday, 1));
    const res = await staff.post("/api/activities", {
      kind: "friday_service",
      title: "周五志愿服务",
      place: "红康社区广场",
      capacity: 10,
      startsAt: friday.toISOString(),
      endsAt: new Date(friday.getTime() + 3 * H).toISOString(),
      repeat: { every: "week", count: 6 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { seriesId, items } = res.json() as { seriesId: string; items: Array<{ startsAt: string; seriesId: string; hours: number }> };
    expect(items).toHaveLength(6);
    for (const [i, a] of items.entries()) {
      const local = new Date(new Date(a.startsAt).getTime() + 8 * H);
      expect(local.getUTCDay()).toBe(5);
      expect(local.getUTCHours()).toBe(9);
      expect(new Date(a.startsAt).getTime() - friday.getTime()).toBe(i * 7 * 24 * H);
      expect(a.seriesId).toBe(seriesId);
    }
    const listed = (await staff.get(`/api/activities?seriesId=${seriesId}`)).json().items;
    expect(listed).toHaveLength(6);

    // 2nd Saturday of a month, 14:00, monthly until the end of next year.
    const market = await staff.post("/api/activities", {
      kind: "riverside_market",
      title: "河畔集市",
      place: "盘龙江畔",
      capacity: 40,
      startsAt: "2027-01-09T14:00:00+08:00",
      endsAt: "2027-01-09T17:00:00+08:00",
      repeat: { every: "month", until: "2027-12-31" },
    });
    expect(market.statusCode, market.body).toBe(200);
    const days = (market.json().items as Array<{ startsAt: string }>).map((a) => new Date(new Date(a.startsAt).getTime() + 8 * H));
    expect(days).toHaveLength(12);
    for (const d of days) {
      expect(d.getUTCDay()).toBe(6);
      expect(Math.ceil(d.getUTCDate() / 7)).toBe(2);
      expect(d.getUTCHours()).toBe(14);
    }
    expect((await staff.post("/api/activities", { kind: "festival", title: "x", place: "y", capacity: 1, startsAt: "2027-01-09T14:00:00+08:00", endsAt: "2027-01-09T13:00:00+08:00" })).statusCode).toBe(400);
    expect((await staff.post("/api/activities", { kind: "festival", title: "x", place: "y", capacity: 1, startsAt: "2027-01-09T14:00:00+08:00", endsAt: "2027-01-09T15:00:00+08:00", repeat: { every: "week" } })).statusCode).toBe(400);
    expect((await staff.post("/api/activities", { kind: "festival", title: "x", place: "y", capacity: 1, startsAt: "2027-01-09T14:00:00+08:00", endsAt: "2027-01-09T15:00:00+08:00", repeat: { every: "week", until: "2029-01-01" } })).statusCode).toBe(400);
    const volunteer = await as(t, "hk_volunteer");
    expect((await volunteer.post("/api/activities", { kind: "festival", title: "x", place: "y", capacity: 1, startsAt: "2027-01-09T14:00:00+08:00", endsAt: "2027-01-09T15:00:00+08:00" })).statusCode).toBe(403);
  });
});

describe("sign-up with a waiting list", () => {
  it("never overbooks: 10 concurrent sign-ups at capacity 3 give exactly 3 confirmed and a waiting list 1..7", async () => {
    const a = await newActivity({ capacity: 3 });
    const results = await Promise.all(residents.slice(0, 10).map((c) => c.post(`/api/activities/${a.id}/signups`)));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const answers = results.map((r) => r.json() as { status: string; position: number | null });
    expect(answers.filter((x) => x.status === "confirmed")).toHaveLength(3);
    const positions = answers.filter((x) => x.status === "waitlisted").map((x) => x.position).sort((x, y) => x! - y!);
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const counts = await q<{ status: string; n: number }>(sql`SELECT status, count(*)::int AS n FROM signups WHERE activity_id = ${a.id} GROUP BY status ORDER BY status`);
    expect(counts.map((c) => [c.status, Number(c.n)])).toEqual([
      ["confirmed", 3],
      ["waitlisted", 7],
    ]);
    const detail = (await residents[0].get(`/api/activities/${a.id}`)).json();
    expect(detail).toMatchObject({ capacity: 3, confirmed: 3, waitlisted: 7 });
    expect(detail.mySignup.status).toBeDefined();
    // signing up again answers the current state
    const again = (await residents[0].post(`/api/activities/${a.id}/signups`)).json();
    expect(again).toMatchObject({ already: true, status: answers[0].status });
  });

  it("moves the first on the waiting list up when a confirmed volunteer cancels, and tells them", async () => {
    const a = await newActivity({ capacity: 2 });
    for (const c of residents.slice(0, 5)) await c.post(`/api/activities/${a.id}/signups`);
    // residents[0], [1] confirmed; [2] #1, [3] #2, [4] #3
    expect((await residents[3].post(`/api/activities/${a.id}/signups/cancel`)).statusCode).toBe(200);
    expect((await residents[0].post(`/api/activities/${a.id}/signups/cancel`)).statusCode).toBe(200);
    const list = (await staff.get(`/api/activities/${a.id}/signups`)).json().items as Array<{ user: { id: string }; status: string; position: number | null }>;
    const state = (i: number) => list.find((s) => s.user.id === residentIds[i])!;
    expect(state(2)).toMatchObject({ status: "confirmed", position: null });
    expect(state(4)).toMatchObject({ status: "waitlisted", position: 1 });
    expect(state(0).status).toBe("cancelled");
    expect(state(3).status).toBe("cancelled");
    const notes = (await residents[2].get("/api/notifications")).json().items as Array<{ kind: string; title: string }>;
    expect(notes.find((n) => n.kind === "activity.promoted")?.title).toContain("候补成功");
    expect((await residents[0].post(`/api/activities/${a.id}/signups/cancel`)).statusCode).toBe(404);
    // more room confirms the rest of the waiting list
    const patched = await staff.request({ method: "PATCH", url: `/api/activities/${a.id}`, payload: { capacity: 4 } });
    expect(patched.json()).toMatchObject({ capacity: 4, confirmed: 3, waitlisted: 0 });
    expect((await staff.request({ method: "PATCH", url: `/api/activities/${a.id}`, payload: { capacity: 1 } })).statusCode).toBe(409);
  });

  it("refuses sign-ups to a cancelled, past or other community's activity", async () => {
    const a = await newActivity();
    await residents[0].post(`/api/activities/${a.id}/signups`);
    const cancel = await staff.request({ method: "PATCH", url: `/api/activities/${a.id}`, payload: { status: "cancelled" } });
    expect(cancel.json().status).toBe("cancelled");
    expect((await residents[1].post(`/api/activities/${a.id}/signups`)).statusCode).toBe(409);
    expect(((await residents[0].get("/api/notifications")).json().items as Array<{ kind: string }>).some((n) => n.kind === "activity.cancelled")).toBe(true);
    expect((await staff.request({ method: "PATCH", url: `/api/activities/${a.id}`, payload: { status: "open" } })).statusCode).toBe(409);
    const yxq = await as(t, "yxq_staff");
    expect((await yxq.get(`/api/activities/${a.id}`)).statusCode).toBe(404);
    const rider = await signIn("13900000012");
    const other = await newActivity();
    expect((await rider.post(`/api/activities/${other.id}/signups`)).statusCode).toBe(404);
  });

  it("reminds confirmed volunteers of activities starting within 24 hours, once", async () => {
    const soon = await newActivity({ capacity: 1 }, 3);
    const later = await newActivity({ capacity: 5 }, 72);
    await residents[5].post(`/api/activities/${soon.id}/signups`);
    await residents[6].post(`/api/activities/${soon.id}/signups`); // waitlisted: not reminded
    await residents[5].post(`/api/activities/${later.id}/signups`);
    const sent = await sendActivityReminders(t.deps);
    expect(sent).toBeGreaterThanOrEqual(1);
    const mine = ((await residents[5].get("/api/notifications")).json().items as Array<{ kind: string; link: string }>).filter((n) => n.kind === "activity.reminder");
    expect(mine.map((n) => n.link)).toEqual([`activity:${soon.id}`]);
    expect(((await residents[6].get("/api/notifications")).json().items as Array<{ kind: string }>).some((n) => n.kind === "activity.reminder")).toBe(false);
    expect(await sendActivityReminders(t.deps)).toBe(0);
  });
});

describe("check-in by QR code, hours and points", () => {
  it("pays the activity's hours and points once; a second scan answers already; other codes are refused", async () => {
    const a = await newActivity({ capacity: 1, hours: 3, points: 30 }, 1);
    const b = await newActivity({ capacity: 5 }, 1);
    const [volunteer, waiting, stranger] = [residents[7], residents[8], residents[9]];
    await volunteer.post(`/api/activities/${a.id}/signups`);
    await waiting.post(`/api/activities/${a.id}/signups`);
    const { code, url } = await codeOf(a.id);
    expect(url).toBe(`/m/checkin/${a.id}?code=${code}`);
    const other = await codeOf(b.id);

    const wrong = await volunteer.post(`/api/activities/${a.id}/checkin`, { code: other.code });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.reason).toBe("wrong_code");
    expect((await volunteer.post(`/api/activities/${a.id}/checkin`, { code: "ZZZZZZZZ" })).statusCode).toBe(400);
    // the right code of an activity they did not sign up to
    expect((await volunteer.post(`/api/activities/${b.id}/checkin`, { code: other.code })).statusCode).toBe(409);
    expect((await waiting.post(`/api/activities/${a.id}/checkin`, { code })).json().details.reason).toBe("waitlisted");
    expect((await stranger.post(`/api/activities/${a.id}/checkin`, { code })).statusCode).toBe(409);

    const first = await volunteer.post(`/api/activities/${a.id}/checkin`, { code: code.toLowerCase() });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ already: false, hours: 3, points: 30, balance: { hours: 3, points: 30 } });
    const second = await volunteer.post(`/api/activities/${a.id}/checkin`, { code });
    expect(second.json()).toMatchObject({ already: true, balance: { hours: 3, points: 30 } });
    const parallel = await Promise.all([1, 2, 3].map(() => volunteer.post(`/api/activities/${a.id}/checkin`, { code })));
    expect(parallel.every((r) => r.json().already === true)).toBe(true);
    const rec = (await volunteer.get("/api/points/me")).json();
    expect(rec).toMatchObject({ hours: 3, points: 30 });
    expect(rec.entries.filter((e: { kind: string }) => e.kind === "checkin")).toHaveLength(1);
    expect(rec.activities.find((x: { id: string }) => x.id === a.id).checkedInAt).toBeTruthy();
    expect(rec.mobileReports).toBeNull();
    expect((await volunteer.post(`/api/activities/${a.id}/signups/cancel`)).statusCode).toBe(409);
  });

  it("earns by rule when an activity sets no hours: its duration, 10 points an hour", async () => {
    const a = await newActivity({ capacity: 5, hours: 0, points: 0 }, 1, 2.5);
    await residents[10].post(`/api/activities/${a.id}/signups`);
    const r = await residents[10].post(`/api/activities/${a.id}/checkin`, { code: (await codeOf(a.id)).code });
    expect(r.json()).toMatchObject({ hours: 2.5, points: 25 });
  });

  it("records people served, leaflets, photos and market booths run by units and teams", async () => {
    const a = await newActivity({ kind: "anti_fraud", capacity: 10 });
    const up = await staff.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) });
    expect(up.statusCode).toBe(200);
    const res = await staff.post(`/api/activities/${a.id}/outputs`, { outputs: { served: 45, leaflets: 120 }, photoIds: [up.json().id] });
    expect(res.statusCode, res.body).toBe(200);
    const more = (await staff.post(`/api/activities/${a.id}/outputs`, { outputs: { legalQuestions: 6 } })).json();
    expect(more.outputs).toEqual({ served: 45, leaflets: 120, legalQuestions: 6 });
    expect(more.photos).toHaveLength(1);
    expect((await staff.post(`/api/activities/${a.id}/outputs`, { outputs: { served: -1 } })).statusCode).toBe(400);
    expect((await staff.post(`/api/activities/${a.id}/outputs`, { photoIds: ["00000000-0000-7000-8000-000000000000"] })).statusCode).toBe(400);

    const unit = (await staff.post("/api/partners/units", { name: "测试集市单位", kind: "hospital" })).json().id;
    const team = (await staff.post("/api/talent/teams", { name: "测试非遗守艺人", kind: "heritage" })).json().id;
    expect((await staff.post(`/api/activities/${a.id}/booths`, { name: "义诊摊位", unitId: unit })).statusCode).toBe(200);
    expect((await staff.post(`/api/activities/${a.id}/booths`, { name: "剪纸摊位", teamId: team })).statusCode).toBe(200);
    expect((await staff.post(`/api/activities/${a.id}/booths`, { name: "无主摊位" })).statusCode).toBe(400);
    expect((await staff.post(`/api/activities/${a.id}/units`, { unitId: unit })).statusCode).toBe(200);
    const d = (await residents[0].get(`/api/activities/${a.id}`)).json();
    expect(d.booths.map((b: { name: string; unit: unknown; team: unknown }) => [b.name, Boolean(b.unit), Boolean(b.team)])).toEqual([
      ["义诊摊位", true, false],
      ["剪纸摊位", false, true],
    ]);
    expect(d.units.map((u: { id: string }) => u.id)).toEqual([unit]);
    expect((await residents[0].post(`/api/activities/${a.id}/outputs`, { outputs: { served: 1 } })).statusCode).toBe(403);

    const day = new Date(Date.now() + 8 * H).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 8 * H + 5 * 86400_000).toISOString().slice(0, 10);
    const m = (await staff.get(`/api/partners/measures?from=${day}&to=${later}`)).json();
    expect(m.activities.antiFraudSessions).toBeGreaterThanOrEqual(1);
    expect(m.activities.leaflets).toBeGreaterThanOrEqual(120);
    expect(m.peopleServed).toBeGreaterThanOrEqual(45);
  });
});

describe("spending points", () => {
  let rewardCheap: string;
  let rewardRare: string;
  beforeAll(async () => {
    rewardCheap = (await staff.post("/api/rewards", { name: "测试环保袋", cost: 20, stock: 50 })).json().id;
    rewardRare = (await staff.post("/api/rewards", { name: "测试体检券", cost: 5, stock: 1 })).json().id;
  });
  const correct = (userId: string, points: number, reason = "补录签到积分") => staff.post("/api/points/corrections", { userId, points, reason });

  it("lets exactly one of two concurrent redemptions through when the balance pays for one", async () => {
    const [c, id] = [residents[11], residentIds[11]];
    expect((await correct(id, 25)).statusCode).toBe(200);
    const results = await Promise.all([c.post(`/api/rewards/${rewardCheap}/redeem`), c.post(`/api/rewards/${rewardCheap}/redeem`)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.statusCode === 409)!;
    expect(refused.json().details.reason).toBe("insufficient_points");
    const rec = (await c.get("/api/points/me")).json();
    expect(rec.points).toBe(5);
    expect(rec.redemptions).toHaveLength(1);
    const [stock] = await q<{ stock: number }>(sql`SELECT stock FROM rewards WHERE id = ${rewardCheap}`);
    expect(stock.stock).toBe(49);
    // beyond balance
    expect((await c.post(`/api/rewards/${rewardCheap}/redeem`)).statusCode).toBe(409);
  });

  it("keeps the balance exact when one volunteer spends on two different items at once (balance row lock)", async () => {
    const [c, id] = [residents[10], residentIds[10]];
    const other = (await staff.post("/api/rewards", { name: "测试毛巾", cost: 20, stock: 50 })).json().id;
    const before = (await c.get("/api/points/me")).json().points as number;
    if (before !== 30) expect((await correct(id, 30 - before)).statusCode).toBe(200);
    const results = await Promise.all([c.post(`/api/rewards/${rewardCheap}/redeem`), c.post(`/api/rewards/${other}/redeem`)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rec = (await c.get("/api/points/me")).json();
    expect(rec.points).toBe(10);
    const stocks = await q<{ n: number }>(sql`SELECT sum(stock)::int AS n FROM rewards WHERE id IN (${rewardCheap}, ${other})`);
    expect(Number(stocks[0].n)).toBe(49 + 50 - 1);
  });

  it("answers 409 when the stock is out, also for concurrent redemptions of the last item, and replays a retried request", async () => {
    const [a, b] = [residents[9], residents[8]];
    await correct(residentIds[9], 50);
    await correct(residentIds[8], 50);
    const results = await Promise.all([a.post(`/api/rewards/${rewardRare}/redeem`), b.post(`/api/rewards/${rewardRare}/redeem`)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().details.reason).toBe("out_of_stock");
    const [stock] = await q<{ stock: number }>(sql`SELECT stock FROM rewards WHERE id = ${rewardRare}`);
    expect(stock.stock).toBe(0);
    const balances = await Promise.all([a, b].map(async (c) => (await c.get("/api/points/me")).json().points as number));
    expect(balances.sort()).toEqual([45, 50]);

    const key = { "idempotency-key": "redeem-retry-0001" };
    const first = await a.request({ method: "POST", url: `/api/rewards/${rewardCheap}/redeem`, headers: key });
    const retry = await a.request({ method: "POST", url: `/api/rewards/${rewardCheap}/redeem`, headers: key });
    expect(first.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ redemptionId: first.json().redemptionId, replayed: true });
    expect((await a.get("/api/points/me")).json().redemptions.filter((r: { reward: string }) => r.reward === "测试环保袋")).toHaveLength(1);
  });

  it("lets staff correct with a reason (audited), never below zero, and lists the catalogue with the providing unit", async () => {
    const id = residentIds[4];
    expect((await staff.post("/api/points/corrections", { userId: id, points: 5 })).statusCode).toBe(400);
    expect((await staff.post("/api/points/corrections", { userId: id, points: 0, hours: 0, reason: "什么也不改" })).statusCode).toBe(400);
    const ok = await staff.post("/api/points/corrections", { userId: id, points: 12, hours: 1.5, reason: "补录2026年11月周五服务" });
    expect(ok.json().balance).toEqual({ hours: 1.5, points: 12 });
    expect((await correct(id, -100, "误发积分扣回")).statusCode).toBe(409);
    const audit = await q<{ reason: string }>(sql`SELECT reason FROM audit_log WHERE action = 'points.correct' AND target_id = ${id}`);
    expect(audit.map((a) => a.reason)).toEqual(["补录2026年11月周五服务"]);
    const rec = (await staff.get(`/api/points/accounts/${id}`)).json();
    expect(rec.entries[0]).toMatchObject({ kind: "correction", kindName: "人工调整", points: 12, reason: "补录2026年11月周五服务" });
    expect((await residents[4].post("/api/points/corrections", { userId: id, points: 100, reason: "自己加分" })).statusCode).toBe(403);
    const yxq = await as(t, "yxq_staff");
    expect((await yxq.post("/api/points/corrections", { userId: id, points: 1, reason: "别的社区" })).statusCode).toBe(404);

    const unit = (await staff.post("/api/partners/units", { name: "测试奖品单位", kind: "shop" })).json().id;
    await staff.post("/api/rewards", { name: "测试理发券", cost: 30, stock: 10, unitId: unit });
    const catalogue = (await residents[4].get("/api/rewards")).json().items as Array<{ name: string; unit: { name: string } | null }>;
    expect(catalogue.find((r) => r.name === "测试理发券")?.unit?.name).toBe("测试奖品单位");
    await staff.request({ method: "PATCH", url: `/api/rewards/${rewardCheap}`, payload: { active: false } });
    expect(((await residents[4].get("/api/rewards")).json().items as Array<{ id: string }>).some((r) => r.id === rewardCheap)).toBe(false);
    expect((await residents[9].post(`/api/rewards/${rewardCheap}/redeem`)).statusCode).toBe(404);
  });
});

describe("riders", () => {
  it("shows a rider their reports as 流动网格员 beside their hours, and the stations and services on the map", async () => {
    const rider = await signIn("13900000012");
    const yxq = await as(t, "yxq_staff");
    const report = await rider.post("/api/cases", { categoryCode: "fire_hazard", description: "楼道堆放电动车电池" });
    expect(report.statusCode, report.body).toBe(200);
    const rec = (await rider.get("/api/points/me")).json();
    expect(rec.mobileReports.total).toBeGreaterThanOrEqual(1);
    expect(rec.mobileReports.byCategory.find((c: { code: string }) => c.code === "fire_hazard").count).toBeGreaterThanOrEqual(1);
    expect(rec.patrols).toMatchObject({ count: expect.any(Number) });

    const unit = (await yxq.post("/api/partners/units", { name: "测试商场", kind: "enterprise" })).json().id;
    const svc = await yxq.post("/api/riders/services", { kind: "temp_parking", name: "测试商场侧门临时停车", description: "骑手送餐可在商场正门临时停车15分钟", unitId: unit });
    expect(svc.statusCode, svc.body).toBe(200);
    const map = (await rider.get("/api/riders/friendly")).json();
    expect(map.stations).toHaveLength(8);
    expect(map.stations[0].amenities).toEqual(expect.arrayContaining(["hot_water", "wifi", "charging"]));
    expect(map.stations[0].hours).toBe("08:00-22:00");
    expect(map.stations[0].location).toHaveLength(2);
    expect(map.services.find((s: { name: string }) => s.name === "测试商场侧门临时停车")).toMatchObject({ kind: "temp_parking", kindName: "临时停车", unit: { id: unit } });
    // a rider crossing into 红康 may look at its map too
    const hk = (await staff.get("/api/auth/me")).json().user.community.id;
    expect((await rider.get(`/api/riders/friendly?communityId=${hk}`)).json().stations).toEqual([]);
    expect((await rider.post("/api/riders/services", { kind: "other", name: "x", description: "y" })).statusCode).toBe(403);
  });
});
