import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, createTestApp, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";

/**
 * Every numeric claim of the two source articles beside the work-report figure (or the query) that
 * answers it, on the demo data: 红康 for 2023-12 → 2024-12, 怡心桥 for 2023-07 → 2024-12.
 * "N余" and "N多" are met by N up to (not including) N plus one unit of the place just below N's
 * leading digit, and at least ten: the remainder is smaller than the next unit the number would name
 * ("60余个" by 60–69, "80余次" by 80–89, "20余次" by 20–29, "170余块" by 170–179, "1000余家" by
 * 1000–1099). Claims the report has no figure for are answered by a query on the records that hold
 * them.
 */

let t: TestApp;
type Figure = { key: string; value: number | null };
let hk: Map<string, number | null>;
let yxq: Map<string, number | null>;
const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query));

async function report(username: string, from: string, to = "2024-12-31"): Promise<Map<string, number | null>> {
  const c = await as(t, username);
  const res = await c.get(`/api/reports/work?from=${from}&to=${to}`);
  expect(res.statusCode, res.body).toBe(200);
  const figures = (res.json().sections as Array<{ figures: Figure[] }>).flatMap((s) => s.figures);
  return new Map(figures.map((f) => [f.key, f.value]));
}

/** "N余" / "N多": N up to N + max(10, one unit of the place below N's leading digit), exclusive. */
const about = (n: number) => {
  const step = Math.max(10, 10 ** (String(n).length - 2));
  return { asymmetricMatch: (v: unknown) => typeof v === "number" && v >= n && v < n + step, toString: () => `${n}余 (${n}–${n + step - 1})` };
};

beforeAll(async () => {
  t = await createTestApp();
  hk = await report("hk_secretary", "2023-12-01");
  yxq = await report("yxq_secretary", "2023-07-01");
}, 240_000);
afterAll(() => t.close());

