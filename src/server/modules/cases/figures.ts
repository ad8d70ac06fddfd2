import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { Measures } from "../../../contracts/cases";
import type { FigureScope, FigureSource } from "../reports/figure-source";
import { communitiesOf, figureMaker, idList, percent, UNITS } from "../reports/figure-kit";
import { computeMeasures } from "./measures";

type Entry = { key: string; name: string; count: number; resolved: number };

/** The case measures of a scope's communities added up (medians only for a single community). */
export type ScopeCaseMeasures = {
  total: number;
  open: number;
  resolved: number;
  resolvedAtGrid: number;
  resolvedAtCommunity: number;
  resolvedBeyond: number;
  overdue: number;
  satisfied: number;
  rated: number;
  riderReports: number;
  medianHoursToClose: number | null;
  byCategory: Entry[];
  byGroup: Entry[];
  monthly: Array<{ month: string; reported: number; closed: number }>;
  /** Riders' reports by category. */
  riderByCategory: Record<string, number>;
};

const addEntries = (into: Map<string, Entry>, list: Entry[]) => {
  for (const e of list) {
    const x = into.get(e.key) ?? into.set(e.key, { ...e, count: 0, resolved: 0 }).get(e.key)!;
    x.count += e.count;
    x.resolved += e.resolved;
  }
};

/** One computation per scope object: the figures and the report's charts ask for the same measures. */
const memo = new WeakMap<FigureScope, Promise<ScopeCaseMeasures>>();

/**
 * The case measures (cases reported in the period, as the dashboard counts them) of the scope's
 * communities: each community through computeMeasures (its closed months are kept), added up.
 */
export function caseMeasuresOf(db: DbOrTx, scope: FigureScope): Promise<ScopeCaseMeasures> {
  const known = memo.get(scope);
  if (known) return known;
  const p = (async () => {
    const communities = await communitiesOf(db, scope);
    const [each, riders] = await Promise.all([
      Promise.all(communities.map((c) => computeMeasures(db, { areaPath: c.path, areaLevel: "community", from: scope.from, to: scope.to }))),
      communities.length === 0
        ? Promise.resolve([])
        : db.execute(sql`
            SELECT c.category_code AS key, count(*)::int AS n FROM cases c
            WHERE c.community_id IN ${idList(communities.map((x) => x.id))} AND c.mobile_reporter
              AND c.created_at >= ${scope.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai'
              AND c.created_at < (${scope.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
            GROUP BY 1`).then((r) => rowsOf<{ key: string; n: number }>(r)),
    ]);
    return sumMeasures(each, Object.fromEntries(riders.map((r) => [r.key, Number(r.n)])));
  })();
  memo.set(scope, p);
  return p;
}

function sumMeasures(each: Array<Omit<Measures, "area">>, riderByCategory: Record<string, number>): ScopeCaseMeasures {
  const cats = new Map<string, Entry>();
  const groups = new Map<string, Entry>();
  const months = new Map<string, { reported: number; closed: number }>();
  const out: ScopeCaseMeasures = {
    total: 0,
    open: 0,
    resolved: 0,
    resolvedAtGrid: 0,
    resolvedAtCommunity: 0,
    resolvedBeyond: 0,
    overdue: 0,
    satisfied: 0,
    rated: 0,
    riderReports: 0,
    medianHoursToClose: each.length === 1 ? each[0].medianHoursToClose : null,
    byCategory: [],
    byGroup: [],
    monthly: [],
    riderByCategory,
  };
  for (const m of each) {
    out.total += m.total;
    out.open += m.open;
    out.resolved += m.resolved;
    out.resolvedAtGrid += m.resolvedAtGrid;
    out.resolvedAtCommunity += m.resolvedAtCommunity;
    out.resolvedBeyond += m.resolvedBeyond;
    out.overdue += Math.round((m.overdueRate ?? 0) * m.total);
    out.rated += m.rated;
    out.satisfied += Math.round((m.satisfactionRate ?? 0) * m.rated);
    out.riderReports += m.riderReports;
    addEntries(cats, m.byCategory);
    addEntries(groups, m.byGroup);
    for (const x of m.monthly) {
      const row = months.get(x.month) ?? months.set(x.month, { reported: 0, closed: 0 }).get(x.month)!;
      row.reported += x.reported;
      row.closed += x.closed;
    }
  }
  const byCount = (a: Entry, b: Entry) => b.count - a.count || a.key.localeCompare(b.key);
  out.byCategory = [...cats.values()].sort(byCount);
  out.byGroup = [...groups.values()].sort(byCount);
  out.monthly = [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, v]) => ({ month, ...v }));
  return out;
}

