import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { testIdNumber } from "./support/ids";
import { jpegWithGps, multipart } from "./support/images";
import { auditLog } from "../src/server/db/schema/audit";
import { households, persons } from "../src/server/db/schema/places";
import { rowsOf } from "../src/server/db/client";
import { purgeArchived } from "../src/server/modules/registry/purge-archived";
import { rotatePersonalDataKey } from "../src/server/modules/registry/rotate-key";
import { PersonalDataCipher } from "../src/server/platform/personal-data";

let t: TestApp;
let staff: Client;
let secretary: Client;
let grid1: Client;
let buildingId: string;

beforeAll(async () => {
  t = await createTestApp();
  [staff, secretary, grid1] = await Promise.all([as(t, "hk_staff"), as(t, "hk_secretary"), as(t, "hk_grid1")]);
  const compounds = (await staff.get("/api/registry/compounds")).json().items as Array<{ id: string; name: string }>;
  const buildings = (await staff.get(`/api/registry/compounds/${compounds[0].id}/buildings`)).json().items as Array<{ id: string }>;
  buildingId = buildings[0].id;
});
afterAll(() => t.close());

async function newHousehold(room: string, n: number, extra: Array<Record<string, unknown>> = []) {
  const res = await staff.post("/api/registry/households", {
    buildingId,
    unitNo: 9,
    roomNo: room,
    movedInOn: "2025-03-01",
    members: [{ name: "测试户主", idNumber: testIdNumber(n), phone: `1770000${String(n).padStart(4, "0")}`, relation: "head" }, ...extra],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; personIds: string[] };
}

describe("drill-down: compound → building → household → people", () => {
  it("lists the caller's compounds with counts, then buildings, households and masked members", async () => {
    const compounds = (await staff.get("/api/registry/compounds")).json().items as Array<{ id: string; name: string; residents: number; households: number }>;
    expect(compounds).toHaveLength(5);
    expect(compounds.reduce((s, c) => s + c.residents, 0)).toBe(20563);
    expect(compounds.reduce((s, c) => s + c.households, 0)).toBe(9676);
    const buildings = (await staff.get(`/api/registry/compounds/${compounds[0].id}/buildings`)).json().items as Array<{ id: string; households: number }>;
    expect(buildings.length).toBeGreaterThan(2);
    const hs = (await staff.get(`/api/registry/buildings/${buildings[0].id}/households`)).json().items as Array<{ id: string; head: string; members: number }>;
    expect(hs.length).toBe(buildings[0].households);
    const h = (await staff.get(`/api/registry/households/${hs[0].id}`)).json();
    expect(h.people.length).toBe(hs[0].members);
    expect(h.people.find((p: { relation: string }) => p.relation === "head").name).toBe(hs[0].head);
    for (const p of h.people) expect(p.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
  });

  it("answers a grid worker asking for a household outside their grid as if it did not exist", async () => {
    const me = (await grid1.get("/api/auth/me")).json().user;
    const theirs = (await grid1.get("/api/registry/compounds")).json().items as Array<{ id: string }>;
    const all = (await staff.get("/api/registry/compounds")).json().items as Array<{ id: string; gridName: string }>;
    const outside = all.find((c) => !theirs.some((x) => x.id === c.id));
    expect(outside, `some compound lies outside ${me.area.name}`).toBeDefined();
    expect((await grid1.get(`/api/registry/compounds/${outside!.id}/buildings`)).statusCode).toBe(404);
    const b = (await staff.get(`/api/registry/compounds/${outside!.id}/buildings`)).json().items[0];
    const h = (await staff.get(`/api/registry/buildings/${b.id}/households`)).json().items[0];
    expect((await grid1.get(`/api/registry/households/${h.id}`)).statusCode).toBe(404);
    const person = (await staff.get(`/api/registry/households/${h.id}`)).json().people[0];
    expect((await grid1.get(`/api/registry/people/${person.id}`)).statusCode).toBe(404);
    const yxq = await as(t, "yxq_staff");
    expect((await yxq.get(`/api/registry/people/${person.id}`)).statusCode).toBe(404);
  });
});

describe("households and residents", () => {
  it("registers a household, derives birth date and sex from the ID number, and keeps moves as history", async () => {
    const { id, personIds } = await newHousehold("9901", 1, [{ name: "测试配偶", idNumber: testIdNumber(2, "F"), relation: "spouse", residence: "resident" }]);
    const p = (await staff.get(`/api/registry/people/${personIds[1]}`)).json();
    expect(p).toMatchObject({ sex: "F", birthDate: "1950-01-03", relation: "spouse", residence: "resident" });
    const child = await staff.post(`/api/registry/households/${id}/members`, { name: "测试子女", idNumber: testIdNumber(3), relation: "child", joinedOn: "2025-05-01" });
    expect(child.statusCode).toBe(200);
    expect((await staff.post(`/api/registry/people/${personIds[1]}/move-out`, { on: "2025-08-01", note: "外出务工" })).statusCode).toBe(200);
    expect((await staff.post(`/api/registry/people/${personIds[0]}/move-out`, { on: "2025-08-01" })).statusCode).toBe(409);
    const h = (await staff.get(`/api/registry/households/${id}`)).json();
    expect(h.members).toBe(2);
    expect(h.people.find((x: { id: string }) => x.id === personIds[1]).status).toBe("moved_out");
    expect(h.history.map((e: { kind: string }) => e.kind).sort()).toEqual(["join", "leave", "move_in"]);
  });

  it("refuses an invalid ID number, a second registration of one person, and a second head", async () => {
    const bad = "530102198001011230";
    const r1 = await staff.post("/api/registry/households", { buildingId, roomNo: "9902", movedInOn: "2025-01-01", members: [{ name: "甲", idNumber: bad, relation: "head" }] });
    expect(r1.statusCode).toBe(400);
    await newHousehold("9903", 4);
    const dup = await staff.post("/api/registry/households", { buildingId, unitNo: 9, roomNo: "9904", movedInOn: "2025-01-01", members: [{ name: "乙", idNumber: testIdNumber(4), relation: "head" }] });
    expect(dup.statusCode).toBe(409);
    const twoHeads = await staff.post("/api/registry/households", {
      buildingId, roomNo: "9905", movedInOn: "2025-01-01",
      members: [{ name: "丙", idNumber: testIdNumber(5), relation: "head" }, { name: "丁", idNumber: testIdNumber(6), relation: "head" }],
    });
    expect(twoHeads.statusCode).toBe(400);
    const n = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM households WHERE room_no IN ('9902', '9904', '9905')`))[0].n;
    expect(Number(n)).toBe(0);
  });

  it("archives a household that moves out and purges it only after the retention period", async () => {
    const { id, personIds } = await newHousehold("9906", 7);
    expect((await staff.post(`/api/registry/households/${id}/move-out`, { on: "2025-06-30" })).statusCode).toBe(200);
    const [h] = await t.database.db.select().from(households).where(eq(households.id, id));
    expect(h).toMatchObject({ status: "archived", movedOutOn: "2025-06-30" });
    expect((await staff.get(`/api/people?q=${encodeURIComponent("测试户主")}`)).json().items.map((p: { id: string }) => p.id)).not.toContain(personIds[0]);
    expect(await purgeArchived(t.database.db, 3 * 365, new Date("2026-01-01T00:00:00Z"))).toMatchObject({ households: 0 });
    const r = await purgeArchived(t.database.db, 3 * 365, new Date("2028-07-01T00:00:00Z"));
    expect(r.households).toBeGreaterThanOrEqual(1);
    expect(await t.database.db.select().from(households).where(eq(households.id, id))).toHaveLength(0);
    expect(await t.database.db.select().from(persons).where(eq(persons.id, personIds[0]))).toHaveLength(0);
  });
});

describe("tags", () => {
  it("records who set a tag and when, and keeps removals as history", async () => {
    const { personIds } = await newHousehold("9910", 10);
    expect((await staff.post(`/api/registry/people/${personIds[0]}/tags`, { tagCode: "no_such_tag" })).statusCode).toBe(400);
    expect((await staff.post(`/api/registry/people/${personIds[0]}/tags`, { tagCode: "new_employment", attrs: { platform: "美团" } })).statusCode).toBe(200);
    const p = (await staff.get(`/api/registry/people/${personIds[0]}`)).json();
    expect(p.tags[0]).toMatchObject({ code: "new_employment", name: "新就业群体", attrs: { platform: "美团" } });
    expect(p.tags[0].setBy).toBeTruthy();
    const found = (await staff.get(`/api/people?tag=new_employment&q=${encodeURIComponent("测试户主")}`)).json().items as Array<{ id: string; tags: string[] }>;
    expect(found.find((x) => x.id === personIds[0])!.tags).toContain("新就业群体");
    expect((await staff.request({ method: "DELETE", url: `/api/registry/people/${personIds[0]}/tags/new_employment` })).statusCode).toBe(200);
    expect((await staff.get(`/api/registry/people/${personIds[0]}`)).json().tags).toEqual([]);
    const history = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM person_tags WHERE person_id = ${personIds[0]} AND removed_at IS NOT NULL`))[0];
    expect(Number(history.n)).toBe(1);
  });

  it("shows the restricted tag 重点人员 only to roles allowed to see it", async () => {
    const { personIds } = await newHousehold("9911", 11);
    expect((await staff.post(`/api/registry/people/${personIds[0]}/tags`, { tagCode: "key_person" })).statusCode).toBe(403);
    expect((await secretary.post(`/api/registry/people/${personIds[0]}/tags`, { tagCode: "key_person" })).statusCode).toBe(200);
    expect((await secretary.get(`/api/registry/people/${personIds[0]}`)).json().tags.map((x: { code: string }) => x.code)).toContain("key_person");
    expect((await staff.get(`/api/registry/people/${personIds[0]}`)).json().tags).toEqual([]);
    expect((await staff.get("/api/registry/tags")).json().items.map((x: { code: string }) => x.code)).not.toContain("key_person");
    expect((await staff.get("/api/people?tag=key_person")).statusCode).toBe(403);
    const s = (await secretary.get("/api/people?tag=key_person")).json().items as Array<{ id: string; tags: string[] }>;
    expect(s.find((x) => x.id === personIds[0])!.tags).toContain("重点人员");
  });
});

