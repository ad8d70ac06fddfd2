import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";
import { uuidv7 } from "../src/server/platform/ids";

let t: TestApp;
let staff: Client;
let yxqStaff: Client;
let hkCommunityId: string;

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
const thisYear = new Date().getFullYear();
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function newUnit(c: Client, body: Record<string, unknown>) {
  const res = await c.post("/api/partners/units", body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

const agreement = (startsOn: string, endsOn: string, extra: Record<string, unknown> = {}) => ({
  startsOn,
  endsOn,
  signatories: ["红康社区党委", "单位党支部"],
  partTimeMember: "王建华",
  offers: [],
  needs: [],
  projects: [],
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  [staff, yxqStaff] = await Promise.all([as(t, "hk_staff"), as(t, "yxq_staff")]);
  hkCommunityId = (await staff.get("/api/auth/me")).json().user.community.id;
});
afterAll(() => t.close());

describe("partner units and agreements", () => {
  it("registers a unit tied to its place, masks the contact phone and lists it with the agreement in force", async () => {
    const [place] = await q<{ id: string }>(sql`SELECT id FROM places WHERE kind = 'public_unit' AND community_id = ${hkCommunityId} ORDER BY name LIMIT 1`);
    const id = await newUnit(staff, { name: "测试共建单位甲", kind: "hospital", placeId: place.id, contactName: "李医生", contactPhone: "13812345678", partyOrg: "测试医院党支部", bigCommittee: true });
    const sign = await staff.post(`/api/partners/units/${id}/agreements`, agreement(`${thisYear}-01-01`, `${thisYear + 1}-12-31`, { offers: [{ resourceKind: "service", categories: ["public_safety"], description: "每季度义诊一次", quantity: 4, unit: "次" }] }));
    expect(sign.statusCode, sign.body).toBe(200);
    const list = (await staff.get("/api/partners/units?bigCommittee=true")).json().items as Array<Record<string, unknown>>;
    const mine = list.find((u) => u.id === id)!;
    expect(mine).toMatchObject({ kind: "hospital", kindName: "医院", contactPhone: "138****5678", bigCommittee: true, place: { id: place.id }, currentAgreement: { partTimeMember: "王建华" } });
    const detail = (await staff.get(`/api/partners/units/${id}`)).json();
    expect(detail.agreements).toHaveLength(1);
    expect(detail.agreements[0]).toMatchObject({ current: true, offers: [{ resourceKind: "service", quantity: 4, unit: "次", categories: ["public_safety"] }], needs: [], projects: [] });
    const raw = await q<Record<string, unknown>>(sql`SELECT * FROM partner_units WHERE id = ${id}`);
    expect(JSON.stringify(raw)).not.toContain("13812345678");
    const audit = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE target_id = ${id} AND action = 'partner_unit.create'`);
    expect(Number(audit[0].n)).toBe(1);
    // a unit name is unique in its community
    expect((await staff.post("/api/partners/units", { name: "测试共建单位甲", kind: "other" })).statusCode).toBe(409);
  });

  it("refuses an agreement overlapping another of the same unit (409), accepts the next period, and writes nothing on refusal", async () => {
    const id = await newUnit(staff, { name: "测试共建单位乙", kind: "enterprise" });
    expect((await staff.post(`/api/partners/units/${id}/agreements`, agreement("2025-01-01", "2025-12-31"))).statusCode).toBe(200);
    for (const [s, e] of [
      ["2025-06-01", "2026-05-31"],
      ["2024-06-01", "2025-01-01"],
      ["2025-03-01", "2025-04-01"],
      ["2024-01-01", "2026-12-31"],
    ]) {
      const res = await staff.post(`/api/partners/units/${id}/agreements`, agreement(s, e));
      expect(res.statusCode, `${s}..${e}`).toBe(409);
      expect(res.json().code).toBe("CONFLICT");
    }
    expect((await staff.post(`/api/partners/units/${id}/agreements`, agreement("2026-01-01", "2026-12-31"))).statusCode).toBe(200);
    const n = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM agreements WHERE unit_id = ${id}`);
    expect(Number(n[0].n)).toBe(2);
  });

  it("lets only one of two concurrent overlapping agreements through (row lock on the unit)", async () => {
    const id = await newUnit(staff, { name: "测试共建单位丙", kind: "school" });
    const results = await Promise.all(
      [
        ["2027-01-01", "2027-12-31"],
        ["2027-06-01", "2028-05-31"],
        ["2027-03-01", "2027-09-30"],
      ].map(([s, e]) => staff.post(`/api/partners/units/${id}/agreements`, agreement(s, e))),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const n = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM agreements WHERE unit_id = ${id}`);
    expect(Number(n[0].n)).toBe(1);
  });

  it("rejects bad agreements: ends before it starts, unknown case category, no signatory", async () => {
    const id = await newUnit(staff, { name: "测试共建单位丁", kind: "ngo" });
    expect((await staff.post(`/api/partners/units/${id}/agreements`, agreement("2026-05-01", "2026-04-01"))).statusCode).toBe(400);
    expect((await staff.post(`/api/partners/units/${id}/agreements`, agreement("2026-01-01", "2026-12-31", { offers: [{ description: "x", categories: ["no_such"] }] }))).statusCode).toBe(400);
    expect((await staff.post(`/api/partners/units/${id}/agreements`, agreement("2026-01-01", "2026-12-31", { signatories: [] }))).statusCode).toBe(400);
    expect((await staff.post(`/api/partners/units/${id}/agreements`, { ...agreement("2026-01-01", "2026-12-31"), extra: 1 })).statusCode).toBe(400);
  });

  it("keeps units inside their community: another community's staff get 404, residents and grid workers may not manage", async () => {
    const id = await newUnit(staff, { name: "测试共建单位戊", kind: "shop" });
    expect((await yxqStaff.get(`/api/partners/units/${id}`)).statusCode).toBe(404);
    expect((await yxqStaff.post(`/api/partners/units/${id}/agreements`, agreement("2030-01-01", "2030-12-31"))).statusCode).toBe(404);
    expect(((await yxqStaff.get("/api/partners/units")).json().items as Array<{ id: string }>).some((u) => u.id === id)).toBe(false);
    const grid = await as(t, "hk_grid1");
    expect((await grid.get(`/api/partners/units/${id}`)).statusCode).toBe(200);
    expect((await grid.post("/api/partners/units", { name: "网格员建的单位", kind: "shop" })).statusCode).toBe(403);
    const volunteer = await as(t, "hk_volunteer");
    expect((await volunteer.get("/api/partners/units")).statusCode).toBe(403);
  });
});

describe("matching a need to the units that offer it", () => {
  let venueUnit: string;
  let lawUnit: string;
  let expiredUnit: string;
  beforeAll(async () => {
    venueUnit = await newUnit(staff, { name: "测试匹配·文化传媒公司", kind: "enterprise" });
    lawUnit = await newUnit(staff, { name: "测试匹配·律师事务所", kind: "enterprise" });
    expiredUnit = await newUnit(staff, { name: "测试匹配·过期单位", kind: "enterprise" });
    await staff.post(`/api/partners/units/${venueUnit}/agreements`, agreement(`${thisYear - 1}-01-01`, `${thisYear + 1}-12-31`, { offers: [{ resourceKind: "venue", description: "三楼多功能会议室，可容纳60人，周末可借用", quantity: 60, unit: "人" }] }));
    await staff.post(`/api/partners/units/${lawUnit}/agreements`, agreement(`${thisYear - 1}-01-01`, `${thisYear + 1}-12-31`, { offers: [{ resourceKind: "service", categories: ["dispute_neighbour", "dispute_family"], description: "律师每月驻点，提供法律咨询和纠纷调解" }] }));
    await staff.post(`/api/partners/units/${expiredUnit}/agreements`, agreement("2020-01-01", "2020-12-31", { offers: [{ resourceKind: "venue", categories: ["dispute_neighbour"], description: "会议室借用" }] }));
  });

  it("finds the unit offering a venue for a need written in free text", async () => {
    const res = await staff.get(`/api/partners/match?q=${encodeURIComponent("周末借用会议室开居民议事会")}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ unit: { id: string }; offers: Array<{ resourceKind: string }> }>;
    expect(items[0].unit.id).toBe(venueUnit);
    expect(items[0].offers[0].resourceKind).toBe("venue");
    expect(items.some((i) => i.unit.id === expiredUnit)).toBe(false);
  });

  it("finds the units whose offers help with a case category, only under agreements in force", async () => {
    const items = (await staff.get("/api/partners/match?categoryCode=dispute_neighbour")).json().items as Array<{ unit: { id: string } }>;
    expect(items.map((i) => i.unit.id)).toContain(lawUnit);
    expect(items.map((i) => i.unit.id)).not.toContain(expiredUnit);
    const old = (await staff.get("/api/partners/match?categoryCode=dispute_neighbour&on=2020-06-01")).json().items as Array<{ unit: { id: string } }>;
    expect(old.map((i) => i.unit.id)).toContain(expiredUnit);
    const byKind = (await staff.get("/api/partners/match?resourceKind=venue")).json().items as Array<{ unit: { id: string } }>;
    expect(byKind.map((i) => i.unit.id)).toContain(venueUnit);
    expect(byKind.map((i) => i.unit.id)).not.toContain(lawUnit);
    expect((await staff.get("/api/partners/match")).statusCode).toBe(400);
  });
});

describe("a unit's yearly record", () => {
  it("shows the meetings it attended, the resources it gave and the activities it joined, for that year only", async () => {
    const id = await newUnit(staff, { name: "测试年度单位", kind: "enterprise", bigCommittee: true });
    const ag = await staff.post(`/api/partners/units/${id}/agreements`, agreement(`${thisYear}-01-01`, `${thisYear}-12-31`, { offers: [{ resourceKind: "money", description: "活动经费", quantity: 20000, unit: "元" }] }));
    const itemId = (await staff.get(`/api/partners/units/${id}`)).json().agreements[0].offers[0].id;
    expect(ag.statusCode).toBe(200);
    for (const g of [
      { givenOn: `${thisYear}-03-05`, resourceKind: "money", description: "学雷锋活动经费", quantity: 5000, unit: "元", itemId },
      { givenOn: `${thisYear}-06-01`, resourceKind: "venue", description: "借用会议室开党建联席会", quantity: 1, unit: "次" },
      { givenOn: `${thisYear - 1}-12-20`, resourceKind: "goods", description: "去年的慰问品", quantity: 50, unit: "份" },
    ]) {
      const res = await staff.post(`/api/partners/units/${id}/givings`, g);
      expect(res.statusCode, res.body).toBe(200);
    }
    // Joint meetings live in the deliberation tables: one by unit id, one by name, one cancelled, one last year.
    const meeting = async (startsAt: string, status: string, party: { id?: string; name: string }) => {
      const mid = uuidv7();
      await t.database.db.execute(sql`INSERT INTO meetings (id, community_id, area_id, kind, title, starts_at, ends_at, place, status)
        VALUES (${mid}, ${hkCommunityId}, ${hkCommunityId}, 'party_joint', '党建联席会议', ${startsAt}::timestamptz, ${startsAt}::timestamptz + interval '2 hours', '社区会议室', ${status})`);
      await t.database.db.execute(sql`INSERT INTO meeting_parties (id, meeting_id, party_kind, name, partner_unit_id) VALUES (${uuidv7()}, ${mid}, 'partner_unit', ${party.name}, ${party.id ?? null})`);
    };
    await meeting(`${thisYear}-02-10T09:00:00+08:00`, "closed", { id, name: "测试年度单位" });
    await meeting(`${thisYear}-05-10T09:00:00+08:00`, "closed", { name: "测试年度单位" });
    await meeting(`${thisYear}-07-10T09:00:00+08:00`, "cancelled", { id, name: "测试年度单位" });
    await meeting(`${thisYear - 1}-07-10T09:00:00+08:00`, "closed", { id, name: "测试年度单位" });
    // An activity it joins as a unit and a market booth it runs.
    const start = new Date(Date.now() + 3 * 86400_000);
    const act = await staff.post("/api/activities", {
      kind: "riverside_market",
      title: "测试河畔集市",
      place: "盘龙江畔",
      capacity: 20,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3600_000).toISOString(),
      unitIds: [id],
    });
    expect(act.statusCode, act.body).toBe(200);

    const rec = (await staff.get(`/api/partners/units/${id}/record?year=${thisYear}`)).json();
    expect(rec.meetings.count).toBe(2);
    expect(rec.resources.count).toBe(2);
    expect(rec.resources.byKind).toEqual(expect.arrayContaining([{ kind: "money", name: "资金", count: 1, quantity: 5000 }, { kind: "venue", name: "场地", count: 1, quantity: 1 }]));
    expect(rec.resources.items.map((i: { description: string }) => i.description)).toEqual(["学雷锋活动经费", "借用会议室开党建联席会"]);
    expect(rec.agreements).toHaveLength(1);
    if (start.getFullYear() === thisYear) expect(rec.activities.items.map((a: { title: string }) => a.title)).toContain("测试河畔集市");
    const last = (await staff.get(`/api/partners/units/${id}/record?year=${thisYear - 1}`)).json();
    expect(last.meetings.count).toBe(1);
    expect(last.resources.items.map((i: { description: string }) => i.description)).toEqual(["去年的慰问品"]);
    expect((await staff.post(`/api/partners/units/${id}/givings`, { givenOn: today, resourceKind: "money", description: "x", itemId: uuidv7() })).statusCode).toBe(400);
  });
});

