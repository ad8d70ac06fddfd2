import type { FigureDrill, FigureSource } from "../reports/figure-source";
import { communitiesOf, figureMaker, percent, UNITS } from "../reports/figure-kit";
import { computeDeliberationMeasures } from "./measures";

const fig = figureMaker("deliberation");

/**
 * 议事协商 and 五方联动: meetings held by kind, topics settled by the meetings that settled them,
 * problems settled by five-party resolutions, resolutions done on time — deliberation's measures
 * per community, added up.
 */
export const deliberationFigures: FigureSource = {
  section: "deliberation",
  async figures(db, scope) {
    const communities = await communitiesOf(db, scope);
    const each = await Promise.all(communities.map((c) => computeDeliberationMeasures(db, { areaPath: c.path, from: scope.from, to: scope.to })));
    const sum = (pick: (m: (typeof each)[number]) => number) => each.reduce((s, m) => s + pick(m), 0);
    const kind = (k: string) => (m: (typeof each)[number]) => m.byKind.find((x) => x.kind === k);
    const meetings = (k: string) => sum((m) => kind(k)(m)?.meetings ?? 0);
    const settledBy = (k: string) => sum((m) => kind(k)(m)?.topicsSettled ?? 0);
    const done = sum((m) => m.resolutions.doneOnTime + m.resolutions.doneLate);
    const meetingList = (k?: string): FigureDrill => ({ route: "/deliberation/meetings", query: k ? { kind: k } : {} });
    return [
      fig("meetings", sum((m) => m.meetings), {
        label: { zh: "召开各类议事协商会议", en: "Meetings held" },
        definition: { zh: "期间内召开（未取消）的各类议事协商会议次数。", en: "Deliberation meetings of every kind held in the period (cancelled ones excluded)." },
        unit: UNITS.times,
      }, meetingList()),
      fig("residents_council", meetings("residents_council"), {
        label: { zh: "组织居民议事会", en: "Residents' council meetings" },
        definition: { zh: "期间内召开的居民议事会次数。", en: "Residents' council meetings held in the period." },
        unit: UNITS.times,
      }, meetingList("residents_council")),
      fig("council_topics_settled", settledBy("residents_council"), {
        label: { zh: "居民议事会协商解决居民关切问题", en: "Concerns settled by the residents' council" },
        definition: { zh: "期间内办结的议题中，由居民议事会决议解决的个数。", en: "Topics settled in the period by a residents' council resolution." },
        unit: UNITS.items,
      }, { route: "/deliberation/topics", query: { status: "settled", settledBy: "residents_council" } }),
      fig("bench", meetings("bench"), {
        label: { zh: "板凳议事会", en: "Bench meetings" },
        definition: { zh: "期间内在现场召开的板凳议事会次数。", en: "Bench meetings held on site in the period." },
        unit: UNITS.times,
      }, meetingList("bench")),
      fig("party_joint", meetings("party_joint"), {
        label: { zh: "召开党建联席会议", en: "Joint party-building meetings" },
        definition: { zh: "期间内与共建单位召开的党建联席会议次数。", en: "Joint party-building meetings with partner units held in the period." },
        unit: UNITS.times,
      }, meetingList("party_joint")),
      fig("resident_meeting", meetings("resident_meeting"), {
        label: { zh: "居民见面沟通会", en: "Residents' face-to-face meetings" },
        definition: { zh: "期间内召开的居民见面沟通会次数。", en: "Face-to-face meetings with residents held in the period." },
        unit: UNITS.times,
      }, meetingList("resident_meeting")),
      fig("topics_settled", sum((m) => m.topicsSettled), {
        label: { zh: "议题办结", en: "Topics settled" },
        definition: { zh: "期间内办结的议题个数（不论由哪类会议解决）。", en: "Topics settled in the period, by any meeting." },
        unit: UNITS.items,
      }, { route: "/deliberation/topics", query: { status: "settled" } }),
      fig("five_party_settled", sum((m) => m.fivePartySettled), {
        label: { zh: "五方联动协调解决问题", en: "Problems settled by 五方联动" },
        definition: { zh: "期间内落实完成的五方联动决议个数（社区党委、共建单位、物委会、物业公司、居民代表共同参与）。", en: "Five-party resolutions carried out in the period." },
        unit: UNITS.items,
      }, { route: "/deliberation/resolutions", query: { status: "done", fiveParty: "true" } }),
      fig("on_time_rate", percent(sum((m) => m.resolutions.doneOnTime), done), {
        label: { zh: "决议按期落实率", en: "Resolutions done on time" },
        definition: { zh: "期间内作出的决议中，已落实的按期完成比例。", en: "Share of the period's resolutions carried out by their due day." },
        unit: UNITS.share,
      }),
    ];
  },
};
