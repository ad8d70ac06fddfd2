import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, type Client, createTestApp, type TestApp } from "./support/app";

type CareReply = {
  total: number;
  items: Array<{ id: string; name: string; householdId: string | null; tags: Array<{ code: string; name: string }>; visitFrequency: string | null; lastVisitAt: string | null; due: boolean }>;
};

let t: TestApp;
let grid1: Client;
let secretary: Client;

beforeAll(async () => {
  t = await createTestApp();
  [grid1, secretary] = await Promise.all([as(t, "hk_grid1"), as(t, "hk_secretary")]);
});
afterAll(() => t.close());

describe("people with care tags (who needs a visit)", () => {
  it("lists a grid worker's cared-for residents inside their grid only, with care tags only", async () => {
    const mine = (await grid1.get("/api/registry/care-people?limit=200")).json() as CareReply;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.total).toBeGreaterThanOrEqual(mine.items.length);
    for (const p of mine.items) {
      expect(p.tags.length).toBeGreaterThan(0);
      expect(p.tags.map((x) => x.code)).not.toContain("party_member");
      expect(p.tags.map((x) => x.code)).not.toContain("key_person");
    }
    const all = (await secretary.get("/api/registry/care-people?limit=200")).json() as CareReply;
    expect(all.total).toBeGreaterThan(mine.total);
    // Someone of the community outside the grid worker's grid is not reachable for them.
    const outsider = all.items.find((p) => !mine.items.some((m) => m.id === p.id));
    if (outsider && mine.total === mine.items.length) expect((await grid1.get(`/api/registry/people/${outsider.id}`)).statusCode).toBe(404);
  });

  it("filters by one tag, and refuses a tag that is unknown", async () => {
    const alone = (await grid1.get("/api/registry/care-people?tag=elderly_alone")).json() as CareReply;
    expect(alone.items.length).toBeGreaterThan(0);
    for (const p of alone.items) expect(p.tags.map((x) => x.code)).toEqual(["elderly_alone"]);
    expect(alone.items.every((p) => p.visitFrequency !== null)).toBe(true);
    expect((await grid1.get("/api/registry/care-people?tag=nonsense")).statusCode).toBe(400);
  });

  it("moves a person behind everyone still due once visited", async () => {
    // A tag with few enough people that the whole list fits one answer.
    const tags = (await grid1.get("/api/registry/tags")).json().items as Array<{ code: string; kind: string }>;
    let tag = "";
    let before: CareReply | undefined;
    for (const d of tags.filter((x) => x.kind === "care")) {
      const r = (await grid1.get(`/api/registry/care-people?tag=${d.code}&limit=200`)).json() as CareReply;
      if (r.total > 1 && r.total <= 200 && r.items.some((p) => p.due && p.householdId)) {
        tag = d.code;
        before = r;
        break;
      }
    }
    expect(before, "a care tag with a short list").toBeDefined();
    const target = before!.items.find((p) => p.due && p.householdId)!;
    const res = await grid1.post("/api/registry/visits", { householdId: target.householdId, notes: "上门看望，身体状况良好" });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await grid1.get(`/api/registry/care-people?tag=${tag}&limit=200`)).json() as CareReply;
    const at = after.items.findIndex((p) => p.id === target.id);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(after.items[at]).toMatchObject({ due: false });
    expect(after.items[at].lastVisitAt).not.toBeNull();
    expect(after.items.slice(at).some((p) => p.due)).toBe(false);
  });

  it("is refused to residents", async () => {
    const resident = await as(t, "hk_volunteer").catch(() => null);
    if (resident) expect((await resident.get("/api/registry/care-people")).statusCode).toBe(403);
  });
});