describe("partner measures", () => {
  it("counts units, agreements, resources, activities, talents and teams for an area and period", async () => {
    const res = await staff.get(`/api/partners/measures?from=${thisYear}-01-01&to=${thisYear}-12-31`);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.area.name).toBe("红康社区");
    const units = Number((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM partner_units WHERE community_id = ${hkCommunityId} AND active`))[0].n);
    expect(m.units.total).toBe(units);
    expect(m.units.bigCommittee).toBeGreaterThanOrEqual(2);
    expect(m.resourcesGiven.byKind.find((k: { kind: string }) => k.kind === "money").quantity).toBeGreaterThanOrEqual(5000);
    expect(m.agreements.inForce).toBeGreaterThanOrEqual(3);
    const street = await as(t, "hy_street");
    const s = (await street.get(`/api/partners/measures?from=${thisYear}-01-01&to=${thisYear}-12-31`)).json();
    expect(s.units.total).toBe(units);
    expect((await staff.get(`/api/partners/measures?from=${thisYear}-12-31&to=${thisYear}-01-01`)).statusCode).toBe(400);
    const yxq = (await yxqStaff.get(`/api/partners/measures?from=${thisYear}-01-01&to=${thisYear}-12-31`)).json();
    expect(yxq.riderStations).toBe(8);
  });
});