describe("protection of personal data", () => {
  it("unmasks for a typed reason with the right, and audits it", async () => {
    const { personIds } = await newHousehold("9920", 20);
    expect((await grid1.post(`/api/registry/people/${personIds[0]}/unmask`, { reason: "核实身份信息" })).statusCode).toBe(403);
    expect((await staff.post(`/api/registry/people/${personIds[0]}/unmask`, {})).statusCode).toBe(400);
    const res = await staff.post(`/api/registry/people/${personIds[0]}/unmask`, { reason: "办理高龄补贴核实身份" });
    expect(res.json()).toEqual({ idNumber: testIdNumber(20), phone: "17700000020" });
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "person.unmask"));
    expect(rows.find((r) => r.targetId === personIds[0])).toMatchObject({ reason: "办理高龄补贴核实身份", actorRole: "community_staff" });
  });

  it("finds people by part of the name, phone tail, ID tail and address, within scope", async () => {
    const { personIds } = await newHousehold("9921", 21);
    const byTail = (await staff.get("/api/people?q=0021")).json().items.map((p: { id: string }) => p.id);
    expect(byTail).toContain(personIds[0]);
    const idTail = testIdNumber(21).slice(-4);
    expect((await staff.get(`/api/people?q=${idTail}`)).json().items.map((p: { id: string }) => p.id)).toContain(personIds[0]);
    expect((await staff.get(`/api/people?q=${encodeURIComponent("户主")}`)).json().items.map((p: { id: string }) => p.id)).toContain(personIds[0]);
    const addr = (await staff.get(`/api/people?address=${encodeURIComponent("9单元9921")}`)).json().items as Array<{ id: string }>;
    expect(addr.map((p) => p.id)).toEqual([personIds[0]]);
    expect((await (await as(t, "yxq_staff")).get("/api/people?q=0021")).json().items.map((p: { id: string }) => p.id)).not.toContain(personIds[0]);
  });

  it("re-encrypts everything under a new key in one step, keeping lookups working", async () => {
    const copy = await createTestApp();
    try {
      const oldCipher = copy.deps.cipher;
      const next = new PersonalDataCipher(Buffer.alloc(32, 9));
      const counts = await rotatePersonalDataKey(copy.database.db, oldCipher, next);
      expect(counts["persons.id_number_enc"]).toBeGreaterThan(30000);
      const [p] = await copy.database.db.select().from(persons).limit(1);
      expect(() => oldCipher.decrypt(p.idNumberEnc)).toThrow();
      const plain = next.decrypt(p.idNumberEnc);
      const [again] = await copy.database.db.select({ id: persons.id }).from(persons).where(eq(persons.idNumberHash, next.blindIndex(plain)));
      expect(again.id).toBe(p.id);
    } finally {
      await copy.close();
    }
  }, 180_000);
});

