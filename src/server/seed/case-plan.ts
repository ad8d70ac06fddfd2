import type { CASE_CHANNELS } from "../db/schema/cases";
import type { SeedCalendar } from "./case-calendar";
import type { Closure } from "./case-tell";
import type { SiteKind } from "./case-texts";
import type { Rng } from "./random";

/**
 * How many cases of which kind each community had, and when. Inside the periods the articles report
 * on, the categories they count are laid out as exact quotas (怡心桥, July 2023 – December 2024: 49
 * disputes resolved, 60+ fire-safety hazards, riders in 14 fire checks and 21 clean-ups; 红康,
 * December 2023 – December 2024: 53 public-safety hazards fixed, 60+ disputes, noise and fire
 * issues handled, 54 family disputes and sensitive police matters); every other case is drawn
 * from a monthly volume that grows as the platform is taken up, with seasonal categories.
 */

export type Channel = (typeof CASE_CHANNELS)[number];
export type Item = { category: string; closure: Closure; channel: Channel; createdAt: number; script?: Script; grid?: number };
export type Script = {
  description: string;
  result: string;
  /** Replaces the place's own address when set. */
  address?: string;
  site: SiteKind;
  grid: number;
  reach: "grid" | "community" | "street" | "department";
  department?: string;
  lead?: "secretary";
  /** Working hours the handling takes (a granted delay, asked for with `delayReason`, covers them). */
  handleHours?: number;
  delayReason?: string;
  /** Handled on the spot, whatever the hour. */
  rush?: boolean;
};

const H = 3600_000;
const DAY = 24 * H;
/** Local (UTC+8) midnight of a calendar day, in ms. */
export const localDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * H;
const parts = (ms: number) => {
  const d = new Date(ms + 8 * H);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};

export const CLOSURE_WEIGHTS: ReadonlyArray<readonly [Closure, number]> = [
  ["resolved", 0.88],
  ["unable", 0.02],
  ["not_responsible", 0.03],
  ["duplicate", 0.03],
  ["withdrawn", 0.025],
  ["rejected", 0.015],
];
const NOT_RESOLVED = CLOSURE_WEIGHTS.filter(([c]) => c !== "resolved");

type CommunityPlan = {
  start: number;
  /** The period the article's figures cover: [from, to) in ms. */
  window: readonly [number, number];
  /** Cases per month, `i` months after the start. */
  volume: (i: number) => number;
  riders: number;
  weights: Record<string, number>;
  /** The window's exact categories: the rest of the window is drawn from the other categories. */
  quotas: (rng: Rng) => Quota[];
};

const times = (n: number, category: string) => Array.from({ length: n }, () => category);
/** `n` closures of which exactly `resolved` are "resolved", the rest drawn from the other kinds. */
function closures(rng: Rng, n: number, resolved?: number): Closure[] {
  if (resolved === undefined) return Array.from({ length: n }, () => rng.weighted(CLOSURE_WEIGHTS));
  const out: Closure[] = [...Array.from({ length: resolved }, () => "resolved" as const), ...Array.from({ length: n - resolved }, () => rng.weighted(NOT_RESOLVED))];
  return rng.shuffle(out);
}
/** A case the window must contain; `channel` forces one, `noRider` rules riders out (their count is fixed). */
type Quota = { category: string; closure: Closure; channel?: Channel; noRider?: boolean; script?: Script };
const withClosures = (rng: Rng, cats: string[], resolved?: number): Quota[] => {
  const cl = closures(rng, cats.length, resolved);
  return rng.shuffle(cats.map((category, i) => ({ category, closure: cl[i] })));
};

