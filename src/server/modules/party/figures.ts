import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client";
import type { FigureDrill, FigureSource } from "../reports/figure-source";
import { figureMaker, idList, percent, UNITS } from "../reports/figure-kit";
import { registeredBy } from "./members";
import { COVERED_BY, SHOULD_COVER } from "./two-new";

const fig = figureMaker("party");

/** SQL: an activity (alias a) took place in the period: not cancelled, over by now, its Beijing day inside. */
const held = (from: string, to: string) =>
  sql`a.status <> 'cancelled' AND a.ends_at <= now() AND (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date`;

/**
 * 党建引领 figures per community and period: the organisation at the period's end (branches,
 * members by kind, 兼职委员/大党委 units, 两新 coverage) and the work in the period (双报到
 * members' service hours from activities, 党建联席会议, 主题党日, 群团 activities, 书记领办 projects
 * completed and their days). One query per group, over all the scope's communities at once.
 */
export const partyFigures: FigureSource = {
  section: "party",
  async figures(db, scope) {
    const ids = idList(scope.communityIds);
    const { from, to } = scope;
    const [orgs, work, twoNew, projects] = await Promise.all([
      db.execute(sql`SELECT
          (SELECT count(*)::int FROM party_orgs o WHERE o.community_id IN ${ids} AND o.kind = 'branch' AND (o.founded_on IS NULL OR o.founded_on <= ${to}::date)) AS branches,
          (SELECT count(*)::int FROM party_orgs o WHERE o.community_id IN ${ids} AND o.kind = 'group') AS groups,
          count(*) FILTER (WHERE m.kind = 'transferred_in' AND ${registeredBy(to)})::int AS transferred,
          count(*) FILTER (WHERE m.kind = 'in_service' AND ${registeredBy(to)})::int AS in_service,
          count(*) FILTER (WHERE m.kind = 'floating' AND ${registeredBy(to)})::int AS floating,
          count(*) FILTER (WHERE m.kind = 'two_new' AND ${registeredBy(to)})::int AS two_new,
          count(*) FILTER (WHERE m.role = 'building_leader')::int AS building_leaders,
          (SELECT count(*)::int FROM party_anchor_households ah WHERE ah.community_id IN ${ids}) AS anchors,
          (SELECT count(*)::int FROM party_joint_units j JOIN party_orgs o ON o.id = j.org_id WHERE o.community_id IN ${ids} AND j.since <= ${to}::date) AS joint_units
        FROM party_members m WHERE m.community_id IN ${ids}`),
      db.execute(sql`SELECT
          (SELECT coalesce(sum(a.hours), 0)::float FROM signups s JOIN activities a ON a.id = s.activity_id
            JOIN users u ON u.id = s.user_id JOIN party_members m ON m.person_id = u.person_id AND m.kind = 'in_service'
            WHERE a.community_id IN ${ids} AND s.status = 'confirmed' AND s.checked_in_at IS NOT NULL AND ${held(from, to)}) AS in_service_hours,
          (SELECT count(DISTINCT m.id)::int FROM signups s JOIN activities a ON a.id = s.activity_id
            JOIN users u ON u.id = s.user_id JOIN party_members m ON m.person_id = u.person_id AND m.kind = 'in_service'
            WHERE a.community_id IN ${ids} AND s.status = 'confirmed' AND s.checked_in_at IS NOT NULL AND ${held(from, to)}) AS in_service_serving,
          (SELECT coalesce(sum(ps.hours), 0)::float FROM party_services ps WHERE ps.community_id IN ${ids} AND ps.day BETWEEN ${from}::date AND ${to}::date) AS recorded_hours,
          (SELECT count(*)::int FROM meetings mt WHERE mt.community_id IN ${ids} AND mt.kind = 'party_joint' AND mt.status = 'closed'
            AND (mt.starts_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date) AS joint_meetings,
          (SELECT count(*)::int FROM activities a WHERE a.community_id IN ${ids} AND a.kind = 'party_day' AND ${held(from, to)}) AS party_days,
          (SELECT count(*)::int FROM activities a WHERE a.community_id IN ${ids} AND a.kind = 'party_day' AND ${held(from, to)}
            AND EXISTS (SELECT 1 FROM activity_units au WHERE au.activity_id = a.id)) AS joint_party_days,
          (SELECT count(*)::int FROM activities a JOIN party_activity_organisers po ON po.activity_id = a.id
            WHERE a.community_id IN ${ids} AND po.organiser IN ('union', 'youth_league', 'women_federation') AND ${held(from, to)}) AS mass_org`),
      db.execute(sql`SELECT
          count(*) FILTER (WHERE ${SHOULD_COVER})::int AS should,
          count(*) FILTER (WHERE ${SHOULD_COVER} AND ${COVERED_BY(to)})::int AS covered,
          count(*) FILTER (WHERE t.founded_on BETWEEN ${from}::date AND ${to}::date)::int AS founded
        FROM two_new_orgs t WHERE t.community_id IN ${ids} AND t.surveyed_on <= ${to}::date`),
      db.execute(sql`SELECT count(*)::int AS completed, avg(p.completed_on - p.started_on)::float AS avg_days
        FROM party_projects p WHERE p.community_id IN ${ids} AND p.status = 'completed' AND p.completed_on BETWEEN ${from}::date AND ${to}::date`),
    ]);
    const o = rowsOf<Record<string, number>>(orgs)[0];
    const w = rowsOf<Record<string, number>>(work)[0];
    const t = rowsOf<Record<string, number>>(twoNew)[0];
    const p = rowsOf<{ completed: number; avg_days: number | null }>(projects)[0];
    const n = (v: unknown) => Number(v ?? 0);
    // In-service members registered here (双报到) stay members of their workplace's organisation.
    const members = n(o.transferred) + n(o.floating) + n(o.two_new);
    // The drill-downs open a tab of the console's 党建 page (/party?tab=…); with the report's areaId
    // (a community) and period it lists the records of the figure. A street's report lands on its
    // first community: the page shows one community at a time.
    const party = (tab: string, query: Record<string, string> = {}): FigureDrill => ({ route: "/party", query: { tab, ...query } });
    const tree = party("tree");
    // Members registered by the period's end (roll=1); without a kind, the community's roll (双报到 left out) as the figure counts.
    const memberList = (kind?: string): FigureDrill => party("members", { roll: "1", ...(kind ? { kind } : {}) });
    return [
      fig("branches", n(o.branches), { label: { zh: "党支部", en: "Party branches" }, definition: { zh: "期末社区党委下设的党支部个数（含两新组织党支部）。", en: "Branches under the community committee at the end of the period (两新 branches included)." }, unit: UNITS.items }, tree),
      fig("groups", n(o.groups), { label: { zh: "党小组（党员楼栋长）", en: "Party groups (building leaders)" }, definition: { zh: "期末覆盖楼栋的党小组个数。", en: "Party groups covering buildings at the end of the period." }, unit: UNITS.items }, tree),
      fig("members", members, { label: { zh: "党员", en: "Party members" }, definition: { zh: "期末社区党组织在册党员人数（转入、流动、两新党员；双报到党员另计）。", en: "Members on the community's roll at the end of the period (transferred in, floating, 两新; in-service registrants counted apart)." }, unit: UNITS.people }, memberList()),
      fig("members_transferred_in", n(o.transferred), { label: { zh: "转入党员", en: "Members transferred in" }, definition: { zh: "期末前组织关系转入社区的党员人数。", en: "Members whose membership was transferred to the community by the end of the period." }, unit: UNITS.people }, memberList("transferred_in")),
      fig("members_in_service", n(o.in_service), { label: { zh: "在职党员双报到", en: "In-service members registered (双报到)" }, definition: { zh: "期末前到居住地社区报到的在职党员人数。", en: "In-service members who registered with the community they live in by the end of the period." }, unit: UNITS.people }, memberList("in_service")),
      fig("members_floating", n(o.floating), { label: { zh: "流动党员", en: "Floating members" }, definition: { zh: "期末登记的流动党员人数。", en: "Floating members registered at the end of the period." }, unit: UNITS.people }, memberList("floating")),
      fig("members_two_new", n(o.two_new), { label: { zh: "两新组织党员", en: "Members in 两新 organisations" }, definition: { zh: "期末登记的两新组织党员人数。", en: "Members working in 两新 organisations registered at the end of the period." }, unit: UNITS.people }, memberList("two_new")),
      fig("building_leaders", n(o.building_leaders), { label: { zh: "党员楼栋长", en: "Party building leaders" }, definition: { zh: "担任党员楼栋长的党员人数。", en: "Members serving as building leaders." }, unit: UNITS.people }, tree),
      fig("anchor_households", n(o.anchors), { label: { zh: "党员中心户", en: "Party anchor households" }, definition: { zh: "联系周边住户的党员中心户数。", en: "Members' households looking after neighbouring households." }, unit: UNITS.households }, tree),
      fig("in_service_hours", Math.round(n(w.in_service_hours) * 10) / 10, { label: { zh: "双报到党员志愿服务时长", en: "Service hours of in-service members" }, definition: { zh: "期间内双报到党员参加活动签到获得的服务时长。", en: "Hours in-service members earned by checking in to activities in the period." }, unit: UNITS.hours }, { route: "/activities", query: {} }),
      fig("in_service_serving", n(w.in_service_serving), { label: { zh: "参加服务的双报到党员", en: "In-service members who served" }, definition: { zh: "期间内至少签到参加一次活动的双报到党员人数。", en: "In-service members who checked in to at least one activity in the period." }, unit: UNITS.people }, memberList("in_service")), // every in-service member registered by the period's end, not only those who served
      fig("recorded_service_hours", Math.round(n(w.recorded_hours) * 10) / 10, { label: { zh: "党员自报服务时长", en: "Service hours members recorded" }, definition: { zh: "期间内党员在手机上自行登记的服务时长。", en: "Hours of service members recorded on the phone in the period." }, unit: UNITS.hours }, party("figures")),
      fig("joint_units", n(o.joint_units), { label: { zh: "兼职委员制/大党委成员单位", en: "Member units (兼职委员制 / 大党委)" }, definition: { zh: "期末与社区党委结对的成员单位数。", en: "Partner units linked to the community committee at the end of the period." }, unit: UNITS.units }, tree),
      fig("joint_meetings", n(w.joint_meetings), { label: { zh: "党建联席会议", en: "Joint party-building meetings" }, definition: { zh: "期间内召开完毕的党建联席会议次数。", en: "Joint party-building meetings held and closed in the period." }, unit: UNITS.times }, { route: "/deliberation/meetings", query: { kind: "party_joint", status: "closed" } }),
      fig("party_days", n(w.party_days), { label: { zh: "主题党日活动", en: "Themed party days" }, definition: { zh: "期间内开展的主题党日活动次数。", en: "Themed party days held in the period." }, unit: UNITS.times }, { route: "/activities", query: { kind: "party_day" } }),
      fig("joint_party_days", n(w.joint_party_days), { label: { zh: "联合主题党日", en: "Joint themed party days" }, definition: { zh: "期间内与成员单位联合开展的主题党日次数。", en: "Themed party days held with member units in the period." }, unit: UNITS.times }, { route: "/activities", query: { kind: "party_day" } }),
      fig("mass_org_activities", n(w.mass_org), { label: { zh: "群团组织牵头活动", en: "Activities led by mass organisations" }, definition: { zh: "期间内工会、团委、妇联牵头开展的活动次数。", en: "Activities organised by the trade union, youth league and women's federation in the period." }, unit: UNITS.times }, party("figures")),
      fig("two_new_coverage", percent(n(t.covered), n(t.should)), { label: { zh: "两新组织党的工作覆盖率", en: "两新 coverage" }, definition: { zh: "应建党组织的两新组织（党员3名以上或职工50人以上）中，已建党组织或已派党建指导员的比例。", en: "Share of 两新 organisations that should have a party organisation (3+ members or 50+ employees) with one or an instructor." }, unit: UNITS.share }, party("two-new")),
      fig("two_new_founded", n(t.founded), { label: { zh: "新建两新组织党组织", en: "两新 party organisations founded" }, definition: { zh: "期间内两新组织成立党组织或加入联合党支部的个数。", en: "两新 organisations that founded a branch or joined a joint branch in the period." }, unit: UNITS.items }, party("two-new", { dated: "founded" })),
      fig("projects_completed", n(p.completed), { label: { zh: "书记领办项目完成", en: "Secretary-led projects completed" }, definition: { zh: "期间内完成的书记领办项目个数。", en: "Secretary-led projects completed in the period." }, unit: UNITS.items }, party("projects", { dated: "completed" })),
      fig("project_days", p.avg_days === null || p.avg_days === undefined ? null : Math.round(Number(p.avg_days) * 10) / 10, { label: { zh: "书记领办项目平均用时", en: "Average days per secretary-led project" }, definition: { zh: "期间内完成的书记领办项目从开工到完成的平均天数。", en: "Average days from start to completion of the projects completed in the period." }, unit: { zh: "天", en: "days" } }, party("projects", { dated: "completed" })),
    ];
  },
};
