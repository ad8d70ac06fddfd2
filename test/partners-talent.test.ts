import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

let t: TestApp;
let staff: Client;
let hkCommunityId: string;
let ipSeq = 0;

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));
const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86400_000).toISOString().slice(0, 10);

/** A public request from its own address, so the per-IP rate limit of one test does not touch another. */
function publicPost(url: string, payload: unknown, ip = `10.1.0.${++ipSeq}`) {
  return t.app.inject({ method: "POST", url, payload: payload as object, remoteAddress: ip });
}

async function newCall(body: Record<string, unknown> = {}) {
  const res = await staff.post("/api/talent/calls", { title: "治理人才招募令", body: "诚邀有专长的居民加入社区治理人才库", categories: ["调解", "医疗", "手艺", "便民"], channels: ["wechat", "notice_board"], opensOn: day(-5), closesOn: day(25), ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; slug: string; signupUrl: string };
}

let signInSeq = 0;
const signedInPhones = new Map<string, Client>();
/** Signs a phone in by one-time code, from its own address (the code request is rate-limited per address). */
async function signIn(phone: string) {
  if (signedInPhones.has(phone)) return signedInPhones.get(phone)!;
  const c = new Client(t.app);
  signedInPhones.set(phone, c);
  const remoteAddress = `10.7.0.${++signInSeq}`;
  await c.request({ method: "POST", url: "/api/auth/otp/request", payload: { phone }, remoteAddress });
  const res = await c.request({ method: "POST", url: "/api/auth/otp/verify", payload: { phone, code: t.deps.sms.lastCodeFor(phone) }, remoteAddress });
  expect(res.statusCode, res.body).toBe(200);
  return c;
}

async function applicationOf(callId: string, tail: string) {
  const items = (await staff.get(`/api/talent/applications?callId=${callId}`)).json().items as Array<{ id: string; phone: string; status: string }>;
  return items.find((a) => a.phone.endsWith(tail))!;
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await as(t, "hk_staff");
  hkCommunityId = (await staff.get("/api/auth/me")).json().user.community.id;
});
afterAll(() => t.close());