export const PLANS: Record<"hk" | "yxq", CommunityPlan> = {
  yxq: {
    start: localDay(2023, 7, 1),
    window: [localDay(2023, 7, 1), localDay(2025, 1, 1)],
    volume: (i) => 14 + 16 * Math.min(1, i / 10) + 6 * Math.min(1, Math.max(0, i - 18) / 12),
    riders: 8,
    weights: {
      sanitation: 15, food_safety: 9, fire_hazard: 11, noise: 10, billboard: 6, road: 6, public_safety: 7, other: 8,
      dispute_neighbour: 7, dispute_property: 6, dispute_family: 2, police_sensitive: 2, river: 1.5,
    },
    quotas: (rng) => {
      const disputes = withClosures(rng, [...times(rng.int(24, 28), "dispute_neighbour"), ...times(rng.int(19, 23), "dispute_property"), ...times(rng.int(8, 11), "dispute_family")], 49);
      const fireN = rng.int(63, 68);
      const fire = withClosures(rng, times(fireN, "fire_hazard"), fireN - rng.int(2, 4)).map((x, i): Quota => ({ ...x, channel: i < 14 ? "rider_app" : undefined, noRider: i >= 14 }));
      const clean = withClosures(rng, times(rng.int(60, 70), "sanitation")).map((x, i): Quota => ({ ...x, channel: i < 21 ? "rider_app" : undefined, noRider: i >= 21 }));
      // 李字春's story, told without his name: a rider smells smoke from a flat on his round.
      const stove = Math.max(0, fire.findIndex((x) => x.channel === "rider_app" && x.closure === "resolved"));
      fire[stove] = {
        ...fire[stove],
        channel: "rider_app",
        noRider: false,
        script: {
          description: "送餐途中闻到{addr}{floor}楼有焦糊味，窗户冒烟，敲门无人应答，疑似住户出门忘记关火，已先拨打119。",
          result: "网格员接报后10分钟内到场，联系住户并会同物业开门，关闭燃气灶，锅具烧干未起明火，未造成损失；已对住户开展安全用火提醒。",
          site: "building",
          grid: 1,
          reach: "grid",
          rush: true,
        },
      };
      return [...disputes, ...fire, ...clean];
    },
  },
  hk: {
    start: localDay(2023, 12, 1),
    window: [localDay(2023, 12, 1), localDay(2025, 1, 1)],
    volume: (i) => 12 + 26 * Math.min(1, i / 8) + 8 * Math.min(1, Math.max(0, i - 13) / 12),
    riders: 3,
    weights: {
      sanitation: 16, road: 9, river: 7, billboard: 4, food_safety: 4, other: 8, public_safety: 7, fire_hazard: 8, noise: 9,
      dispute_neighbour: 8, dispute_property: 6, dispute_family: 4, police_sensitive: 3,
    },
    quotas: (rng) => {
      const safetyN = 53 + rng.int(3, 5);
      const safety = withClosures(rng, times(safetyN, "public_safety"), 53);
      const dnf = [...times(rng.int(19, 22), "dispute_neighbour"), ...times(rng.int(12, 14), "dispute_property"), ...times(rng.int(16, 19), "noise"), ...times(rng.int(19, 22), "fire_hazard")];
      const handled = withClosures(rng, dnf, dnf.length - rng.int(3, 5));
      const family = rng.int(28, 32);
      const police = withClosures(rng, [...times(family, "dispute_family"), ...times(54 - family, "police_sensitive")]);
      // The article's two property-management stories.
      const prop = Math.max(0, handled.findIndex((x) => x.category === "dispute_property" && x.closure === "resolved"));
      handled[prop] = {
        ...handled[prop],
        script: {
          description: "新时代广场两家物业公司并存，保洁、门禁、停车收费各管一摊，居民反映问题时相互推诿，长期无人解决。",
          result: "社区召集两家物业公司深入沟通，明确各自服务区域和交接清单；4次入户走访征集民意，为小区成立物业管理委员会奠定基础。",
          address: "新时代广场",
          site: "road",
          grid: 1,
          reach: "community",
          handleHours: 90,
          delayReason: "需多轮入户征集民意，协调两家物业公司",
        },
      };
      return [...safety, ...handled, ...police];
    },
  },
};

/** Scripted cases outside the quotas (their categories are drawn freely). */
export const EXTRA_SCRIPTS: Record<"hk" | "yxq", Array<{ category: string; channel: Channel; at: number; script: Script }>> = {
  hk: [
    {
      category: "sanitation",
      channel: "meeting",
      at: localDay(2024, 5, 14) + 15 * H + 20 * 60_000,
      script: {
        description: "板凳议事会上居民反映：茉莉苑废品收购站露天堆放废品，环境脏乱差，气味和夜间装卸噪音扰民，且存在消防隐患。",
        result: "社区借板凳议事会听取居民意见并现场办公，街道牵头联合消防队、派出所等力量开展联合整治，废品收购站已选新址搬离，原址清理完毕。",
        address: "金水湾路茉莉苑废品收购站",
        site: "road",
        grid: 2,
        reach: "street",
        // Joint inspection, a new site found, then moved out in batches: a few weeks.
        handleHours: 110,
        delayReason: "经营者需时间寻找新址，分批清运搬离",
      },
    },
    {
      category: "road",
      channel: "phone",
      at: localDay(2024, 3, 11) + 10 * H + 5 * 60_000,
      script: {
        description: "居民来电反映：金水湾小区南门至北仓村公交站路段没有人行道，老人孩子只能走机动车道，非常危险。",
        result: "社区党委书记领办，对接职能部门和建设施工方编制人行道建设方案并组织实施，用时20多天完成长970米、宽3米的人行道修建，已纳入网格管理加强巡查管护。",
        address: "金水湾小区南门至北仓村公交站路段",
        site: "road",
        grid: 2,
        reach: "community",
        lead: "secretary",
        handleHours: 150,
        delayReason: "工程量较大，需协调职能部门和施工方分步实施",
      },
    },
  ],
  yxq: [],
};

