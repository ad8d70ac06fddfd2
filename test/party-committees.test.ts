import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "../src/server/db/client";
import { as, Client, createTestApp, type TestApp } from "./support/app";

/**
 * 社区“两委”: the roster of a community's party committee and residents' committee (party module),
 * who may read and change it, and the work report's figure of the 居民区 branches whose secretary
 * sits on it at the period's end (社区“两委”成员中的党员担任居民区党支部书记).
 */

let t: TestApp;
let hkSecretary: Client;
let hkStaff: Client;
let hkGrid: Client;
let yxqStaff: Client;
let hk = "";
let yxq = "";

const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
type Roster = { items: Array<{ id: string; person: { id: string; name: string }; committee: string; position: string; fromOn: string; toOn: string | null; secretaryOf: { id: string; name: string } | null }>; current: number; branchSecretaries: number };

async function figure(from: string, to: string): Promise<number | null | undefined> {
  const res = await hkSecretary.get(`/api/reports/work?from=${from}&to=${to}`);
  expect(res.statusCode, res.body).toBe(200);
  const all = (res.json().sections as Array<{ figures: Array<{ key: string; value: number | null }> }>).flatMap((s) => s.figures);
  return all.find((f) => f.key === "party.branch_secretaries_from_committees")?.value;
}

beforeAll(async () => {
  t = await createTestApp();
  [hkSecretary, hkStaff, hkGrid, yxqStaff] = await Promise.all(["hk_secretary", "hk_staff", "hk_grid1", "yxq_staff"].map((u) => as(t, u)));
  [{ id: hk }, { id: yxq }] = await q<{ id: string }>(sql`SELECT id FROM areas WHERE level = 'community' ORDER BY name = '红康社区' DESC`);
});
afterAll(() => t.close());