describe("recruitment calls and the public sign-up page", () => {
  it("publishes a call with a sign-up URL for the QR code, readable without signing in", async () => {
    const call = await newCall({ slug: "hk-talent-test" });
    expect(call.signupUrl).toBe("/m/join/hk-talent-test");
    const page = await t.app.inject({ method: "GET", url: "/api/public/recruitment/hk-talent-test" });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: "治理人才招募令", communityName: "红康社区", open: true, categories: ["调解", "医疗", "手艺", "便民"] });
    expect(JSON.stringify(page.json())).not.toMatch(/"id"|slug/);
    expect((await t.app.inject({ method: "GET", url: "/api/public/recruitment/no-such-call" })).statusCode).toBe(404);
    const list = (await staff.get("/api/talent/calls")).json().items as Array<{ slug: string; signupUrl: string; open: boolean }>;
    expect(list.find((c) => c.slug === "hk-talent-test")).toMatchObject({ signupUrl: "/m/join/hk-talent-test", open: true });
    expect((await staff.post("/api/talent/calls", { title: "x", body: "y", slug: "hk-talent-test", opensOn: day(0), closesOn: day(1) })).statusCode).toBe(409);
    expect((await staff.post("/api/talent/calls", { title: "x", body: "y", opensOn: day(2), closesOn: day(1) })).statusCode).toBe(400);
  });

  it("answers every sign-up the same way, whether the phone is registered, unknown or has applied already", async () => {
    const call = await newCall();
    const url = `/api/public/recruitment/${call.slug}/applications`;
    const known = await publicPost(url, { name: "张三", phone: "13900000001", category: "调解", skills: ["调解"] });
    const unknown = await publicPost(url, { name: "李四", phone: "13611112222", category: "医疗", skills: ["护理"] });
    const again = await publicPost(url, { name: "李四", phone: "13611112222", category: "便民", skills: ["修理"] });
    for (const r of [known, unknown, again]) {
      expect(r.statusCode).toBe(200);
      expect(r.body).toBe(JSON.stringify({ received: true }));
      expect(r.headers["content-length"]).toBe(known.headers["content-length"]);
    }
    const n = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM talent_applications WHERE call_id = ${call.id}`);
    expect(Number(n[0].n)).toBe(2);
    const raw = await q<Record<string, unknown>>(sql`SELECT * FROM talent_applications WHERE call_id = ${call.id}`);
    expect(JSON.stringify(raw)).not.toContain("13611112222");
    const apps = (await staff.get(`/api/talent/applications?callId=${call.id}`)).json().items as Array<{ phone: string; name: string }>;
    expect(apps.map((a) => a.phone).sort()).toEqual(["136****2222", "139****0001"]);
  });

  it("rate-limits a script hammering the sign-up page (429), per address", async () => {
    const call = await newCall();
    const url = `/api/public/recruitment/${call.slug}/applications`;
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await publicPost(url, { name: "脚本", phone: `1350000${String(1000 + i)}`, category: "便民" }, "10.9.9.9")).statusCode);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes.slice(5)).toEqual([429, 429, 429]);
    const limited = await publicPost(url, { name: "脚本", phone: "13500009999", category: "便民" }, "10.9.9.9");
    expect(limited.json().code).toBe("RATE_LIMITED");
    expect((await publicPost(url, { name: "邻居", phone: "13500008888", category: "便民" }, "10.9.9.10")).statusCode).toBe(200);
    const n = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM talent_applications WHERE call_id = ${call.id}`);
    expect(Number(n[0].n)).toBe(6);
  });

  it("rejects bad sign-ups: a category the call does not list, a bad phone, unknown fields, a closed call", async () => {
    const call = await newCall();
    const url = `/api/public/recruitment/${call.slug}/applications`;
    expect((await publicPost(url, { name: "王五", phone: "13611113333", category: "烹饪" })).statusCode).toBe(400);
    expect((await publicPost(url, { name: "王五", phone: "12345", category: "便民" })).statusCode).toBe(400);
    expect((await publicPost(url, { name: "王五", phone: "13611113333", category: "便民", role: "admin" })).statusCode).toBe(400);
    const closed = await newCall({ opensOn: day(-30), closesOn: day(-1) });
    const res = await publicPost(`/api/public/recruitment/${closed.slug}/applications`, { name: "王五", phone: "13611113333", category: "便民" });
    expect(res.statusCode).toBe(409);
    expect((await t.app.inject({ method: "GET", url: `/api/public/recruitment/${closed.slug}` })).json().open).toBe(false);
  });
});

