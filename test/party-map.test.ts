import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "../src/server/db/client";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";

/** The party map (党建地图) and a building's contacts: who the 楼栋长 and 中心户 are, on the demo data. */

let t: TestApp;
let hkStaff: Client;
let hkGrid: Client;
let hyStreet: Client;
let yxqStaff: Client;
let hk = "";
let yxq = "";

type MapBuilding = { id: string; name: string; compound: string; point: [number, number]; leader: { name: string; group: string } | null; households: number; covered: number };
type Contacts = { building: { id: string; name: string }; buildingLeader: { name: string; group: string } | null; households: Array<{ id: string; address: string; anchor: { name: string; address: string } | null }> };

const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));

beforeAll(async () => {
  t = await createTestApp();
  [hkStaff, hkGrid, hyStreet, yxqStaff] = await Promise.all(["hk_staff", "hk_grid1", "hy_street", "yxq_staff"].map((u) => as(t, u)));
  [{ id: hk }, { id: yxq }] = await q<{ id: string }>(sql`SELECT id FROM areas WHERE level = 'community' AND name IN ('红康社区', '怡心桥社区') ORDER BY name = '红康社区' DESC`);
});
afterAll(() => t.close());

describe("the party map", () => {
  it("红康's buildings carry their 楼栋长 and the households their 中心户 look after", async () => {
    const res = await hkStaff.get("/api/party/map");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { community: { id: string; name: string }; buildings: MapBuilding[] };
    expect(body.community).toEqual({ id: hk, name: "红康社区" });
    const [{ n }] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM buildings WHERE community_id = ${hk} AND location IS NOT NULL`);
    expect(body.buildings).toHaveLength(Number(n));
    const led = body.buildings.filter((b) => b.leader);
    expect(led.length).toBeGreaterThan(10);
    // each 楼栋长 is the leader of the party group that covers the building
    const [truth] = await q<{ name: string; grp: string }>(sql`SELECT p.name, g.name AS grp FROM party_group_buildings gb JOIN party_orgs g ON g.id = gb.org_id
      JOIN party_members m ON m.id = g.leader_member_id JOIN persons p ON p.id = m.person_id WHERE gb.building_id = ${led[0].id}`);
    expect(led[0].leader).toEqual({ name: truth.name, group: truth.grp });
    // buildings outside every party group have none
    const [free] = await q<{ id: string }>(sql`SELECT b.id FROM buildings b WHERE b.community_id = ${hk} AND b.location IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM party_group_buildings gb WHERE gb.building_id = b.id) LIMIT 1`);
    if (free) expect(body.buildings.find((b) => b.id === free.id)?.leader).toBeNull();
    expect(body.buildings.some((b) => b.covered > 0)).toBe(true);
    expect(body.buildings.every((b) => b.covered <= b.households)).toBe(true);
    // names only: no phone number anywhere in the answer
    expect(res.body).not.toMatch(/\b1[3-9]\d{9}\b/);
  });

  it("a street officer picks the community; a grid worker sees only the buildings of the grid", async () => {
    const street = await hyStreet.get(`/api/party/map?communityId=${hk}`);
    expect(street.statusCode, street.body).toBe(200);
    const all = street.json().buildings as MapBuilding[];
    const grid = (await hkGrid.get("/api/party/map")).json().buildings as MapBuilding[];
    expect(grid.length).toBeGreaterThan(0);
    expect(grid.length).toBeLessThan(all.length);
    // another community is not reachable by its staff id
    expect((await yxqStaff.get(`/api/party/map?communityId=${hk}`)).statusCode).toBe(404);
  });
});

describe("a building's contacts", () => {
  it("names the building's 楼栋长 and each household's 中心户 with the 中心户's own address", async () => {
    const [linked] = await q<{ household_id: string; building_id: string; name: string; address: string }>(sql`
      SELECT l.household_id, h.building_id, p.name, oh.address FROM party_anchor_links l
      JOIN households h ON h.id = l.household_id JOIN party_anchor_households ah ON ah.member_id = l.member_id
      JOIN party_members m ON m.id = ah.member_id JOIN persons p ON p.id = m.person_id JOIN households oh ON oh.id = ah.household_id
      WHERE h.community_id = ${hk} AND h.status = 'active' ORDER BY l.household_id LIMIT 1`);
    expect(linked, "the demo has 中心户 in 红康").toBeTruthy();
    const res = await hkStaff.get(`/api/party/buildings/${linked.building_id}/contacts`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as Contacts;
    expect(c.building.id).toBe(linked.building_id);
    expect(c.buildingLeader).not.toBeNull();
    const household = c.households.find((h) => h.id === linked.household_id);
    expect(household?.anchor).toEqual({ name: linked.name, address: linked.address });
    // the same answer as the register's household page
    const one = (await hkStaff.get(`/api/party/households/${linked.household_id}/contacts`)).json();
    expect(one.buildingLeader).toEqual(c.buildingLeader);
    expect(one.anchor).toEqual(household?.anchor);
    // only active households, all of them
    const [{ n }] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM households WHERE building_id = ${linked.building_id} AND status = 'active'`);
    expect(c.households).toHaveLength(Number(n));
    expect(res.body).not.toMatch(/\b1[3-9]\d{9}\b/);
  });

  it("another community's building is not found; a resident is refused; a bad id is a validation error", async () => {
    const [other] = await q<{ id: string }>(sql`SELECT id FROM buildings WHERE community_id = ${yxq} LIMIT 1`);
    const foreign = await hkStaff.get(`/api/party/buildings/${other.id}/contacts`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: "NOT_FOUND" });
    const [own] = await q<{ id: string }>(sql`SELECT id FROM buildings WHERE community_id = ${hk} LIMIT 1`);
    const resident = await phoneClient(t, "13900000001");
    expect((await resident.get(`/api/party/buildings/${own.id}/contacts`)).statusCode).toBe(403);
    expect((await resident.get("/api/party/map")).statusCode).toBe(403);
    const bad = await hkStaff.get("/api/party/buildings/not-a-uuid/contacts");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ code: expect.any(String), message: expect.any(String), details: expect.anything() });
    expect((await hkStaff.get("/api/party/map?communityId=x")).statusCode).toBe(400);
  });
});
