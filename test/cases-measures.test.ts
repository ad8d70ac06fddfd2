import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { rowsOf } from "../src/server/db/client";
import ExcelJS from "exceljs";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { cases } from "../src/server/db/schema/cases";
import { sweepTimers } from "../src/server/modules/cases/sweep-timers";

let t: TestApp;
let resident: Client;
let staff: Client;
let grid1: Client;
let point: [number, number];

const report = (c: Client, body: Record<string, unknown>) => c.post("/api/cases", body);
const act = (c: Client, id: string, body: Record<string, unknown>) => c.post(`/api/cases/${id}/transitions`, body);

beforeAll(async () => {
  t = await createTestApp();
  resident = await phoneClient(t, "13900000001");
  [staff, grid1] = await Promise.all([as(t, "hk_staff"), as(t, "hk_grid1")]);
  const me = (await grid1.get("/api/auth/me")).json().user;
  const tree = (await grid1.get("/api/areas/tree")).json().items as Array<{ level: string; center: [number, number]; parentId: string }>;
  point = tree.find((n) => n.level === "microgrid" && n.parentId === me.area.id)!.center;
});
afterAll(() => t.close());

describe("measures of 小事不出网格、大事不出社区", () => {
  it("match hand-computed figures on a small fixture", async () => {
    // Fixture, all moved into January 2030 so no other case falls in the period:
    // A: sanitation, resolved at grid, accepted after 1 h, closed after 10 h, satisfied
    // B: noise, resolved at grid, accepted after 3 h, closed after 20 h, unsatisfied
    // C: dispute_neighbour, escalated to community, resolved, accepted after 2 h, closed after 30 h, basic
    // D: public_safety, escalated to street → department, resolved, closed after 40 h, was overdue
    // E: noise by a rider, still open and overdue
    // F: sanitation, withdrawn
    const ids: Record<string, string> = {};
    for (const [k, cat] of [["A", "sanitation"], ["B", "noise"], ["C", "dispute_neighbour"], ["D", "public_safety"], ["F", "sanitation"]] as const) {
      ids[k] = (await report(resident, { categoryCode: cat, description: `fixture ${k}`, location: point })).json().id;
    }
    const rider = await phoneClient(t, "13900000002");
    ids.E = (await report(rider, { categoryCode: "noise", description: "fixture E", location: point })).json().id;

    const closeAtGrid = async (id: string) => {
      await act(grid1, id, { action: "take" });
      await act(grid1, id, { action: "handle", note: "ok" });
      await act(staff, id, { action: "verify" });
      await act(staff, id, { action: "close", closureKind: "resolved" });
    };
    await closeAtGrid(ids.A);
    await closeAtGrid(ids.B);
    await act(grid1, ids.C, { action: "escalate", note: "社区协调" });
    await act(staff, ids.C, { action: "take" });
    await act(staff, ids.C, { action: "handle", note: "调解成功" });
    await act(staff, ids.C, { action: "verify" });
    await act(staff, ids.C, { action: "close", closureKind: "resolved" });
    await act(grid1, ids.D, { action: "escalate", note: "社区" });
    await act(staff, ids.D, { action: "escalate", note: "街道" });
    const street = await as(t, "hy_street");
    await act(street, ids.D, { action: "dispatch", department: "派出所" });
    const police = await as(t, "hy_police");
    await act(police, ids.D, { action: "start" });
    await act(police, ids.D, { action: "handle", note: "整改" });
    await act(staff, ids.D, { action: "verify" });
    await act(staff, ids.D, { action: "close", closureKind: "resolved" });
    await act(resident, ids.F, { action: "withdraw" });
    await act(resident, ids.A, { action: "rate", rating: "satisfied" });
    await act(resident, ids.B, { action: "rate", rating: "unsatisfied" });
    await act(resident, ids.C, { action: "rate", rating: "basic" });

    const t0 = new Date("2030-01-07T09:00:00+08:00").getTime();
    const h = (n: number) => new Date(t0 + n * 3600_000);
    const shape: Record<string, { accepted?: number; closed?: number; overdue?: boolean; timer?: "red" }> = {
      A: { accepted: 1, closed: 10 },
      B: { accepted: 3, closed: 20 },
      C: { accepted: 2, closed: 30 },
      D: { accepted: 4, closed: 40, overdue: true },
      E: { overdue: true, timer: "red" },
      F: { closed: 1 },
    };
    for (const [k, s] of Object.entries(shape)) {
      await t.database.db
        .update(cases)
        .set({
          createdAt: h(0),
          acceptedAt: s.accepted === undefined ? null : h(s.accepted),
          closedAt: s.closed === undefined ? null : h(s.closed),
          wasOverdue: s.overdue ?? false,
          ...(s.timer ? { timer: s.timer } : {}),
        })
        .where(eq(cases.id, ids[k]));
    }

    const m = (await staff.get("/api/cases/measures?from=2030-01-01&to=2030-01-31")).json();
    expect(m).toMatchObject({
      area: { name: "红康社区" },
      total: 6,
      open: 1,
      closed: 5,
      resolved: 4,
      resolvedAtGrid: 2,
      resolvedAtCommunity: 1,
      resolvedBeyond: 1,
      shareGrid: 0.5,
      shareCommunity: 0.25,
      shareBeyond: 0.25,
      // accepted after 1, 2, 3, 4 h → median 2.5; closed (resolved) after 10, 20, 30, 40 h → median 25
      medianHoursToAccept: 2.5,
      medianHoursToClose: 25,
      overdueRate: 2 / 6,
      overdueOpen: 1,
      rated: 3,
      satisfactionRate: 2 / 3,
      riderReports: 1,
    });
    expect(m.byGroup.find((g: { key: string }) => g.key === "dispute")).toMatchObject({ name: "矛盾纠纷", count: 1, resolved: 1 });
    expect(m.byCategory.find((g: { key: string }) => g.key === "noise")).toMatchObject({ count: 2, resolved: 1 });
    expect(m.byClosure.find((g: { key: string }) => g.key === "withdrawn")).toMatchObject({ count: 1 });
    expect(m.byChannel.find((g: { key: string }) => g.key === "rider_app")).toMatchObject({ count: 1 });
    expect(m.monthly).toEqual([{ month: "2030-01", reported: 6, closed: 5 }]);
    // the street office sees the same cases through its subtree
    const sm = (await street.get("/api/cases/measures?from=2030-01-01&to=2030-01-31")).json();
    expect(sm.total).toBe(6);
    // another community sees none of them
    const yxq = await as(t, "yxq_staff");
    expect((await yxq.get("/api/cases/measures?from=2030-01-01&to=2030-01-31")).json().total).toBe(0);
    // bad periods
    expect((await staff.get("/api/cases/measures?from=2030-02-01&to=2030-01-01")).statusCode).toBe(400);
    expect((await staff.get("/api/cases/measures?from=2030-13-01&to=2030-01-01")).statusCode).toBe(400);
  });
});

