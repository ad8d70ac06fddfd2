import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

/**
 * The demo data's case history, read through the real API where the dashboard reads it: the
 * articles' figures, the 小事不出网格 shares, timelines, numbers and the grid workers' queues.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

/** Phone sign-in, once per phone (a second code within the cooldown would be refused). */
const phoneClients = new Map<string, Client>();
async function byPhone(phone: string): Promise<Client> {
  const known = phoneClients.get(phone);
  if (known) return known;
  const c = await phoneClient(t, phone);
  phoneClients.set(phone, c);
  return c;
}
afterAll(() => t.close());

type Entry = { key: string; count: number; resolved: number };
type Measures = {
  area: { name: string };
  total: number;
  open: number;
  resolved: number;
  shareGrid: number;
  shareCommunity: number;
  shareBeyond: number;
  overdueRate: number;
  satisfactionRate: number;
  riderReports: number;
  byGroup: Entry[];
  byCategory: Entry[];
  byChannel: Entry[];
  byClosure: Entry[];
};

async function measures(username: string, from: string, to: string): Promise<Measures> {
  const res = await (await as(t, username)).get(`/api/cases/measures?from=${from}&to=${to}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const entry = (list: Entry[], key: string): Entry => list.find((e) => e.key === key) ?? { key, count: 0, resolved: 0 };

async function rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await t.database.db.execute(query));
}
async function count(query: ReturnType<typeof sql>): Promise<number> {
  return Number((await rows<{ n: number }>(query))[0].n);
}

describe("the demo case history reproduces the articles", () => {
  it("怡心桥, July 2023 – December 2024: 49 disputes resolved, 60+ fire-safety hazards, riders in 14 fire checks and 21 clean-ups", async () => {
    const m = await measures("yxq_staff", "2023-07-01", "2024-12-31");
    expect(m.area.name).toBe("怡心桥社区");
    expect(entry(m.byGroup, "dispute").resolved).toBe(49);
    const disputes = ["dispute_neighbour", "dispute_property", "dispute_family"].map((k) => entry(m.byCategory, k).resolved);
    expect(disputes.reduce((a, b) => a + b, 0)).toBe(49);
    expect(entry(m.byCategory, "fire_hazard").count).toBeGreaterThanOrEqual(60);
    expect(entry(m.byCategory, "fire_hazard").resolved).toBeGreaterThanOrEqual(60);
    expect(m.open).toBe(0);
    expect(m.riderReports).toBeGreaterThanOrEqual(35);
    const riders = await rows<{ category_code: string; n: number }>(sql`
      SELECT c.category_code, count(*)::int AS n FROM cases c JOIN areas a ON a.id = c.community_id
      WHERE a.name = '怡心桥社区' AND c.mobile_reporter AND c.category_code IN ('fire_hazard', 'sanitation')
        AND c.created_at >= '2023-07-01T00:00:00+08:00' AND c.created_at < '2025-01-01T00:00:00+08:00'
      GROUP BY 1`);
    expect(Object.fromEntries(riders.map((r) => [r.category_code, Number(r.n)]))).toEqual({ fire_hazard: 14, sanitation: 21 });
  });

  it("红康, December 2023 – December 2024: 53 public-safety hazards fixed, 60+ disputes, noise and fire issues handled, 54 family and police matters", async () => {
    const m = await measures("hk_staff", "2023-12-01", "2024-12-31");
    expect(m.area.name).toBe("红康社区");
    expect(entry(m.byCategory, "public_safety").resolved).toBe(53);
    const handled = ["dispute_neighbour", "dispute_property", "noise", "fire_hazard"].map((k) => entry(m.byCategory, k).resolved);
    expect(handled.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60);
    expect(entry(m.byCategory, "dispute_family").count + entry(m.byCategory, "police_sensitive").count).toBe(54);
    expect(m.open).toBe(0);
  });

  it("closes most cases inside the grid, some in the community, a few beyond, with shares adding up to 1", async () => {
    for (const [user, from] of [["hk_staff", "2023-12-01"], ["yxq_staff", "2023-07-01"]]) {
      const m = await measures(user, from, "2026-11-30");
      expect(m.total).toBeGreaterThan(1000);
      expect(m.shareGrid + m.shareCommunity + m.shareBeyond).toBeCloseTo(1, 10);
      expect(m.shareGrid).toBeGreaterThan(0.7);
      expect(m.shareGrid).toBeLessThan(0.8);
      expect(m.shareCommunity).toBeGreaterThan(m.shareBeyond);
      expect(m.shareBeyond).toBeGreaterThan(0);
      expect(m.overdueRate).toBeGreaterThan(0);
      expect(m.overdueRate).toBeLessThan(0.2);
      expect(m.satisfactionRate).toBeGreaterThan(0.85);
      expect(m.resolved / m.total).toBeGreaterThan(0.8);
      for (const kind of ["unable", "not_responsible", "duplicate", "withdrawn", "rejected"]) expect(entry(m.byClosure, kind).count, kind).toBeGreaterThan(0);
      for (const ch of ["resident_app", "rider_app", "grid_patrol", "phone", "hotline_12345", "partner_unit", "meeting"]) expect(entry(m.byChannel, ch).count, ch).toBeGreaterThan(0);
    }
  });
});

describe("generated cases look like live ones", () => {
  it("gives every case a timeline that starts with its report and ends in its current status", async () => {
    expect(await count(sql`SELECT count(*)::int AS n FROM cases`)).toBeGreaterThan(2000);
    const bad = await rows(sql`
      WITH ev AS (
        SELECT e.case_id, e.action, e.to_status, e.at,
               row_number() OVER (PARTITION BY e.case_id ORDER BY e.at, e.id) AS first,
               row_number() OVER (PARTITION BY e.case_id ORDER BY e.at DESC, e.id DESC) AS last
        FROM case_events e)
      SELECT c.number FROM cases c
      LEFT JOIN ev f ON f.case_id = c.id AND f.first = 1
      LEFT JOIN ev l ON l.case_id = c.id AND l.last = 1
      WHERE f.action IS DISTINCT FROM 'report' OR f.at <> c.created_at OR l.to_status <> c.status OR l.at <> c.updated_at
      LIMIT 5`);
    expect(bad).toEqual([]);
    // Each step leaves from the status the previous one reached.
    const broken = await count(sql`
      SELECT count(*)::int AS n FROM (
        SELECT e.from_status, lag(e.to_status) OVER (PARTITION BY e.case_id ORDER BY e.at, e.id) AS prev
        FROM case_events e) x
      WHERE x.prev IS NOT NULL AND x.from_status IS DISTINCT FROM x.prev`);
    expect(broken).toBe(0);
  });

  it("places every case in its microgrid, grid and community, handled at grid level by that grid's worker", async () => {
    expect(
      await count(sql`
        SELECT count(*)::int AS n FROM cases c JOIN areas a ON a.id = c.area_id
        WHERE a.level <> 'microgrid' OR a.parent_id <> c.grid_id OR a.community_id <> c.community_id OR NOT (a.boundary @> c.location)`),
    ).toBe(0);
    expect(
      await count(sql`
        SELECT count(*)::int AS n FROM cases c LEFT JOIN users u ON u.id = c.handler_id
        WHERE c.max_level = 'grid' AND c.closure_kind = 'resolved' AND (u.role IS DISTINCT FROM 'grid_worker' OR u.area_id <> c.grid_id)`),
    ).toBe(0);
    // Escalated cases remember how far they went, and those that reached a department name it.
    expect(await count(sql`SELECT count(*)::int AS n FROM cases WHERE max_level = 'department' AND department IS NULL`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM cases WHERE max_level = 'department'`)).toBeGreaterThan(20);
  });

  it("numbers cases uniquely by community and day, and moves the live counter past them", async () => {
    const n = await rows<{ total: number; distinct: number; wellFormed: number; dayMatches: number }>(sql`
      SELECT count(*)::int AS total, count(DISTINCT number)::int AS distinct,
             count(*) FILTER (WHERE number ~ '^(HK|YXQ)-[0-9]{8}-[0-9]{4}$')::int AS "wellFormed",
             count(*) FILTER (WHERE split_part(number, '-', 2) = to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD'))::int AS "dayMatches"
      FROM cases`);
    expect(n[0].distinct).toBe(n[0].total);
    expect(n[0].wellFormed).toBe(n[0].total);
    expect(n[0].dayMatches).toBe(n[0].total);
    const behind = await count(sql`
      SELECT count(*)::int AS n FROM (
        SELECT split_part(number, '-', 1) AS prefix, split_part(number, '-', 2) AS day, max(split_part(number, '-', 3)::int) AS top
        FROM cases GROUP BY 1, 2) c
      LEFT JOIN case_number_counters k ON k.prefix = c.prefix AND k.day = c.day
      WHERE k.last IS NULL OR k.last < c.top`);
    expect(behind).toBe(0);

    // A resident reporting on the last day of the history gets the next number of that day.
    const [last] = await rows<{ day: string; last: number }>(sql`SELECT day, last FROM case_number_counters WHERE prefix = 'HK' ORDER BY day DESC LIMIT 1`);
    const resident = await byPhone("13900000001");
    const tree = (await (await as(t, "hk_grid1")).get("/api/areas/tree")).json().items as Array<{ level: string; center: [number, number] }>;
    const point = tree.find((a) => a.level === "microgrid")!.center;
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // A minute after that day's last report: within the day, and never ahead of the real clock
      // (a session seen "in the future" would count as idle for hours and be ended).
      const [lastReport] = await rows<{ ms: number }>(sql`SELECT (extract(epoch FROM max(created_at)) * 1000)::float8 AS ms FROM cases WHERE number LIKE ${`HK-${last.day}-%`}`);
      vi.setSystemTime(new Date(Number(lastReport.ms) + 60_000));
      const res = await resident.post("/api/cases", { categoryCode: "sanitation", description: "楼下垃圾桶满了", location: point });
      expect(res.statusCode).toBe(200);
      expect(res.json().number).toBe(`HK-${last.day}-${String(Number(last.last) + 1).padStart(4, "0")}`);
    } finally {
      vi.useRealTimers();
    }
    expect(await count(sql`SELECT (count(*) - count(DISTINCT number))::int AS n FROM cases`)).toBe(0);
  });
});

