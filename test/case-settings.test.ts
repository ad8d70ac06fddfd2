import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like, sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { users } from "../src/server/db/schema/accounts";
import { auditLog } from "../src/server/db/schema/audit";
import { calendarDays, caseRoutingRules, caseTimeLimits } from "../src/server/db/schema/cases";
import { clearCaseReferenceCache } from "../src/server/modules/cases/reference-cache";

let t: TestApp;
let resident: Client;
let secretary: Client;
let staff: Client;
let admin: Client;
let hyStreet: Client;
let qwStreet: Client;
let grid1: Client;
let hkId: string;
let yxqId: string;
let micro1: [number, number];

type Rules = { community: { id: string; name: string }; items: Array<{ categoryCode: string; rule: { level: string; handler: { id: string; name: string } | null } | null }>; handlers: Array<{ id: string; name: string; role: string }> };

const put = (c: Client, url: string, payload: unknown) => c.request({ method: "PUT", url, payload: payload as object });
const del = (c: Client, url: string) => c.request({ method: "DELETE", url });
const report = async (categoryCode: string, description = "楼道里堆放杂物需要处理") => {
  const res = await resident.post("/api/cases", { categoryCode, description, location: micro1 });
  expect(res.statusCode).toBe(200);
  return (await staff.get(`/api/cases/${res.json().id}`)).json() as {
    level: string;
    handler: { id: string; name: string } | null;
    acceptDueAt: string;
    createdAt: string;
  };
};
const auditCount = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(like(auditLog.action, "case_settings.%")))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  resident = await phoneClient(t, "13900000001");
  [secretary, staff, admin, hyStreet, qwStreet, grid1] = await Promise.all(["hk_secretary", "hk_staff", "admin", "hy_street", "qw_street", "hk_grid1"].map((u) => as(t, u)));
  const tree = (await admin.get("/api/areas/tree")).json().items as Array<{ id: string; level: string; name: string; center: [number, number]; parentId: string }>;
  hkId = tree.find((n) => n.name === "红康社区")!.id;
  yxqId = tree.find((n) => n.name === "怡心桥社区")!.id;
  const me = (await grid1.get("/api/auth/me")).json().user;
  micro1 = tree.find((n) => n.level === "microgrid" && n.parentId === me.area.id)!.center;
});
afterAll(() => t.close());