describe("红康社区, December 2023 – December 2024", () => {
  const claims: Array<[string, string, unknown]> = [
    ["有5个居民小区", "registry.compounds", 5],
    ["3个公共户单位", "registry.public_units", 3],
    ["常住居民9676户", "registry.households", 9676],
    ["20563人", "registry.residents", 20563],
    ["划分为3个四级网格", "registry.grids", 3],
    ["6个五级网格", "registry.microgrids", 6],
    ["组织居民议事会20余次", "deliberation.residents_council", about(20)],
    ["协商解决居民关切问题60余个", "deliberation.council_topics_settled", about(60)],
    ["4家单位党组织成为“兼职委员制”成员单位", "partners.big_committee_units", 4],
    ["召开党建联席会议7次", "deliberation.party_joint", 7],
    ["成立6支治理人才队伍", "partners.teams", 6],
    ["处理矛盾纠纷、噪音扰民、消防安全等问题60余个", "cases.disputes_noise_fire_resolved", about(60)],
    ["整治公共安全隐患53处", "cases.public_safety_fixed", 53],
    ["配合排查婚姻家庭矛盾纠纷、敏感警情54起", "cases.family_police", 54],
    ["5方联动机制……协调解决问题80余个", "deliberation.five_party_settled", about(80)],
    ["居民见面沟通会3次", "deliberation.resident_meeting", 3],
    ["党支部10个", "party.branches", 10],
    ["党员429人", "party.members", 429],
    ["社区“两委”成员中的党员主动担任3个居民区党支部书记", "party.branch_secretaries_from_committees", 3],
    ["转入党员429人", "party.members_transferred_in", 429],
    ["全覆盖走访企业商户614家", "enterprise.enterprises_visited", 614],
    ["组织企业参加“政银企座谈会”等经济推广活动6次", "enterprise.business_events", 6],
    ["上门宣讲优惠政策10次", "enterprise.policy_briefings", 10],
    ["群团组织牵头开展各类便民活动80余次", "party.mass_org_activities", about(80)],
    ["联合主题党日活动6次", "partners.joint_party_days", 6],
    ["发布“社区能人”招募令4次", "partners.calls", 4],
    ["招募治理人才200余人", "partners.talents", about(200)],
    ["帮助居民群众解决实际问题140余个", "partners.problems_solved", about(140)],
    ["以茶会友为居民解答法律问题60多个", "partners.legal_questions", about(60)],
    ["防范电信诈骗等普法宣传60余次", "partners.anti_fraud", about(60)],
    ["发放宣传册500余份", "partners.leaflets", about(500)],
    ["“全民健身·河畔健康跑”活动3次", "partners.health_runs", 3],
    ["开展户外广告牌安全隐患排查170余块", "inspections.billboards_checked", about(170)],
  ];
  for (const [claim, key, expected] of claims) {
    it(`${claim} — ${key}`, () => {
      expect(hk.get(key)).toEqual(expected);
    });
  }

  it("4次入户走访征集民意 — the four rounds of the property-committee questionnaire", async () => {
    const [r] = await q<{ n: number }>(sql`
      SELECT count(DISTINCT qn.round)::int AS n FROM questionnaires qn JOIN topics tp ON tp.id = qn.topic_id
      WHERE tp.title LIKE '%两家物业公司%' AND tp.source = 'case'`);
    expect(Number(r.n)).toBe(4);
  });

  it("社区设有党委1个 — the community's party committee in the organisation tree (party.branches counts the 10 branches)", async () => {
    const [r] = await q<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM party_orgs o JOIN areas a ON a.id = o.community_id
      WHERE a.name = '红康社区' AND o.kind = 'committee' AND (o.founded_on IS NULL OR o.founded_on <= '2024-12-31')`);
    expect(Number(r.n)).toBe(1);
  });

  it("社区“两委”成员中的党员主动担任3个居民区党支部书记 — the 两委 roster of the party console names the three grid branches", async () => {
    const c = await as(t, "hk_secretary");
    const res = await c.get("/api/party/committee-members?asOf=2024-12-31");
    expect(res.statusCode, res.body).toBe(200);
    const roster = res.json() as { items: Array<{ committee: string; position: string; secretaryOf: { name: string } | null }> };
    expect(roster.items.filter((m) => m.secretaryOf).map((m) => m.secretaryOf!.name).sort()).toEqual(["红康第一网格党支部", "红康第三网格党支部", "红康第二网格党支部"]);
    // Both committees are seated: a party-committee secretary and a residents' committee chair.
    expect(roster.items.some((m) => m.committee === "party_committee" && m.position === "书记")).toBe(true);
    expect(roster.items.some((m) => m.committee === "residents_committee" && m.position === "主任")).toBe(true);
  });

  // No work-report figure for these two yet (a partners figure would count them); the activities that record them:
  const riverActivities = async (title: string, team: string | null) => {
    const [r] = await q<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM activities a JOIN areas c ON c.id = a.community_id LEFT JOIN teams tm ON tm.id = a.team_id
      WHERE c.name = '红康社区' AND a.title LIKE ${title} AND a.status <> 'cancelled' AND a.ends_at <= now()
        AND (${team}::text IS NULL OR tm.name = ${team}) AND (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '2023-12-01' AND '2024-12-31'`);
    return Number(r.n);
  };
  it("组织“红心闪耀”党员志愿者团队……开展河道周边垃圾清理50余次 — the team's river clean-up activities", async () => {
    expect(await riverActivities("%河道清洁%", "红心闪耀党员志愿服务队")).toEqual(about(50));
  });
  it("开展盘龙江游泳人员劝导、沿江流动摊贩劝导30余次 — the riverside advice activities", async () => {
    expect(await riverActivities("%沿岸文明劝导%", null)).toEqual(about(30));
  });
  it("为协调推进社区办公用房进驻……召开议事协商会5次、居民见面沟通会3次 — the office-premises topic's meetings", async () => {
    const rows = await q<{ kind: string; n: number }>(sql`
      SELECT m.kind, count(*)::int AS n FROM meetings m JOIN meeting_topics mt ON mt.meeting_id = m.id JOIN topics tp ON tp.id = mt.topic_id
      JOIN areas a ON a.id = tp.community_id
      WHERE a.name = '红康社区' AND tp.title LIKE '%办公用房%' AND m.status = 'closed'
        AND (m.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '2023-12-01' AND '2024-12-31'
      GROUP BY m.kind`);
    expect(Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]))).toEqual({ residents_council: 5, resident_meeting: 3 });
  });
  it("为协调推进社区办公用房进驻……收集群众诉求4次 — the office-premises topic's closed opinion questionnaires, each with answers", async () => {
    const rows = await q<{ round: number; responses: number }>(sql`
      SELECT qn.round, (SELECT count(*)::int FROM responses r WHERE r.questionnaire_id = qn.id) AS responses
      FROM questionnaires qn JOIN topics tp ON tp.id = qn.topic_id JOIN areas a ON a.id = tp.community_id
      WHERE a.name = '红康社区' AND tp.title LIKE '%办公用房%' AND qn.status = 'closed'
        AND (qn.closes_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '2023-12-01' AND '2024-12-31'
      ORDER BY qn.round`);
    expect(rows.map((r) => Number(r.round))).toEqual([1, 2, 3, 4]);
    for (const r of rows) expect(Number(r.responses)).toBeGreaterThan(0);
  });
  it("书记领办：用时20多天，完成长970米、宽3米的人行道，纳入网格管理 — party.projects_completed / party.project_days, the pavement under patrol", async () => {
    expect(hk.get("party.projects_completed")).toBe(1);
    expect(hk.get("party.project_days")).toEqual(about(20));
    const rows = await q<{ length_m: string; width_m: string }>(sql`
      SELECT pl.attrs->>'lengthM' AS length_m, pl.attrs->>'widthM' AS width_m
      FROM party_projects p JOIN areas a ON a.id = p.community_id JOIN patrol_plans pp ON pp.id = p.patrol_plan_id JOIN places pl ON pl.id = pp.place_id
      WHERE a.name = '红康社区' AND p.status = 'completed' AND p.completed_on BETWEEN '2023-12-01' AND '2024-12-31'`);
    expect(rows).toHaveLength(1);
    expect([Number(rows[0].length_m), Number(rows[0].width_m)]).toEqual([970, 3]);
  });
  it("辖区面积0.6平方公里 — the community's boundary in the area tree (0.55–0.65 km² rounds to 0.6)", async () => {
    const [r] = await q<{ deg2: number; lat: number }>(sql`
      SELECT area(path(boundary)) AS deg2, (center(box(boundary)))[1] AS lat FROM areas WHERE name = '红康社区' AND level = 'community'`);
    // Degrees² to km² at the community's latitude (1° of latitude ≈ 110.574 km, of longitude ≈ 111.320·cos φ km).
    const km2 = Number(r.deg2) * 110.574 * 111.32 * Math.cos((Number(r.lat) * Math.PI) / 180);
    expect(km2).toBeGreaterThanOrEqual(0.55);
    expect(km2).toBeLessThan(0.65);
  });
});