const fig = figureMaker("cases");
const list = (query: Record<string, string>) => ({ route: "/cases", query });

/**
 * 事件 and 小事不出网格: the cases reported in the period, how they were closed and at which level,
 * and the kinds the articles count (disputes settled, public-safety hazards fixed …).
 */
export const caseFigures: FigureSource = {
  section: "cases",
  async figures(db, scope) {
    const m = await caseMeasuresOf(db, scope);
    const cat = (code: string) => m.byCategory.find((e) => e.key === code) ?? { count: 0, resolved: 0 };
    const cats = (codes: string[], what: "count" | "resolved") => codes.reduce((s, c) => s + cat(c)[what], 0);
    const dispute = m.byGroup.find((g) => g.key === "dispute") ?? { count: 0, resolved: 0 };
    const handled = ["dispute_neighbour", "dispute_property", "noise", "fire_hazard"];
    const familyPolice = ["dispute_family", "police_sensitive"];
    return [
      fig("reported", m.total, {
        label: { zh: "受理事件", en: "Cases reported" },
        definition: { zh: "期间内上报的事件数（不论现状）。", en: "Cases reported in the period, whatever their status now." },
        unit: UNITS.cases,
      }, list({})),
      fig("resolved", m.resolved, {
        label: { zh: "办结解决", en: "Cases resolved" },
        definition: { zh: "期间内上报、已以“已解决”结案的事件数。", en: "Cases reported in the period and closed as resolved." },
        unit: UNITS.cases,
      }, list({ closureKind: "resolved" })),
      fig("share_grid", percent(m.resolvedAtGrid, m.resolved), {
        label: { zh: "小事不出网格", en: "Resolved inside the grid" },
        definition: { zh: "已解决事件中，最高只到网格一级即解决的占比。", en: "Share of resolved cases that never went above the grid." },
        unit: UNITS.share,
      }, list({ closureKind: "resolved", maxLevel: "grid" })),
      fig("share_community", percent(m.resolvedAtCommunity, m.resolved), {
        label: { zh: "大事不出社区", en: "Resolved in the community" },
        definition: { zh: "已解决事件中，升级到社区、在社区解决的占比。", en: "Share of resolved cases escalated to the community and resolved there." },
        unit: UNITS.share,
      }, list({ closureKind: "resolved", maxLevel: "community" })),
      fig("share_beyond", percent(m.resolvedBeyond, m.resolved), {
        label: { zh: "上报街道、部门解决", en: "Resolved by the street or a department" },
        definition: { zh: "已解决事件中，上报街道或职能部门后解决的占比。", en: "Share of resolved cases that went up to the street or a department." },
        unit: UNITS.share,
      }, list({ closureKind: "resolved", maxLevel: "beyond" })),
      fig("disputes_resolved", dispute.resolved, {
        label: { zh: "化解矛盾纠纷", en: "Disputes resolved" },
        definition: { zh: "期间内上报、已解决的矛盾纠纷类事件（邻里、物业、婚姻家庭纠纷）。", en: "Dispute cases (neighbours, property, family) reported in the period and resolved." },
        unit: UNITS.cases,
      }, list({ groupCode: "dispute", closureKind: "resolved" })),
      fig("disputes_noise_fire_resolved", cats(handled, "resolved"), {
        label: { zh: "处理矛盾纠纷、噪音扰民、消防安全问题", en: "Disputes, noise and fire issues resolved" },
        definition: { zh: "邻里纠纷、物业纠纷、噪音扰民、消防安全隐患类事件中已解决的件数。", en: "Neighbour and property disputes, noise and fire-safety cases resolved." },
        unit: UNITS.items,
      }, list({ categoryCodes: handled.join(","), closureKind: "resolved" })),
      fig("public_safety_fixed", cat("public_safety").resolved, {
        label: { zh: "整治公共安全隐患", en: "Public-safety hazards fixed" },
        definition: { zh: "公共安全隐患类事件中已解决（整治完成）的处数。", en: "Public-safety hazard cases resolved (hazard removed)." },
        unit: UNITS.places,
      }, list({ categoryCode: "public_safety", closureKind: "resolved" })),
      fig("family_police", cats(familyPolice, "count"), {
        label: { zh: "排查婚姻家庭矛盾纠纷、敏感警情", en: "Family disputes and sensitive police matters" },
        definition: { zh: "婚姻家庭纠纷和敏感警情类事件的件数（不论结果）。", en: "Family-dispute and sensitive-police cases, whatever their outcome." },
        unit: UNITS.cases,
      }, list({ categoryCodes: familyPolice.join(",") })),
      fig("fire_hazards", cat("fire_hazard").count, {
        label: { zh: "排查消防安全隐患", en: "Fire-safety hazards found" },
        definition: { zh: "消防安全隐患类事件的件数。", en: "Fire-safety hazard cases reported." },
        unit: UNITS.times,
      }, list({ categoryCode: "fire_hazard" })),
      fig("sanitation", cat("sanitation").count, {
        label: { zh: "环境卫生问题", en: "Sanitation problems" },
        definition: { zh: "环境卫生类事件的件数。", en: "Sanitation cases reported." },
        unit: UNITS.cases,
      }, list({ categoryCode: "sanitation" })),
      fig("billboards", cat("billboard").count, {
        label: { zh: "户外广告牌隐患", en: "Billboard hazards" },
        definition: { zh: "户外广告牌类事件的件数。", en: "Outdoor billboard cases reported." },
        unit: UNITS.cases,
      }, list({ categoryCode: "billboard" })),
      fig("food_safety", cat("food_safety").count, {
        label: { zh: "食品安全问题", en: "Food-safety problems" },
        definition: { zh: "食品安全类事件的件数。", en: "Food-safety cases reported." },
        unit: UNITS.cases,
      }, list({ categoryCode: "food_safety" })),
      fig("rider_reports", m.riderReports, {
        label: { zh: "流动网格员（骑手）上报", en: "Reports by riders" },
        definition: { zh: "外卖骑手等新就业群体作为流动网格员上报的事件数。", en: "Cases reported by riders acting as mobile grid reporters." },
        unit: UNITS.cases,
      }, list({ rider: "true" })),
      fig("rider_fire_checks", m.riderByCategory.fire_hazard ?? 0, {
        label: { zh: "新就业群体参与消防安全检查", en: "Fire checks with riders" },
        definition: { zh: "骑手上报的消防安全隐患事件数。", en: "Fire-safety cases reported by riders." },
        unit: UNITS.times,
      }, list({ rider: "true", categoryCode: "fire_hazard" })),
      fig("rider_cleanups", m.riderByCategory.sanitation ?? 0, {
        label: { zh: "新就业群体参与环境卫生大扫除", en: "Clean-ups with riders" },
        definition: { zh: "骑手上报的环境卫生事件数。", en: "Sanitation cases reported by riders." },
        unit: UNITS.times,
      }, list({ rider: "true", categoryCode: "sanitation" })),
      fig("open", m.open, {
        label: { zh: "尚未办结", en: "Still open" },
        definition: { zh: "期间内上报、至今未结案的事件数。", en: "Cases reported in the period and not closed yet." },
        unit: UNITS.cases,
      }, list({ status: "open" })),
      fig("overdue_rate", percent(m.overdue, m.total), {
        label: { zh: "超时率", en: "Overdue rate" },
        definition: { zh: "曾超过办理时限的事件占上报事件的比例。", en: "Share of cases that were ever past their time limit." },
        unit: UNITS.share,
      }),
      fig("satisfaction_rate", percent(m.satisfied, m.rated), {
        label: { zh: "群众满意率", en: "Satisfaction" },
        definition: { zh: "已评价事件中“满意”和“基本满意”的比例。", en: "Share of rated cases rated satisfied or basically satisfied." },
        unit: UNITS.share,
      }),
      fig("median_hours_to_close", m.medianHoursToClose, {
        label: { zh: "办结用时中位数", en: "Median time to close" },
        definition: { zh: "从上报到结案（已解决、无法解决、非本单位职责）用时的中位数；多个社区合并时不计算。", en: "Median hours from report to closing; not computed across several communities." },
        unit: UNITS.hours,
      }),
    ];
  },
};