describe("routing rules", () => {
  it("lists every category of the secretary's own community with the staff who may be named", async () => {
    const res = await secretary.get("/api/case-settings/routing-rules");
    expect(res.statusCode).toBe(200);
    const body = res.json() as Rules;
    expect(body.community).toEqual({ id: hkId, name: "红康社区" });
    expect(body.items.map((i) => i.categoryCode)).toContain("sanitation");
    expect(body.items.find((i) => i.categoryCode === "sanitation")!.rule).toBeNull();
    expect(body.handlers.map((h) => h.role)).toEqual(expect.arrayContaining(["community_secretary", "community_staff", "grid_worker"]));
  });

  it("sends the next report of the category straight to the community, then to the named handler, then back to the grid", async () => {
    const before = await report("sanitation");
    expect(before.level).toBe("grid");

    const skip = await put(secretary, "/api/case-settings/routing-rules/sanitation", { level: "community" });
    expect(skip.statusCode).toBe(200);
    expect(skip.json()).toMatchObject({ categoryCode: "sanitation", categoryName: "环境卫生", rule: { level: "community", handler: null } });
    expect(await report("sanitation")).toMatchObject({ level: "community", handler: null });

    const { handlers } = (await secretary.get("/api/case-settings/routing-rules")).json() as Rules;
    const staffMember = handlers.find((h) => h.role === "community_staff")!;
    const named = await put(secretary, "/api/case-settings/routing-rules/sanitation", { level: "community", handlerId: staffMember.id });
    expect(named.statusCode).toBe(200);
    expect(await report("sanitation")).toMatchObject({ level: "community", handler: { id: staffMember.id } });
    const listed = (await staff.get("/api/case-settings/routing-rules")).json() as Rules;
    expect(listed.items.find((i) => i.categoryCode === "sanitation")!.rule).toMatchObject({ level: "community", handler: { id: staffMember.id, name: staffMember.name } });
    // A named handler who has left: the rule's level stays, the case goes to the community's dispatchers.
    const leaver = handlers.find((h) => h.role === "grid_worker" && h.id !== staffMember.id)!;
    const setHandler = async (id: string) => {
      await t.database.db.update(caseRoutingRules).set({ handlerId: id }).where(eq(caseRoutingRules.categoryCode, "sanitation"));
      clearCaseReferenceCache();
    };
    await setHandler(leaver.id);
    await t.database.db.update(users).set({ status: "disabled" }).where(eq(users.id, leaver.id));
    expect(await report("sanitation")).toMatchObject({ level: "community", handler: null });
    await t.database.db.update(users).set({ status: "active" }).where(eq(users.id, leaver.id));
    await setHandler(staffMember.id);

    expect((await del(secretary, "/api/case-settings/routing-rules/sanitation")).statusCode).toBe(200);
    expect(await report("sanitation")).toMatchObject({ level: "grid" });
    expect((await del(secretary, "/api/case-settings/routing-rules/sanitation")).statusCode).toBe(404);

    const audit = await t.database.db.select().from(auditLog).where(like(auditLog.action, "case_settings.rule_%")).orderBy(auditLog.at, auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["case_settings.rule_set", "case_settings.rule_set", "case_settings.rule_remove"]);
  });

  it("lets the street officer and the admin work on a community of their scope, and nobody outside it", async () => {
    expect((await put(hyStreet, "/api/case-settings/routing-rules/noise", { communityId: hkId, level: "community" })).statusCode).toBe(200);
    expect((await admin.get(`/api/case-settings/routing-rules?communityId=${yxqId}`)).json().community.name).toBe("怡心桥社区");
    expect((await del(admin, `/api/case-settings/routing-rules/noise?communityId=${hkId}`)).statusCode).toBe(200);

    for (const res of [
      await qwStreet.get(`/api/case-settings/routing-rules?communityId=${hkId}`),
      await put(qwStreet, "/api/case-settings/routing-rules/noise", { communityId: hkId, level: "community" }),
      await secretary.get(`/api/case-settings/routing-rules?communityId=${yxqId}`),
      await put(secretary, "/api/case-settings/routing-rules/noise", { communityId: yxqId, level: "community" }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe("NOT_FOUND");
    }
    // A street officer must say which community; a grid id is not a community.
    expect((await hyStreet.get("/api/case-settings/routing-rules")).statusCode).toBe(400);
    const gridId = (await grid1.get("/api/auth/me")).json().user.area.id;
    expect((await hyStreet.get(`/api/case-settings/routing-rules?communityId=${gridId}`)).statusCode).toBe(404);
    const refused = await grid1.get("/api/case-settings/routing-rules");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("FORBIDDEN");
    expect((await resident.get("/api/case-settings/routing-rules")).statusCode).toBe(403);
    expect(await t.database.db.select().from(caseRoutingRules)).toEqual([]);
  });

  it("refuses an unknown category and a handler of another community, writing nothing", async () => {
    const audits = await auditCount();
    const [outsider] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, "yxq_staff"));
    const [resident1] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.role, "resident")).limit(1);
    for (const [url, body, path] of [
      ["/api/case-settings/routing-rules/no_such_thing", { level: "community" }, "/categoryCode"],
      ["/api/case-settings/routing-rules/noise", { level: "community", handlerId: outsider!.id }, "/handlerId"],
      ["/api/case-settings/routing-rules/noise", { level: "grid", handlerId: resident1!.id }, "/handlerId"],
    ] as const) {
      const res = await put(secretary, url, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path }] });
    }
    const bad = await put(secretary, "/api/case-settings/routing-rules/noise", { level: "street" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("VALIDATION_FAILED");
    expect(await t.database.db.select().from(caseRoutingRules)).toEqual([]);
    expect(await auditCount()).toBe(audits);
  });
});

