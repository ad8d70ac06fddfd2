import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import type { CaseRef, CommunityCtx } from "./deliberation-context";
import { local, type MeetingBuilder } from "./deliberation-meetings";
import { dayOf, type DeliberationWriter } from "./deliberation-writer";
import type { Rng } from "./random";

/**
 * The stories of the 红康 article, told with their meetings and resolutions:
 * - the office rooms (社区办公用房进驻): 4 rounds of collecting the residents' concerns (收集群众诉求:
 *   closed opinion questionnaires on the topic, answered at the door and online by 金水湾 households),
 *   5 议事协商会 and 3 居民见面沟通会 before a plan that balances the residents' concerns and the
 *   community's needs;
 * - 茉莉苑's scrap-recycling station (dirt, smell, noise): an on-site 板凳议事会, joint action with
 *   the street's departments, the fire brigade and the police, then the station moved away;
 * - 新时代广场's two property companies blaming each other: 4 rounds of household visits
 *   (questionnaires filled at the door), a settlement between the companies, then a
 *   property-management committee (物业管理委员会).
 */

const H = 3600_000;
const DAY = 24 * H;

async function storyCase(tx: Tx, c: CommunityCtx, like: string): Promise<CaseRef> {
  const [row] = rowsOf<{ id: string }>(await tx.execute(sql`SELECT id FROM cases WHERE community_id = ${c.id} AND description LIKE ${like} ORDER BY created_at LIMIT 1`));
  const k = row ? c.cases.find((x) => x.id === row.id) : undefined;
  if (!k) throw new Error(`The story case "${like}" is missing from the demo cases`);
  k.used = true;
  return k;
}

const OFFICE_WORRIES = ["人员进出", "装修噪音", "占用车位", "安全管理", "其他"];
const OFFICE_REMARKS = ["希望社区单独开门，不走小区大门。", "装修请避开午休和晚上。", "不要占用地面车位。", "支持社区进驻，办事更方便。", "办公用房能否兼做居民活动室？"];

