import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

let t: TestApp;
let staff: Client;
let grid1: Client;
let resident: Client;
let rider: Client;
let yxqResident: Client;
/** The demo resident's household, a neighbour in the same building, a household of grid 1 and one of grid 2. */
let homeId: string;
let neighbourId: string;
let grid1Household: string;
let grid2Household: string;

const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(q))[0];
const count = async (table: string) => Number((await one<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))).n);

const QUESTIONS = [
  { text: "您对目前两家物业公司的服务是否满意？", type: "single", options: ["满意", "基本满意", "不满意"] },
  { text: "您最关心哪些问题？（可多选）", type: "multi", options: ["保洁", "门禁", "停车收费", "维修"] },
  { text: "您对成立物业管理委员会的支持程度", type: "scale" },
  { text: "是否同意成立物业管理委员会？", type: "single", options: ["同意", "不同意"], isVote: true },
  { text: "其他意见和建议", type: "text", required: false },
];

async function openQuestionnaire(extra: Record<string, unknown> = {}) {
  const res = await staff.post("/api/questionnaires", { title: "物业管理意见征集", questions: QUESTIONS, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json().id as string;
  expect((await staff.post(`/api/questionnaires/${id}/open`)).statusCode).toBe(200);
  const detail = (await staff.get(`/api/questionnaires/${id}`)).json();
  const q = detail.questions.map((x: { id: string }) => x.id) as string[];
  return { id, q, detail };
}

const goodAnswers = (q: string[], vote = "同意") => [
  { questionId: q[0], value: "不满意" },
  { questionId: q[1], value: ["保洁", "停车收费"] },
  { questionId: q[2], value: 5 },
  { questionId: q[3], value: vote },
  { questionId: q[4], value: "希望尽快成立物管会" },
];

beforeAll(async () => {
  t = await createTestApp();
  [staff, grid1] = await Promise.all([as(t, "hk_staff"), as(t, "hk_grid1")]);
  resident = await phoneClient(t, "13900000001");
  rider = await phoneClient(t, "13900000002");
  yxqResident = await phoneClient(t, "13900000011");
  const home = await one<{ hid: string; bid: string }>(sql`
    SELECT p.household_id AS hid, h.building_id AS bid FROM users u JOIN persons p ON p.id = u.person_id JOIN households h ON h.id = p.household_id
    WHERE u.phone_tail = '0001' AND u.role = 'resident' AND h.community_id = (SELECT id FROM areas WHERE name = '红康社区')`);
  homeId = home.hid;
  neighbourId = (await one<{ id: string }>(sql`SELECT id FROM households WHERE building_id = ${home.bid} AND id <> ${home.hid} AND status = 'active' ORDER BY room_no LIMIT 1`)).id;
  const gridOf = async (username: string) =>
    (await one<{ id: string }>(sql`
      SELECT h.id FROM households h JOIN areas a ON a.id = h.area_id
      WHERE h.status = 'active' AND a.path LIKE (SELECT ga.path FROM users u JOIN areas ga ON ga.id = u.area_id WHERE u.username = ${username}) || '%'
      ORDER BY h.address LIMIT 1`)).id;
  grid1Household = await gridOf("hk_grid1");
  grid2Household = await gridOf("hk_grid2");
});
afterAll(() => t.close());

describe("questionnaires", () => {
  it("refuses questions that make no sense and answers to a draft", async () => {
    const bad = await staff.post("/api/questionnaires", { title: "x", questions: [{ text: "单选无选项", type: "single" }, { text: "文本带选项", type: "text", options: ["a", "b"] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { path: string }) => d.path)).toEqual(["/questions/0/options", "/questions/1/options"]);
    const draft = (await staff.post("/api/questionnaires", { title: "草稿", questions: QUESTIONS })).json().id;
    const q = (await staff.get(`/api/questionnaires/${draft}`)).json().questions.map((x: { id: string }) => x.id);
    const res = await staff.post(`/api/questionnaires/${draft}/door-responses`, { householdId: neighbourId, answers: goodAnswers(q) });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("INVALID_TRANSITION");
  });

  it("takes one answer per household at the door, from a collector whose scope holds the household", async () => {
    const { id, q } = await openQuestionnaire();
    const first = await staff.post(`/api/questionnaires/${id}/door-responses`, { householdId: homeId, answers: goodAnswers(q) });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ channel: "door" });
    const second = await staff.post(`/api/questionnaires/${id}/door-responses`, { householdId: homeId, answers: goodAnswers(q, "不同意") });
    expect(second.statusCode).toBe(409);
    expect(second.json().details.reason).toBe("household_answered");
    // a grid worker collects for the community's questionnaire, but only in their own grid
    expect((await grid1.post(`/api/questionnaires/${id}/door-responses`, { householdId: grid1Household, answers: goodAnswers(q) })).statusCode).toBe(200);
    expect((await grid1.post(`/api/questionnaires/${id}/door-responses`, { householdId: grid2Household, answers: goodAnswers(q) })).statusCode).toBe(404);
    const list = (await grid1.get(`/api/questionnaires/${id}/households?limit=1000`)).json().items as Array<{ id: string; answered: boolean }>;
    expect(list.find((h) => h.id === grid1Household)?.answered).toBe(true);
    expect(list.some((h) => h.id === grid2Household)).toBe(false);
    // residents do not collect
    expect((await resident.post(`/api/questionnaires/${id}/door-responses`, { householdId: neighbourId, answers: goodAnswers(q) })).statusCode).toBe(403);
  });

  it("answers 400 to answers that do not match the question type, writing nothing", async () => {
    const { id, q } = await openQuestionnaire();
    const before = [await count("responses"), await count("answers")];
    const withValue = (i: number, value: unknown) => goodAnswers(q).map((a, j) => (j === i ? { ...a, value } : a));
    const cases: Array<[string, unknown[]]> = [
      ["single not an option", withValue(0, "非常满意")],
      ["single given a list", withValue(0, ["满意"])],
      ["multi with an unknown option", withValue(1, ["保洁", "绿化"])],
      ["multi repeated", withValue(1, ["保洁", "保洁"])],
      ["multi empty", withValue(1, [])],
      ["scale too high", withValue(2, 6)],
      ["scale zero", withValue(2, 0)],
      ["scale not an integer", withValue(2, 2.5)],
      ["scale as text", withValue(2, "5")],
      ["text too long", withValue(4, "长".repeat(501))],
      ["text as a number", withValue(4, 42)],
      ["required missing", goodAnswers(q).slice(1)],
      ["unknown question", [...goodAnswers(q), { questionId: "00000000-0000-7000-8000-000000000000", value: "x" }]],
      ["answered twice", [...goodAnswers(q), goodAnswers(q)[0]]],
    ];
    for (const [what, answers] of cases) {
      const res = await staff.post(`/api/questionnaires/${id}/door-responses`, { householdId: neighbourId, answers });
      expect(res.statusCode, what).toBe(400);
      expect(res.json().code, what).toBe("VALIDATION_FAILED");
    }
    const online = await rider.post(`/api/questionnaires/${id}/responses`, { answers: withValue(2, 9) });
    expect(online.statusCode).toBe(400);
    expect(online.json().details).toEqual([{ path: "/answers/2/value", message: "must be an integer from 1 to 5" }]);
    expect([await count("responses"), await count("answers")]).toEqual(before);
    // optional text may be left out; a labelled scale runs over its labels
    expect((await staff.post(`/api/questionnaires/${id}/door-responses`, { householdId: neighbourId, answers: goodAnswers(q).slice(0, 4) })).statusCode).toBe(200);
  });

  it("takes one online answer per resident, and no vote from a household already answered at the door", async () => {
    const { id, q } = await openQuestionnaire();
    await staff.post(`/api/questionnaires/${id}/door-responses`, { householdId: homeId, answers: goodAnswers(q) });
    const offered = (await resident.get("/api/community/questionnaires")).json().items.find((x: { id: string }) => x.id === id);
    expect(offered).toMatchObject({ answered: false, householdAnswered: true });
    const blocked = await resident.post(`/api/questionnaires/${id}/responses`, { answers: goodAnswers(q, "不同意") });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().details).toMatchObject({ reason: "household_answered", channel: "door" });
    const ok = await rider.post(`/api/questionnaires/${id}/responses`, { answers: goodAnswers(q) });
    expect(ok.statusCode, ok.body).toBe(200);
    const twice = await rider.post(`/api/questionnaires/${id}/responses`, { answers: goodAnswers(q) });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().details.reason).toBe("already_answered");
    expect((await yxqResident.post(`/api/questionnaires/${id}/responses`, { answers: goodAnswers(q) })).statusCode).toBe(404);

    // without vote questions, a housemate's door answer does not stop a resident's own opinion
    const plain = await openQuestionnaire({ title: "楼道环境满意度", questions: QUESTIONS.filter((x) => !x.isVote) });
    await staff.post(`/api/questionnaires/${plain.id}/door-responses`, { householdId: homeId, answers: [{ questionId: plain.q[0], value: "满意" }, { questionId: plain.q[1], value: ["维修"] }, { questionId: plain.q[2], value: 3 }] });
    const own = await resident.post(`/api/questionnaires/${plain.id}/responses`, { answers: [{ questionId: plain.q[0], value: "基本满意" }, { questionId: plain.q[1], value: ["门禁"] }, { questionId: plain.q[2], value: 4 }] });
    expect(own.statusCode, own.body).toBe(200);
  });

  it("counts results per question and by compound and building, and copies rounds", async () => {
    const { id, q } = await openQuestionnaire({ title: "第一轮入户走访" });
    await staff.post(`/api/questionnaires/${id}/door-responses`, { householdId: homeId, answers: goodAnswers(q) });
    await staff.post(`/api/questionnaires/${id}/door-responses`, { householdId: neighbourId, answers: [{ questionId: q[0], value: "满意" }, { questionId: q[1], value: ["保洁"] }, { questionId: q[2], value: 3 }, { questionId: q[3], value: "不同意" }] });
    await rider.post(`/api/questionnaires/${id}/responses`, { answers: goodAnswers(q) });
    const r = (await staff.get(`/api/questionnaires/${id}/results`)).json();
    expect(r).toMatchObject({ responses: 3, byChannel: { door: 2, online: 1 } });
    const [single, multi, scale, vote, text] = r.questions;
    expect(single.counts).toEqual([{ value: "满意", count: 1 }, { value: "基本满意", count: 0 }, { value: "不满意", count: 2 }]);
    expect(multi.counts).toEqual([{ value: "保洁", count: 3 }, { value: "门禁", count: 0 }, { value: "停车收费", count: 2 }, { value: "维修", count: 0 }]);
    expect(scale).toMatchObject({ answered: 3, average: 4.33 });
    expect(scale.counts.map((c: { value: string }) => c.value)).toEqual(["1", "2", "3", "4", "5"]);
    expect(vote.counts).toEqual([{ value: "同意", count: 2 }, { value: "不同意", count: 1 }]);
    expect(text).toMatchObject({ answered: 2, counts: [], texts: ["希望尽快成立物管会", "希望尽快成立物管会"] });
    // the two door answers are in one building; the rider has no household
    expect(r.byBuilding).toHaveLength(1);
    expect(r.byBuilding[0].responses).toBe(2);
    expect(r.byBuilding[0].questions[3].counts).toEqual([{ value: "同意", count: 1 }, { value: "不同意", count: 1 }]);
    expect(r.byCompound).toHaveLength(1);
    expect(r.byCompound[0]).toMatchObject({ id: r.byBuilding[0].compound.id, responses: 2 });

    const next = (await staff.post(`/api/questionnaires/${id}/next-round`)).json();
    expect(next.round).toBe(2);
    const copy = (await staff.get(`/api/questionnaires/${next.id}`)).json();
    expect(copy).toMatchObject({ status: "draft", round: 2, responses: 0 });
    expect(copy.questions.map((x: { text: string }) => x.text)).toEqual(QUESTIONS.map((x) => x.text));
    await staff.post(`/api/questionnaires/${id}/close`);
    expect((await staff.post(`/api/questionnaires/${id}/door-responses`, { householdId: grid1Household, answers: goodAnswers(q) })).statusCode).toBe(409);
  });

  it("numbers the rounds of a topic's questionnaires", async () => {
    const topic = (await staff.post("/api/topics", { title: "两家物业公司推诿", description: "d" })).json().id;
    const rounds = [];
    for (let i = 0; i < 4; i++) rounds.push((await staff.post("/api/questionnaires", { title: "入户走访征集民意", topicId: topic, questions: QUESTIONS })).json().round);
    expect(rounds).toEqual([1, 2, 3, 4]);
    const listed = (await staff.get(`/api/questionnaires?topicId=${topic}`)).json().items.map((x: { round: number }) => x.round);
    expect(listed.sort()).toEqual([1, 2, 3, 4]);
  });
});
