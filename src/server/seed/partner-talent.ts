import { sql } from "drizzle-orm";
import { rowsOf } from "../db/client";
import type { users } from "../db/schema/accounts";
import type { assignments, recruitmentCalls, talentApplications, talents, teamMembers, teams } from "../db/schema/partners";
import { addDays, addHours, dayOf, REF, type Community, type PartnerSeed, type PersonRef } from "./partner-context";
import type { Rng } from "./random";

/**
 * The talent pool (治理人才库): 红康's four recruitment calls that brought in 200+ registered
 * residents, its six teams that solved 140+ problems handed to them (closed cases of the kinds each
 * team handles), a few sign-ups still waiting for review; 怡心桥's call for rider volunteers and its
 * rider team. Some talents get a resident (or rider) account, copied from their registry phone, so
 * they can sign in by one-time code and volunteer.
 */

type UserRow = typeof users.$inferInsert;
type CallRow = typeof recruitmentCalls.$inferInsert;
type ApplicationRow = typeof talentApplications.$inferInsert;
type TalentRow = typeof talents.$inferInsert;
type TeamRow = typeof teams.$inferInsert;
type MemberRow = typeof teamMembers.$inferInsert;
type AssignmentRow = typeof assignments.$inferInsert;
type TeamKind = TeamRow["kind"];

const CATEGORIES = ["矛盾调解", "医疗健康", "法律服务", "便民维修", "非遗手艺", "党员志愿", "文体宣传"] as const;
type Category = (typeof CATEGORIES)[number];
const CATEGORY_WEIGHTS: Array<[Category, number]> = [
  ["矛盾调解", 16],
  ["医疗健康", 12],
  ["法律服务", 8],
  ["便民维修", 24],
  ["非遗手艺", 8],
  ["党员志愿", 22],
  ["文体宣传", 10],
];
const SKILLS: Record<Category, string[]> = {
  矛盾调解: ["邻里纠纷调解", "家庭矛盾疏导", "物业纠纷协调", "心理疏导"],
  医疗健康: ["全科", "测血压血糖", "中医推拿", "护理", "急救"],
  法律服务: ["法律咨询", "合同审查", "劳动争议", "普法宣讲"],
  便民维修: ["家电维修", "磨刀", "修鞋", "理发", "洗车", "水电维修", "修自行车"],
  非遗手艺: ["剪纸", "扎染", "刺绣", "面塑", "书法"],
  党员志愿: ["楼栋走访", "文明劝导", "政策宣讲", "关爱老人"],
  文体宣传: ["摄影", "主持", "广场舞", "合唱", "公众号编辑"],
};

/** 红康's six teams and the talent category each draws from, with the cases it takes. */
/** `solved`: problems solved in 2024 (146 in all, the article's "140余个"); `later`: solved since. */
const HK_TEAMS: Array<{ name: string; kind: TeamKind; category: Category; solved: number; later: number; cases: string[] }> = [
  { name: "矛盾纠纷调解队", kind: "mediation", category: "矛盾调解", solved: 40, later: 12, cases: ["dispute_neighbour", "dispute_family", "dispute_property", "noise"] },
  { name: "爱心义诊团", kind: "free_clinic", category: "医疗健康", solved: 18, later: 4, cases: ["other", "sanitation"] },
  { name: "周五志愿服务队", kind: "convenience", category: "便民维修", solved: 32, later: 10, cases: ["road", "sanitation", "other"] },
  { name: "非遗守艺人", kind: "heritage", category: "非遗手艺", solved: 10, later: 3, cases: ["other", "billboard"] },
  { name: "红心闪耀党员志愿服务队", kind: "party_volunteer", category: "党员志愿", solved: 30, later: 8, cases: ["public_safety", "fire_hazard", "sanitation", "billboard"] },
  { name: "法律服务队", kind: "other", category: "法律服务", solved: 16, later: 5, cases: ["dispute_property", "dispute_family", "dispute_neighbour", "food_safety"] },
];

/**
 * The four calls, all published between December 2023 and December 2024 (the article's "4次"); the
 * fourth stays open (常态化招募). `early`: how many of a call's approvals came in 2024 — 201 talents
 * by the end of 2024 with the two demo accounts (the article's "200余人").
 */