export async function officeRooms(tx: Tx, w: DeliberationWriter, mb: MeetingBuilder, c: CommunityCtx, rng: Rng) {
  const jsw = c.compounds.findIndex((x) => x.name === "金水湾小区");
  const compound = c.compounds[Math.max(0, jsw)];
  const topic = w.addTopic(c, {
    title: "社区办公用房进驻金水湾小区",
    description: "新社区成立后办公用房设在金水湾小区底商，部分居民担心人员进出、装修噪音和停车问题，需协商提出兼顾小区居民诉求和社区服务需求的方案。",
    source: "staff",
    areaId: compound.areaId,
    createdAt: local(2024, 1, 5, 10),
    proposer: c.secretary,
    affected: ["金水湾小区", "金水湾小区底商"],
  });
  const opinions: Array<[Parameters<DeliberationWriter["opinion"]>[2], string]> = [
    ["resident_rep", "担心办公用房进驻后人员进出多、装修噪音大，占用小区车位。"],
    ["party_committee", "社区将设置独立出入口，错峰办公，不占用居民车位，装修严格控制施工时间。"],
    ["property_company", "物业配合做好出入管理和施工时间管控。"],
  ];
  // 收集群众诉求4次: four rounds of collecting the residents' concerns, each before the next meeting.
  const homes = rowsOf<{ id: string }>(
    await tx.execute(sql`SELECT h.id FROM households h JOIN buildings b ON b.id = h.building_id WHERE b.compound_id = ${compound.id} AND h.status = 'active'
      ORDER BY b.name, h.unit_no, h.room_no, h.id LIMIT 160`),
  ).map((h) => h.id);
  const collections = [local(2024, 1, 6, 9), local(2024, 1, 27, 9), local(2024, 2, 24, 9), local(2024, 3, 23, 9)];
  collections.forEach((opens, i) => {
    const round = i + 1;
    const qid = w.newId();
    w.questionnaires.push({ id: qid, communityId: c.id, areaId: compound.areaId, topicId: topic.id, title: `社区办公用房进驻群众诉求收集（第${round}次）`, round, status: "closed", opensAt: new Date(opens), closesAt: new Date(opens + 5 * DAY), createdAt: new Date(opens - DAY) });
    const qs = [
      { text: "您对社区办公用房进驻金水湾小区的态度", type: "single" as const, options: ["支持", "有条件支持", "不支持"] },
      { text: "您最担心哪些问题？（可多选）", type: "multi" as const, options: OFFICE_WORRIES },
      { text: "您的诉求和建议", type: "text" as const, options: null },
    ];
    const ids = qs.map((q, n) => {
      const id = w.newId();
      w.questions.push({ id, questionnaireId: qid, seq: n + 1, text: q.text, type: q.type, options: q.options, isVote: false, required: q.type !== "text" });
      return id;
    });
    for (const [n, hid] of homes.entries()) {
      if (!rng.chance(0.25 + round * 0.05)) continue;
      const rid = w.newId();
      w.responses.push({ id: rid, questionnaireId: qid, householdId: hid, userId: null, channel: "door", collectedBy: rng.chance(0.6) ? c.staff.id : c.secretary.id, createdAt: new Date(opens + n * 3 * 60_000) });
      w.answers.push({ responseId: rid, questionId: ids[0], value: rng.weighted([["支持", 2 + round], ["有条件支持", 5], ["不支持", 6 - round]] as const) });
      const worries = OFFICE_WORRIES.filter((x) => rng.chance(x === "其他" ? 0.05 : 0.35));
      w.answers.push({ responseId: rid, questionId: ids[1], value: worries.length ? worries : ["装修噪音"] });
      if (rng.chance(0.2)) w.answers.push({ responseId: rid, questionId: ids[2], value: rng.pick(OFFICE_REMARKS) });
    }
  });
  const councils = [local(2024, 1, 10), local(2024, 1, 24), local(2024, 2, 21), local(2024, 3, 13), local(2024, 4, 10)];
  const talks = [local(2024, 2, 1), local(2024, 3, 1), local(2024, 4, 1)];
  for (const at of talks) {
    mb.hold({ kind: "resident_meeting", at, topics: 0, five: false, compound: Math.max(0, jsw), title: "社区办公用房居民见面沟通会", place: "金水湾小区物业服务中心", fixed: [topic], resolveFixed: (m, t) => opinions.slice(0, 2).forEach(([k, text], i) => w.opinion(m, t, k, k === "party_committee" ? c.secretary.name : (m.names.get(k) ?? ["居民代表"])[0], text, 10 + i * 5)) });
  }
  councils.forEach((at, n) =>
    mb.hold({
      kind: "residents_council",
      at,
      topics: 2,
      five: n === 4,
      title: `${new Date(at + 8 * H).getUTCMonth() + 1}月居民议事会（议事协商会）`,
      fixed: [topic],
      resolveFixed: (m, t) => {
        opinions.forEach(([k, text], i) => m.kinds.has(k) && w.opinion(m, t, k, k === "party_committee" ? c.secretary.name : (m.names.get(k) ?? ["代表"])[0], text, 5 + i * 4));
        if (n < 4) return;
        w.resolve(m, t, {
          text: "采纳兼顾小区居民诉求和社区服务需求的方案：办公用房设独立出入口、错峰使用、不占用居民车位，装修期间严格控制施工时间。",
          dueOn: "2024-06-30",
          owners: [{ user: c.secretary, kind: "party_committee", name: "" }, { kind: "property_company", name: c.compounds[Math.max(0, jsw)].company }],
          progress: [{ at: local(2024, 5, 10, 10), text: "装修方案公示，施工时间按居民意见调整为工作日8:30–12:00、14:00–18:00", percent: 50, author: c.staff }],
          doneAt: local(2024, 6, 20, 10),
          doneText: "社区办公用房装修完成并进驻，独立出入口启用，居民反映良好。",
          doneBy: c.secretary,
        });
      },
    }),
  );
}