describe("reviewing applications", () => {
  it("approves an unknown phone into the pool and a team with a new resident account bound to the community", async () => {
    const call = await newCall();
    await publicPost(`/api/public/recruitment/${call.slug}/applications`, { name: "赵医生", phone: "13622223333", category: "医疗", skills: ["全科", "测血压"], intro: "退休医生" });
    const team = (await staff.post("/api/talent/teams", { name: "测试义诊团", kind: "free_clinic" })).json().id as string;
    const app = await applicationOf(call.id, "3333");
    const res = await staff.post(`/api/talent/applications/${app.id}/decision`, { decision: "approve", teamId: team });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "approved", accountCreated: true, tagged: false });
    const again = await staff.post(`/api/talent/applications/${app.id}/decision`, { decision: "reject" });
    expect(again.statusCode).toBe(409);
    const talents = (await staff.get(`/api/talent/talents?teamId=${team}`)).json();
    expect(talents.items).toHaveLength(1);
    expect(talents.items[0]).toMatchObject({ name: "赵医生", category: "医疗", skills: ["全科", "测血压"], teams: [{ id: team, name: "测试义诊团" }] });
    // They sign in by one-time code as a resident of the community and see their place in the pool.
    const phone = await signIn("13622223333");
    const me = (await phone.get("/api/auth/me")).json().user;
    expect(me).toMatchObject({ role: "resident", displayName: "赵医生", community: { id: hkCommunityId } });
    const mine = (await phone.get("/api/talent/me")).json();
    expect(mine.talents[0].teams[0].name).toBe("测试义诊团");
    const notes = (await phone.get("/api/notifications")).json().items as Array<{ kind: string }>;
    expect(notes.some((n) => n.kind === "talent.approved")).toBe(true);
  });

  it("tags the registered person with that phone 治理人才 and keeps one talent row for someone answering two calls", async () => {
    const [person] = await q<{ id: string; phone_enc: string }>(sql`
      SELECT p.id, p.phone_enc FROM persons p
      WHERE p.community_id = ${hkCommunityId} AND p.phone_enc IS NOT NULL AND p.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM person_tags g WHERE g.person_id = p.id AND g.tag_code = 'talent')
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.phone_hash = p.phone_hash)
      ORDER BY p.id LIMIT 1`);
    const phone = t.deps.cipher.decrypt(person.phone_enc);
    const first = await newCall();
    const second = await newCall();
    await publicPost(`/api/public/recruitment/${first.slug}/applications`, { name: "居民甲", phone, category: "调解", skills: ["调解"] });
    await publicPost(`/api/public/recruitment/${second.slug}/applications`, { name: "居民甲", phone, category: "手艺", skills: ["剪纸"] });
    const a1 = await applicationOf(first.id, phone.slice(-4));
    const r1 = (await staff.post(`/api/talent/applications/${a1.id}/decision`, { decision: "approve" })).json();
    expect(r1).toMatchObject({ accountCreated: true, tagged: true });
    const a2 = await applicationOf(second.id, phone.slice(-4));
    const r2 = (await staff.post(`/api/talent/applications/${a2.id}/decision`, { decision: "approve" })).json();
    expect(r2).toMatchObject({ accountCreated: false, talentId: r1.talentId });
    const tags = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM person_tags WHERE person_id = ${person.id} AND tag_code = 'talent' AND removed_at IS NULL`);
    expect(Number(tags[0].n)).toBe(1);
    const [talent] = await q<{ skills: string[]; person_id: string }>(sql`SELECT skills, person_id FROM talents WHERE id = ${r1.talentId}`);
    expect(talent.skills.sort()).toEqual(["剪纸", "调解"].sort());
    expect(talent.person_id).toBe(person.id);
    // the account is bound to the person's home, like a resident signing in by phone
    const [u] = await q<{ person_id: string; area_id: string }>(sql`SELECT person_id, area_id FROM users WHERE phone_hash = ${t.deps.cipher.blindIndex(phone)}`);
    expect(u.person_id).toBe(person.id);
  });

  it("rejects an application, and keeps other communities' applications out of reach", async () => {
    const call = await newCall();
    await publicPost(`/api/public/recruitment/${call.slug}/applications`, { name: "钱七", phone: "13633334444", category: "便民" });
    const app = await applicationOf(call.id, "4444");
    const yxq = await as(t, "yxq_staff");
    expect((await yxq.post(`/api/talent/applications/${app.id}/decision`, { decision: "approve" })).statusCode).toBe(404);
    expect(((await yxq.get("/api/talent/applications")).json().items as Array<{ id: string }>).some((a) => a.id === app.id)).toBe(false);
    const res = await staff.post(`/api/talent/applications/${app.id}/decision`, { decision: "reject", note: "暂不符合" });
    expect(res.json()).toMatchObject({ status: "rejected", talentId: null });
    const users = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM users WHERE phone_hash = ${t.deps.cipher.blindIndex("13633334444")}`);
    expect(Number(users[0].n)).toBe(0);
    const volunteer = await as(t, "hk_volunteer");
    expect((await volunteer.get("/api/talent/applications")).statusCode).toBe(403);
  });
});