/** Seasonal factor of a category in a month (1–12): dry-season fires, rainy-season rivers, summer noise and mushrooms. */
export function season(category: string, month: number): number {
  const dry = month >= 11 || month <= 4;
  const rainy = month >= 6 && month <= 9;
  switch (category) {
    case "fire_hazard":
      return month === 2 ? 1.6 : dry ? 1.35 : rainy ? 0.7 : 1;
    case "river":
      return rainy ? 1.8 : 0.6;
    case "noise":
      return month >= 6 && month <= 8 ? 1.3 : 1;
    case "food_safety":
      return rainy ? 1.4 : 0.9;
    case "sanitation":
      return month === 2 ? 1.3 : rainy ? 1.1 : 1;
    case "dispute_family":
      return month === 2 ? 1.4 : 1;
    default:
      return 1;
  }
}

const CHANNELS: Channel[] = ["resident_app", "rider_app", "grid_patrol", "phone", "hotline_12345", "partner_unit", "meeting"];
/** Channel weights in the order above; `r` is the community's rider weight. */
function channelWeights(category: string, r: number): number[] {
  switch (category) {
    case "fire_hazard": return [22, r * 1.5, 52, 6, 6, 8, 2];
    case "public_safety": return [30, r, 45, 8, 8, 5, 4];
    case "food_safety": return [25, r * 1.5, 55, 5, 10, 0, 0];
    case "dispute_neighbour":
    case "dispute_property": return [32, 0, 28, 18, 12, 2, 8];
    case "dispute_family": return [12, 0, 45, 30, 8, 0, 5];
    case "police_sensitive": return [18, 2, 52, 20, 8, 0, 0];
    case "noise": return [48, 2, 10, 15, 22, 0, 3];
    case "river": return [20, 2, 60, 5, 8, 0, 5];
    case "sanitation": return [42, r * 1.5, 33, 6, 8, 4, 7];
    case "billboard": return [20, r, 65, 3, 7, 5, 0];
    default: return [40, r, 30, 9, 9, 4, 3];
  }
}

export function pickChannel(rng: Rng, category: string, riders: number): Channel {
  const w = channelWeights(category, riders);
  return rng.weighted(CHANNELS.map((c, i) => [c, w[i]] as const));
}

/** Hour weights (07:00–22:00) of reports made on a phone. */
const APP_HOURS = [2, 4, 6, 7, 6, 4, 4, 5, 6, 6, 6, 6, 7, 7, 5, 2];
const RIDER_HOURS = [1, 2, 4, 7, 9, 8, 4, 3, 3, 4, 8, 9, 8, 5, 3, 1];

/** A moment on local day `midnight` for a report through `channel`, or null if that channel does not work that day. */
function momentOn(rng: Rng, cal: SeedCalendar, midnight: number, channel: Channel, category: string): number | null {
  const minute = () => rng.int(0, 59) * 60_000 + rng.int(0, 59) * 1000;
  if (channel === "resident_app" || channel === "rider_app") {
    const table = channel === "rider_app" ? RIDER_HOURS : category === "noise" ? APP_HOURS.map((w, i) => (i === 0 || i >= 14 ? w * 3 : w)) : APP_HOURS;
    const hour = 7 + rng.weighted(table.map((w, i) => [i, w] as const));
    return midnight + hour * H + minute();
  }
  if (!cal.isWorkday(midnight)) return null;
  if (channel === "meeting" && rng.chance(0.3)) return midnight + 19 * H + rng.int(0, 80) * 60_000;
  const hour = rng.chance(0.5) ? 9 + rng.float() * 2.8 : 13.7 + rng.float() * 3.6;
  return midnight + Math.floor(hour * H) + rng.int(0, 59) * 1000;
}

