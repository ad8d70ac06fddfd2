import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

let t: TestApp;
let staff: Client;
let secretary: Client;
let branch: Client;
let grid1: Client;
let partner: Client;
let yxqStaff: Client;
let resident: Client;
let rider: Client;
let micro1: { id: string; center: [number, number]; name: string; parentId: string };

const H = 3600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const localDay = (ms = 0) => new Date(Date.now() + ms + 8 * H).toISOString().slice(0, 10);

const phones = new Map<string, Client>();
async function phoneOnce(phone: string) {
  const known = phones.get(phone);
  if (known) return known;
  const c = await phoneClient(t, phone);
  phones.set(phone, c);
  return c;
}

const count = async (table: string) => Number(rowsOf<{ n: number }>(await t.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0].n);

async function reportCase(c: Client, description: string, categoryCode = "sanitation", location: [number, number] = micro1.center) {
  const res = await c.post("/api/cases", { categoryCode, description, location });
  expect(res.statusCode).toBe(200);
  return res.json().id as string;
}

/** A meeting of 红康 running now, opened, with its code. */
async function openMeetingNow(body: Record<string, unknown> = {}) {
  const res = await staff.post("/api/meetings", {
    kind: "bench",
    title: "3栋楼下板凳议事会",
    startsAt: iso(-0.5 * H),
    endsAt: iso(2 * H),
    place: "康宁花园3栋楼下长椅",
    location: micro1.center,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id as string;
  const opened = await staff.post(`/api/meetings/${id}/open`);
  expect(opened.statusCode).toBe(200);
  return { id, code: opened.json().checkin.code as string, url: opened.json().checkin.url as string };
}

const FIVE = [
  { partyKind: "party_committee", name: "红康社区党委" },
  { partyKind: "partner_unit", name: "昆明市口腔医院" },
  { partyKind: "property_committee", name: "康宁花园物委会" },
  { partyKind: "property_company", name: "昆明康居物业服务有限公司" },
  { partyKind: "resident_rep", name: "康宁花园居民代表" },
];

beforeAll(async () => {
  t = await createTestApp();
  [staff, secretary, branch, grid1, partner, yxqStaff] = await Promise.all(["hk_staff", "hk_secretary", "hk_branch", "hk_grid1", "hk_partner", "yxq_staff"].map((u) => as(t, u)));
  resident = await phoneOnce("13900000001");
  rider = await phoneOnce("13900000002");
  const tree = (await staff.get("/api/areas/tree")).json().items as Array<{ id: string; level: string; name: string; center: [number, number]; parentId: string }>;
  const me = (await grid1.get("/api/auth/me")).json().user;
  micro1 = tree.find((n) => n.level === "microgrid" && n.parentId === me.area.id)!;
});
afterAll(() => t.close());

describe("topics", () => {
  it("lets a resident propose a topic and neighbours support it once each, never the proposer", async () => {
    const p = await resident.post("/api/topics/proposals", { title: "小区东门增设非机动车充电桩", description: "电动车在楼道充电有火灾隐患，希望在东门空地增设充电桩。", affected: ["康宁花园"] });
    expect(p.statusCode, p.body).toBe(200);
    const id = p.json().id;
    const own = await resident.post(`/api/topics/${id}/supports`);
    expect(own.statusCode).toBe(403);
    expect(own.json().details.reason).toBe("own_proposal");
    const first = await rider.post(`/api/topics/${id}/supports`);
    expect(first.json()).toEqual({ topicId: id, supportCount: 1 });
    const second = await rider.post(`/api/topics/${id}/supports`);
    expect(second.statusCode).toBe(409);
    expect(second.json().details.reason).toBe("already_supported");
    expect((await partner.post(`/api/topics/${id}/supports`)).json().supportCount).toBe(2);
    // another community's resident does not even see it
    const yxqResident = await phoneOnce("13900000011");
    expect((await yxqResident.post(`/api/topics/${id}/supports`)).statusCode).toBe(404);

    const detail = (await staff.get(`/api/topics/${id}`)).json();
    expect(detail).toMatchObject({ source: "proposal", status: "proposed", supportCount: 2, affected: ["康宁花园"] });
    expect(detail.proposer.name).toBeTruthy();
    const mine = (await rider.get("/api/community/topics")).json().items.find((x: { id: string }) => x.id === id);
    expect(mine).toMatchObject({ supportedByMe: true, mine: false, supportCount: 2 });
    expect(JSON.stringify(mine)).not.toContain(detail.proposer.name);
    const staffNotes = (await staff.get("/api/notifications")).json().items as Array<{ title: string }>;
    expect(staffNotes.some((n) => n.title.includes("小区东门增设非机动车充电桩"))).toBe(true);
  });

  it("lists repeated cases as a candidate group, and puts them on the agenda in one call", async () => {
    const ids = [];
    for (const d of ["楼下垃圾桶满溢无人清运", "垃圾桶周边污水横流", "垃圾清运不及时有异味"]) ids.push(await reportCase(resident, d));
    const groups = (await staff.get("/api/topics/candidates")).json().items as Array<{ reason: string; area: { id: string }; categoryCode: string; cases: Array<{ id: string }> }>;
    const group = groups.find((g) => g.reason === "repeated" && g.area.id === micro1.id && g.categoryCode === "sanitation");
    expect(group).toBeTruthy();
    expect(group!.cases.map((c) => c.id)).toEqual(expect.arrayContaining(ids));

    const res = await staff.post("/api/topics/from-cases", { caseIds: ids });
    expect(res.statusCode, res.body).toBe(200);
    const topic = (await staff.get(`/api/topics/${res.json().id}`)).json();
    expect(topic).toMatchObject({ source: "case", status: "proposed", caseCount: 3, area: { id: micro1.id } });
    expect(topic.categories).toEqual([{ code: "sanitation", name: expect.any(String), count: 3 }]);
    expect(topic.affected).toContain(micro1.name);
    expect(topic.cases.map((c: { id: string }) => c.id).sort()).toEqual([...ids].sort());
    // once on a live topic, the cases are no longer candidates and cannot go on another topic
    const again = (await staff.get("/api/topics/candidates")).json().items as Array<{ cases: Array<{ id: string }> }>;
    expect(again.flatMap((g) => g.cases.map((c) => c.id))).not.toContain(ids[0]);
    const twice = await staff.post("/api/topics/from-cases", { caseIds: [ids[0]] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().details.reason).toBe("already_on_agenda");
  });

  it("refuses a topic linked to a case outside the caller's scope, writing nothing", async () => {
    const hk = await reportCase(resident, "外部范围测试：井盖松动", "road");
    const before = await count("topics");
    const other = await yxqStaff.post("/api/topics/from-cases", { caseIds: [hk] });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe("NOT_FOUND");
    const yxqResident = await phoneOnce("13900000011");
    const yxqCase = (await yxqResident.post("/api/cases", { categoryCode: "road", description: "怡心桥的路面破损" })).json().id;
    const mixed = await staff.post("/api/topics/from-cases", { caseIds: [hk, yxqCase] });
    expect(mixed.statusCode).toBe(404);
    expect(mixed.json().details.caseIds).toEqual([yxqCase]);
    expect((await grid1.post("/api/topics/from-cases", { caseIds: [hk] })).statusCode).toBe(403);
    expect(await count("topics")).toBe(before);
    expect(rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM topic_cases WHERE case_id = ${hk}`))[0].n).toBe(0);
  });

  it("masks phones, ID numbers and registered names in the topics residents read", async () => {
    const [person] = rowsOf<{ name: string }>(
      await t.database.db.execute(sql`SELECT p.name FROM persons p JOIN areas a ON a.id = p.community_id WHERE a.name = '红康社区' AND char_length(p.name) = 3 ORDER BY p.id LIMIT 1`),
    );
    const text = `楼下${person.name}家晚上装修，联系电话 138-1234-5678，身份证 530102199001011234，请协调`;
    const id = (await resident.post("/api/topics/proposals", { title: `夜间装修噪音 ${person.name}`, description: text })).json().id;
    const seen = (await rider.get("/api/community/topics")).json().items.find((x: { id: string }) => x.id === id);
    expect(seen.description).not.toContain(person.name);
    expect(seen.title).not.toContain(person.name);
    expect(seen.description).not.toMatch(/138.?1234.?5678/);
    expect(seen.description).not.toContain("530102199001011234");
    expect(seen.description).toContain("晚上装修");
    // Staff of the scope read the text as written.
    expect((await staff.get(`/api/topics/${id}`)).json().description).toBe(text);
  });

  it("drops a topic with a reason told to its proposer, after which it takes no support", async () => {
    const id = (await resident.post("/api/topics/proposals", { title: "广场舞时间调整", description: "晚上九点后音乐扰民" })).json().id;
    const res = await staff.post(`/api/topics/${id}/drop`, { reason: "已由物业直接协调解决" });
    expect(res.statusCode).toBe(200);
    expect((await staff.post(`/api/topics/${id}/drop`, { reason: "again" })).statusCode).toBe(409);
    expect((await rider.post(`/api/topics/${id}/supports`)).statusCode).toBe(404);
    const notes = (await resident.get("/api/notifications")).json().items as Array<{ title: string; body: string }>;
    expect(notes.some((n) => n.title.includes("广场舞时间调整") && n.body === "已由物业直接协调解决")).toBe(true);
  });
});

describe("meetings", () => {
  it("opens a bench meeting with a QR sign-in; signing in twice is harmless and the count comes from sign-ins", async () => {
    const { id, code, url } = await openMeetingNow({ parties: FIVE });
    expect(url).toBe(`/m/meetings/${id}/checkin?code=${code}`);
    const wrong = await resident.post(`/api/meetings/${id}/checkin`, { code: "not-the-code" });
    expect(wrong.statusCode).toBe(403);
    const first = await resident.post(`/api/meetings/${id}/checkin`, { code });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ already: false, attendeeCount: 1 });
    const again = await resident.post(`/api/meetings/${id}/checkin`, { code });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ already: true, attendeeCount: 1, attendanceId: first.json().attendanceId });
    await partner.post(`/api/meetings/${id}/checkin`, { code });
    const tick = await staff.post(`/api/meetings/${id}/attendance`, { name: "王桂芳", partyKind: "property_committee" });
    expect(tick.json()).toMatchObject({ already: false, attendeeCount: 3 });
    expect((await staff.post(`/api/meetings/${id}/attendance`, { name: "王桂芳", partyKind: "property_committee" })).json()).toMatchObject({ already: true, attendeeCount: 3 });
    const m = (await staff.get(`/api/meetings/${id}`)).json();
    expect(m).toMatchObject({ status: "open", attendeeCount: 3, fivePartyPresent: false, checkin: { code } });
    expect(m.partiesPresent.sort()).toEqual(["partner_unit", "property_committee", "resident_rep"]);
    expect(m.parties).toHaveLength(5);
    expect(m.attendance.map((a: { method: string }) => a.method).sort()).toEqual(["qr", "qr", "staff"]);
    // a community-level meeting lies outside a grid worker's scope
    const gm = (await grid1.get(`/api/meetings/${id}`));
    expect(gm.statusCode).toBe(404);
    const audit = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE target_id = ${id} AND action = 'meeting.checkin'`))[0].n;
    expect(audit).toBe(2);
  });

  it("refuses signing in to a meeting that is over", async () => {
    const { id, code } = await openMeetingNow();
    await staff.post(`/api/meetings/${id}/close`, { minutes: "会议纪要：议定事项如下。" });
    const late = await resident.post(`/api/meetings/${id}/checkin`, { code });
    expect(late.statusCode).toBe(409);
    expect(late.json().details.reason).toBe("meeting_closed");
    // open but past its end time
    const past = (await staff.post("/api/meetings", { kind: "residents_council", title: "补录的议事会", startsAt: iso(-5 * H), endsAt: iso(-3 * H), place: "社区党群服务中心议事厅" })).json().id;
    const opened = (await staff.post(`/api/meetings/${past}/open`)).json();
    const ended = await resident.post(`/api/meetings/${past}/checkin`, { code: opened.checkin.code });
    expect(ended.statusCode).toBe(409);
    expect(ended.json().details.reason).toBe("meeting_over");
    // staff may still tick the paper sign-in sheet
    expect((await staff.post(`/api/meetings/${past}/attendance`, { name: "李国强", partyKind: "resident_rep" })).statusCode).toBe(200);
    // a planned meeting has no code yet
    const planned = (await staff.post("/api/meetings", { kind: "public_talk", title: "民情恳谈会", startsAt: iso(H), endsAt: iso(3 * H), place: "社区广场" })).json().id;
    expect((await resident.post(`/api/meetings/${planned}/checkin`, { code: "whatever-code" })).statusCode).toBe(409);
  });

  it("rejects a meeting that ends before it starts and an agenda topic of another community", async () => {
    const bad = await staff.post("/api/meetings", { kind: "bench", title: "x", startsAt: iso(2 * H), endsAt: iso(H), place: "x" });
    expect(bad.statusCode).toBe(400);
    const yxqTopic = (await yxqStaff.post("/api/topics", { title: "怡心桥议题", description: "d" })).json().id;
    const res = await staff.post("/api/meetings", { kind: "bench", title: "x", startsAt: iso(H), endsAt: iso(2 * H), place: "x", topicIds: [yxqTopic] });
    expect(res.statusCode).toBe(404);
  });

  it("records each party's opinions and a five-party resolution when all five parties signed in", async () => {
    const topic = (await staff.post("/api/topics", { title: "康宁花园地下车库渗水", description: "雨季地下车库渗水严重", affected: ["康宁花园地下车库"] })).json().id;
    const { id, code } = await openMeetingNow({ kind: "five_party", title: "五方联动协调会", parties: FIVE, topicIds: [topic] });
    expect((await staff.get(`/api/topics/${topic}`)).json().status).toBe("on_agenda");
    await staff.post(`/api/meetings/${id}/checkin`, { code });
    await partner.post(`/api/meetings/${id}/checkin`, { code });
    await resident.post(`/api/meetings/${id}/checkin`, { code });
    await staff.post(`/api/meetings/${id}/attendance`, { name: "赵建华", partyKind: "property_committee" });
    // four parties only: not five-party
    const t2 = (await staff.post("/api/topics", { title: "四方议题", description: "d" })).json().id;
    await staff.post(`/api/meetings/${id}/agenda`, { topicIds: [t2] });
    const four = await staff.post(`/api/meetings/${id}/resolutions`, { topicId: t2, text: "先行排查", dueOn: localDay(7 * 24 * H), owners: [{ partyKind: "property_committee", name: "康宁花园物委会" }] });
    expect(four.json().fiveParty).toBe(false);
    await staff.post(`/api/meetings/${id}/attendance`, { name: "钱经理", partyKind: "property_company" });
    for (const [partyKind, speaker, text] of [
      ["property_company", "钱经理", "同意出资修复防水层"],
      ["resident_rep", "居民代表", "希望雨季前完成"],
    ]) {
      expect((await staff.post(`/api/meetings/${id}/opinions`, { topicId: topic, partyKind, speaker, text })).statusCode).toBe(200);
    }
    expect((await staff.post(`/api/meetings/${id}/opinions`, { topicId: "00000000-0000-7000-8000-000000000000", partyKind: "other", speaker: "x", text: "x" })).statusCode).toBe(400);
    const gridUser = (await grid1.get("/api/auth/me")).json().user;
    const r = await staff.post(`/api/meetings/${id}/resolutions`, {
      topicId: topic,
      text: "物业公司负责修复防水层，物委会监督，社区跟踪",
      dueOn: localDay(30 * 24 * H),
      owners: [{ partyKind: "property_company", name: "昆明康居物业服务有限公司" }, { userId: gridUser.id }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().fiveParty).toBe(true);
    const dup = await staff.post(`/api/meetings/${id}/resolutions`, { topicId: topic, text: "again", dueOn: localDay(30 * 24 * H), owners: [{ partyKind: "other", name: "x" }] });
    expect(dup.statusCode).toBe(409);
    const m = (await staff.get(`/api/meetings/${id}`)).json();
    expect(m.fivePartyPresent).toBe(true);
    expect(m.opinions).toHaveLength(2);
    expect(m.resolutions.map((x: { fiveParty: boolean }) => x.fiveParty).sort()).toEqual([false, true]);
    const detail = (await staff.get(`/api/topics/${topic}`)).json();
    expect(detail).toMatchObject({ status: "decided", fiveParty: true });
    expect(detail.resolutions[0].owners.map((o: { partyKind: string }) => o.partyKind).sort()).toEqual(["party_committee", "property_company"]);
    const notes = (await grid1.get("/api/notifications")).json().items as Array<{ title: string }>;
    expect(notes.some((n) => n.title.includes("康宁花园地下车库渗水"))).toBe(true);
  });

  it("returns the topics of a cancelled meeting to proposed", async () => {
    const topic = (await staff.post("/api/topics", { title: "取消会议测试", description: "d" })).json().id;
    const id = (await staff.post("/api/meetings", { kind: "residents_council", title: "x", startsAt: iso(24 * H), endsAt: iso(26 * H), place: "议事厅", topicIds: [topic] })).json().id;
    expect((await staff.post(`/api/meetings/${id}/cancel`, { reason: "天气原因" })).json().status).toBe("cancelled");
    expect((await staff.get(`/api/topics/${topic}`)).json().status).toBe("proposed");
    expect((await staff.post(`/api/meetings/${id}/open`)).statusCode).toBe(409);
  });
});

describe("resolutions", () => {
  async function resolutionOwnedBy(owners: unknown[], dueOn = localDay(10 * 24 * H), startsAt = -0.5 * H) {
    const topic = (await staff.post("/api/topics", { title: `决议测试${Math.random().toString(36).slice(2, 6)}`, description: "d" })).json().id;
    const m = (await staff.post("/api/meetings", { kind: "grid_governance", title: "网格综治会", startsAt: iso(startsAt), endsAt: iso(startsAt + 2 * H), place: "网格工作站", topicIds: [topic] })).json().id;
    // held without the QR: its resolution written down, then closed (a closed meeting is read-only)
    expect((await staff.post(`/api/meetings/${m}/open`)).statusCode).toBe(200);
    const r = await staff.post(`/api/meetings/${m}/resolutions`, { topicId: topic, text: "限期整改", dueOn, owners });
    expect(r.statusCode, r.body).toBe(200);
    expect((await staff.post(`/api/meetings/${m}/close`, {})).statusCode).toBe(200);
    return { topic, meeting: m, id: r.json().id as string };
  }

  it("takes progress with photos and a percentage from an owner or the community's staff, and done only from an owner", async () => {
    const gridUser = (await grid1.get("/api/auth/me")).json().user;
    const { id, topic } = await resolutionOwnedBy([{ userId: gridUser.id }]);
    const { jpegWithGps, multipart } = await import("./support/images");
    const photo = (await grid1.request({ method: "POST", url: "/api/files", ...multipart(await jpegWithGps()) })).json().id;
    const p1 = await grid1.post(`/api/resolutions/${id}/progress`, { text: "已完成现场勘查", percent: 30, photoIds: [photo] });
    expect(p1.statusCode, p1.body).toBe(200);
    expect((await grid1.post(`/api/resolutions/${id}/progress`, { text: "x", percent: 40, photoIds: [photo] })).statusCode).toBe(400);
    expect((await branch.post(`/api/resolutions/${id}/progress`, { text: "社区跟进：材料已采购", percent: 60 })).statusCode).toBe(200);
    expect((await grid1.post(`/api/resolutions/${id}/progress`, { text: "stale", percent: 70, version: 1 })).statusCode).toBe(409);

    const before = (await staff.get(`/api/resolutions/${id}`)).json();
    expect(before).toMatchObject({ percent: 60, status: "open", canUpdate: true, canComplete: false });
    expect(before.updates.map((u: { percent: number }) => u.percent)).toEqual([30, 60]);
    expect(before.updates[0].photos).toHaveLength(1);
    for (const c of [branch, secretary, staff]) {
      const res = await c.post(`/api/resolutions/${id}/complete`, { text: "我来办结" });
      expect(res.statusCode).toBe(403);
      expect(res.json().details.reason).toBe("not_owner");
    }
    // not of the scope at all
    expect((await partner.post(`/api/resolutions/${id}/complete`, { text: "x" })).statusCode).toBe(404);
    expect((await yxqStaff.get(`/api/resolutions/${id}`)).statusCode).toBe(404);
    expect((await staff.get(`/api/resolutions/${id}`)).json().status).toBe("open");

    const done = await grid1.post(`/api/resolutions/${id}/complete`, { text: "整改完成，已验收" });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ topicStatus: "settled", closedCases: [] });
    expect((await grid1.post(`/api/resolutions/${id}/complete`, { text: "again" })).statusCode).toBe(409);
    expect((await staff.get(`/api/topics/${topic}`)).json()).toMatchObject({ status: "settled", settledAt: expect.any(String) });
  });

  it("lets the community's staff close a resolution owned by a party without an account", async () => {
    const { id } = await resolutionOwnedBy([{ partyKind: "property_company", name: "昆明康居物业服务有限公司" }]);
    expect((await staff.get(`/api/resolutions/${id}`)).json().canComplete).toBe(true);
    expect((await grid1.post(`/api/resolutions/${id}/complete`, { text: "x" })).statusCode).toBe(404);
    expect((await staff.post(`/api/resolutions/${id}/complete`, { text: "物业已完成整改" })).statusCode).toBe(200);
  });

  it("lists overdue resolutions for the dashboard", async () => {
    const { id } = await resolutionOwnedBy([{ partyKind: "property_company", name: "某物业" }], localDay(-3 * 24 * H), -10 * 24 * H);
    const overdue = (await secretary.get("/api/resolutions?status=overdue")).json().items as Array<{ id: string; overdue: boolean }>;
    expect(overdue.find((r) => r.id === id)).toMatchObject({ overdue: true });
    expect(overdue.every((r) => r.overdue)).toBe(true);
    expect((await yxqStaff.get("/api/resolutions?status=overdue")).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
  });
});

describe("the loop: from a complaint to a decision and back", () => {
  it("closes the reporter's case with the resolution when the resolution is done", async () => {
    // a resident reports; the grid worker escalates it to the community
    const caseId = await reportCase(resident, "茉莉苑旁废品收购站露天堆放，气味和夜间噪音扰民", "sanitation");
    expect((await grid1.post(`/api/cases/${caseId}/transitions`, { action: "accept" })).statusCode).toBe(200);
    const esc = await grid1.post(`/api/cases/${caseId}/transitions`, { action: "escalate", note: "涉及多方，需社区协调" });
    expect(esc.json()).toMatchObject({ level: "community", status: "accepted" });
    const candidates = (await staff.get("/api/topics/candidates")).json().items as Array<{ cases: Array<{ id: string }> }>;
    expect(candidates.some((g) => g.cases.some((c) => c.id === caseId))).toBe(true);

    // staff put it on the agenda and hold a bench meeting on site
    const topicId = (await staff.post("/api/topics/from-cases", { caseIds: [caseId], title: "废品收购站脏乱和噪音问题" })).json().id;
    const { id: meetingId, code } = await openMeetingNow({ title: "废品收购站现场板凳议事会", parties: FIVE, topicIds: [topicId] });
    for (const c of [staff, partner, resident]) expect((await c.post(`/api/meetings/${meetingId}/checkin`, { code })).statusCode).toBe(200);
    await staff.post(`/api/meetings/${meetingId}/attendance`, { name: "张德明", partyKind: "property_committee" });
    await staff.post(`/api/meetings/${meetingId}/attendance`, { name: "周经理", partyKind: "property_company" });
    const staffUser = (await staff.get("/api/auth/me")).json().user;
    const r = (await staff.post(`/api/meetings/${meetingId}/resolutions`, {
      topicId,
      text: "联合街道职能部门、消防队、派出所开展联合整治，督促废品收购站选新址搬离",
      dueOn: localDay(20 * 24 * H),
      owners: [{ userId: staffUser.id }, { partyKind: "department", name: "红云街道城管中队" }],
    })).json();
    expect(r.fiveParty).toBe(true);
    await staff.post(`/api/meetings/${meetingId}/close`, { minutes: "各方同意联合整治。" });

    // the reporter sees the case still open, the topic and resolution in the public view
    expect((await resident.get(`/api/cases/${caseId}`)).json().status).not.toBe("closed");
    const pub = (await resident.get(`/api/community/topics/${topicId}`)).json();
    expect(pub.resolutions[0]).toMatchObject({ status: "open", fiveParty: true, meeting: { kind: "bench" } });

    await staff.post(`/api/resolutions/${r.id}/progress`, { text: "联合整治已开展", percent: 50 });
    const done = await staff.post(`/api/resolutions/${r.id}/complete`, { text: "废品收购站已搬离，原址清理完毕" });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().closedCases).toEqual([caseId]);

    const mine = (await resident.get(`/api/cases/${caseId}`)).json();
    expect(mine).toMatchObject({ status: "closed", closureKind: "resolved", closedByRef: `resolution:${r.id}` });
    expect(mine.actions).toEqual(expect.arrayContaining(["rate"]));
    expect(mine.timeline.at(-1)).toMatchObject({ action: "close", data: { closedByRef: `resolution:${r.id}` } });
    const notes = (await resident.get("/api/notifications")).json().items as Array<{ title: string; link: string }>;
    expect(notes.find((n) => n.link === `case:${caseId}` && n.title.includes("已通过议事协商解决"))).toBeTruthy();
    const links = rowsOf<{ kind: string }>(await t.database.db.execute(sql`SELECT kind FROM case_links WHERE case_id = ${caseId} ORDER BY kind`));
    expect(links.map((l) => l.kind)).toEqual(["resolution", "topic"]);
    const audits = rowsOf<{ action: string }>(await t.database.db.execute(sql`SELECT action FROM audit_log WHERE target_id = ${caseId} ORDER BY at`));
    expect(audits.map((a) => a.action)).toContain("case.close_by_reference");
    expect((await staff.get(`/api/topics/${topicId}`)).json().status).toBe("settled");

    const measures = (await secretary.get(`/api/deliberation/measures?from=${localDay()}&to=${localDay()}`)).json();
    expect(measures.fivePartySettled).toBeGreaterThanOrEqual(1);
    expect(measures.byKind.find((k: { kind: string }) => k.kind === "bench").topicsSettled).toBeGreaterThanOrEqual(1);
    expect(measures.resolutions.doneOnTime).toBeGreaterThanOrEqual(1);
  });
});

describe("what residents see", () => {
  it("shows upcoming public meetings of their community only, and nothing personal", async () => {
    const pub = (await staff.post("/api/meetings", { kind: "residents_council", title: "十二月居民议事会", startsAt: iso(48 * H), endsAt: iso(50 * H), place: "红康社区党群服务中心议事厅", parties: FIVE })).json().id;
    const priv = (await staff.post("/api/meetings", { kind: "party_joint", title: "党建联席会议（内部）", startsAt: iso(48 * H), endsAt: iso(50 * H), place: "会议室", isPublic: false })).json().id;
    const items = (await resident.get("/api/community/meetings")).json().items as Array<{ id: string; parties: unknown[] }>;
    expect(items.map((m) => m.id)).toContain(pub);
    expect(items.map((m) => m.id)).not.toContain(priv);
    expect(items.find((m) => m.id === pub)!.parties).toHaveLength(5);
    expect((await (await phoneOnce("13900000011")).get("/api/community/meetings")).json().items.map((m: { id: string }) => m.id)).not.toContain(pub);

    const me = (await resident.get("/api/auth/me")).json().user;
    const topics = await resident.get("/api/community/topics?limit=100");
    expect(topics.statusCode).toBe(200);
    const body = topics.body;
    expect(body).not.toContain(me.displayName);
    expect(body).not.toContain("13900000001");
    expect(body).not.toContain("checkin");
    // staff-only lists stay closed to residents
    expect((await resident.get("/api/topics")).statusCode).toBe(403);
    expect((await resident.get("/api/meetings")).statusCode).toBe(403);
  });
});

describe("routes", () => {
  it("answers every deliberation route without a session with 401", async () => {
    const mine = t.app.routeCatalog.filter((r) => /^\/api\/(topics|meetings|resolutions|questionnaires|community|deliberation)\b/.test(r.url) && r.method !== "HEAD");
    expect(mine.length).toBeGreaterThan(30);
    for (const r of mine) {
      expect(r.config?.policy, r.url).not.toBe("public");
      const method = (Array.isArray(r.method) ? r.method[0] : r.method) as "GET";
      const res = await t.app.inject({ method, url: r.url.replace(/:[a-zA-Z]+/g, "00000000-0000-7000-8000-000000000000"), payload: method === "GET" ? undefined : {} });
      expect(res.statusCode, `${method} ${r.url}`).toBe(401);
    }
  });
});