const HK_CALLS = [
  { slug: "hk-talent-2024a", title: "红康社区治理人才招募令（第一期）", opens: "2023-12-15", closes: "2024-01-31", approved: 62, early: 62 },
  { slug: "hk-talent-2024b", title: "红康社区治理人才招募令（第二期）", opens: "2024-04-01", closes: "2024-05-31", approved: 55, early: 55 },
  { slug: "hk-talent-2024c", title: "红康社区治理人才招募令（第三期）", opens: "2024-08-01", closes: "2024-09-30", approved: 50, early: 50 },
  { slug: "hk-talent-2024d", title: "红康社区治理人才招募令（第四期·常态化招募）", opens: "2024-11-01", closes: "2026-12-31", approved: 41, early: 32 },
];
const EARLY_UNTIL = "2024-12-15";
const TEAMS_FROM = new Date("2024-05-06T09:00:00+08:00");
const YEAR_END = new Date("2025-01-01T00:00:00+08:00");
const CALL_BODY =
  "社区诚邀有一技之长、热心公益的居民加入治理人才库：调解矛盾纠纷、义诊咨询、法律服务、便民维修、非遗手艺、党员志愿、文体宣传……报名后经社区审核入库，编入服务队参与社区治理和志愿服务，服务时长可兑换积分。";

export type TalentBuilt = {
  users: UserRow[];
  calls: CallRow[];
  applications: ApplicationRow[];
  talents: TalentRow[];
  teams: TeamRow[];
  members: MemberRow[];
  assignments: AssignmentRow[];
  caseLinks: Array<{ caseId: string; kind: "assignment"; refId: string; createdAt: Date }>;
  /** Users who volunteer in the activities, by community (talents with an account and the demo accounts). */
  volunteers: Map<string, string[]>;
  /** Riders who volunteer (怡心桥's rider team), the demo rider first. */
  riders: string[];
  teamByName: Map<string, string>;
  /** When each volunteering user joined (ms), so nobody signs up before they were recruited. */
  joinedAt: Map<string, number>;
};

