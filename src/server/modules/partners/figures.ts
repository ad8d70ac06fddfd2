import type { FigureDrill, FigureSource } from "../reports/figure-source";
import { communitiesOf, figureMaker, UNITS } from "../reports/figure-kit";
import { computePartnerMeasures } from "./measures";

const fig = figureMaker("partners");

/**
 * 共驻共建, 治理人才 and 活动: partner units and agreements, joint party days, anti-fraud sessions,
 * legal questions, recruitment calls, talents and teams with the problems they solved, volunteer
 * hours — partners' measures per community, added up.
 */
export const partnerFigures: FigureSource = {
  section: "partners",
  async figures(db, scope) {
    const communities = await communitiesOf(db, scope);
    const each = await Promise.all(
      communities.map((c) => computePartnerMeasures(db, { area: { path: c.path, communityId: c.id, level: "community" }, from: scope.from, to: scope.to })),
    );
    const sum = (pick: (m: (typeof each)[number]) => number) => each.reduce((s, m) => s + pick(m), 0);
    const activities = (kind?: string): FigureDrill => ({ route: "/activities", query: kind ? { kind } : {} });
    const kindCount = (k: string) => sum((m) => m.activities.byKind.find((x) => x.key === k)?.count ?? 0);
    return [
      fig("big_committee_units", sum((m) => m.units.bigCommittee), {
        label: { zh: "兼职委员制 / 大党委成员单位", en: "Member units (兼职委员制 / 大党委)" },
        definition: { zh: "现有签订共驻共建协议、加入兼职委员制或大党委的成员单位数。", en: "Partner units now in the part-time-member scheme or the 大党委." },
        unit: UNITS.units,
      }, { route: "/partners", query: { bigCommittee: "true" } }),
      fig("units", sum((m) => m.units.total), {
        label: { zh: "共建单位", en: "Partner units" },
        definition: { zh: "现有在册的共建单位数。", en: "Active partner units now." },
        unit: UNITS.units,
      }, { route: "/partners", query: {} }),
      fig("agreements_signed", sum((m) => m.agreements.signed), {
        label: { zh: "签订共驻共建协议", en: "Agreements signed" },
        definition: { zh: "期间内签订的共驻共建协议份数。", en: "Co-building agreements signed in the period." },
        unit: UNITS.copies,
      }, { route: "/partners", query: {} }),
      fig("joint_party_days", sum((m) => m.activities.jointPartyDays), {
        label: { zh: "联合主题党日活动", en: "Joint party days" },
        definition: { zh: "期间内与共建单位联合开展的主题党日活动次数。", en: "Joint party days with partner units held in the period." },
        unit: UNITS.times,
      }, activities("party_day")),
      fig("activities", sum((m) => m.activities.total), {
        label: { zh: "开展各类便民活动", en: "Activities and services" },
        definition: { zh: "期间内开展（未取消）的各类活动和便民服务次数。", en: "Activities and services held in the period (cancelled ones excluded)." },
        unit: UNITS.times,
      }, activities()),
      fig("anti_fraud", sum((m) => m.activities.antiFraudSessions), {
        label: { zh: "防范电信诈骗宣传", en: "Anti-fraud campaigns" },
        definition: { zh: "期间内开展的防范电信诈骗等普法宣传次数。", en: "Anti-fraud campaigns held in the period." },
        unit: UNITS.times,
      }, activities("anti_fraud")),
      fig("leaflets", sum((m) => m.activities.leaflets), {
        label: { zh: "发放宣传册", en: "Leaflets handed out" },
        definition: { zh: "期间内各类活动登记发放的宣传册份数。", en: "Leaflets handed out at the period's activities, as recorded." },
        unit: UNITS.copies,
      }, activities("anti_fraud")),
      fig("legal_questions", sum((m) => m.activities.legalQuestions), {
        label: { zh: "普法茶水铺解答法律问题", en: "Legal questions answered" },
        definition: { zh: "期间内普法茶水铺等活动登记解答的法律问题个数。", en: "Legal questions answered at the period's activities, as recorded." },
        unit: UNITS.items,
      }, activities("legal_tea")),
      fig("health_runs", kindCount("health_run"), {
        label: { zh: "河畔健康跑", en: "Health runs" },
        definition: { zh: "期间内开展的全民健身健康跑次数。", en: "Health runs held in the period." },
        unit: UNITS.times,
      }, activities("health_run")),
      fig("markets", kindCount("riverside_market"), {
        label: { zh: "河畔集市", en: "Riverside markets" },
        definition: { zh: "期间内举办的河畔服务集市次数。", en: "Riverside service markets held in the period." },
        unit: UNITS.times,
      }, activities("riverside_market")),
      fig("calls", sum((m) => m.calls), {
        label: { zh: "发布“社区能人”招募令", en: "Recruitment calls" },
        definition: { zh: "期间内开放过的治理人才招募令次数。", en: "Talent recruitment calls open at some time in the period." },
        unit: UNITS.times,
      }, { route: "/talent", query: { tab: "calls" } }),
      fig("talents", sum((m) => m.talents.total), {
        label: { zh: "治理人才", en: "Governance talents" },
        definition: { zh: "期末在册的治理人才人数。", en: "Talents registered by the end of the period." },
        unit: UNITS.people,
      }, { route: "/talent", query: { tab: "talents", dated: "roll" } }),
      fig("talents_joined", sum((m) => m.talents.joined), {
        label: { zh: "新招募治理人才", en: "Talents recruited" },
        definition: { zh: "期间内入库的治理人才人数。", en: "Talents who joined in the period." },
        unit: UNITS.people,
      }, { route: "/talent", query: { tab: "talents", dated: "joined" } }),
      fig("teams", sum((m) => m.teams.length), {
        label: { zh: "治理人才队伍", en: "Talent teams" },
        definition: { zh: "现有治理人才队伍数。", en: "Talent teams now." },
        unit: UNITS.teams,
      }, { route: "/talent", query: { tab: "teams" } }),
      fig("problems_solved", sum((m) => m.problemsSolved), {
        label: { zh: "人才队伍帮助解决实际问题", en: "Problems solved by the teams" },
        definition: { zh: "期间内人才队伍接单并解决的问题个数。", en: "Problems assigned to the teams and solved in the period." },
        unit: UNITS.items,
      }, { route: "/talent", query: { tab: "teams" } }),
      fig("volunteer_hours", Math.round(sum((m) => m.volunteerHours) * 10) / 10, {
        label: { zh: "志愿服务时长", en: "Volunteer hours" },
        definition: { zh: "期间内活动签到累计的志愿服务小时数。", en: "Volunteer hours from the period's activity check-ins." },
        unit: UNITS.hours,
      }, { route: "/points", query: {} }),
      fig("rider_stations", sum((m) => m.riderStations), {
        label: { zh: "温新驿站", en: "Rider stations" },
        definition: { zh: "现有开放的骑手驿站个数。", en: "Rider stations open now." },
        unit: UNITS.items,
      }, { route: "/partners", query: { tab: "riders" } }),
    ];
  },
};