describe("the 两委 roster", () => {
  it("lists 红康's 两委 with masked names; three grid branch secretaries sit on it", async () => {
    const res = await hkStaff.get("/api/party/committee-members");
    expect(res.statusCode, res.body).toBe(200);
    const roster = res.json() as Roster;
    expect(roster.current).toBeGreaterThanOrEqual(7);
    expect(roster.current).toBeLessThanOrEqual(9);
    expect(roster.branchSecretaries).toBe(3);
    for (const m of roster.items) expect(m.person.name).toMatch(/^\S\*$/);
    expect(new Set(roster.items.map((m) => m.committee))).toEqual(new Set(["party_committee", "residents_committee"]));
    // A past term is kept, listed after the members in office.
    const ended = roster.items.findIndex((m) => m.toOn !== null);
    expect(ended).toBeGreaterThan(0);
    expect(roster.items.slice(ended).every((m) => m.toOn !== null)).toBe(true);
    // Only the party-work roles read it; another community's staff see their own.
    expect((await hkGrid.get("/api/party/committee-members")).statusCode).toBe(403);
    const theirs = (await yxqStaff.get("/api/party/committee-members")).json() as Roster;
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.some((m) => roster.items.some((x) => x.id === m.id))).toBe(false);
    expect((await yxqStaff.get(`/api/party/committee-members?communityId=${hk}`)).statusCode).toBe(404);
  });

  it("adds a member (audited), refuses a second open term and a resident of another community, validates the body", async () => {
    const [p] = await q<{ id: string }>(sql`SELECT p.id FROM persons p WHERE p.community_id = ${hk} AND p.status = 'active' AND p.birth_date < '1990-01-01'
      AND NOT EXISTS (SELECT 1 FROM community_committee_members c WHERE c.person_id = p.id) ORDER BY p.id LIMIT 1`);
    const res = await hkStaff.post("/api/party/committee-members", { personId: p.id, committee: "residents_committee", position: "委员", fromOn: "2025-03-01" });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id as string;
    const roster = (await hkStaff.get("/api/party/committee-members?asOf=2025-03-01")).json() as Roster;
    expect(roster.items.find((m) => m.id === id)).toMatchObject({ person: { id: p.id }, committee: "residents_committee", position: "委员", fromOn: "2025-03-01", toOn: null });
    // Not in office before the term began.
    expect(((await hkStaff.get("/api/party/committee-members?asOf=2025-02-28")).json() as Roster).items.some((m) => m.id === id)).toBe(false);
    const audit = await q<{ after: { committee: string } }>(sql`SELECT after FROM audit_log WHERE action = 'party.committee_member_add' AND target_id = ${id}`);
    expect(audit.map((a) => a.after.committee)).toEqual(["residents_committee"]);

    const again = await hkStaff.post("/api/party/committee-members", { personId: p.id, committee: "residents_committee", position: "副主任", fromOn: "2025-06-01" });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "CONFLICT" });
    // The same person may sit on the other committee (交叉任职).
    expect((await hkStaff.post("/api/party/committee-members", { personId: p.id, committee: "party_committee", position: "委员", fromOn: "2025-06-01" })).statusCode).toBe(200);

    const [foreign] = await q<{ id: string }>(sql`SELECT id FROM persons WHERE community_id = ${yxq} AND status = 'active' ORDER BY id LIMIT 1`);
    const stranger = await hkStaff.post("/api/party/committee-members", { personId: foreign.id, committee: "residents_committee", position: "委员", fromOn: "2025-03-01" });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().details[0].path).toBe("/personId");
    expect((await hkStaff.post("/api/party/committee-members", { communityId: yxq, personId: foreign.id, committee: "residents_committee", position: "委员", fromOn: "2025-03-01" })).statusCode).toBe(404);
    for (const bad of [
      { personId: p.id, committee: "street_committee", position: "委员", fromOn: "2025-03-01" },
      { personId: p.id, committee: "residents_committee", position: "", fromOn: "2025-03-01" },
      { personId: p.id, committee: "residents_committee", position: "委员", fromOn: "2099-01-01" },
      { personId: p.id, committee: "residents_committee", position: "委员", fromOn: "2025-03-01", extra: 1 },
    ]) {
      const r = await hkStaff.post("/api/party/committee-members", bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().code).toBe("VALIDATION_FAILED");
    }
    expect((await hkGrid.post("/api/party/committee-members", { personId: p.id, committee: "party_committee", position: "委员", fromOn: "2025-03-01" })).statusCode).toBe(403);
  });

  it("counts a compound branch's secretary while on the 两委 and not after the term ended", async () => {
    expect(await figure("2023-12-01", "2024-12-31")).toBe(3);
    const [b] = await q<{ person_id: string; name: string }>(sql`SELECT m.person_id, o.name FROM party_orgs o JOIN party_members m ON m.id = o.leader_member_id
      WHERE o.community_id = ${hk} AND o.name = '金水湾小区党支部'`);
    const res = await hkSecretary.post("/api/party/committee-members", { personId: b.person_id, committee: "residents_committee", position: "委员", fromOn: "2024-06-01" });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id as string;
    expect(await figure("2023-12-01", "2024-12-31")).toBe(4);
    // Before the term began, the period's end finds three.
    expect(await figure("2024-01-01", "2024-05-31")).toBe(3);
    const roster = (await hkSecretary.get("/api/party/committee-members")).json() as Roster;
    expect(roster.items.find((m) => m.id === id)?.secretaryOf?.name).toBe("金水湾小区党支部");
    expect(roster.branchSecretaries).toBe(4);

    expect((await hkSecretary.post(`/api/party/committee-members/${id}/end`, { toOn: "2024-05-31" })).statusCode).toBe(400);
    const end = await hkSecretary.post(`/api/party/committee-members/${id}/end`, { toOn: "2024-09-30" });
    expect(end.statusCode, end.body).toBe(200);
    expect(await figure("2023-12-01", "2024-12-31")).toBe(3);
    expect(await figure("2024-07-01", "2024-09-30")).toBe(4);
    expect((await hkSecretary.post(`/api/party/committee-members/${id}/end`, { toOn: "2024-10-31" })).statusCode).toBe(409);
    const audit = await q<{ after: { toOn: string } }>(sql`SELECT after FROM audit_log WHERE action = 'party.committee_member_end' AND target_id = ${id}`);
    expect(audit.map((a) => a.after.toOn)).toEqual(["2024-09-30"]);
    // Another community's record is not found.
    const [theirs] = await q<{ id: string }>(sql`SELECT id FROM community_committee_members WHERE community_id = ${yxq} ORDER BY id LIMIT 1`);
    expect((await hkSecretary.post(`/api/party/committee-members/${theirs.id}/end`, { toOn: "2024-09-30" })).statusCode).toBe(404);
  });
});