describe("time limits", () => {
  it("lists every category at every level", async () => {
    const res = await secretary.get("/api/case-settings/time-limits");
    expect(res.statusCode).toBe(200);
    const road = res.json().items.find((i: { categoryCode: string }) => i.categoryCode === "road");
    expect(road.levels.map((l: { level: string }) => l.level)).toEqual(["grid", "community", "street", "department"]);
    expect(road.levels[0]).toMatchObject({ acceptHours: 2, handleHours: 21 });
  });

  it("changes the due time of the next report at once", async () => {
    const first = await report("road");
    expect(t.deps.calendar.workingHoursBetween(new Date(first.createdAt), new Date(first.acceptDueAt))).toBeCloseTo(2, 3);
    const res = await put(admin, "/api/case-settings/time-limits/road/grid", { acceptHours: 10, handleHours: 30 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ categoryCode: "road", level: "grid", acceptHours: 10, handleHours: 30 });
    const second = await report("road");
    expect(t.deps.calendar.workingHoursBetween(new Date(second.createdAt), new Date(second.acceptDueAt))).toBeCloseTo(10, 3);
    const listed = (await admin.get("/api/case-settings/time-limits")).json().items.find((i: { categoryCode: string }) => i.categoryCode === "road");
    expect(listed.levels[0]).toMatchObject({ acceptHours: 10, handleHours: 30 });
  });

  it("is changed only by a role whose scope is the whole city: one street's officer gets 403", async () => {
    const before = await t.database.db.select().from(caseTimeLimits).where(eq(caseTimeLimits.categoryCode, "road"));
    const audits = await auditCount();
    for (const c of [hyStreet, qwStreet]) {
      const res = await put(c, "/api/case-settings/time-limits/road/community", { acceptHours: 3.5, handleHours: 28 });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: "FORBIDDEN", details: { reason: "city_wide_setting" } });
    }
    expect(await t.database.db.select().from(caseTimeLimits).where(eq(caseTimeLimits.categoryCode, "road"))).toEqual(before);
    expect(await auditCount()).toBe(audits);
    // Reading stays open to those who configure cases.
    expect((await hyStreet.get("/api/case-settings/time-limits")).statusCode).toBe(200);
  });

  it("is for a city-wide role only, and refuses bad hours writing nothing", async () => {
    for (const c of [secretary, staff]) {
      const res = await put(c, "/api/case-settings/time-limits/road/grid", { acceptHours: 1, handleHours: 2 });
      expect(res.statusCode).toBe(403);
    }
    const before = await t.database.db.select().from(caseTimeLimits).where(eq(caseTimeLimits.categoryCode, "noise"));
    const audits = await auditCount();
    for (const [url, body] of [
      ["/api/case-settings/time-limits/noise/grid", { acceptHours: -1, handleHours: 20 }],
      ["/api/case-settings/time-limits/noise/grid", { acceptHours: 0, handleHours: 20 }],
      ["/api/case-settings/time-limits/noise/grid", { acceptHours: 2, handleHours: 100000 }],
      ["/api/case-settings/time-limits/noise/grid", { acceptHours: "2", handleHours: 20 }],
      ["/api/case-settings/time-limits/noise/planet", { acceptHours: 2, handleHours: 20 }],
      ["/api/case-settings/time-limits/no_such_thing/grid", { acceptHours: 2, handleHours: 20 }],
    ] as const) {
      const res = await put(admin, url, body);
      expect(res.statusCode, url + JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe("VALIDATION_FAILED");
    }
    expect(await t.database.db.select().from(caseTimeLimits).where(eq(caseTimeLimits.categoryCode, "noise"))).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });
});

