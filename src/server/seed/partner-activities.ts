import type { activities, activityUnits, booths, pointAccounts, pointEntries, redemptions, rewards, signups } from "../db/schema/partners";
import type { LngLat } from "../db/schema/types";
import { addDays, addHours, at, REF, type Community, type PartnerSeed } from "./partner-context";
import type { TalentBuilt } from "./partner-talent";
import type { UnitsBuilt } from "./partner-units";
import type { Rng } from "./random";

/**
 * Activities and services of both communities, past and coming: 红康's 周五志愿服务 every Friday,
 * monthly 河畔集市 with booths run by units and teams, 普法茶水铺 (60+ legal questions answered in 2024),
 * 60+ anti-fraud sessions in 2024 (500+ leaflets), six joint party days of 2024 with the member units, health
 * runs, festivals, blood drives and free clinics, 2024's river clean-ups and riverside advice;
 * 怡心桥's 50 clean-up campaigns of July 2023 – December 2024, 21 river clean-ups and 14 joint fire
 * checks with riders and its 大党委 party days. Past ones are done, with sign-ups, check-ins,
 * hours and points and what they produced; those after the present are open for sign-up.
 */

type ActivityRow = typeof activities.$inferInsert;
type Kind = ActivityRow["kind"];
type SignupRow = typeof signups.$inferInsert;
type EntryRow = typeof pointEntries.$inferInsert;
type AccountRow = typeof pointAccounts.$inferInsert;
type RedemptionRow = typeof redemptions.$inferInsert;
type RewardRow = typeof rewards.$inferInsert;

export type ActivitiesBuilt = {
  activities: ActivityRow[];
  booths: Array<typeof booths.$inferInsert>;
  activityUnits: Array<typeof activityUnits.$inferInsert>;
  signups: SignupRow[];
  entries: EntryRow[];
  accounts: AccountRow[];
  redemptions: RedemptionRow[];
};

type Plan = {
  c: Community;
  kind: Kind;
  title: string;
  description?: string;
  place: string;
  start: Date;
  hours: number;
  capacity: number;
  points?: number;
  team?: string;
  units?: string[];
  booths?: Array<{ name: string; unit?: string; team?: string }>;
  outputs?: (rng: Rng) => Record<string, number>;
  seriesId?: string | null;
  /** Who volunteers: the community's volunteers, or its riders. */
  crew?: "volunteers" | "riders";
  /** Sign-ups of a past activity as a share of capacity. */
  fill?: [number, number];
  /** Demo accounts always signed up. */
  always?: string[];
};

/** Every `weekday` (0 = Sunday) from `from` to `to`, at a local hour. */
function weekly(from: Date, to: Date, hour: number): Date[] {
  const out: Date[] = [];
  for (let t = from; t <= to; t = addDays(t, 7)) out.push(addHours(t, hour));
  return out;
}

/** The `n`th `weekday` of each month from (y, m) for `count` months, at a local hour. */
function monthly(y: number, m: number, count: number, weekday: number, n: number, hour: number): Date[] {
  const out: Date[] = [];
  for (let i = 0; i < count; i++) {
    const yy = y + Math.floor((m - 1 + i) / 12);
    const mm = ((m - 1 + i) % 12) + 1;
    const first = new Date(Date.UTC(yy, mm - 1, 1)).getUTCDay();
    const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
    out.push(at(yy, mm, day, hour));
  }
  return out;
}

/** Months from (y, m) up to the month after the present's, so each monthly series has its next date ahead. */
function monthsUpTo(y: number, m: number): number {
  const now = new Date(REF.getTime() + 8 * 3600_000);
  return (now.getUTCFullYear() - y) * 12 + (now.getUTCMonth() + 1 - m) + 2;
}

/** 09:00 of the first Saturday at least `days` days after the present. */
function nextSaturday(days: number): Date {
  const d = new Date(REF.getTime() + 8 * 3600_000 + days * 86_400_000);
  const ahead = (6 - d.getUTCDay() + 7) % 7;
  return at(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate() + ahead, 9);
}

