import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, as, type TestApp, type Client } from "./support/app";

let t: TestApp;
let hk: Client;
let yxq: Client;
beforeAll(async () => {
  t = await createTestApp();
  [hk, yxq] = await Promise.all([as(t, "hk_staff"), as(t, "yxq_staff")]);
});
afterAll(() => t.close());

describe("data scope", () => {
  it("shows each community's staff their own community only", async () => {
    const hkTree = (await hk.get("/api/areas/tree")).json().items as Array<{ name: string; level: string }>;
    expect(hkTree[0]).toMatchObject({ name: "红康社区", level: "community" });
    expect(hkTree.filter((n) => n.level === "grid")).toHaveLength(3);
    expect(hkTree.some((n) => n.name === "怡心桥社区")).toBe(false);
    const ov = (await hk.get("/api/overview")).json();
    expect(ov.area.name).toBe("红康社区");
    expect(ov.counts).toMatchObject({ residents: 20563, households: 9676, compounds: 5, grids: 3, microgrids: 6, partyMembers: 429 });
  });

  it("answers an area outside the caller's scope as if it did not exist", async () => {
    const hkId = ((await hk.get("/api/areas/tree")).json().items as Array<{ id: string }>)[0].id;
    const res = await yxq.get(`/api/overview?areaId=${hkId}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("NOT_FOUND");
    expect((await yxq.get(`/api/people?areaId=${hkId}`)).statusCode).toBe(404);
  });

  it("never returns another community's people in a search", async () => {
    const some = (await hk.get("/api/people?limit=5")).json().items as Array<{ name: string; communityName: string }>;
    expect(some).toHaveLength(5);
    for (const p of some) {
      expect(p.communityName).toBe("红康社区");
      const found = (await yxq.get(`/api/people?q=${encodeURIComponent(p.name)}`)).json().items as Array<{ communityName: string }>;
      expect(found.every((x) => x.communityName === "怡心桥社区")).toBe(true);
    }
  });

  it("limits a grid worker to their grid, and a street officer to their street", async () => {
    const grid = await as(t, "hk_grid1");
    const tree = (await grid.get("/api/areas/tree")).json().items as Array<{ level: string }>;
    expect(tree.map((n) => n.level)).toEqual(["grid", "microgrid", "microgrid"]);
    const ov = (await grid.get("/api/overview")).json();
    expect(ov.area.level).toBe("grid");
    expect(ov.counts.residents).toBeGreaterThan(0);
    expect(ov.counts.residents).toBeLessThan(20563);
    const street = await as(t, "hy_street");
    const sov = (await street.get("/api/overview")).json();
    expect(sov.area.name).toBe("红云街道");
    expect(sov.counts.communities).toBe(1);
  });

  it("masks phones and ID numbers in search results", async () => {
    const items = (await hk.get("/api/people?limit=50")).json().items as Array<{ phone: string | null; idNumber: string }>;
    for (const p of items) {
      expect(p.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      if (p.phone) expect(p.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
  });

  it("keeps residents and riders away from the registry", async () => {
    const partner = await as(t, "hk_partner");
    expect((await partner.get("/api/people")).statusCode).toBe(403);
    expect((await partner.get("/api/audit")).statusCode).toBe(403);
  });

  it("pages search results with a keyset cursor", async () => {
    const first = (await hk.get("/api/people?limit=20")).json();
    const second = (await hk.get(`/api/people?limit=20&cursor=${first.nextCursor}`)).json();
    expect(first.items).toHaveLength(20);
    expect(second.items).toHaveLength(20);
    const ids = new Set([...first.items, ...second.items].map((p: { id: string }) => p.id));
    expect(ids.size).toBe(40);
  });
});

describe("point to area", () => {
  it("resolves a point to its microgrid, grid and community, and a far point to nothing", async () => {
    const tree = (await hk.get("/api/areas/tree")).json().items as Array<{ id: string; level: string; name: string; center: [number, number]; parentId: string }>;
    const micro = tree.find((n) => n.level === "microgrid")!;
    const res = (await hk.get(`/api/areas/locate?lng=${micro.center[0]}&lat=${micro.center[1]}`)).json();
    expect(res.microgrid.name).toBe(micro.name);
    expect(res.grid.id).toBe(micro.parentId);
    expect(res.community.name).toBe("红康社区");
    const far = (await hk.get("/api/areas/locate?lng=116.4&lat=39.9")).json();
    expect(far).toEqual({ community: null, grid: null, microgrid: null });
    expect((await hk.get("/api/areas/locate?lng=190&lat=20")).statusCode).toBe(400);
  });
});