describe("measures on the demo history", () => {
  it("agree with plain SQL over the cases, for a community, its street and one grid", async () => {
    const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
    const [community] = await q<{ id: string; path: string }>(sql`SELECT id, path FROM areas WHERE level = 'community' AND name = '红康社区'`);
    const [grid] = await q<{ id: string; path: string }>(sql`SELECT id, path FROM areas WHERE level = 'grid' AND parent_id = ${community.id} ORDER BY code LIMIT 1`);
    const [street] = await q<{ id: string; path: string }>(sql`SELECT id, path FROM areas WHERE id = (SELECT parent_id FROM areas WHERE id = ${community.id})`);
    const admin = await as(t, "admin");
    for (const area of [community, street, grid]) {
      const from = "2024-01-01";
      const to = "2024-12-31";
      const m = (await admin.get(`/api/cases/measures?areaId=${area.id}&from=${from}&to=${to}`)).json();
      const where = sql`c.area_id IN (SELECT id FROM areas WHERE path LIKE ${area.path + "%"})
        AND c.created_at >= ${new Date(`${from}T00:00:00+08:00`)} AND c.created_at < ${new Date("2025-01-01T00:00:00+08:00")}`;
      const [plain] = await q<Record<string, number>>(sql`
        SELECT count(*)::int AS total, count(*) FILTER (WHERE status <> 'closed')::int AS open,
          count(*) FILTER (WHERE closure_kind = 'resolved' AND max_level = 'grid')::int AS grid,
          count(*) FILTER (WHERE was_overdue)::int AS overdue, count(*) FILTER (WHERE rating IS NOT NULL)::int AS rated,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY floor(date_part('epoch', accepted_at - created_at) / 360)) / 10 AS accept,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY floor(date_part('epoch', closed_at - created_at) / 360))
            FILTER (WHERE closure_kind IN ('resolved', 'unable', 'not_responsible')) / 10 AS close
        FROM cases c WHERE ${where}`);
      expect(plain.total).toBeGreaterThan(50);
      expect(m).toMatchObject({ total: plain.total, open: plain.open, resolvedAtGrid: plain.grid, rated: plain.rated });
      expect(m.overdueRate).toBeCloseTo(plain.overdue / plain.total, 10);
      expect(m.medianHoursToAccept).toBeCloseTo(Number(plain.accept), 6);
      expect(m.medianHoursToClose).toBeCloseTo(Number(plain.close), 6);
      const byCategory = await q<{ key: string; n: number }>(sql`SELECT category_code AS key, count(*)::int AS n FROM cases c WHERE ${where} GROUP BY 1`);
      expect(Object.fromEntries(m.byCategory.map((g: { key: string; count: number }) => [g.key, g.count]))).toEqual(Object.fromEntries(byCategory.map((r) => [r.key, r.n])));
      const monthly = await q<{ month: string; n: number }>(sql`
        SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(*)::int AS n FROM cases c WHERE ${where} GROUP BY 1 ORDER BY 1`);
      expect(m.monthly.filter((x: { reported: number }) => x.reported > 0).map((x: { month: string; reported: number }) => [x.month, x.reported])).toEqual(
        monthly.map((r) => [r.month, r.n]),
      );
    }
  });
});