export async function buildTalent(s: PartnerSeed): Promise<TalentBuilt> {
  const rng = s.rng.fork("talent");
  const out: TalentBuilt = { users: [], calls: [], applications: [], talents: [], teams: [], members: [], assignments: [], caseLinks: [], volunteers: new Map(), riders: [], teamByName: new Map(), joinedAt: new Map() };
  const hkStaff = s.user("hk_staff").id;
  const yxqStaff = s.user("yxq_staff").id;

  const addCall = (c: Community, slug: string, title: string, opens: string, closes: string, categories: readonly string[]) => {
    const id = s.newId();
    out.calls.push({ id, communityId: c.id, title, body: CALL_BODY, slug, categories: [...categories], channels: ["wechat", "resident_group", "notice_board"], opensOn: opens, closesOn: closes, createdAt: new Date(`${opens}T09:00:00+08:00`) });
    return id;
  };
  const applyAt = (rng: Rng, opens: string, closes: string) => {
    const a = new Date(`${opens}T08:00:00+08:00`).getTime();
    const b = Math.min(new Date(`${closes}T20:00:00+08:00`).getTime(), REF.getTime() - 86400_000);
    return new Date(a + rng.float() * Math.max(0, b - a));
  };
  const addApplication = (callId: string, p: PersonRef, category: string, skills: string[], createdAt: Date, status: ApplicationRow["status"], reviewer: string) => {
    out.applications.push({
      id: s.newId(),
      callId,
      name: p.name,
      phoneEnc: p.phoneEnc,
      phoneHash: p.phoneHash,
      phoneTail: p.phoneTail,
      category,
      skills,
      intro: null,
      status,
      reviewedBy: status === "pending" ? null : reviewer,
      reviewedAt: status === "pending" ? null : addDays(createdAt, rng.int(1, 5)),
      createdAt,
    });
    return out.applications[out.applications.length - 1];
  };
  const account = (p: PersonRef, role: "resident" | "rider", areaId: string, createdAt: Date) => {
    const id = s.newId();
    out.users.push({ id, displayName: p.name, role, phoneEnc: p.phoneEnc, phoneHash: p.phoneHash, phoneTail: p.phoneTail, areaId, personId: p.id, status: "active", createdAt });
    return id;
  };

  // ---- 红康: four calls, 208 talents, pending and rejected sign-ups
  const hkPeople = (await s.residentsWithPhone(s.hk, 400)).filter((p) => !p.hasUser);
  const approvedTotal = HK_CALLS.reduce((n, c) => n + c.approved, 0);
  if (hkPeople.length < approvedTotal + 20) throw new Error("Too few residents with a phone for the talent pool");
  const hkCallIds = HK_CALLS.map((c) => addCall(s.hk, c.slug, c.title, c.opens, c.closes, CATEGORIES));
  const teamMembersByCategory = new Map<Category, string[]>();
  const volunteersHk: string[] = [];
  let k = 0;
  HK_CALLS.forEach((call, ci) => {
    for (let i = 0; i < call.approved; i++, k++) {
      const p = hkPeople[k];
      const category = rng.weighted(CATEGORY_WEIGHTS);
      const skills = rng.shuffle([...SKILLS[category]]).slice(0, rng.int(1, 3));
      const when = i < call.early ? applyAt(rng, call.opens, call.closes < EARLY_UNTIL ? call.closes : EARLY_UNTIL) : applyAt(rng, "2025-01-06", call.closes);
      const app = addApplication(hkCallIds[ci], p, category, skills, when, "approved", hkStaff);
      // Every fifth talent uses the phone app (their registry phone becomes their sign-in).
      const userId = k % 5 === 0 ? account(p, "resident", p.areaId, app.reviewedAt!) : null;
      if (userId) {
        app.userId = userId;
        volunteersHk.push(userId);
        out.joinedAt.set(userId, app.reviewedAt!.getTime());
      }
      const id = s.newId();
      out.talents.push({ id, communityId: s.hk.id, userId, personId: p.id, name: p.name, category, skills, isRider: false, joinedOn: dayOf(app.reviewedAt!) });
      teamMembersByCategory.set(category, [...(teamMembersByCategory.get(category) ?? []), id]);
    }
  });
  for (let i = 0; i < 12; i++, k++) {
    const p = hkPeople[k];
    const category = rng.weighted(CATEGORY_WEIGHTS);
    addApplication(hkCallIds[3], p, category, rng.shuffle([...SKILLS[category]]).slice(0, 2), applyAt(rng, dayOf(addDays(REF, -14)), dayOf(REF)), "pending", hkStaff);
  }
  for (let i = 0; i < 5; i++, k++) {
    const p = hkPeople[k];
    addApplication(hkCallIds[i % 2], p, "文体宣传", ["广场舞"], applyAt(rng, HK_CALLS[i % 2].opens, HK_CALLS[i % 2].closes), "rejected", hkStaff);
  }

  // The demo volunteer and the demo rider of 红康 are talents of the Friday service team.
  const volunteer = s.user("hk_volunteer");
  const hkRider = s.rider(s.hk);
  const extra: Array<[string, string, Category, boolean]> = [
    [volunteer.id, volunteer.displayName, "便民维修", false],
    [hkRider.id, hkRider.displayName, "便民维修", true],
  ];
  for (const [userId, name, category, isRider] of extra) {
    const id = s.newId();
    out.talents.push({ id, communityId: s.hk.id, userId, personId: null, name, category, skills: ["家电维修", "修自行车"], isRider, joinedOn: "2024-04-20" });
    teamMembersByCategory.set(category, [id, ...(teamMembersByCategory.get(category) ?? [])]);
  }
  out.volunteers.set(s.hk.id, [volunteer.id, hkRider.id, ...volunteersHk]);
  for (const u of [volunteer.id, hkRider.id, s.user("yxq_volunteer").id, s.rider(s.yxq).id]) out.joinedAt.set(u, new Date("2024-01-01T00:00:00+08:00").getTime());

  for (const t of HK_TEAMS) {
    const id = s.newId();
    const members = teamMembersByCategory.get(t.category) ?? [];
    out.teams.push({ id, communityId: s.hk.id, name: t.name, kind: t.kind, leaderTalentId: members[0] ?? null, createdAt: TEAMS_FROM });
    for (const talentId of members) out.members.push({ teamId: id, talentId });
    out.teamByName.set(t.name, id);
  }

  // ---- 怡心桥: a call for rider volunteers and the rider team
  const yxqPeople = (await s.residentsWithPhone(s.yxq, 120)).filter((p) => !p.hasUser);
  if (yxqPeople.length < 24) throw new Error("Too few residents with a phone for the rider team");
  const yxqCall = addCall(s.yxq, "yxq-riders-2025", "怡心桥社区骑手志愿者招募令", "2025-05-01", "2025-06-30", ["骑手志愿"]);
  const yxqRider = s.rider(s.yxq);
  const riderTeam = s.newId();
  const riderTalents: string[] = [];
  const riderUsers: string[] = [yxqRider.id];
  {
    const id = s.newId();
    out.talents.push({ id, communityId: s.yxq.id, userId: yxqRider.id, personId: null, name: yxqRider.displayName, category: "骑手志愿", skills: ["流动网格员", "消防巡查"], isRider: true, joinedOn: "2025-05-20" });
    riderTalents.push(id);
  }
  for (let i = 0; i < 24; i++) {
    const p = yxqPeople[i];
    const app = addApplication(yxqCall, p, "骑手志愿", ["流动网格员"], applyAt(rng, "2025-05-01", "2025-06-30"), "approved", yxqStaff);
    const userId = account(p, "rider", s.yxq.id, app.reviewedAt!);
    app.userId = userId;
    out.joinedAt.set(userId, app.reviewedAt!.getTime());
    riderUsers.push(userId);
    const id = s.newId();
    out.talents.push({ id, communityId: s.yxq.id, userId, personId: p.id, name: p.name, category: "骑手志愿", skills: ["流动网格员"], isRider: true, joinedOn: dayOf(app.reviewedAt!) });
    riderTalents.push(id);
  }
  out.teams.push({ id: riderTeam, communityId: s.yxq.id, name: "骑手志愿服务队", kind: "rider_volunteer", leaderTalentId: riderTalents[1], createdAt: new Date("2025-07-01T09:00:00+08:00") });
  for (const talentId of riderTalents) out.members.push({ teamId: riderTeam, talentId });
  out.teamByName.set("骑手志愿服务队", riderTeam);
  out.riders = riderUsers;
  out.volunteers.set(s.yxq.id, [s.user("yxq_volunteer").id, ...riderUsers]);

  // 红康's teams: the problems of 2024 (cases opened after the teams were formed and closed in 2024), then those since.
  await addAssignments(s, rng, out, s.hk, [
    ...HK_TEAMS.map((t) => ({ teamId: out.teamByName.get(t.name)!, solved: t.solved, open: 0, cases: t.cases, window: [TEAMS_FROM, YEAR_END] as [Date, Date] })),
    ...HK_TEAMS.map((t) => ({ teamId: out.teamByName.get(t.name)!, solved: t.later, open: t.kind === "mediation" || t.kind === "convenience" ? 2 : 1, cases: t.cases, window: [YEAR_END, REF] as [Date, Date] })),
  ]);
  await addAssignments(s, rng, out, s.yxq, [{ teamId: riderTeam, solved: 12, open: 1, cases: ["fire_hazard", "public_safety", "sanitation", "road"] }]);
  return out;
}