describe("working calendar", () => {
  it("lists a year's holidays and adjusted working days in date order", async () => {
    const res = await secretary.get("/api/case-settings/calendar?year=2024");
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as { items: Array<{ day: string; kind: string; name: string }> };
    expect(items[0]).toEqual({ day: "2024-01-01", kind: "holiday", name: "元旦" });
    expect(items.some((d) => d.kind === "workday" && d.name.includes("调休"))).toBe(true);
    expect(items.every((d) => d.day.startsWith("2024-"))).toBe(true);
    expect([...items].map((d) => d.day).sort()).toEqual(items.map((d) => d.day));
  });

  it("moves the due time of the next report when the due day becomes a holiday, and back when it is removed", async () => {
    const first = await report("river");
    const dueDay = new Date(new Date(first.acceptDueAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const refused = await put(hyStreet, `/api/case-settings/calendar/${dueDay}`, { kind: "holiday", name: "临时停工" });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "FORBIDDEN", details: { reason: "city_wide_setting" } });
    const res = await put(admin, `/api/case-settings/calendar/${dueDay}`, { kind: "holiday", name: "临时停工" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ day: dueDay, kind: "holiday", name: "临时停工" });
    const second = await report("river");
    expect(new Date(second.acceptDueAt).getTime() - new Date(first.acceptDueAt).getTime()).toBeGreaterThan(12 * 3600_000);
    const year = Number(dueDay.slice(0, 4));
    expect((await admin.get(`/api/case-settings/calendar?year=${year}`)).json().items).toContainEqual({ day: dueDay, kind: "holiday", name: "临时停工" });

    expect((await del(hyStreet, `/api/case-settings/calendar/${dueDay}`)).statusCode).toBe(403);
    expect((await del(admin, `/api/case-settings/calendar/${dueDay}`)).statusCode).toBe(200);
    const third = await report("river");
    expect(new Date(third.acceptDueAt).getTime() - new Date(first.acceptDueAt).getTime()).toBeLessThan(3600_000);
    expect((await del(admin, `/api/case-settings/calendar/${dueDay}`)).statusCode).toBe(404);
    const audit = await t.database.db.select({ action: auditLog.action, targetId: auditLog.targetId }).from(auditLog).where(like(auditLog.action, "case_settings.calendar_%")).orderBy(auditLog.at, auditLog.id);
    expect(audit).toEqual([
      { action: "case_settings.calendar_set", targetId: dueDay },
      { action: "case_settings.calendar_remove", targetId: dueDay },
    ]);
  });

  it("makes a weekend day a working day (调休) and refuses one on a weekday", async () => {
    // 2030-01-05 is a Saturday, 2030-01-07 a Monday.
    const sat = await put(admin, "/api/case-settings/calendar/2030-01-05", { kind: "workday", name: "调休上班" });
    expect(sat.statusCode).toBe(200);
    expect(t.deps.calendar.workingHoursBetween(new Date("2030-01-05T00:00:00+08:00"), new Date("2030-01-06T00:00:00+08:00"))).toBe(7);
    const mon = await put(admin, "/api/case-settings/calendar/2030-01-07", { kind: "workday", name: "调休上班" });
    expect(mon.statusCode).toBe(400);
    expect(mon.json().details).toEqual([expect.objectContaining({ path: "/kind" })]);
  });

  it("is changed by the street officer and the admin only, and refuses bad dates writing nothing", async () => {
    for (const c of [secretary, staff, grid1]) {
      expect((await put(c, "/api/case-settings/calendar/2030-02-01", { kind: "holiday", name: "春节" })).statusCode).toBe(403);
      expect((await del(c, "/api/case-settings/calendar/2024-01-01")).statusCode).toBe(403);
    }
    expect((await grid1.get("/api/case-settings/calendar?year=2024")).statusCode).toBe(403);
    const count = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(calendarDays))[0]!.n;
    const [days, audits] = [await count(), await auditCount()];
    for (const [day, body] of [
      ["2025-02-30", { kind: "holiday", name: "春节" }],
      ["2025-13-01", { kind: "holiday", name: "春节" }],
      ["20250101", { kind: "holiday", name: "春节" }],
      ["1899-01-01", { kind: "holiday", name: "春节" }],
      ["2030-02-01", { kind: "vacation", name: "春节" }],
      ["2030-02-01", { kind: "holiday", name: "  " }],
      ["2030-02-01", { kind: "holiday" }],
    ] as const) {
      const res = await put(admin, `/api/case-settings/calendar/${day}`, body);
      expect(res.statusCode, day + JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe("VALIDATION_FAILED");
    }
    expect((await admin.get("/api/case-settings/calendar?year=abc")).statusCode).toBe(400);
    expect(await count()).toBe(days);
    expect(await auditCount()).toBe(audits);
  });
});
