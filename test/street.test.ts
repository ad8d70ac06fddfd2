import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "../src/server/db/client";
import { as, type Client, createTestApp, type TestApp } from "./support/app";
import { localDay, addDays } from "../src/server/platform/clock";
import type { StreetCompareReply, StreetQueueReply } from "../src/contracts/street";

let t: TestApp;
let admin: Client;
let street: Client;
let police: Client;
let secretary: Client;
let hk: { id: string; path: string };
let yx: { id: string; path: string };
const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));

// A period that holds most of the demo history (at most 366 days).
const to = localDay();
const from = addDays(to, -300);

beforeAll(async () => {
  t = await createTestApp();
  [admin, street, police, secretary] = await Promise.all([as(t, "admin"), as(t, "hy_street"), as(t, "hy_police"), as(t, "hk_secretary")]);
  [hk] = await q<{ id: string; path: string }>(sql`SELECT id, path FROM areas WHERE level = 'community' AND name = '红康社区'`);
  [yx] = await q<{ id: string; path: string }>(sql`SELECT id, path FROM areas WHERE level = 'community' AND name LIKE '怡心桥%'`);
});
afterAll(() => t.close());

describe("street comparison", () => {
  it("answers one row per community of the caller's scope, each equal to its module's measures and to plain SQL", async () => {
    const r = await admin.get(`/api/street/compare?from=${from}&to=${to}`);
    expect(r.statusCode).toBe(200);
    const body = r.json() as StreetCompareReply;
    expect(body.department).toBeNull();
    expect(body.items.map((i) => i.community.id).sort()).toEqual([hk.id, yx.id].sort());
    for (const row of body.items) {
      const id = row.community.id;
      const m = (await admin.get(`/api/cases/measures?areaId=${id}&from=${from}&to=${to}`)).json();
      expect(row.cases).toEqual({
        total: m.total, open: m.open, resolved: m.resolved, shareGrid: m.shareGrid, shareCommunity: m.shareCommunity, shareBeyond: m.shareBeyond,
        overdueRate: m.overdueRate, overdueOpen: m.overdueOpen, medianHoursToClose: m.medianHoursToClose, satisfactionRate: m.satisfactionRate, rated: m.rated,
      });
      const [plain] = await q<{ total: number; overdue: number; grid: number; resolved: number }>(sql`
        SELECT count(*)::int AS total, count(*) FILTER (WHERE was_overdue)::int AS overdue,
               count(*) FILTER (WHERE closure_kind = 'resolved' AND max_level = 'grid')::int AS grid,
               count(*) FILTER (WHERE closure_kind = 'resolved')::int AS resolved
        FROM cases WHERE community_id = ${id} AND created_at >= ${`${from}T00:00:00+08:00`}::timestamptz AND created_at < ${`${addDays(to, 1)}T00:00:00+08:00`}::timestamptz`);
      expect(plain.total).toBeGreaterThan(0);
      expect(row.cases.total).toBe(plain.total);
      expect(row.cases.overdueRate).toBeCloseTo(plain.overdue / plain.total, 10);
      expect(row.cases.shareGrid).toBeCloseTo(plain.grid / plain.resolved, 10);

      const d = (await admin.get(`/api/deliberation/measures?areaId=${id}&from=${from}&to=${to}`)).json();
      expect(row.deliberation).toEqual({ meetings: d.meetings, resolutionsDone: d.resolutions.doneOnTime + d.resolutions.doneLate, topicsSettled: d.topicsSettled });
      const p = (await admin.get(`/api/partners/measures?areaId=${id}&from=${from}&to=${to}`)).json();
      expect(row.partners).toEqual({ activities: p.activities.total, volunteerHours: p.volunteerHours });
      let due = 0;
      let onTime = 0;
      let settled = 0;
      for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addDays(`${m}-28`, 7).slice(0, 7)) {
        const c = (await admin.get(`/api/patrols/coverage?month=${m}&areaId=${id}`)).json();
        due += c.total.due;
        onTime += c.total.doneOnTime;
        settled += c.total.due - c.total.open;
      }
      expect(row.patrols).toEqual({ due, doneOnTime: onTime, onTimeRate: settled ? Math.round((onTime / settled) * 1000) / 1000 : null });
    }
  });

  it("defaults to this month and refuses a reversed or too long period", async () => {
    const body = (await street.get("/api/street/compare")).json() as StreetCompareReply;
    expect(body.from).toBe(`${to.slice(0, 7)}-01`);
    expect(body.to).toBe(to);
    expect((await street.get(`/api/street/compare?from=${to}&to=${from}`)).statusCode).toBe(400);
    expect((await street.get(`/api/street/compare?from=2020-01-01&to=2022-01-01`)).statusCode).toBe(400);
    expect((await street.get(`/api/street/compare?from=2020-02-30`)).statusCode).toBe(400);
  });

  it("gives a street officer the communities of their street only", async () => {
    const body = (await street.get(`/api/street/compare?from=${from}&to=${to}`)).json() as StreetCompareReply;
    expect(body.items.map((i) => i.community.id)).toEqual([hk.id]);
    expect(body.items[0].street?.name).toContain("红云");
  });

  it("gives a department officer their department's cases only, and only the case columns", async () => {
    const body = (await police.get(`/api/street/compare?from=${from}&to=${to}`)).json() as StreetCompareReply;
    expect(body.department).toBe("派出所");
    expect(body.items.map((i) => i.community.id)).toEqual([hk.id]);
    const row = body.items[0];
    expect(row.patrols).toBeNull();
    expect(row.deliberation).toBeNull();
    expect(row.partners).toBeNull();
    const [plain] = await q<{ total: number; open: number; overdue: number; rated: number; satisfied: number; median: number | null }>(sql`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE status <> 'closed')::int AS open, count(*) FILTER (WHERE was_overdue)::int AS overdue,
             count(*) FILTER (WHERE rating IS NOT NULL)::int AS rated, count(*) FILTER (WHERE rating IN ('satisfied', 'basic'))::int AS satisfied,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at) / 3600)
               FILTER (WHERE closure_kind IN ('resolved', 'unable', 'not_responsible')) AS median
      FROM cases WHERE community_id = ${hk.id} AND department = '派出所'
        AND created_at >= ${`${from}T00:00:00+08:00`}::timestamptz AND created_at < ${`${addDays(to, 1)}T00:00:00+08:00`}::timestamptz`);
    const [all] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases WHERE community_id = ${hk.id}
        AND created_at >= ${`${from}T00:00:00+08:00`}::timestamptz AND created_at < ${`${addDays(to, 1)}T00:00:00+08:00`}::timestamptz`);
    expect(row.cases.total).toBe(plain.total);
    expect(row.cases.total).toBeLessThan(all.n);
    expect(row.cases.open).toBe(plain.open);
    expect(row.cases.overdueRate).toBe(plain.total ? plain.overdue / plain.total : null);
    expect(row.cases.satisfactionRate).toBe(plain.rated ? plain.satisfied / plain.rated : null);
    if (plain.median === null) expect(row.cases.medianHoursToClose).toBeNull();
    else expect(Math.abs(row.cases.medianHoursToClose! - Number(plain.median))).toBeLessThanOrEqual(0.1);
  });

  it("is refused to community staff", async () => {
    expect((await secretary.get("/api/street/compare")).statusCode).toBe(403);
    expect((await secretary.get("/api/street/queue")).statusCode).toBe(403);
  });
});

describe("street queue", () => {
  it("lists open street and department cases of the scope, overdue first, then the soonest due, with the total", async () => {
    const body = (await admin.get("/api/street/queue?limit=200")).json() as StreetQueueReply;
    const [plain] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases WHERE status <> 'closed' AND level IN ('street', 'department')`);
    expect(body.total).toBe(plain.n);
    expect(body.items.length).toBe(Math.min(200, plain.n));
    expect(body.total).toBeGreaterThan(0);
    for (const c of body.items) {
      expect(["street", "department"]).toContain(c.level);
      expect(c.status).not.toBe("closed");
    }
    const overdue = body.items.map((c) => c.overdue);
    expect(overdue).toEqual([...overdue].sort((a, b) => Number(b) - Number(a)));
    const key = (c: { dueAt: string | null }) => (c.dueAt ? Date.parse(c.dueAt) : Infinity);
    for (const group of [true, false]) {
      const due = body.items.filter((c) => c.overdue === group).map(key);
      expect(due).toEqual([...due].sort((a, b) => a - b));
    }
  });

  it("holds only the department's cases for a department officer and only the street's for a street officer", async () => {
    const p = (await police.get("/api/street/queue")).json() as StreetQueueReply;
    expect(p.items.length).toBeGreaterThan(0);
    for (const c of p.items) expect(c.department).toBe("派出所");
    const s = (await street.get("/api/street/queue")).json() as StreetQueueReply;
    expect(s.items.length).toBeGreaterThan(0);
    for (const c of s.items) expect(c.community?.id).toBe(hk.id);
    const [plain] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases WHERE status <> 'closed' AND level IN ('street', 'department') AND community_id = ${hk.id}`);
    expect(s.total).toBe(plain.n);
  });
});

describe("case list by community", () => {
  it("filters by a community of the scope and answers 404 for one outside it", async () => {
    const r = await admin.get(`/api/cases?communityId=${yx.id}&limit=100`);
    expect(r.statusCode).toBe(200);
    const items = r.json().items as Array<{ community: { id: string } | null }>;
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) expect(c.community?.id).toBe(yx.id);
    expect((await street.get(`/api/cases?communityId=${hk.id}`)).statusCode).toBe(200);
    expect((await street.get(`/api/cases?communityId=${yx.id}`)).statusCode).toBe(404);
    expect((await street.get(`/api/cases/export?communityId=${yx.id}`)).statusCode).toBe(404);
    expect((await secretary.get(`/api/cases?communityId=${yx.id}`)).statusCode).toBe(404);
    expect((await police.get(`/api/cases?communityId=${yx.id}`)).statusCode).toBe(404);
    // Not a community: a grid id is refused the same way.
    const [grid] = await q<{ id: string }>(sql`SELECT id FROM areas WHERE level = 'grid' AND community_id = ${hk.id} LIMIT 1`);
    expect((await admin.get(`/api/cases?communityId=${grid.id}`)).statusCode).toBe(404);
    const pol = (await police.get(`/api/cases?communityId=${hk.id}&limit=100`)).json().items as Array<{ department: string | null }>;
    expect(pol.length).toBeGreaterThan(0);
    for (const c of pol) expect(c.department).toBe("派出所");
  });
});