describe("怡心桥社区, July 2023 – December 2024", () => {
  const claims: Array<[string, string, unknown]> = [
    ["13个居民楼院", "registry.compounds", 13],
    ["9家公共单位", "registry.public_units", 9],
    ["划分为六个网格", "registry.grids", 6],
    ["与辖区9家企事业单位签订“大党委”结对共建协议", "partners.big_committee_units", 9],
    ["“温新驿站”共有8个", "partners.rider_stations", 8],
    ["社区处理化解矛盾纠纷49件", "cases.disputes_resolved", 49],
    ["排查消防安全隐患60余次", "cases.fire_hazards", about(60)],
    ["外卖骑手等新就业群体参与消防安全检查14次", "cases.rider_fire_checks", 14],
    ["环境卫生大扫除21次", "cases.rider_cleanups", 21],
    ["检查督导1000余家企业食品安全", "inspections.food_checks", about(1000)],
  ];
  for (const [claim, key, expected] of claims) {
    it(`${claim} — ${key}`, () => {
      expect(yxq.get(key)).toEqual(expected);
    });
  }

  it("两大商业中心 — the registry's commercial centres", async () => {
    const [r] = await q<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM places p JOIN areas a ON a.id = p.community_id WHERE a.name = '怡心桥社区' AND p.kind = 'commercial_centre'`);
    expect(Number(r.n)).toBe(2);
  });


  it("星秀文化传媒党支部在2024年10月成立 — its branch and its 两新 record, founded in 2024-10 (party.two_new_founded of 2024-10)", async () => {
    const rows = await q<{ branch: string; org_founded: string; two_new_founded: string }>(sql`
      SELECT o.name AS branch, o.founded_on::text AS org_founded, t.founded_on::text AS two_new_founded
      FROM party_orgs o JOIN areas a ON a.id = o.community_id JOIN places p ON p.id = o.place_id JOIN two_new_orgs t ON t.place_id = p.id
      WHERE a.name = '怡心桥社区' AND o.kind = 'branch' AND p.name LIKE '星秀文化传媒%'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].org_founded.slice(0, 7)).toBe("2024-10");
    expect(rows[0].two_new_founded.slice(0, 7)).toBe("2024-10");
    // The report of October 2024 counts one 两新 organisation founded: this one.
    expect((await report("yxq_secretary", "2024-10-01", "2024-10-31")).get("party.two_new_founded")).toBe(1);
  });
  it("开展环境卫生集中整治活动50次 — the community's clean-up campaigns (activities; no report figure for them yet)", async () => {
    const [r] = await q<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM activities ac JOIN areas a ON a.id = ac.community_id
      WHERE a.name = '怡心桥社区' AND ac.title = '环境卫生集中整治' AND ac.status <> 'cancelled' AND ac.ends_at <= now()
        AND (ac.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '2023-07-01' AND '2024-12-31'`);
    expect(Number(r.n)).toBe(50);
  });
});