describe("kept monthly measures", () => {
  it("keep each month that is over, forget it when one of its cases changes, and count partial months from the cases", async () => {
    const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
    const [community] = await q<{ id: string; path: string }>(sql`SELECT id, path FROM areas WHERE level = 'community' AND name = '红康社区'`);
    const kept = () =>
      q<{ month: string; version: number; kept: boolean }>(sql`
        SELECT to_char(month, 'YYYY-MM') AS month, version::int AS version, summary IS NOT NULL AS kept
        FROM case_measure_months WHERE community_id = ${community.id} AND month >= '2025-01-01' AND month < '2026-01-01' ORDER BY month`);
    const plain = async (from: string, toExclusive: string) => {
      const where = sql`c.community_id = ${community.id} AND c.created_at >= ${new Date(`${from}T00:00:00+08:00`)} AND c.created_at < ${new Date(`${toExclusive}T00:00:00+08:00`)}`;
      const [totals] = await q<{ total: number; rated: number; open: number }>(sql`
        SELECT count(*)::int AS total, count(*) FILTER (WHERE rating IS NOT NULL)::int AS rated, count(*) FILTER (WHERE status <> 'closed')::int AS open FROM cases c WHERE ${where}`);
      const byCategory = await q<{ key: string; n: number }>(sql`SELECT category_code AS key, count(*)::int AS n FROM cases c WHERE ${where} GROUP BY 1`);
      return { ...totals, byCategory: Object.fromEntries(byCategory.map((r) => [r.key, r.n])) };
    };
    const categoriesOf = (m: { byCategory: Array<{ key: string; count: number }> }) => Object.fromEntries(m.byCategory.map((g) => [g.key, g.count]));

    // First reading counts from the cases and keeps every month of 2025 that has cases.
    const first = (await staff.get("/api/cases/measures?from=2025-01-01&to=2025-12-31")).json();
    const expected = await plain("2025-01-01", "2026-01-01");
    expect(expected.total).toBeGreaterThan(50);
    expect(first).toMatchObject({ total: expected.total, rated: expected.rated, open: expected.open });
    expect(categoriesOf(first)).toEqual(expected.byCategory);
    const before = await kept();
    expect(before.length).toBeGreaterThan(6);
    expect(before.every((r) => r.kept)).toBe(true);

    // Second reading comes from the kept months and says the same.
    expect((await staff.get("/api/cases/measures?from=2025-01-01&to=2025-12-31")).json()).toEqual(first);

    // A rating given to a case of March forgets March only, and the next reading counts it.
    const [target] = await q<{ id: string }>(sql`
      SELECT id FROM cases WHERE community_id = ${community.id} AND status = 'closed' AND closure_kind = 'resolved' AND rating IS NULL
        AND created_at >= '2025-03-01T00:00:00+08:00' AND created_at < '2025-04-01T00:00:00+08:00' LIMIT 1`);
    expect(target).toBeDefined();
    await t.database.db.update(cases).set({ rating: "satisfied", ratedAt: new Date() }).where(eq(cases.id, target.id));
    const after = await kept();
    for (const r of after) {
      const b = before.find((x) => x.month === r.month)!;
      expect([r.month, r.kept, r.version]).toEqual(r.month === "2025-03" ? ["2025-03", false, b.version + 1] : [b.month, true, b.version]);
    }
    const third = (await staff.get("/api/cases/measures?from=2025-01-01&to=2025-12-31")).json();
    expect(third.rated).toBe(first.rated + 1);
    expect(third.satisfactionRate).not.toBe(first.satisfactionRate);
    expect((await kept()).every((r) => r.kept)).toBe(true);

    // A new report (the running month, never kept) leaves the kept months alone and takes no lock.
    const all = () => q<{ month: string; version: number }>(sql`SELECT to_char(month, 'YYYY-MM-DD') AS month, version::int AS version FROM case_measure_months WHERE community_id = ${community.id} ORDER BY month`);
    const beforeReport = await all();
    expect((await report(resident, { categoryCode: "sanitation", description: "本月新报", location: point })).statusCode).toBe(200);
    expect(await all()).toEqual(beforeReport);

    // A period starting and ending inside months counts those ends from the cases.
    const partial = (await staff.get("/api/cases/measures?from=2025-03-15&to=2025-06-10")).json();
    const partialExpected = await plain("2025-03-15", "2025-06-11");
    expect(partial).toMatchObject({ total: partialExpected.total, rated: partialExpected.rated });
    expect(categoriesOf(partial)).toEqual(partialExpected.byCategory);
    expect(partial.monthly.map((m: { month: string }) => m.month)[0]).toBe("2025-03");
  });
});

