import { eq, sql } from "drizzle-orm";
import { places } from "../db/schema/places";
import { rowsOf, type Tx } from "../db/client";
import {
  briefingPlaces,
  businessEventPlaces,
  businessEvents,
  campaignTargets,
  cultivations,
  enterpriseBriefings,
  enterpriseNeeds,
  enterpriseProfiles,
  enterpriseVisits,
  inspectionProgrammes,
  programmePlaces,
  rectificationRechecks,
  rectifications,
  visitCampaigns,
} from "../db/schema/enterprise";
import { agreementItems } from "../db/schema/partners";
import { searchTermsOf } from "../modules/maps/terms";
import { addDays } from "../platform/clock";
import { insertJson } from "./patrol-insert";
import { REF_DAY } from "./patrol-history";
import { Rng, seededUuidFactory } from "./random";

/**
 * 营商环境 and inspections of the demo, as the articles tell them. 红康: the 2024 全覆盖走访 of all
 * 614 enterprises and shops by the grid workers with the needs they found, 6 政银企座谈会 and the
 * like, 10 door-to-door policy briefings, 云南新安酒店管理有限公司 and 昆明洱韵餐饮管理有限公司
 * taken through the 入库 pipeline to declared, the key enterprise 云南奥捷通, the shops of the
 * 江东境界广场 complex, and the billboard programme over the 170+ billboard checks of the patrol
 * history. 怡心桥: the food-safety (1,000+ checks) and fire-safety (60+, riders in 14) programmes
 * of July 2023 – December 2024 over the patrol history, with 责令整改 notices for failed items and
 * their 复查. The partner bank offers small-business loans, so a financing need finds it.
 */

type PlaceSql = { id: string; community_id: string; area_id: string; kind: string; name: string; industry: string | null; category: string | null; employees: number | null; address: string; assignee: string | null };

const WEEKDAY = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d >= 1 && d <= 5;
};

function dayIn(rng: Rng, from: string, to: string): string {
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  for (let i = 0; ; i++) {
    const d = addDays(from, rng.int(0, span));
    if (WEEKDAY(d) || i > 5) return d;
  }
}

const NEED_TEXTS: Record<string, string[]> = {
  policy: ["希望了解小微企业税费减免政策", "咨询稳岗补贴申领条件", "想了解个体工商户转企政策"],
  financing: ["流动资金紧张，希望对接银行信用贷款", "扩大门店需要融资，希望了解普惠贷款", "希望对接低息创业担保贷款"],
  hiring: ["招聘厨师和服务员困难", "需要招聘两名会计", "希望参加社区招聘会"],
  permits: ["食品经营许可证即将到期，咨询续办", "咨询户外招牌设置审批", "咨询营业执照变更手续"],
  premises: ["门店租约到期，希望推荐合适铺面", "希望协调停车位供顾客使用", "仓储场地不足"],
};
const PROBLEMS = ["门前人行道破损影响顾客进出", "周边夜间照明不足", "商场公共区域漏水", "门口共享单车乱停放", ""];
const NOTES = ["经营正常，宣传了营商环境政策", "负责人在店，了解经营情况", "企业经营稳定，员工社保正常缴纳", "发放惠企政策宣传册", "登记企业联系人信息"];

const BRIEFING_TOPICS = [
  "规上企业入库标准及申报流程",
  "小微企业税费优惠政策",
  "稳岗扩岗补贴政策",
  "个转企、小升规扶持政策",
  "规上企业统计报表填报辅导",
  "普惠金融与创业担保贷款政策",
  "入库企业奖励政策宣讲",
  "限额以上住宿餐饮业入库要求",
  "企业财务规范化辅导",
  "惠企政策“免申即享”介绍",
];