describe("open cases on a fresh start", () => {
  it("fills hk_grid1's queue, overdue first, and every grid worker's queue", async () => {
    const queue = (await (await as(t, "hk_grid1")).get("/api/cases?scope=queue")).json().items as Array<{ timer: string; status: string }>;
    expect(queue.length).toBeGreaterThan(0);
    expect(queue[0].timer).toBe("red");
    expect(queue.map((c) => c.timer)).toContain("yellow");
    for (const user of ["hk_grid2", "hk_grid3", "yxq_grid1", "yxq_grid2", "yxq_grid3", "yxq_grid4", "yxq_grid5", "yxq_grid6"]) {
      const items = (await (await as(t, user)).get("/api/cases?scope=queue")).json().items as unknown[];
      expect(items.length, user).toBeGreaterThan(0);
    }
    const statuses = await rows<{ status: string }>(sql`SELECT DISTINCT status FROM cases WHERE status <> 'closed'`);
    expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(["reported", "accepted", "dispatched", "in_progress", "handled"]));
  });

  it("shows the demo resident and rider their own history in 'my reports', without staff-only steps", async () => {
    for (const phone of ["13900000001", "13900000012"]) {
      const c = await byPhone(phone);
      const mine = (await c.get("/api/cases?scope=reported&limit=50")).json().items as Array<{ id: string; status: string }>;
      expect(mine.length, phone).toBeGreaterThanOrEqual(5);
      expect(mine.some((x) => x.status === "closed")).toBe(true);
      const d = (await c.get(`/api/cases/${mine[mine.length - 1].id}`)).json();
      expect(d.isReporter).toBe(true);
      expect(d.timeline[0].action).toBe("report");
      expect(d.timeline.map((e: { action: string }) => e.action)).not.toContain("note");
    }
  });
});