describe("time limits", () => {
  it("turns a case yellow at 80 % and red when overdue, surfacing it first in the handler's queue", async () => {
    const { id } = (await report(resident, { categoryCode: "sanitation", description: "超时测试", location: point })).json();
    const now = Date.now();
    await t.database.db.update(cases).set({ acceptWarnAt: new Date(now - 1000), acceptDueAt: new Date(now + 3600_000) }).where(eq(cases.id, id));
    await sweepTimers(t.deps);
    expect((await grid1.get(`/api/cases/${id}`)).json().timer).toBe("yellow");
    await t.database.db.update(cases).set({ acceptDueAt: new Date(now - 1000) }).where(eq(cases.id, id));
    const r = await sweepTimers(t.deps);
    expect(r.newlyRed).toBeGreaterThanOrEqual(1);
    expect((await grid1.get(`/api/cases/${id}`)).json().timer).toBe("red");
    const queue = (await grid1.get("/api/cases?scope=queue")).json().items as Array<{ id: string; timer: string }>;
    expect(queue[0].timer).toBe("red");
    expect((await staff.get("/api/cases?overdue=true")).json().items.map((c: { id: string }) => c.id)).toContain(id);
    const notes = (await grid1.get("/api/notifications")).json().items as Array<{ title: string }>;
    expect(notes.some((n) => n.title.includes("已超时"))).toBe(true);
    // a second sweep changes nothing
    expect((await sweepTimers(t.deps)).newlyRed).toBe(0);
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, id));
    expect(row.wasOverdue).toBe(true);
  });
});