const EVENTS: Array<[kind: "bank_enterprise" | "promotion" | "policy_talk", title: string, day: string, venue: string]> = [
  ["bank_enterprise", "红康社区政银企座谈会", "2024-03-21", "红康社区党群服务中心"],
  ["promotion", "五华区春季消费促进活动", "2024-04-26", "江东境界广场"],
  ["bank_enterprise", "普惠金融进社区政银企对接会", "2024-06-13", "富滇银行红云支行"],
  ["policy_talk", "红云街道惠企政策宣讲会", "2024-08-22", "红云街道办事处"],
  ["bank_enterprise", "小微企业融资需求对接座谈会", "2024-10-17", "红康社区党群服务中心"],
  ["promotion", "江东境界广场商户年终促销推介会", "2024-12-05", "江东境界广场"],
];

export async function seedEnterprise(tx: Tx, rng: Rng): Promise<Record<string, number>> {
  const newId = seededUuidFactory(rng.fork("ids"), Date.UTC(2024, 0, 2));
  const [hk] = rowsOf<{ id: string }>(await tx.execute(sql`SELECT id FROM areas WHERE level = 'community' AND name = '红康社区'`));
  const [yxq] = rowsOf<{ id: string }>(await tx.execute(sql`SELECT id FROM areas WHERE level = 'community' AND name = '怡心桥社区'`));
  if (!hk || !yxq) return {};
  const staff = rowsOf<{ id: string; username: string }>(await tx.execute(sql`SELECT id, username FROM users WHERE username IN ('hk_staff', 'yxq_staff', 'hk_secretary')`));
  const staffOf = (u: string) => staff.find((s) => s.username === u)!.id;

  // The key enterprise of the article takes the name of one of 红康's technology companies.
  const [aojie] = rowsOf<{ id: string }>(
    await tx.execute(sql`SELECT id FROM places WHERE community_id = ${hk.id} AND kind = 'enterprise' AND attrs->>'industry' = 'technology' ORDER BY name, id LIMIT 1`),
  );
  const AOJIE = "云南奥捷通科技有限公司";
  if (aojie) {
    await tx.update(places).set({ name: AOJIE, searchTerms: searchTermsOf(AOJIE), attrs: sql`${places.attrs} || '{"employees": 260}'::jsonb` }).where(eq(places.id, aojie.id));
    await tx.execute(sql`UPDATE patrol_plans SET target_label = ${AOJIE} WHERE place_id = ${aojie.id}`);
  }

  const all = rowsOf<PlaceSql>(
    await tx.execute(sql`
      SELECT p.id, p.community_id, p.area_id, p.kind, p.name, p.attrs->>'industry' AS industry, p.attrs->>'category' AS category,
             (p.attrs->>'employees')::int AS employees, p.address,
             (SELECT u.id FROM users u JOIN areas m ON m.id = p.area_id WHERE u.role = 'grid_worker' AND u.area_id IN (m.id, m.parent_id) ORDER BY u.username LIMIT 1) AS assignee
      FROM places p WHERE p.kind IN ('enterprise', 'shop') AND p.active ORDER BY p.community_id, p.name, p.id`),
  );

  // Profiles: industry, size band, key flag, the complex a shop is in.
  const hkPlaces = all.filter((p) => p.community_id === hk.id);
  const jiangdong = new Set(rng.shuffle(hkPlaces.filter((p) => p.kind === "shop").map((p) => p.id)).slice(0, 36));
  const centres = ["南亚风情第壹城", "滇池时代广场"];
  const profiles = all.map((p) => {
    const e = p.employees ?? 0;
    const size = p.kind === "shop" ? "micro" : e > 300 ? "large" : e > 100 ? "medium" : e > 20 ? "small" : "micro";
    return {
      placeId: p.id,
      communityId: p.community_id,
      industry: p.industry ?? p.category,
      sizeBand: size as "micro" | "small" | "medium" | "large",
      keyEnterprise: p.id === aojie?.id || (p.kind === "enterprise" && e > 100),
      complexName: jiangdong.has(p.id) ? "江东境界广场" : (centres.find((c) => p.address.startsWith(c)) ?? null),
    };
  });
  await insertJson(tx, enterpriseProfiles, profiles);

  // 2024 全覆盖走访: every enterprise and shop of 红康, visited once by its grid worker.
  const campaignId = newId();
  await tx.insert(visitCampaigns).values({ id: campaignId, communityId: hk.id, name: "2024年企业商户全覆盖走访", startsOn: "2024-01-02", endsOn: "2024-12-31", createdBy: staffOf("hk_staff"), createdAt: new Date("2024-01-02T09:00:00+08:00") });
  const targets = hkPlaces.filter((p) => p.assignee);
  await insertJson(
    tx,
    campaignTargets,
    targets.map((p) => ({ campaignId, placeId: p.id, areaId: p.area_id, assigneeId: p.assignee! })),
  );
  const visitRng = rng.fork("visits");
  const visits: Array<typeof enterpriseVisits.$inferInsert & { id: string; communityId: string; areaId: string; placeId: string; visitorId: string; visitedOn: string; createdAt: Date }> = targets.map((p) => ({
    id: newId(),
    communityId: p.community_id,
    areaId: p.area_id,
    placeId: p.id,
    campaignId,
    visitorId: p.assignee!,
    visitedOn: dayIn(visitRng, "2024-01-08", "2024-11-29"),
    notes: visitRng.pick(NOTES),
    problems: visitRng.chance(0.06) ? visitRng.pick(PROBLEMS) || null : null,
    createdAt: new Date(),
  }));
  for (const v of visits) v.createdAt = new Date(`${v.visitedOn}T16:00:00+08:00`);

  // The partner bank lends to small businesses: its offer answers financing needs.
  const [bankAgreement] = rowsOf<{ id: string }>(
    await tx.execute(sql`SELECT a.id FROM agreements a JOIN partner_units u ON u.id = a.unit_id
      WHERE u.name = '富滇银行怡心桥支行' AND a.starts_on <= ${REF_DAY} AND a.ends_on >= ${REF_DAY} LIMIT 1`),
  );
  let bankOfferId: string | null = null;
  if (bankAgreement) {
    bankOfferId = newId();
    await tx.insert(agreementItems).values({ id: bankOfferId, agreementId: bankAgreement.id, list: "offer", resourceKind: "money", categories: [], description: "小微企业普惠信用贷款、融资对接服务", quantity: 20, unit: "户" });
  }
  const hkOffers = rowsOf<{ id: string; unit_id: string; resource_kind: string }>(
    await tx.execute(sql`SELECT i.id, u.id AS unit_id, i.resource_kind FROM agreement_items i JOIN agreements a ON a.id = i.agreement_id JOIN partner_units u ON u.id = a.unit_id
      WHERE u.community_id = ${hk.id} AND i.list = 'offer' ORDER BY i.id`),
  );

  const needRng = rng.fork("needs");
  const needs: Array<typeof enterpriseNeeds.$inferInsert> = [];
  const kinds = ["policy", "financing", "hiring", "permits", "premises"] as const;
  for (const v of visits) {
    if (!needRng.chance(0.09)) continue;
    const kind = needRng.pick(kinds);
    const offer = kind === "premises" ? hkOffers.find((o) => o.resource_kind === "venue") : kind === "policy" ? hkOffers.find((o) => o.resource_kind === "service") : undefined;
    const settled = needRng.chance(0.8);
    needs.push({
      id: newId(),
      communityId: v.communityId,
      areaId: v.areaId,
      placeId: v.placeId,
      visitId: v.id,
      kind,
      description: needRng.pick(NEED_TEXTS[kind]),
      status: settled ? "settled" : offer ? "matched" : "open",
      raisedOn: v.visitedOn,
      matchedUnitId: offer?.unit_id ?? null,
      matchedItemId: offer?.id ?? null,
      settledOn: settled ? [addDays(v.visitedOn, needRng.int(3, 30)), "2024-12-31"].sort()[0] : null,
      settlement: settled ? "已协调解决并回访企业" : null,
      createdBy: v.visitorId,
    });
  }

  // 怡心桥's grid workers visit a few enterprises of their grids too (no campaign), with their needs.
  const yxqRng = rng.fork("yxq-visits");
  for (const p of yxqRng.shuffle(all.filter((x) => x.community_id === yxq.id && x.assignee)).slice(0, 12)) {
    const v = { id: newId(), communityId: p.community_id, areaId: p.area_id, placeId: p.id, campaignId: null, visitorId: p.assignee!, visitedOn: dayIn(yxqRng, "2024-03-04", "2024-11-29"), notes: yxqRng.pick(NOTES), problems: null, createdAt: new Date() };
    v.createdAt = new Date(`${v.visitedOn}T16:00:00+08:00`);
    visits.push(v);
    const kind = yxqRng.pick(kinds);
    needs.push({ id: newId(), communityId: p.community_id, areaId: p.area_id, placeId: p.id, visitId: v.id, kind, description: yxqRng.pick(NEED_TEXTS[kind]), status: "settled", raisedOn: v.visitedOn, settledOn: addDays(v.visitedOn, 14), settlement: "已协调解决并回访企业", createdBy: v.visitorId });
  }

  await insertJson(tx, enterpriseVisits, visits);

  // 入库 cultivation: the two companies of the article to declared, three more candidates on the way.
  const byName = (name: string) => hkPlaces.find((p) => p.name === name);
  const xinan = byName("云南新安酒店管理有限公司");
  const eryun = byName("昆明洱韵餐饮管理有限公司");
  const others = hkPlaces.filter((p) => p.kind === "enterprise" && p.id !== xinan?.id && p.id !== eryun?.id && (p.employees ?? 0) > 20).slice(0, 3);
  const allDocs = { licence: true, financial_statements: true, tax_records: true, social_security: true, premises_proof: true };
  const cult: Array<typeof cultivations.$inferInsert> = [];
  for (const [p, declaredOn] of [[xinan, "2024-09-20"], [eryun, "2024-10-25"]] as const) {
    if (!p) continue;
    cult.push({ placeId: p.id, communityId: p.community_id, areaId: p.area_id, stage: "declared", thresholds: "年营业额接近限额以上住宿餐饮业入库标准（200万元）", documents: allDocs, candidateOn: "2024-03-05", coachedOn: "2024-04-18", documentsOn: addDays(declaredOn, -30), declaredOn });
  }
  others.forEach((p, i) =>
    cult.push({
      placeId: p.id,
      communityId: p.community_id,
      areaId: p.area_id,
      stage: i === 0 ? "documents" : i === 1 ? "coached" : "candidate",
      thresholds: "年营业收入接近规上服务业入库标准（1000万元）",
      documents: { licence: true, financial_statements: i === 0, tax_records: i === 0, social_security: false, premises_proof: false },
      candidateOn: "2024-06-03",
      coachedOn: i <= 1 ? "2024-07-11" : null,
      documentsOn: i === 0 ? "2024-11-08" : null,
    }),
  );
  await insertJson(tx, cultivations, cult);

  // 10 door-to-door policy briefings; the 入库 candidates are among those briefed.
  const bRng = rng.fork("briefings");
  const briefingDays = ["2024-03-12", "2024-04-18", "2024-05-09", "2024-06-20", "2024-07-11", "2024-08-08", "2024-09-05", "2024-10-10", "2024-11-14", "2024-12-12"];
  const briefings = briefingDays.map((heldOn, i) => ({ id: newId(), communityId: hk.id, heldOn, topic: BRIEFING_TOPICS[i], createdBy: staffOf("hk_staff"), createdAt: new Date(`${heldOn}T17:00:00+08:00`) }));
  const bp: Array<{ briefingId: string; placeId: string }> = [];
  const hkEnterprises = hkPlaces.filter((p) => p.kind === "enterprise");
  briefings.forEach((b, i) => {
    const chosen = new Set(bRng.shuffle([...hkEnterprises]).slice(0, bRng.int(1, 4)).map((p) => p.id));
    if (i === 1) cult.filter((c) => c.coachedOn === "2024-04-18").forEach((c) => chosen.add(c.placeId));
    if (i === 4) cult.filter((c) => c.coachedOn === "2024-07-11").forEach((c) => chosen.add(c.placeId));
    for (const placeId of chosen) bp.push({ briefingId: b.id, placeId });
  });
  await insertJson(tx, enterpriseBriefings, briefings);
  await insertJson(tx, briefingPlaces, bp);

  // 6 政银企座谈会 and promotion events with 6–15 participants and a few follow-up needs.
  const eRng = rng.fork("events");
  const events = EVENTS.map(([kind, title, heldOn, venue]) => ({ id: newId(), communityId: hk.id, kind, title, heldOn, venue, notes: null, createdBy: staffOf("hk_staff"), createdAt: new Date(`${heldOn}T18:00:00+08:00`) }));
  const ep: Array<{ eventId: string; placeId: string }> = [];
  for (const e of events) {
    const chosen = eRng.shuffle([...hkPlaces]).slice(0, eRng.int(6, 15));
    if (aojie && e.kind === "bank_enterprise") chosen.push(hkPlaces.find((p) => p.id === aojie.id)!);
    const ids = [...new Set(chosen.map((p) => p.id))];
    for (const placeId of ids) ep.push({ eventId: e.id, placeId });
    for (const placeId of ids.slice(0, e.kind === "bank_enterprise" ? 2 : 0)) {
      const p = hkPlaces.find((x) => x.id === placeId)!;
      needs.push({ id: newId(), communityId: p.community_id, areaId: p.area_id, placeId, eventId: e.id, kind: "financing", description: eRng.pick(NEED_TEXTS.financing), status: "settled", raisedOn: e.heldOn, settledOn: addDays(e.heldOn, 21), settlement: "已对接银行客户经理办理", createdBy: staffOf("hk_staff") });
    }
  }
  await insertJson(tx, businessEvents, events);
  await insertJson(tx, businessEventPlaces, ep);
  await insertJson(tx, enterpriseNeeds, needs);

  // Inspection programmes over the patrol history.
  const programmes: Array<typeof inspectionProgrammes.$inferInsert & { id: string; targetKind: string }> = [
    { id: newId(), communityId: yxq.id, kind: "food", name: "食品安全检查督导（2023年7月至2024年12月）", startsOn: "2023-07-01", endsOn: "2024-12-31", createdBy: staffOf("yxq_staff"), targetKind: "food_business" },
    { id: newId(), communityId: yxq.id, kind: "fire", name: "消防安全隐患排查（2023年7月至2024年12月）", startsOn: "2023-07-01", endsOn: "2024-12-31", createdBy: staffOf("yxq_staff"), targetKind: "fire_point" },
    { id: newId(), communityId: hk.id, kind: "billboard", name: "户外广告牌安全隐患排查", startsOn: "2026-09-01", endsOn: "2026-12-31", createdBy: staffOf("hk_staff"), targetKind: "billboard" },
  ];
  const pp: Array<{ programmeId: string; placeId: string }> = [];
  for (const pr of programmes) {
    const ids = rowsOf<{ place_id: string }>(
      await tx.execute(sql`SELECT DISTINCT place_id FROM patrol_plans WHERE community_id = ${pr.communityId} AND target_kind = ${pr.targetKind} AND place_id IS NOT NULL ORDER BY place_id`),
    );
    for (const r of ids) pp.push({ programmeId: pr.id, placeId: r.place_id });
  }
  await insertJson(tx, inspectionProgrammes, programmes.map(({ targetKind: _, ...p }) => ({ ...p, createdAt: new Date(`${p.startsOn}T09:00:00+08:00`) })));
  await insertJson(tx, programmePlaces, pp);

  // 责令整改 for failed items of 怡心桥's food and fire checks (not those that opened a case), with their 复查.
  const failed = rowsOf<{ id: string; community_id: string; area_id: string; place_id: string; target_kind: string; item_id: string; label: string; type: string; answer: unknown; filled_on: string; submitted_by: string }>(
    await tx.execute(sql`
      SELECT s.id, s.community_id, s.area_id, pl.place_id, pl.target_kind, ci.id AS item_id, ci.label, ci.type, s.answers -> ci.id::text AS answer,
             to_char(s.filled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS filled_on, s.submitted_by
      FROM patrol_submissions s JOIN patrol_tasks k ON k.id = s.task_id JOIN patrol_plans pl ON pl.id = k.plan_id
      JOIN checklist_items ci ON ci.template_id = k.template_id AND s.failures @> jsonb_build_array(ci.id::text) AND NOT ci.opens_case
      WHERE pl.place_id IS NOT NULL AND (
        (s.community_id = ${yxq.id} AND pl.target_kind IN ('food_business', 'fire_point') AND (s.filled_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '2023-07-01' AND '2024-12-20')
        OR (s.community_id = ${hk.id} AND pl.target_kind = 'billboard' AND (s.filled_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '2026-09-01' AND ${addDays(REF_DAY, -10)}))
      ORDER BY s.filled_at, s.id, ci.seq`),
  );
  const rRng = rng.fork("rectifications");
  const recRows: Array<typeof rectifications.$inferInsert> = [];
  const recheckRows: Array<typeof rectificationRechecks.$inferInsert> = [];
  const seq = new Map<string, number>();
  const programmeOf = (community: string, kind: string) => programmes.find((p) => p.communityId === community && p.targetKind === kind)!.id;
  for (const f of failed) {
    const year = f.filled_on.slice(0, 4);
    const n = (seq.get(`${f.community_id}|${year}`) ?? 0) + 1;
    seq.set(`${f.community_id}|${year}`, n);
    const kind = f.target_kind === "food_business" ? ("food" as const) : f.target_kind === "fire_point" ? ("fire" as const) : ("billboard" as const);
    const deadline = addDays(f.filled_on, kind === "food" ? 7 : 3);
    const late = rRng.chance(0.15);
    const checkedOn = addDays(deadline, late ? rRng.int(1, 5) : -rRng.int(0, 2));
    const id = newId();
    const answer = f.type === "yes_no" ? (f.answer === true ? "是" : "否") : String(f.answer ?? "未填");
    recRows.push({
      id,
      communityId: f.community_id,
      areaId: f.area_id,
      placeId: f.place_id,
      programmeId: programmeOf(f.community_id, f.target_kind),
      submissionId: f.id,
      itemId: f.item_id,
      number: `整改〔${year}〕第${String(n).padStart(4, "0")}号`,
      kind,
      finding: `${f.label}：${answer}`,
      requiredChange: kind === "fire" ? "清理堵塞物，保持消防通道畅通，配齐有效灭火器材" : kind === "billboard" ? "加固牌体，检修照明及电气线路" : "彻底清洁后厨及经营场所，完善进货查验记录",
      issuedOn: f.filled_on,
      deadline,
      issuedBy: f.submitted_by,
      status: "closed",
      closedOn: checkedOn < f.filled_on ? f.filled_on : checkedOn,
      createdAt: new Date(`${f.filled_on}T17:30:00+08:00`),
    });
    recheckRows.push({ id: newId(), rectificationId: id, checkedOn: checkedOn < f.filled_on ? f.filled_on : checkedOn, passed: true, notes: "已按要求整改到位", companions: [], checkedBy: f.submitted_by, createdAt: new Date(`${checkedOn}T15:00:00+08:00`) });
  }
  await insertJson(tx, rectifications, recRows);
  await insertJson(tx, rectificationRechecks, recheckRows);

  return {
    "enterprise.profiles": profiles.length,
    "enterprise.campaignTargets": targets.length,
    "enterprise.visits": visits.length,
    "enterprise.needs": needs.length,
    "enterprise.cultivations": cult.length,
    "enterprise.briefings": briefings.length,
    "enterprise.events": events.length,
    "enterprise.bankOffer": bankOfferId ? 1 : 0,
    "inspections.programmes": programmes.length,
    "inspections.rectifications": recRows.length,
  };
}