/** A report time for `category` in [from, to), following the community's volume and the season. */
export function sampleTime(rng: Rng, cal: SeedCalendar, plan: CommunityPlan, category: string, channel: Channel, from: number, to: number): number {
  const months: Array<readonly [{ a: number; b: number }, number]> = [];
  for (let { y, m } = parts(from); localDay(y, m, 1) < to; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const a = Math.max(from, localDay(y, m, 1));
    const b = Math.min(to, m === 12 ? localDay(y + 1, 1, 1) : localDay(y, m + 1, 1));
    const i = (y - parts(plan.start).y) * 12 + (m - parts(plan.start).m);
    if (b > a) months.push([{ a, b }, plan.volume(i) * season(category, m) * ((b - a) / (31 * DAY))]);
  }
  for (let tries = 0; tries < 50; tries++) {
    const { a, b } = rng.weighted(months);
    const days = Math.max(1, Math.round((b - a) / DAY));
    const at = momentOn(rng, cal, a + rng.int(0, days - 1) * DAY, channel, category);
    if (at !== null && at >= from && at < to) return at;
  }
  return from + 10 * H;
}

/** Every case of one community from its start to `end`, with category, closure, channel and report time. */
export function planCases(rng: Rng, cal: SeedCalendar, key: "hk" | "yxq", end: number): Item[] {
  const plan = PLANS[key];
  const [wFrom, wTo] = plan.window;
  const items: Item[] = [];
  const add = (category: string, closure: Closure, from: number, to: number, channel?: Channel, script?: Script, noRider = false) => {
    let ch = channel ?? pickChannel(rng, category, plan.riders);
    while (noRider && ch === "rider_app") ch = pickChannel(rng, category, plan.riders);
    items.push({ category, closure, channel: ch, createdAt: sampleTime(rng, cal, plan, category, ch, from, to), script });
  };
  const quotas = plan.quotas(rng);
  for (const q of quotas) add(q.category, q.closure, wFrom, wTo, q.channel, q.script, q.noRider);
  for (const x of EXTRA_SCRIPTS[key]) items.push({ category: x.category, closure: "resolved", channel: x.channel, createdAt: x.at, script: x.script });

  // The rest of the window: categories the quotas do not fix.
  const fixed = new Set(quotas.map((q) => q.category));
  const free = Object.entries(plan.weights).filter(([c]) => !fixed.has(c));
  let windowVolume = 0;
  for (let i = 0; plan.start + i * 30.44 * DAY < wTo; i++) windowVolume += plan.volume(i);
  const freeN = Math.max(0, Math.round(windowVolume) - quotas.length);
  for (let n = 0; n < freeN; n++) add(rng.weighted(free), rng.weighted(CLOSURE_WEIGHTS), wFrom, wTo);

  // After the window: month by month.
  const all = Object.entries(plan.weights);
  for (let { y, m } = parts(wTo); localDay(y, m, 1) < end; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const a = localDay(y, m, 1);
    const b = Math.min(end, m === 12 ? localDay(y + 1, 1, 1) : localDay(y, m + 1, 1));
    const i = (y - parts(plan.start).y) * 12 + (m - parts(plan.start).m);
    const n = Math.round(plan.volume(i) * (0.88 + rng.float() * 0.24) * ((b - a) / (30.44 * DAY)));
    for (let k = 0; k < n; k++) {
      const category = rng.weighted(all.map(([c, w]) => [c, w * season(c, m)] as const));
      add(category, rng.weighted(CLOSURE_WEIGHTS), a, b);
    }
  }
  return items.sort((p, q) => p.createdAt - q.createdAt);
}

/**
 * A few reports made through the phone apps on the day of the present, between 07:30 and half an
 * hour before it, so the first start shows today's cases (weekends included: residents report then
 * too). None when the present is early in the morning.
 */
export function todayItems(rng: Rng, key: "hk" | "yxq", now: number): Item[] {
  const { y, m, d } = parts(now);
  const from = localDay(y, m, d) + 7.5 * H;
  const to = now - 30 * 60_000;
  if (to <= from) return [];
  const plan = PLANS[key];
  const all = Object.entries(plan.weights).map(([c, w]) => [c, w * season(c, m)] as const);
  return Array.from({ length: rng.int(2, 4) }, () => {
    const category = rng.weighted(all);
    const channel: Channel = rng.chance(0.2) ? "rider_app" : "resident_app";
    return { category, closure: "resolved" as const, channel, createdAt: Math.floor(from + rng.float() * (to - from)) };
  });
}
