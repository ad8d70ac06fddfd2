import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { jpegWithGps, multipart } from "./support/images";
import { cases } from "../src/server/db/schema/cases";
import { rowsOf } from "../src/server/db/client";
import { coarsenPoint, maskPublicText, nameCandidates } from "../src/server/platform/personal-data";
import { TRANSITIONS } from "../src/server/modules/cases/workflow";

/**
 * Cases through the access layer: one read rule for the list, the detail and the photos; objects
 * outside it answer 404; city-wide settings in the audit log; what the public sees of a report.
 */
let t: TestApp;
let resident: Client;
let grid1: Client;
let staff: Client;
let police: Client;
let admin: Client;
let hyStreet: Client;
let yxqStaff: Client;
let spot: [number, number];

const report = async (c: Client, body: Record<string, unknown>) => {
  const res = await c.post("/api/cases", body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; number: string };
};

async function photo(c: Client): Promise<string> {
  const res = await c.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) });
  expect(res.statusCode).toBe(200);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  resident = await phoneClient(t, "13900000021");
  [grid1, staff, police, admin, hyStreet, yxqStaff] = await Promise.all(["hk_grid1", "hk_staff", "hy_police", "admin", "hy_street", "yxq_staff"].map((u) => as(t, u)));
  const tree = (await staff.get("/api/areas/tree")).json().items as Array<{ id: string; level: string; center: [number, number]; parentId: string }>;
  const me = (await grid1.get("/api/auth/me")).json().user;
  spot = tree.find((n) => n.level === "microgrid" && n.parentId === me.area.id)!.center;
});
afterAll(() => t.close());

describe("case photos follow the case read rule", () => {
  it("lets a department officer read photos of his department's cases only (404 for another department's case of his street)", async () => {
    const mine = await photo(resident);
    const theirs = await photo(resident);
    const ours = await report(resident, { categoryCode: "public_safety", description: "路口治安隐患", location: spot, photoIds: [mine] });
    const other = await report(resident, { categoryCode: "public_safety", description: "占道经营隐患", location: spot, photoIds: [theirs] });
    await t.database.db.update(cases).set({ level: "department", maxLevel: "department", department: "派出所", status: "dispatched" }).where(eq(cases.id, ours.id));
    await t.database.db.update(cases).set({ level: "department", maxLevel: "department", department: "城管执法队", status: "dispatched" }).where(eq(cases.id, other.id));

    expect((await police.get(`/api/files/${mine}`)).statusCode).toBe(200);
    expect((await police.get(`/api/files/${mine}/thumb`)).statusCode).toBe(200);
    expect((await police.get(`/api/files/${theirs}`)).statusCode).toBe(404);
    expect((await police.get(`/api/files/${theirs}/thumb`)).statusCode).toBe(404);
    // The case itself answers the same way.
    expect((await police.get(`/api/cases/${ours.id}`)).statusCode).toBe(200);
    expect((await police.get(`/api/cases/${other.id}`)).statusCode).toBe(404);
    // Staff of the scope, the reporter: yes; staff of another street: no.
    expect((await hyStreet.get(`/api/files/${theirs}`)).statusCode).toBe(200);
    expect((await resident.get(`/api/files/${theirs}`)).statusCode).toBe(200);
    expect((await yxqStaff.get(`/api/files/${theirs}`)).statusCode).toBe(404);
  });
});

describe("objects outside the caller's reach answer 404", () => {
  it("on every case route taking an id", async () => {
    const { id } = await report(resident, { categoryCode: "sanitation", description: "楼道杂物堆放", location: spot });
    for (const c of [yxqStaff, police]) {
      expect((await c.get(`/api/cases/${id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/cases/${id}/handlers`)).statusCode).toBe(404);
      expect((await c.post(`/api/cases/${id}/transitions`, { action: "note", note: "看一眼" })).statusCode).toBe(404);
    }
    const stranger = await phoneClient(t, "13900000022");
    expect((await stranger.get(`/api/cases/${id}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/cases/${id}/transitions`, { action: "withdraw" })).statusCode).toBe(404);
    // Merging into a case outside the reach is as if it did not exist.
    const own = await report(grid1, { categoryCode: "sanitation", description: "同一处垃圾", location: spot });
    const { id: yxqCase } = (await yxqStaff.post("/api/cases", { categoryCode: "sanitation", description: "别处的事件", channel: "phone" })).json();
    expect(yxqCase).toBeTruthy();
    expect((await act(staff, own.id, { action: "merge", duplicateOfId: yxqCase })).statusCode).toBe(404);
    // An area outside the scope, for the list's explicit filter and the measures.
    const yxqArea = (await yxqStaff.get("/api/auth/me")).json().user.area.id;
    expect((await staff.get(`/api/cases?areaId=${yxqArea}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/cases/measures?areaId=${yxqArea}&from=2024-01-01&to=2024-01-31`)).statusCode).toBe(404);
    expect((await staff.get(`/api/overview?areaId=${yxqArea}`)).statusCode).toBe(404);
  });
});

const act = (c: Client, id: string, body: Record<string, unknown>) => c.post(`/api/cases/${id}/transitions`, body);