describe("teams and problems solved", () => {
  it("forms a team with a leader, hands it a case, and counts the problem solved when the leader marks it", async () => {
    const call = await newCall();
    for (const [name, phone] of [
      ["调解员甲", "13644440001"],
      ["调解员乙", "13644440002"],
    ]) {
      await publicPost(`/api/public/recruitment/${call.slug}/applications`, { name, phone, category: "调解" });
      const app = await applicationOf(call.id, phone.slice(-4));
      await staff.post(`/api/talent/applications/${app.id}/decision`, { decision: "approve" });
    }
    const pool = (await staff.get("/api/talent/talents?q=调解员")).json().items as Array<{ id: string; name: string }>;
    const leader = pool.find((p) => p.name === "调解员甲")!;
    const member = pool.find((p) => p.name === "调解员乙")!;
    const teamRes = await staff.post("/api/talent/teams", { name: "测试矛盾调解队", kind: "mediation", leaderTalentId: leader.id, memberTalentIds: [member.id] });
    expect(teamRes.statusCode, teamRes.body).toBe(200);
    const teamId = teamRes.json().id;

    const [c] = await q<{ id: string }>(sql`SELECT id FROM cases WHERE community_id = ${hkCommunityId} AND category_code LIKE 'dispute%'
      AND NOT EXISTS (SELECT 1 FROM case_links l WHERE l.case_id = cases.id AND l.kind = 'assignment') ORDER BY created_at DESC LIMIT 1`);
    const assign = await staff.post("/api/talent/assignments", { refKind: "case", refId: c.id, teamId, note: "请调解队上门了解情况" });
    expect(assign.statusCode, assign.body).toBe(200);
    expect((await staff.post("/api/talent/assignments", { refKind: "case", refId: c.id, teamId })).statusCode).toBe(409);
    expect((await staff.post("/api/talent/assignments", { refKind: "case", refId: c.id })).statusCode).toBe(400);
    const links = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM case_links WHERE case_id = ${c.id} AND kind = 'assignment'`);
    expect(Number(links[0].n)).toBe(1);

    const leaderPhone = await signIn("13644440001");
    const memberPhone = await signIn("13644440002");
    const notes = (await leaderPhone.get("/api/notifications")).json().items as Array<{ kind: string }>;
    expect(notes.some((n) => n.kind === "assignment.new")).toBe(true);
    const mine = (await leaderPhone.get("/api/talent/me")).json();
    expect(mine.assignments.map((a: { id: string }) => a.id)).toContain(assign.json().id);
    expect((await memberPhone.post(`/api/talent/assignments/${assign.json().id}/actions`, { action: "solve" })).statusCode).toBe(404);
    expect((await leaderPhone.post(`/api/talent/assignments/${assign.json().id}/actions`, { action: "solve", note: "双方达成和解" })).statusCode).toBe(200);
    expect((await leaderPhone.post(`/api/talent/assignments/${assign.json().id}/actions`, { action: "solve" })).statusCode).toBe(409);

    const team = (await staff.get(`/api/talent/teams/${teamId}`)).json();
    expect(team).toMatchObject({ name: "测试矛盾调解队", kindName: "矛盾调解", leader: { id: leader.id }, members: 2, solved: 1, open: 0 });
    expect(team.people.find((p: { id: string }) => p.id === leader.id).leader).toBe(true);
    expect(team.assignments[0]).toMatchObject({ status: "solved", refKind: "case" });
    expect(team.assignments[0].refTitle).toMatch(/^HK-\d{8}-\d{4} /);

    // a person can get one too, and staff can reopen
    const solo = await staff.post("/api/talent/assignments", { refKind: "case", refId: c.id, talentId: member.id });
    expect(solo.statusCode).toBe(200);
    expect((await memberPhone.post(`/api/talent/assignments/${solo.json().id}/actions`, { action: "return", note: "不在本人专长" })).statusCode).toBe(200);
    expect((await staff.post(`/api/talent/assignments/${solo.json().id}/actions`, { action: "reopen" })).statusCode).toBe(200);

    const m = (await staff.get(`/api/partners/measures?from=${day(-1)}&to=${day(1)}`)).json();
    expect(m.teams.find((x: { id: string }) => x.id === teamId)).toMatchObject({ solved: 1, members: 2 });
    expect(m.problemsSolved).toBeGreaterThanOrEqual(1);
  });
});