/** Hands closed (resolved) cases of the right kinds to each team, solved when the case closed; open ones to open cases. */
async function addAssignments(s: PartnerSeed, rng: Rng, out: TalentBuilt, c: Community, plan: Array<{ teamId: string; solved: number; open: number; cases: string[]; window?: [Date, Date] }>) {
  const rows = rowsOf<{ id: string; category_code: string; status: string; created_at: Date | string; closed_at: Date | string | null }>(
    await s.tx.execute(sql`
      SELECT id, category_code, status, created_at, closed_at FROM cases
      WHERE community_id = ${c.id} AND created_at < ${REF} AND ((status = 'closed' AND closure_kind = 'resolved' AND closed_at > created_at + interval '8 hours') OR status IN ('accepted', 'dispatched', 'in_progress'))
      ORDER BY created_at, id`),
  );
  const used = new Set<string>();
  // A solved problem is a case opened and closed inside the plan's window (when it has one).
  const inside = (r: (typeof rows)[number], w?: [Date, Date]) =>
    !w || (new Date(r.created_at).getTime() >= w[0].getTime() && r.closed_at !== null && new Date(r.closed_at).getTime() - 3600_000 < w[1].getTime());
  const take = (codes: string[], closed: boolean, w?: [Date, Date]) => {
    const fits = (r: (typeof rows)[number]) => !used.has(r.id) && (r.status === "closed") === closed && (!closed || inside(r, w));
    const pool = rows.filter((r) => fits(r) && codes.includes(r.category_code));
    const pick = pool.length ? pool[rng.int(0, pool.length - 1)] : rows.filter(fits)[0];
    if (pick) used.add(pick.id);
    return pick;
  };
  for (const p of plan) {
    for (let i = 0; i < p.solved + p.open; i++) {
      const solved = i < p.solved;
      const r = take(p.cases, solved, p.window);
      if (!r) break;
      const created = addHours(new Date(r.created_at), rng.int(2, 4));
      const id = s.newId();
      out.assignments.push({
        id,
        communityId: c.id,
        refKind: "case",
        refId: r.id,
        teamId: p.teamId,
        talentId: null,
        status: solved ? "solved" : "open",
        note: solved ? "已上门处理，问题解决" : "请服务队跟进",
        solvedAt: solved ? addHours(new Date(r.closed_at!), -1) : null,
        createdAt: created,
      });
      out.caseLinks.push({ caseId: r.id, kind: "assignment", refId: id, createdAt: created });
    }
  }
}