describe("closing by reference goes through the transition table", () => {
  it("is a step of the table that no user is offered or may ask for", async () => {
    const step = TRANSITIONS.find((x) => x.action === "settle_by_reference")!;
    expect(step).toMatchObject({ to: "closed", by: ["referrer"], visibleToReporter: true });
    expect(step.from).toEqual(["reported", "accepted", "dispatched", "in_progress", "handled", "verified"]);
    const { id } = await report(resident, { categoryCode: "sanitation", description: "等待议事解决", location: spot });
    for (const c of [grid1, staff, admin, resident]) expect((await c.get(`/api/cases/${id}`)).json().actions).not.toContain("settle_by_reference");
    expect((await act(staff, id, { action: "settle_by_reference" })).statusCode).toBe(400);
  });
});

describe("city-wide settings in the audit log", () => {
  it("are seen by a role whose scope is the whole city, not by one street's officer", async () => {
    expect((await admin.request({ method: "PUT", url: "/api/case-settings/time-limits/river/street", payload: { acceptHours: 6, handleHours: 60 } })).statusCode).toBe(200);
    const seen = (c: Client) => c.get("/api/audit?action=case_settings.time_limit_set").then((r) => r.json().items as Array<{ targetId: string }>);
    expect((await seen(admin)).map((r) => r.targetId)).toContain("river:street");
    expect(await seen(hyStreet)).toEqual([]);
    // A street officer still reads the rows of his street.
    const { id } = await report(resident, { categoryCode: "sanitation", description: "审计可见", location: spot });
    const rows = (await hyStreet.get("/api/audit?action=case.report")).json().items as Array<{ targetId: string }>;
    expect(rows.map((r) => r.targetId)).toContain(id);
  });
});

describe("what the public sees of a report", () => {
  it("masks phone numbers, ID numbers and registered names, and coarsens the place unless it is about a public thing", async () => {
    const [{ community_id: communityId }] = rowsOf<{ community_id: string }>(
      await t.database.db.execute(sql`SELECT community_id FROM areas WHERE id = (SELECT area_id FROM users WHERE username = 'hk_grid1')`),
    );
    const [{ name }] = rowsOf<{ name: string }>(
      await t.database.db.execute(sql`SELECT name FROM persons WHERE community_id = ${communityId} AND char_length(name) = 3 ORDER BY name LIMIT 1`),
    );
    const at: [number, number] = [Number((spot[0] + 0.00013).toFixed(6)), Number((spot[1] + 0.00017).toFixed(6))];
    const description = `${name}家楼下每晚噪音，电话138 1234-5678，身份证530102199001011234，座机0871-65123456`;
    const noisy = await report(resident, { categoryCode: "noise", description, location: at });
    const pavement = await report(resident, { categoryCode: "road", description: "人行道地砖破损，联系13812345678", location: at });

    const pub = await new Client(t.app).get(`/api/public/cases/nearby?lng=${at[0]}&lat=${at[1]}&radius=300`);
    expect(pub.statusCode).toBe(200);
    const items = pub.json().items as Array<{ id: string; description: string; location: [number, number] }>;
    const shown = items.find((i) => i.id === noisy.id)!;
    expect(shown).toBeTruthy();
    const text = JSON.stringify(items);
    for (const secret of [name, "138 1234-5678", "13812345678", "530102199001011234", "65123456"]) expect(text).not.toContain(secret);
    expect(shown.description).toContain(name[0] + "*");
    expect(shown.location).toEqual(coarsenPoint(at));
    expect(shown.location).not.toEqual(at);
    const road = items.find((i) => i.id === pavement.id)!;
    expect(road.location).toEqual(at);
    expect(road.description).toContain("138****5678");

    // The duplicate suggestion: a neighbour sees it masked; the reporter and the grid's staff as written.
    const near = `lng=${at[0]}&lat=${at[1]}&categoryCode=noise`;
    const neighbour = await phoneClient(t, "13900000023");
    const forNeighbour = ((await neighbour.get(`/api/cases/similar?${near}`)).json().items as Array<{ id: string; description: string; location: unknown }>).find((i) => i.id === noisy.id)!;
    expect(forNeighbour.description).not.toContain(name);
    expect(forNeighbour.description).not.toMatch(/1234-?5678|530102199001011234|65123456/);
    expect(forNeighbour.location).toEqual(coarsenPoint(at));
    for (const c of [resident, grid1]) {
      const mine = ((await c.get(`/api/cases/similar?${near}`)).json().items as Array<{ id: string; description: string; location: unknown }>).find((i) => i.id === noisy.id)!;
      expect(mine.description).toBe(description.slice(0, 80));
      expect(mine.location).toEqual(at);
    }
  });

  it("masks numbers in their usual forms", () => {
    expect(maskPublicText("打13912345678或+86 139-1234-5678")).toBe("打139****5678或139****5678");
    expect(maskPublicText("身份证53010219900101123X和老证530102900101123")).not.toMatch(/19900101|900101/);
    expect(maskPublicText("座机(0871)6512345，010 12345678")).toBe("座机(0871)-*******，010-********");
    expect(maskPublicText("王小明和李四吵架", ["王小明", "李四"])).toBe("王*和李*吵架");
    expect(maskPublicText("3栋2单元501室，面积120平方米")).toBe("3栋2单元501室，面积120平方米");
    expect(nameCandidates("张三来了")).toEqual(expect.arrayContaining(["张三", "张三来", "张三来了", "三来"]));
  });
});