export async function scrapStation(tx: Tx, w: DeliberationWriter, mb: MeetingBuilder, c: CommunityCtx) {
  const k = await storyCase(tx, c, "%茉莉苑废品收购站%");
  const jsw = Math.max(0, c.compounds.findIndex((x) => x.name === "金水湾小区"));
  const grid = c.grids.find((g) => g.id === k.gridId) ?? c.grids[0];
  const topic = w.addTopic(c, {
    title: "茉莉苑废品收购站环境脏乱和气味噪音扰民",
    description: `居民在板凳议事会上反映：茉莉苑废品收购站露天堆放废品，环境脏乱差，气味和夜间装卸噪音扰民，且存在消防隐患（${k.number}）。`,
    source: "case",
    areaId: k.areaId,
    createdAt: k.createdAt + 30 * 60_000,
    proposer: c.staff,
    affected: ["茉莉苑", "金水湾路", "金水湾小区"],
    cases: [k],
  });
  mb.hold({
    kind: "bench",
    at: k.createdAt - 20 * 60_000,
    hours: 1.5,
    topics: 0,
    five: false,
    compound: jsw,
    title: "茉莉苑废品收购站现场板凳议事会",
    place: "金水湾路茉莉苑废品收购站旁（现场）",
    location: k.location,
    extra: [{ kind: "department", name: "红云街道城管中队" }, { kind: "other", name: "废品收购站经营者" }],
    extraAttendees: [{ user: grid.worker, name: grid.worker.name, kind: "party_committee", method: "staff" }, { name: "废品收购站负责人", kind: "other", method: "staff" }],
    fixed: [topic],
    resolveFixed: (m, t) => {
      const say: Array<[Parameters<DeliberationWriter["opinion"]>[2], string, string]> = [
        ["resident_rep", (m.names.get("resident_rep") ?? ["居民代表"])[0], "废品露天堆放，夏天气味很大，晚上装卸吵得睡不着，还担心着火。"],
        ["other", "废品收购站负责人", "愿意配合整改，但搬迁需要时间找新址。"],
        ["department", (m.names.get("department") ?? ["城管中队"])[0], "城管将联合消防、派出所开展联合检查，依法整治占道堆放和消防隐患。"],
        ["party_committee", c.secretary.name, "社区牵头现场办公，协调街道职能部门联合整治，督促选新址搬离。"],
      ];
      say.forEach(([kind, who, text], i) => w.opinion(m, t, kind, who, text, 10 + i * 6));
      w.resolve(m, t, {
        text: "社区牵头现场办公，联合街道职能部门、消防队、派出所开展联合整治，督促废品收购站选新址搬离，原址清理恢复。",
        dueOn: "2024-06-30",
        owners: [
          { user: c.secretary, kind: "party_committee", name: "" },
          { kind: "department", name: "红云街道城管中队" },
          { kind: "department", name: "五华区消防救援大队红云中队" },
          { kind: "department", name: "红云派出所" },
        ],
        progress: [
          { at: local(2024, 5, 17, 10), text: "街道城管、消防队、派出所联合检查，责令清理占道堆放、整改消防隐患。", percent: 30, author: c.staff },
          { at: local(2024, 5, 24, 15), text: "经营者已选定新址，开始分批清运搬离。", percent: 70, author: c.staff },
        ],
        doneAt: k.closedAt,
        doneText: "废品收购站已选新址搬离，原址清理完毕，回访周边居民满意。",
        doneBy: c.secretary,
      });
    },
  });
}

const SATISFACTION = ["满意", "基本满意", "不满意"];
const WORRIES = ["保洁", "门禁", "停车收费", "维修", "相互推诿"];
const REMARKS = ["两家物业各管一摊，出了问题找不到人。", "希望尽快成立物管会，选一家物业统一管理。", "停车收费标准要公开。", "门禁经常坏，外来人员随便进。", "保洁只扫一半，另一半没人管。", "支持成立物业管理委员会。"];