describe("visits and the resident's own record", () => {
  it("records a home visit with notes and a photo, shown on the household", async () => {
    const gridHouse = (await grid1.get("/api/registry/compounds")).json().items[0];
    const b = (await grid1.get(`/api/registry/compounds/${gridHouse.id}/buildings`)).json().items[0];
    const h = (await grid1.get(`/api/registry/buildings/${b.id}/households`)).json().items[0];
    const photo = (await grid1.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) })).json();
    const res = await grid1.post("/api/registry/visits", { householdId: h.id, notes: "老人身体状况良好，需要助餐服务", photoIds: [photo.id] });
    expect(res.statusCode).toBe(200);
    const detail = (await grid1.get(`/api/registry/households/${h.id}`)).json();
    expect(detail.visits[0]).toMatchObject({ notes: "老人身体状况良好，需要助餐服务" });
    expect(detail.visits[0].photos).toHaveLength(1);
    expect((await staff.get(detail.visits[0].photos[0].thumbUrl)).statusCode).toBe(200);
    expect((await (await as(t, "yxq_staff")).get(detail.visits[0].photos[0].url)).statusCode).toBe(404);
  });

  it("lets a resident see their own record (masked) and ask for a correction that staff settle", async () => {
    const resident = await otpClient("13900000001");
    const mine = (await resident.get("/api/me/person")).json();
    expect(mine.person.phone).toBe("139****0001");
    expect(mine.person.idNumber).toMatch(/\*{10}/);
    expect((await resident.post("/api/me/person/corrections", { field: "residence", proposed: "常住", note: "已长期居住" })).statusCode).toBe(200);
    expect((await resident.post("/api/me/person/corrections", { field: "residence", proposed: "常住" })).statusCode).toBe(409);
    expect((await resident.get("/api/registry/people/" + mine.person.id)).statusCode).toBe(403);
    const open = (await staff.get("/api/registry/corrections")).json().items as Array<{ id: string; personId: string }>;
    const mineReq = open.find((r) => r.personId === mine.person.id)!;
    expect((await staff.post(`/api/registry/corrections/${mineReq.id}`, { status: "done" })).statusCode).toBe(200);
    expect((await resident.get("/api/me/person")).json().corrections[0].status).toBe("done");
  });

  it("keeps a proposed phone encrypted and masked, and writes it into the record when staff accept it", async () => {
    const resident = await otpClient("13900000001");
    const bad = await resident.post("/api/me/person/corrections", { field: "phone", proposed: "1234" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("VALIDATION_FAILED");
    expect((await resident.post("/api/me/person/corrections", { field: "phone", proposed: "139 0000 9901", note: "换了新号码" })).statusCode).toBe(200);
    const raw = rowsOf<{ proposed: string }>(await t.deps.database.db.execute(sql`SELECT proposed FROM correction_requests WHERE field = 'phone'`));
    expect(raw).toHaveLength(1);
    expect(raw[0].proposed).not.toContain("9901");
    const mine = (await resident.get("/api/me/person")).json();
    expect(mine.corrections[0]).toMatchObject({ field: "phone", proposed: "139****9901", status: "open", note: "换了新号码", handledAt: null });
    const open = (await staff.get("/api/registry/corrections")).json().items as Array<{ id: string; field: string; proposed: string }>;
    const req = open.find((r) => r.field === "phone")!;
    expect(req.proposed).toBe("139****9901");
    expect((await staff.post(`/api/registry/corrections/${req.id}`, { status: "done" })).statusCode).toBe(200);
    const after = (await resident.get("/api/me/person")).json();
    expect(after.person.phone).toBe("139****9901");
    expect(after.corrections[0]).toMatchObject({ status: "done" });
    expect(after.corrections[0].handledAt).not.toBeNull();
    const [p] = await t.deps.database.db.select({ phoneHash: persons.phoneHash }).from(persons).where(eq(persons.id, after.person.id));
    expect(p.phoneHash).toBe(t.deps.cipher.blindIndex("13900009901"));
    expect((await staff.post(`/api/registry/corrections/${req.id}`, { status: "rejected" })).statusCode).toBe(409);
  });

  it("answers an account the register does not know with no record rather than an error", async () => {
    const rider = await otpClient("13900000002");
    const res = await rider.get("/api/me/person");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ person: null, corrections: [] });
    expect((await rider.post("/api/me/person/corrections", { field: "name", proposed: "某某" })).statusCode).toBe(404);
  });
});

describe("places", () => {
  it("lists enterprises with credit code, grid and contact, the contact phone masked", async () => {
    const items = (await staff.get("/api/places?kind=enterprise")).json().items as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThan(0);
    for (const p of items) {
      expect(p.creditCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
      expect(p.contactName).toEqual(expect.any(String));
      expect(p.contactPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(p.gridName).toEqual(expect.any(String));
      expect(p).not.toHaveProperty("contactPhoneEnc");
    }
  });

  it("shows residents the credit code but not the contact person", async () => {
    const resident = await otpClient("13900000011");
    const items = (await resident.get("/api/places?kind=shop")).json().items as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0].creditCode).toEqual(expect.any(String));
    expect(items.every((p) => p.contactName === null && p.contactPhone === null)).toBe(true);
  });
});

const otpClients = new Map<string, Client>();
/** A phone-code session; one per phone, since a phone may ask for one code a minute. */
async function otpClient(phone: string) {
  const known = otpClients.get(phone);
  if (known) return known;
  const c = await phoneClient(t, phone);
  otpClients.set(phone, c);
  return c;
}