export function buildActivities(s: PartnerSeed, units: UnitsBuilt, talent: TalentBuilt): ActivitiesBuilt {
  const rng = s.rng.fork("activities");
  const out: ActivitiesBuilt = { activities: [], booths: [], activityUnits: [], signups: [], entries: [], accounts: [], redemptions: [] };
  const unitId = (c: Community, name: string) => units.units.find((u) => u.communityId === c.id && u.name === name)?.id;
  const hkMembers = units.units.filter((u) => u.communityId === s.hk.id && u.bigCommittee).map((u) => u.name);
  const yxqMembers = units.units.filter((u) => u.communityId === s.yxq.id && u.bigCommittee).map((u) => u.name);
  const near = (c: Community): LngLat => [Math.round((c.center[0] + (rng.float() - 0.5) * 0.004) * 1e6) / 1e6, Math.round((c.center[1] + (rng.float() - 0.5) * 0.003) * 1e6) / 1e6];
  const plans: Plan[] = [];
  const series = () => s.newId();
  const volunteer = s.user("hk_volunteer").id;
  const hkRider = s.rider(s.hk).id;
  const yxqRider = s.rider(s.yxq).id;

  // ---- 红康
  const friday = series();
  weekly(at(2025, 1, 3), addDays(REF, 21), 9).forEach((start, i) =>
    plans.push({
      c: s.hk,
      kind: "friday_service",
      title: "周五志愿服务",
      description: "周五志愿服务队在社区广场为居民义务维修家电、磨刀、修鞋、理发、洗地垫和洗车。",
      place: "红康社区党群服务中心广场",
      start,
      hours: 3,
      capacity: 10,
      points: 30,
      team: "周五志愿服务队",
      seriesId: friday,
      outputs: (r) => ({ served: r.int(25, 60), knives: r.int(5, 20), repairs: r.int(4, 15) }),
      fill: [0.4, 0.8],
      always: [...(i % 3 === 0 ? [volunteer] : []), ...(i % 7 === 0 ? [hkRider] : [])],
    }),
  );
  const market = series();
  const marketBooths = [
    { name: "爱心义诊", team: "爱心义诊团" },
    { name: "口腔健康咨询", unit: "昆明市口腔医院" },
    { name: "法律咨询", team: "法律服务队" },
    { name: "非遗剪纸扎染", team: "非遗守艺人" },
    { name: "政策宣传与文创", unit: "云南言之文化传媒有限公司" },
    { name: "亲子游戏", unit: "五华区第二幼儿园" },
  ];
  monthly(2024, 5, monthsUpTo(2024, 5), 6, 2, 14).forEach((start, i) =>
    plans.push({
      c: s.hk,
      kind: "riverside_market",
      title: "河畔集市",
      description: "每月第二个周六在盘龙江畔举办的便民服务集市：法律咨询、政策宣讲、义诊、非遗手艺。",
      place: "盘龙江红康段河畔步道",
      start,
      hours: 3.5,
      capacity: 30,
      points: 35,
      seriesId: market,
      booths: marketBooths.filter((_, k) => k < 4 || (i + k) % 2 === 0),
      outputs: (r) => ({ served: r.int(120, 260), clinics: r.int(20, 50) }),
      fill: [0.2, 0.4],
      always: i % 3 === 0 ? [volunteer] : [],
    }),
  );
  // The tea stall: monthly since January 2024, 64 legal questions answered in 2024 (the article's "60多个").
  const tea = series();
  const teaQuestions2024 = [5, 6, 5, 5, 6, 5, 5, 6, 5, 5, 6, 5];
  monthly(2024, 1, monthsUpTo(2024, 1), 3, 1, 15).forEach((start, i) =>
    plans.push({
      c: s.hk,
      kind: "legal_tea",
      title: "普法茶水铺",
      description: "一壶茶、一张桌，律师和法律服务队志愿者为居民解答法律问题。",
      place: "红康社区党群服务中心茶室",
      start,
      hours: 2,
      capacity: 6,
      team: "法律服务队",
      seriesId: tea,
      outputs: (r) => ({ served: r.int(8, 20), legalQuestions: i < teaQuestions2024.length ? teaQuestions2024[i] : r.int(3, 5) }),
      fill: [0.5, 1],
    }),
  );
  // 65 anti-fraud sessions from December 2023 to December 2024, about every six days, in turn at each
  // compound, with 504 leaflets (the article's "60余次" and "500余份"); monthly ones after that.
  const compounds = ["金水湾小区", "康宁花园", "红云雅苑", "盘江明珠小区", "北仓佳园"];
  const fraudDays = [
    ...Array.from({ length: 65 }, (_, i) => addHours(addDays(at(2023, 12, 6), i * 6 + (i % 3)), 10)),
    ...monthly(2025, 1, monthsUpTo(2025, 1), 3, 2, 10),
  ];
  // 2024's leaflets: 5 to 10 a session, 504 in all.
  const fraudLeaflets = Array.from({ length: 65 }, (_, i) => 8 + ((i * 3) % 5) - 2 - (i % 4 === 1 ? 1 : 0));
  for (let i = 0; i < fraudDays.length; i++) {
    const start = fraudDays[i];
    plans.push({
      c: s.hk,
      kind: "anti_fraud",
      title: "反诈宣传进小区",
      description: "志愿者和民警在小区门口讲解常见电信诈骗手法，发放反诈宣传折页，帮助居民安装国家反诈中心App。",
      place: `${compounds[i % compounds.length]}大门口`,
      start,
      hours: 1.5,
      capacity: 8,
      units: i % 4 === 0 ? ["云南言之文化传媒有限公司"] : [],
      outputs: (r) => ({ served: r.int(20, 60), leaflets: i < fraudLeaflets.length ? fraudLeaflets[i] : r.int(7, 14), appInstalls: r.int(3, 15) }),
      fill: [0.3, 0.6],
    });
  }
  // The six joint party days of 2024 with the member units (the article's "6次").
  const partyDays: Array<[Date, string]> = [
    [at(2024, 3, 5, 9), "联合主题党日：学雷锋志愿服务"],
    [at(2024, 5, 17, 9), "联合主题党日：党史学习进社区"],
    [at(2024, 7, 1, 9), "联合主题党日：重温入党誓词"],
    [at(2024, 8, 23, 14), "联合主题党日：共建共治共享"],
    [at(2024, 10, 18, 14), "联合主题党日：老旧楼院安全隐患联合排查"],
    [at(2024, 12, 5, 14), "联合主题党日：国际志愿者日共建服务"],
  ];
  for (const [start, title] of partyDays) {
    plans.push({ c: s.hk, kind: "party_day", title, place: "红康社区党群服务中心", start, hours: 2.5, capacity: 40, points: 25, team: "红心闪耀党员志愿服务队", units: hkMembers, outputs: (r) => ({ participants: r.int(30, 60), served: r.int(40, 120) }), fill: [0.4, 0.7] });
  }
  const oneOff: Array<[Kind, Date, string, string, number, number, string?]> = [
    ["health_run", at(2024, 4, 21, 8), "全民健身·河畔健康跑", "盘龙江滨河步道", 3, 30],
    ["health_run", at(2024, 8, 10, 8), "全民健身·河畔健康跑", "盘龙江滨河步道", 3, 30],
    ["health_run", at(2024, 11, 17, 8), "全民健身·河畔健康跑", "盘龙江滨河步道", 3, 30],
    ["health_run", at(2025, 4, 20, 8), "红康社区健康跑", "盘龙江滨河步道", 3, 30],
    ["health_run", at(2026, 4, 19, 8), "红康社区健康跑", "盘龙江滨河步道", 3, 30],
    ["health_run", at(2026, 12, 6, 8), "红康社区冬季健康跑", "盘龙江滨河步道", 3, 30],
    ["festival", at(2024, 2, 3, 9), "写春联送福字", "红康社区党群服务中心", 3, 15, "非遗守艺人"],
    ["festival", at(2024, 6, 8, 9), "邻里端午包粽子", "红康社区党群服务中心", 3, 20],
    ["festival", at(2024, 9, 14, 15), "邻里中秋游园会", "金水湾小区中心花园", 3, 20],
    ["blood_drive", at(2024, 6, 15, 9), "无偿献血进社区", "红康社区党群服务中心广场", 6, 10],
    ["festival", at(2025, 1, 25, 9), "写春联送福字", "红康社区党群服务中心", 3, 15, "非遗守艺人"],
    ["festival", at(2025, 10, 4, 15), "邻里中秋游园会", "金水湾小区中心花园", 3, 20],
    ["festival", at(2026, 2, 14, 9), "写春联送福字", "红康社区党群服务中心", 3, 15, "非遗守艺人"],
    ["blood_drive", at(2025, 6, 14, 9), "无偿献血进社区", "红康社区党群服务中心广场", 6, 10],
    ["blood_drive", at(2026, 6, 13, 9), "无偿献血进社区", "红康社区党群服务中心广场", 6, 10],
    ["other", at(2025, 8, 16, 8), "盘龙江河道清洁", "盘龙江红康段", 2.5, 20],
    ["other", at(2026, 3, 21, 8), "盘龙江河道清洁", "盘龙江红康段", 2.5, 20],
  ];
  for (const [kind, start, title, place, hours, capacity, team] of oneOff) {
    plans.push({ c: s.hk, kind, title, place, start, hours, capacity, team, outputs: (r) => ({ served: r.int(30, 150) }), fill: [0.4, 0.8], always: kind === "other" ? [hkRider] : [] });
  }
  // 2024 by the river: the 红心闪耀 party volunteers' clean-up every Saturday (52, the article's "50余次"),
  // and from May to October talents and residents asking swimmers and street vendors along the river
  // to keep off (34, the article's "30余次").
  const riverCleanup = series();
  weekly(at(2024, 1, 6), at(2024, 12, 28), 8).forEach((start) =>
    plans.push({
      c: s.hk,
      kind: "other",
      title: "红心闪耀河道清洁",
      description: "红心闪耀党员志愿者沿盘龙江红康段巡查河道，清理河道周边垃圾。",
      place: "盘龙江红康段",
      start,
      hours: 1.5,
      capacity: 12,
      points: 15,
      team: "红心闪耀党员志愿服务队",
      seriesId: riverCleanup,
      outputs: (r) => ({ garbageBags: r.int(4, 15) }),
      fill: [0.3, 0.7],
    }),
  );
  const riverAdvice = series();
  for (let i = 0; i < 34; i++) {
    plans.push({
      c: s.hk,
      kind: "other",
      title: "盘龙江沿岸文明劝导",
      description: "治理人才和热心居民沿江劝导下河游泳人员和流动摊贩，宣传河道安全和市容管理规定。",
      place: "盘龙江红康段沿岸",
      start: addHours(addDays(at(2024, 5, 3), i * 5), 17),
      hours: 2,
      capacity: 6,
      seriesId: riverAdvice,
      outputs: (r) => ({ swimmersAdvised: r.int(2, 12), vendorsAdvised: r.int(1, 6) }),
      fill: [0.4, 0.8],
    });
  }
  const clinics = series();
  // On the third Thursday: monthly through 2024, quarterly since.
  [...monthly(2024, 1, 12, 4, 3, 9), ...monthly(2025, 1, monthsUpTo(2025, 1) + 1, 4, 3, 9).filter((_, i) => i % 3 === 0)]
    .forEach((start, i) =>
      plans.push({
        c: s.hk,
        kind: "free_clinic",
        title: "爱心义诊",
        description: "爱心义诊团和口腔医院医护人员为居民免费测血压、血糖，口腔检查和健康咨询。",
        place: i % 2 ? "北仓佳园活动室" : "红康社区卫生服务站",
        start,
        hours: 3,
        capacity: 10,
        team: "爱心义诊团",
        units: ["昆明市口腔医院"],
        seriesId: clinics,
        outputs: (r) => ({ served: r.int(30, 80), clinics: r.int(30, 80) }),
        fill: [0.5, 0.9],
      }),
    );

  // ---- 怡心桥
  for (let i = 0; i < 21; i++) {
    plans.push({
      c: s.yxq,
      kind: "other",
      title: "骑手志愿者河道清洁行动",
      description: "骑手志愿服务队利用送餐间隙清理河道沿线垃圾。",
      place: "怡心桥河道沿线",
      start: addHours(addDays(at(2025, 7, 5), i * 23), 9),
      hours: 2,
      capacity: 15,
      team: "骑手志愿服务队",
      crew: "riders",
      outputs: (r) => ({ garbageBags: r.int(8, 30) }),
      fill: [0.4, 0.8],
      always: i % 2 === 0 ? [yxqRider] : [],
    });
  }
  for (let i = 0; i < 14; i++) {
    plans.push({
      c: s.yxq,
      kind: "other",
      title: "消防安全联合检查（骑手参与）",
      description: "网格员带领骑手志愿者检查沿街商铺、楼院的消防通道和电动车充电。",
      place: "怡心桥沿街商铺及楼院",
      start: addHours(addDays(at(2025, 7, 15), i * 34), 14),
      hours: 2,
      capacity: 8,
      team: "骑手志愿服务队",
      crew: "riders",
      outputs: (r) => ({ checkedPlaces: r.int(10, 30), hazardsFound: r.int(0, 4) }),
      fill: [0.4, 0.9],
      always: i % 3 === 0 ? [yxqRider] : [],
    });
  }
  for (const start of [nextSaturday(2), nextSaturday(16)]) {
    plans.push({ c: s.yxq, kind: "other", title: "骑手志愿者河道清洁行动", place: "怡心桥河道沿线", start, hours: 2, capacity: 15, team: "骑手志愿服务队", crew: "riders", fill: [0.3, 0.5] });
  }
  // July 2023 – December 2024: the community's 50 environmental clean-up campaigns (环境卫生集中整治), about every 11 days.
  const yxqCampaigns = series();
  for (let i = 0; i < 50; i++) {
    plans.push({
      c: s.yxq,
      kind: "other",
      title: "环境卫生集中整治",
      description: "社区组织网格员、志愿者和商户集中清理楼院、背街小巷和商圈周边的卫生死角、乱堆乱放。",
      place: ["南亚风情第壹城商圈周边", "怡心苑及周边楼院", "前卫西路背街小巷", "兴苑楼院"][i % 4],
      start: addHours(addDays(at(2023, 7, 8), i * 11), 9),
      hours: 2,
      capacity: 15,
      seriesId: yxqCampaigns,
      outputs: (r) => ({ garbageBags: r.int(10, 40), spotsCleared: r.int(3, 12) }),
      fill: [0.3, 0.7],
    });
  }
  for (const [start, title] of [
    [at(2024, 7, 1, 9), "大党委联合主题党日：共建骑手友好社区"],
    [at(2025, 7, 1, 9), "大党委联合主题党日：党建引领基层治理"],
    [at(2026, 7, 1, 9), "大党委联合主题党日：共驻共建共享"],
  ] as const) {
    plans.push({ c: s.yxq, kind: "party_day", title, place: "怡心桥社区党群服务中心", start, hours: 2.5, capacity: 40, points: 25, units: yxqMembers, outputs: (r) => ({ participants: r.int(30, 60) }), fill: [0.3, 0.6] });
  }
  for (let i = 0; i < 6; i++) {
    plans.push({ c: s.yxq, kind: "anti_fraud", title: "反诈宣传进驿站", place: "温新驿站", start: addHours(addDays(at(2025, 3, 10), i * 61), 15), hours: 1.5, capacity: 6, units: ["富滇银行怡心桥支行"], outputs: (r) => ({ served: r.int(15, 40), leaflets: r.int(20, 60) }), crew: "riders", fill: [0.4, 0.8] });
  }

  // ---- rows
  // Only those who had joined by the day of the activity.
  const crewOf = (p: Plan) => (p.crew === "riders" ? talent.riders : (talent.volunteers.get(p.c.id) ?? [])).filter((u) => (talent.joinedAt.get(u) ?? 0) <= p.start.getTime() - 86400_000);
  const balances = new Map<string, { hours: number; points: number }>();
  const credit = (userId: string, hours: number, points: number) => {
    const b = balances.get(userId) ?? { hours: 0, points: 0 };
    b.hours = Math.round((b.hours + hours) * 100) / 100;
    b.points += points;
    balances.set(userId, b);
  };
  for (const p of plans.sort((a, b) => a.start.getTime() - b.start.getTime())) {
    const r = rng.fork(`${p.c.id}:${p.start.toISOString()}:${p.title}`);
    const id = s.newId();
    const past = p.start < REF;
    const ends = addHours(p.start, p.hours);
    const points = p.points ?? Math.round(p.hours * 10);
    out.activities.push({
      id,
      communityId: p.c.id,
      kind: p.kind,
      title: p.title,
      description: p.description ?? "",
      seriesId: p.seriesId ?? null,
      startsAt: p.start,
      endsAt: ends,
      place: p.place,
      location: near(p.c),
      capacity: p.capacity,
      hours: p.hours,
      points,
      status: past ? "done" : "open",
      checkinCode: s.code(r),
      outputs: past && p.outputs ? p.outputs(r) : {},
      teamId: p.team ? (talent.teamByName.get(p.team) ?? null) : null,
      createdAt: addDays(p.start, -r.int(10, 30)),
    });
    for (const name of p.units ?? []) {
      const u = unitId(p.c, name);
      if (u) out.activityUnits.push({ activityId: id, unitId: u });
    }
    for (const b of p.booths ?? []) {
      out.booths.push({ id: s.newId(), activityId: id, name: b.name, unitId: b.unit ? (unitId(p.c, b.unit) ?? null) : null, teamId: b.team ? (talent.teamByName.get(b.team) ?? null) : null });
    }
    // Sign-ups: the demo accounts named, then a draw from the crew.
    const crew = crewOf(p);
    const share = past ? p.fill ?? [0.4, 0.8] : [0.2, 0.4];
    const want = Math.min(p.capacity, Math.max(1, Math.round(p.capacity * (share[0] + r.float() * (share[1] - share[0])))));
    const chosen = [...new Set([...(p.always ?? []).filter((u) => crew.includes(u) || u === volunteer || u === hkRider), ...r.shuffle([...crew])])].slice(0, want);
    chosen.forEach((userId) => {
      const createdAt = addHours(p.start, -r.int(24, 24 * 9));
      const demo = (p.always ?? []).includes(userId);
      const cancelled = past && !demo && r.chance(0.04);
      const checkedIn = past && !cancelled && (demo || r.chance(0.9));
      const checkedInAt = checkedIn ? new Date(p.start.getTime() + r.int(-10, 25) * 60_000) : null;
      out.signups.push({ id: s.newId(), activityId: id, userId, status: cancelled ? "cancelled" : "confirmed", position: null, checkedInAt, remindedAt: past ? addHours(p.start, -20) : null, createdAt });
      if (checkedInAt) {
        out.entries.push({ id: s.newId(), userId, hours: p.hours, points, kind: "checkin", refId: id, reason: p.title, createdBy: null, createdAt: checkedInAt });
        credit(userId, p.hours, points);
      }
    });
  }

  // A staff correction and a few redemptions, so the record and the catalogue have history.
  const staff = s.user("hk_staff").id;
  out.entries.push({ id: s.newId(), userId: volunteer, hours: 3, points: 30, kind: "correction", refId: null, reason: "补录：2025年3月7日周五志愿服务漏签到", createdBy: staff, createdAt: at(2025, 3, 10, 10) });
  credit(volunteer, 3, 30);
  const redeem = (userId: string, reward: RewardRow | undefined, when: Date) => {
    if (!reward || (balances.get(userId)?.points ?? 0) < reward.cost || reward.stock <= 0) return;
    reward.stock--;
    out.redemptions.push({ id: s.newId(), rewardId: reward.id!, userId, cost: reward.cost, createdAt: when });
    out.entries.push({ id: s.newId(), userId, hours: 0, points: -reward.cost, kind: "redemption", refId: reward.id!, reason: reward.name, createdBy: null, createdAt: when });
    credit(userId, 0, -reward.cost);
  };
  const reward = (name: string) => units.rewards.find((x) => x.name === name);
  redeem(volunteer, reward("环保洗衣液"), at(2025, 6, 20, 10));
  redeem(volunteer, reward("文创帆布袋"), at(2026, 2, 6, 10));
  redeem(hkRider, reward("环保洗衣液"), at(2026, 5, 8, 12));
  redeem(yxqRider, reward("骑手爱心餐券"), at(2026, 3, 2, 12));
  const regulars = [...(talent.volunteers.get(s.hk.id) ?? []).slice(2), ...talent.riders.slice(1)];
  regulars.forEach((userId, i) => {
    if (i % 4 !== 0) return;
    const names = units.rewards.filter((x) => x.communityId === (talent.riders.includes(userId) ? s.yxq.id : s.hk.id)).map((x) => x.name);
    redeem(userId, reward(names[i % names.length]), addDays(REF, -rng.int(5, 200)));
  });

  for (const [userId, b] of balances) out.accounts.push({ userId, hours: b.hours, points: b.points, updatedAt: REF });
  return out;
}
