import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";
import { loadPartnerSeed } from "../src/server/seed/partner-context";
import { buildUnits } from "../src/server/seed/partner-units";
import { buildTalent } from "../src/server/seed/partner-talent";
import { buildActivities } from "../src/server/seed/partner-activities";
import { Rng } from "../src/server/seed/random";

let t: TestApp;
let hkStaff: Client;
let yxqStaff: Client;

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));

beforeAll(async () => {
  t = await createTestApp();
  [hkStaff, yxqStaff] = await Promise.all([as(t, "hk_staff"), as(t, "yxq_staff")]);
});
afterAll(() => t.close());

describe("the partner demo data reproduces the articles' figures", () => {
  it("红康: four part-time-member units, four calls, 200+ talents, six teams that solved 140+ problems", async () => {
    const units = (await hkStaff.get("/api/partners/units?bigCommittee=true")).json().items as Array<{ name: string; place: unknown; currentAgreement: unknown }>;
    expect(units.map((u) => u.name).sort()).toEqual(["五华区第二幼儿园", "云南言之文化传媒有限公司", "昆明市口腔医院", "昆明有色冶金设计研究院股份公司"].sort());
    expect(units.every((u) => u.place !== null)).toBe(true);
    const calls = (await hkStaff.get("/api/talent/calls")).json().items as Array<{ open: boolean; applications: { approved: number; pending: number } }>;
    expect(calls).toHaveLength(4);
    expect(calls.reduce((s, c) => s + c.applications.approved, 0)).toBeGreaterThanOrEqual(200);
    expect(calls.some((c) => c.applications.pending > 0)).toBe(true);
    const talents = (await hkStaff.get("/api/talent/talents?limit=1")).json();
    expect(talents.total).toBeGreaterThanOrEqual(200);
    const teams = (await hkStaff.get("/api/talent/teams")).json().items as Array<{ name: string; kind: string; solved: number; leader: unknown }>;
    expect(teams).toHaveLength(6);
    expect(teams.map((x) => x.name)).toEqual(expect.arrayContaining(["爱心义诊团", "周五志愿服务队", "非遗守艺人", "红心闪耀党员志愿服务队"]));
    expect(teams.every((x) => x.leader !== null)).toBe(true);
    expect(teams.reduce((s, x) => s + x.solved, 0)).toBeGreaterThanOrEqual(140);
  });

  it("红康: six joint party days, 60+ anti-fraud sessions with 500+ leaflets, 60+ legal questions, monthly markets with booths, Friday services", async () => {
    const m = (await hkStaff.get("/api/partners/measures?from=2024-01-01&to=2026-11-15")).json();
    expect(m.activities.jointPartyDays).toBe(6);
    expect(m.activities.antiFraudSessions).toBeGreaterThanOrEqual(60);
    expect(m.activities.leaflets).toBeGreaterThanOrEqual(500);
    expect(m.activities.legalQuestions).toBeGreaterThanOrEqual(60);
    expect(m.calls).toBe(4);
    expect(m.problemsSolved).toBeGreaterThanOrEqual(140);
    expect(m.volunteerHours).toBeGreaterThan(0);
    expect(m.resourcesGiven.total).toBeGreaterThan(0);
    const markets = await q<{ month: string; booths: number }>(sql`
      SELECT to_char(a.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, (SELECT count(*)::int FROM booths b WHERE b.activity_id = a.id) AS booths
      FROM activities a JOIN areas c ON c.id = a.community_id WHERE c.name = '红康社区' AND a.kind = 'riverside_market' ORDER BY a.starts_at`);
    expect(new Set(markets.map((x) => x.month)).size).toBe(markets.length);
    expect(markets.length).toBeGreaterThanOrEqual(24);
    expect(markets.every((x) => Number(x.booths) >= 4)).toBe(true);
    const fridays = await q<{ dow: number }>(sql`
      SELECT DISTINCT extract(dow FROM a.starts_at AT TIME ZONE 'Asia/Shanghai')::int AS dow FROM activities a WHERE a.kind = 'friday_service'`);
    expect(fridays.map((x) => Number(x.dow))).toEqual([5]);
    const overbooked = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM activities a WHERE (SELECT count(*) FROM signups s WHERE s.activity_id = a.id AND s.status = 'confirmed') > a.capacity`);
    expect(Number(overbooked[0].n)).toBe(0);
    const balances = await q<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM point_accounts a
      WHERE a.points < 0 OR a.points <> (SELECT coalesce(sum(points), 0) FROM point_entries e WHERE e.user_id = a.user_id)`);
    expect(Number(balances[0].n)).toBe(0);
  });

  it("怡心桥: nine 大党委 units linked to their places, eight stations with rider services, riders in 21 clean-ups and 14 fire checks", async () => {
    const units = (await yxqStaff.get("/api/partners/units?bigCommittee=true")).json().items as Array<{ place: { id: string } | null }>;
    expect(units).toHaveLength(9);
    expect(units.every((u) => u.place !== null)).toBe(true);
    const rider = await phoneClient(t, "13900000012");
    const map = (await rider.get("/api/riders/friendly")).json();
    expect(map.stations).toHaveLength(8);
    expect(new Set(map.services.map((s: { kind: string }) => s.kind))).toEqual(new Set(["meal_discount", "green_channel", "temp_parking", "other"]));
    expect(map.services.find((s: { kind: string }) => s.kind === "temp_parking").unit.name).toBeTruthy();
    const riderWork = await q<{ title: string; acts: number }>(sql`
      SELECT a.title, count(DISTINCT a.id)::int AS acts FROM activities a JOIN signups s ON s.activity_id = a.id JOIN users u ON u.id = s.user_id
      WHERE u.role = 'rider' AND s.checked_in_at IS NOT NULL AND a.title IN ('骑手志愿者河道清洁行动', '消防安全联合检查（骑手参与）') GROUP BY a.title ORDER BY a.title`);
    expect(Object.fromEntries(riderWork.map((r) => [r.title, Number(r.acts)]))).toEqual({ 骑手志愿者河道清洁行动: 21, "消防安全联合检查（骑手参与）": 14 });
    const rec = (await rider.get("/api/points/me")).json();
    expect(rec.hours).toBeGreaterThan(0);
  });

  it("gives the demo volunteer and the demo rider hours, points and sign-ups, with activities open after 22 November", async () => {
    const volunteer = await as(t, "hk_volunteer");
    const rec = (await volunteer.get("/api/points/me")).json();
    expect(rec.hours).toBeGreaterThan(10);
    expect(rec.points).toBeGreaterThan(0);
    expect(rec.redemptions.length).toBeGreaterThan(0);
    const upcoming = (await volunteer.get("/api/activities?upcoming=true&from=2026-11-23")).json().items as Array<{ status: string; mySignup: unknown; startsAt: string }>;
    expect(upcoming.length).toBeGreaterThanOrEqual(3);
    expect(upcoming.every((a) => a.status === "open")).toBe(true);
    expect(upcoming.some((a) => a.mySignup !== null)).toBe(true);
    const rider = await phoneClient(t, "13900000002");
    const riderRec = (await rider.get("/api/points/me")).json();
    expect(riderRec.hours).toBeGreaterThan(0);
    expect(riderRec.mobileReports).not.toBeNull();
    const catalogue = (await volunteer.get("/api/rewards")).json().items as Array<{ unit: unknown; stock: number }>;
    expect(catalogue.some((r) => r.unit !== null)).toBe(true);
    expect(catalogue.some((r) => r.stock === 0)).toBe(true);
  });

  it("lets a talent recruited in the demo sign in with their registry phone", async () => {
    const [u] = await q<{ phone_enc: string }>(sql`SELECT u.phone_enc FROM talents t JOIN users u ON u.id = t.user_id WHERE u.role = 'resident' AND t.person_id IS NOT NULL ORDER BY t.id LIMIT 1`);
    const phone = t.deps.cipher.decrypt(u.phone_enc);
    const c = await phoneClient(t, phone);
    expect((await c.get("/api/talent/me")).json().talents).toHaveLength(1);
  });

  it("builds the same rows from the same seed", async () => {
    const build = () =>
      t.database.db.transaction(async (tx) => {
        const s = await loadPartnerSeed(tx, new Rng(99));
        const u = buildUnits(s);
        const tb = await buildTalent(s);
        const a = buildActivities(s, u, tb);
        return JSON.stringify([u.units, u.givings, tb.talents, tb.assignments, a.activities, a.signups.slice(0, 200)]);
      });
    expect(await build()).toBe(await build());
  });
});