/** The two property companies of 新时代广场: 4 rounds of door-to-door visits, a settlement, a committee. */
export async function twoCompanies(tx: Tx, w: DeliberationWriter, mb: MeetingBuilder, c: CommunityCtx, rng: Rng) {
  const k = await storyCase(tx, c, "%新时代广场两家物业公司%");
  const grid = c.grids.find((g) => g.id === k.gridId) ?? c.grids[0];
  const homes = rowsOf<{ id: string }>(
    await tx.execute(sql`SELECT h.id FROM households h WHERE h.area_id = ${k.areaId} AND h.status = 'active' ORDER BY h.building_id, h.unit_no, h.room_no LIMIT 140`),
  ).map((h) => h.id);
  const companies = ["昆明新时代物业服务有限公司", "云南广和物业管理有限公司"];
  const topic = w.addTopic(c, {
    title: "新时代广场两家物业公司并存、相互推诿",
    description: `新时代广场两家物业公司并存，保洁、门禁、停车收费各管一摊，居民反映问题时相互推诿，长期无人解决（${k.number}）。`,
    source: "case",
    areaId: k.areaId,
    createdAt: k.createdAt + 17 * H,
    proposer: c.staff,
    affected: ["新时代广场"],
    cases: [k],
  });

  // Four rounds of visits between the report and the settlement.
  const first = k.createdAt + 2 * DAY;
  const last = k.closedAt - 6 * DAY;
  for (let round = 1; round <= 4; round++) {
    const day = first + Math.round(((last - first) * (round - 1)) / 3);
    // Visits from nine in the morning of that day.
    const opens = day - ((day + 8 * H) % DAY) + 9 * H;
    const qid = w.newId();
    w.questionnaires.push({ id: qid, communityId: c.id, areaId: k.areaId, topicId: topic.id, title: `新时代广场物业管理意见征集（第${round}轮入户走访）`, round, status: "closed", opensAt: new Date(opens), closesAt: new Date(opens + 2 * DAY), createdAt: new Date(opens - DAY) });
    const qs = [
      { text: "您对目前两家物业公司的服务是否满意？", type: "single" as const, options: SATISFACTION, isVote: false, required: true },
      { text: "您最关心哪些问题？（可多选）", type: "multi" as const, options: WORRIES, isVote: false, required: true },
      { text: "您对成立物业管理委员会的支持程度（1–5分）", type: "scale" as const, options: null, isVote: false, required: true },
      ...(round === 4 ? [{ text: "是否同意成立新时代广场物业管理委员会？", type: "single" as const, options: ["同意", "不同意"], isVote: true, required: true }] : []),
      { text: "其他意见和建议", type: "text" as const, options: null, isVote: false, required: false },
    ];
    const ids = qs.map((q, i) => {
      const id = w.newId();
      w.questions.push({ id, questionnaireId: qid, seq: i + 1, text: q.text, type: q.type, options: q.options, isVote: q.isVote, required: q.required });
      return id;
    });
    for (const [n, hid] of homes.entries()) {
      if (!rng.chance(0.55 + round * 0.05)) continue;
      const rid = w.newId();
      w.responses.push({ id: rid, questionnaireId: qid, householdId: hid, userId: null, channel: "door", collectedBy: rng.chance(0.7) ? grid.worker.id : c.staff.id, createdAt: new Date(opens + n * 4 * 60_000) });
      const answer = (i: number, value: unknown) => w.answers.push({ responseId: rid, questionId: ids[i], value });
      answer(0, rng.weighted([["满意", 1], ["基本满意", 2 + round], ["不满意", 7 - round]] as const));
      const worries = WORRIES.filter((x) => rng.chance(x === "相互推诿" ? 0.75 - round * 0.12 : 0.35));
      answer(1, worries.length ? worries : ["相互推诿"]);
      answer(2, Math.min(5, Math.max(1, Math.round(2.6 + round * 0.45 + (rng.float() - 0.5) * 2.4))));
      if (round === 4) answer(3, rng.chance(0.86) ? "同意" : "不同意");
      if (rng.chance(0.18)) answer(qs.length - 1, rng.pick(REMARKS));
    }
  }

  const jointMeeting = {
    kind: "residents_council" as const,
    topics: 0,
    compound: Math.max(0, c.compounds.findIndex((x) => x.areaId === k.areaId)),
    parties: [
      { kind: "party_committee" as const, name: c.committee },
      { kind: "resident_rep" as const, name: "新时代广场居民代表" },
      ...companies.map((name) => ({ kind: "property_company" as const, name })),
    ],
    fixed: [topic],
  };
  mb.hold({
    ...jointMeeting,
    at: k.closedAt - 3 * DAY - ((k.closedAt + 8 * H) % DAY) + 19 * H,
    five: false,
    title: "新时代广场物业问题议事协商会",
    place: "红康社区党群服务中心议事厅",
    resolveFixed: (m, t) => {
      w.opinion(m, t, "resident_rep", (m.names.get("resident_rep") ?? ["居民代表"])[0], "四轮走访大家意见很集中：不要再推来推去，尽快成立物管会。", 8);
      w.opinion(m, t, "property_company", (m.names.get("property_company") ?? ["物业代表"])[0], `${companies[0]}同意按楼栋划分服务区域，公开交接清单。`, 14);
      w.opinion(m, t, "property_company", (m.names.get("property_company") ?? ["物业代表", "物业代表"]).at(-1)!, `${companies[1]}同意配合，停车收费统一标准并公示。`, 18);
      w.opinion(m, t, "party_committee", c.secretary.name, "社区党委牵头，明确两家物业责任边界，同步启动物业管理委员会筹备。", 24);
      w.resolve(m, t, {
        text: "两家物业公司按划定的服务区域和交接清单分工负责，不得推诿；停车收费统一标准并公示；社区启动成立物业管理委员会筹备工作。",
        dueOn: dayOf(k.closedAt + 5 * DAY),
        owners: [{ user: c.staff, kind: "party_committee", name: "" }, ...companies.map((name) => ({ kind: "property_company" as const, name }))],
        progress: [{ at: k.closedAt - DAY, text: "两家物业公司签订服务区域划分和交接清单。", percent: 60, author: c.staff }],
        doneAt: k.closedAt,
        doneText: "服务区域和交接清单已落实，居民反映的问题已明确到责任方，回访居民满意。",
        doneBy: c.staff,
      });
    },
  });
  const later = k.closedAt + 60 * DAY;
  mb.hold({
    ...jointMeeting,
    at: later - ((later + 8 * H) % DAY) + 19 * H,
    five: true,
    parties: [...jointMeeting.parties, { kind: "property_committee", name: "新时代广场物业管理委员会筹备组" }, { kind: "partner_unit", name: c.units[0] }],
    title: "新时代广场物业管理委员会筹备会",
    place: "红康社区党群服务中心议事厅",
    resolveFixed: (m, t) => {
      w.opinion(m, t, "resident_rep", (m.names.get("resident_rep") ?? ["居民代表"])[0], "第四轮走访同意成立物管会的超过八成，请尽快推选委员。", 8);
      w.opinion(m, t, "partner_unit", (m.names.get("partner_unit") ?? ["共建单位代表"])[0], "共建单位可以推荐懂法律、懂财务的志愿者参加物管会。", 14);
      w.resolve(m, t, {
        text: "成立新时代广场物业管理委员会，推选委员7名，报街道备案后统筹两家物业公司的服务监督。",
        dueOn: dayOf(later + 45 * DAY),
        owners: [{ user: c.secretary, kind: "party_committee", name: "" }, { kind: "resident_rep", name: "新时代广场居民代表" }],
        progress: [{ at: later + 20 * DAY, text: "完成委员候选人推选和公示。", percent: 50, author: c.staff }],
        doneAt: later + 38 * DAY,
        doneText: "新时代广场物业管理委员会正式成立，已报街道备案。",
        doneBy: c.secretary,
      });
    },
  });
}