describe("feedback to residents and neighbours", () => {
  it("offers a duplicate before submit: same category within 100 m and 14 days", async () => {
    const { number } = (await report(resident, { categoryCode: "road", description: "井盖松动", location: point })).json();
    const near = [point[0] + 0.0003, point[1]] as const; // about 30 m east
    const sim = (await resident.get(`/api/cases/similar?lng=${near[0]}&lat=${near[1]}&categoryCode=road`)).json().items as Array<{ number: string; distance: number }>;
    expect(sim.map((s) => s.number)).toContain(number);
    expect(sim.find((s) => s.number === number)!.distance).toBeLessThan(100);
    const far = (await resident.get(`/api/cases/similar?lng=${point[0] + 0.003}&lat=${point[1]}&categoryCode=road`)).json().items as Array<{ number: string }>;
    expect(far.map((s) => s.number)).not.toContain(number);
    const otherCat = (await resident.get(`/api/cases/similar?lng=${near[0]}&lat=${near[1]}&categoryCode=noise`)).json().items as Array<{ number: string }>;
    expect(otherCat.map((s) => s.number)).not.toContain(number);
  });

  it("shows neighbours non-sensitive cases without signing in, and nothing personal", async () => {
    await report(resident, { categoryCode: "dispute_family", description: "家庭纠纷敏感", location: point });
    const res = await new Client(t.app).get(`/api/public/cases/nearby?lng=${point[0]}&lat=${point[1]}&radius=300`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((i) => i.categoryCode === "dispute_family")).toBe(false);
    expect(JSON.stringify(items)).not.toMatch(/reporter|phone|13900000001/);
  });

  it("pushes a notification over SSE to the reporter's open page", async () => {
    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (t.app.server.address() as AddressInfo).port;
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get(`http://127.0.0.1:${port}/api/notifications/stream`, { headers: { cookie: resident.cookie! } }, (res) => {
        expect(res.headers["content-type"]).toContain("text/event-stream");
        let buf = "";
        res.on("data", (chunk) => {
          buf += chunk;
          if (buf.includes("event: notification")) {
            req.destroy();
            resolve(buf);
          }
        });
      });
      req.on("error", (e) => (String(e).includes("socket hang up") ? undefined : reject(e)));
      setTimeout(() => reject(new Error("no event within 10 s")), 10_000);
    });
    await new Promise((r) => setTimeout(r, 200));
    const { id, number } = (await report(resident, { categoryCode: "sanitation", description: "SSE测试", location: point })).json();
    await act(grid1, id, { action: "accept" });
    const text = await received;
    expect(text).toContain(number);
    expect(address).toMatch(/^http/);
  });
});

describe("staff console list", () => {
  it("filters, pages by keyset and exports the filtered list to xlsx", async () => {
    for (let i = 0; i < 5; i++) await report(resident, { categoryCode: "billboard", description: `广告牌松动 ${i}`, location: point });
    const first = (await staff.get("/api/cases?categoryCode=billboard&limit=2")).json();
    expect(first.items).toHaveLength(2);
    const second = (await staff.get(`/api/cases?categoryCode=billboard&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((c: { id: string }) => c.id)).size).toBe(4);
    expect(first.items.every((c: { categoryCode: string }) => c.categoryCode === "billboard")).toBe(true);
    expect((await staff.get("/api/cases?status=open&channel=resident_app&level=grid")).statusCode).toBe(200);
    expect((await staff.get("/api/cases?status=nope")).statusCode).toBe(400);
    const res = await staff.get("/api/cases/export?categoryCode=billboard");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe("事件编号");
    expect(ws.rowCount - 1).toBeGreaterThanOrEqual(5);
    const descriptions = ws.getColumn(3).values.slice(2).map(String);
    expect(descriptions.every((d) => d.startsWith("广告牌"))).toBe(true);
    // residents cannot export; grid workers' lists stay inside their grid
    expect((await resident.get("/api/cases/export")).statusCode).toBe(403);
    const g2 = await as(t, "hk_grid2");
    const g2items = (await g2.get("/api/cases?categoryCode=billboard")).json().items as unknown[];
    expect(g2items).toHaveLength(0);
    // a resident's list is their own reports only
    const staffIds = new Set(((await staff.get("/api/cases?limit=200")).json().items as Array<{ id: string }>).map((c) => c.id));
    const { id: staffCase } = (await report(staff, { categoryCode: "road", description: "电话登记", channel: "phone", reporterName: "李女士", location: point })).json();
    const mine = (await resident.get("/api/cases?limit=200")).json().items as Array<{ id: string }>;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((c) => c.id)).not.toContain(staffCase);
    for (const c of mine.slice(0, 5)) expect((await resident.get(`/api/cases/${c.id}`)).json().isReporter).toBe(true);
    expect(staffIds.size).toBeGreaterThan(0);
  });
});
