import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import type { CommunityCtx } from "./deliberation-context";
import type { MeetingBuilder } from "./deliberation-meetings";
import type { DeliberationWriter } from "./deliberation-writer";
import type { Rng } from "./random";
import { monthDay, seedDayAt } from "./seed-day";

/**
 * What is going on at the data set's present (the day of the seed): residents' proposals waiting
 * for support, public meetings in the coming days with their agendas (so the phone app has
 * something to show), in 红康 one held yesterday whose minutes are not recorded yet (待补录), and in
 * 红康 an open questionnaire on next year's projects being collected
 * door to door.
 */

const H = 3600_000;

export function proposalsAndUpcoming(w: DeliberationWriter, mb: MeetingBuilder, c: CommunityCtx) {
  const supporters = [c.resident, c.rider, c.volunteer, c.partner].filter((u): u is NonNullable<typeof u> => !!u);
  const home = c.compounds[0];
  const proposals =
    c.key === "hk"
      ? [
          { title: "金水湾小区增设电动自行车集中充电棚", description: "小区电动自行车多，充电桩不够，不少人飞线充电，建议在北门空地增设集中充电棚。", by: c.resident, place: "金水湾小区" },
          { title: "红云雅苑增设无障碍坡道", description: "红云雅苑几个单元门口台阶高，坐轮椅的老人和推婴儿车进出困难，建议增设无障碍坡道。", by: c.volunteer, place: "红云雅苑" },
          { title: "盘龙江步道增设夜间照明", description: "江岸路沿江步道晚上很黑，散步的居民多，建议增设照明。", by: c.rider, place: "江岸路沿江步道" },
        ]
      : [
          { title: "怡心苑楼院增设晾晒架", description: "楼院内没有晾晒场地，居民只能在楼道拉绳晾晒，建议在空地增设晾晒架。", by: c.resident, place: "怡心苑" },
          { title: "前卫西路外卖车辆临时停靠点扩容", description: "午晚高峰外卖车辆多，临时停靠点不够，占用人行道。", by: c.rider, place: "前卫西路" },
        ];
  const made = proposals.map((p, i) =>
    w.addTopic(c, {
      title: p.title,
      description: p.description,
      source: "proposal",
      areaId: c.compounds.find((x) => p.place.startsWith(x.name))?.areaId ?? c.id,
      createdAt: seedDayAt(-13 + i * 3, 20),
      proposer: p.by ?? c.volunteer,
      affected: [p.place],
    }),
  );
  made.forEach((t, i) => w.support(t, supporters.slice(0, 3 - (i % 2)), seedDayAt(-12 + i * 3, 9)));

  if (c.key === "hk") {
    mb.hold({ kind: "residents_council", at: seedDayAt(3, 19), topics: 0, five: false, status: "planned", title: `居民议事会（${monthDay(seedDayAt(3))}）`, fixed: [made[0], made[2]] });
    mb.hold({ kind: "party_joint", at: seedDayAt(5, 15), topics: 0, five: true, status: "planned", isPublic: false, title: `党建联席会议（${monthDay(seedDayAt(5))}）`, fixed: [] });
    // Held yesterday afternoon, its minutes not yet recorded: the secretary's inbox shows it 待补录.
    mb.hold({ kind: "grid_governance", at: seedDayAt(-1, 15), topics: 0, five: false, status: "planned", title: `网格议事会（${monthDay(seedDayAt(-1))}）`, fixed: [] });
  } else {
    mb.hold({ kind: "bench", at: seedDayAt(4, 16), topics: 0, five: false, status: "planned", compound: 0, title: `${home.name}板凳议事会`, fixed: [made[0]] });
  }
}

const PROJECTS = ["老旧楼栋加装电梯", "增设电动自行车充电设施", "社区老年食堂", "口袋公园改造", "停车位改造", "沿江步道照明"];

export async function openQuestionnaire(tx: Tx, w: DeliberationWriter, c: CommunityCtx, rng: Rng) {
  if (c.key !== "hk") return;
  const homes = rowsOf<{ id: string; area_id: string }>(
    await tx.execute(sql`SELECT h.id, h.area_id FROM households h WHERE h.community_id = ${c.id} AND h.status = 'active' ORDER BY h.id LIMIT 3000`),
  ).filter((_, i) => i % 50 === 7);
  const qid = w.newId();
  const opens = seedDayAt(-27, 9);
  w.questionnaires.push({ id: qid, communityId: c.id, areaId: c.id, topicId: null, title: "红康社区2027年民生实事项目征集", round: 1, status: "open", opensAt: new Date(opens), closesAt: new Date(seedDayAt(9, 18)), createdAt: new Date(opens - 24 * H) });
  const qs = [
    { text: "您最希望2027年社区办理哪些民生实事？（可多选）", type: "multi" as const, options: PROJECTS, required: true },
    { text: "您对社区议事协商工作的满意度", type: "scale" as const, options: ["很不满意", "不满意", "一般", "满意", "很满意"], required: true },
    { text: "其他建议", type: "text" as const, options: null, required: false },
  ];
  const ids = qs.map((q, i) => {
    const id = w.newId();
    w.questions.push({ id, questionnaireId: qid, seq: i + 1, text: q.text, type: q.type, options: q.options, isVote: false, required: q.required });
    return id;
  });
  homes.forEach((h, n) => {
    const grid = c.grids.find((g) => g.microgrids.includes(h.area_id)) ?? c.grids[0];
    const rid = w.newId();
    w.responses.push({ id: rid, questionnaireId: qid, householdId: h.id, userId: null, channel: "door", collectedBy: grid.worker.id, createdAt: new Date(opens + Math.floor(n / 10) * 24 * H + (n % 10) * 35 * 60_000) });
    const picks = PROJECTS.filter((_, i) => rng.chance([0.55, 0.5, 0.4, 0.3, 0.35, 0.2][i]));
    w.answers.push({ responseId: rid, questionId: ids[0], value: picks.length ? picks : [PROJECTS[0]] });
    w.answers.push({ responseId: rid, questionId: ids[1], value: rng.weighted([[3, 2], [4, 5], [5, 3]] as const) });
    if (rng.chance(0.15)) w.answers.push({ responseId: rid, questionId: ids[2], value: rng.pick(["希望多开展老年人活动", "小区停车太难了", "建议增设儿童游乐设施"]) });
  });
}
