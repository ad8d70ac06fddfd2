import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { Figure, FigureDrill, FigureScope, FigureSource, Localised } from "../reports/figure-source";

const TIMES: Localised = { zh: "次", en: "times" };
const UNITS: Localised = { zh: "家", en: "enterprises" };
const ITEMS: Localised = { zh: "个", en: "items" };

/** `(uuid, …)` of the scope's communities (ids are uuids by contract; anything else is dropped). */
export function communityList(scope: FigureScope) {
  const ids = scope.communityIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  return ids.length ? sql`(${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`(SELECT NULL::uuid LIMIT 0)`;
}

function figure(name: string, value: number | null, label: Localised, definition: Localised, unit: Localised, drill: FigureDrill): Figure {
  return { key: `enterprise.${name}`, section: "enterprise", label, definition, unit, value, drill };
}

/**
 * A tab of the console's 企业服务 page (/enterprises?tab=…); `dated` names the date the report's
 * period applies to, so that the list holds the figure's records (its total is the figure, but for
 * 走访次数, which counts visits where the list shows the enterprises visited).
 */
const tab = (name: string, query: Record<string, string>): FigureDrill => ({ route: "/enterprises", query: { tab: name, ...query } });

/**
 * 营商环境 figures of a period: enterprises visited (distinct), visits, needs raised, matched,
 * referred and settled, 入库 declared and accepted, policy briefings and business events.
 */
export const enterpriseFigures: FigureSource = {
  section: "enterprise",
  async figures(db: DbOrTx, scope: FigureScope): Promise<Figure[]> {
    const ids = communityList(scope);
    const { from, to } = scope;
    const [r] = rowsOf<Record<string, number>>(
      await db.execute(sql`SELECT
        (SELECT count(DISTINCT v.place_id)::int FROM enterprise_visits v WHERE v.community_id IN ${ids} AND v.visited_on BETWEEN ${from} AND ${to}) AS visited,
        (SELECT count(*)::int FROM enterprise_visits v WHERE v.community_id IN ${ids} AND v.visited_on BETWEEN ${from} AND ${to}) AS visits,
        (SELECT count(*)::int FROM enterprise_needs n WHERE n.community_id IN ${ids} AND n.raised_on BETWEEN ${from} AND ${to}) AS raised,
        (SELECT count(*)::int FROM enterprise_needs n WHERE n.community_id IN ${ids} AND n.raised_on BETWEEN ${from} AND ${to} AND n.matched_item_id IS NOT NULL) AS matched,
        (SELECT count(*)::int FROM enterprise_needs n WHERE n.community_id IN ${ids} AND n.raised_on BETWEEN ${from} AND ${to} AND n.case_id IS NOT NULL) AS referred,
        (SELECT count(*)::int FROM enterprise_needs n WHERE n.community_id IN ${ids} AND n.status = 'settled' AND n.settled_on BETWEEN ${from} AND ${to}) AS settled,
        (SELECT count(*)::int FROM cultivations c WHERE c.community_id IN ${ids} AND c.declared_on BETWEEN ${from} AND ${to}) AS declared,
        (SELECT count(*)::int FROM cultivations c WHERE c.community_id IN ${ids} AND c.stage = 'accepted' AND c.decided_on BETWEEN ${from} AND ${to}) AS accepted,
        (SELECT count(*)::int FROM enterprise_briefings b WHERE b.community_id IN ${ids} AND b.held_on BETWEEN ${from} AND ${to}) AS briefings,
        (SELECT count(*)::int FROM business_events e WHERE e.community_id IN ${ids} AND e.held_on BETWEEN ${from} AND ${to}) AS events`),
    );
    const n = (k: string) => Number(r?.[k] ?? 0);
    return [
      figure("enterprises_visited", n("visited"), { zh: "走访企业商户", en: "Enterprises visited" }, { zh: "期内至少走访一次的企业和商户数（按企业去重）", en: "Enterprises and shops visited at least once in the period (each counted once)" }, UNITS, tab("list", { dated: "visited" })),
      figure("visits", n("visits"), { zh: "走访次数", en: "Visits" }, { zh: "期内记录的企业走访次数", en: "Enterprise visits recorded in the period" }, TIMES, tab("list", { dated: "visited" })),
      figure("needs_raised", n("raised"), { zh: "收集企业诉求", en: "Needs raised" }, { zh: "期内走访和活动中收集的企业诉求数", en: "Needs raised at visits and events in the period" }, ITEMS, tab("needs", { dated: "raised" })),
      figure("needs_matched", n("matched"), { zh: "对接共建资源", en: "Needs matched to partners" }, { zh: "期内收集并对接到共建单位资源的诉求数", en: "Needs of the period matched to a partner unit's offer" }, ITEMS, tab("needs", { dated: "raised", outcome: "matched" })),
      figure("needs_referred", n("referred"), { zh: "转部门办理诉求", en: "Needs referred" }, { zh: "期内收集并作为事件转职能部门的诉求数", en: "Needs of the period referred to a department as a case" }, ITEMS, tab("needs", { dated: "raised", outcome: "referred" })),
      figure("needs_settled", n("settled"), { zh: "办结企业诉求", en: "Needs settled" }, { zh: "期内办结的企业诉求数", en: "Needs settled in the period" }, ITEMS, tab("needs", { dated: "settled", status: "settled" })),
      figure("ruku_declared", n("declared"), { zh: "协助申报入库", en: "Declared for the register" }, { zh: "期内完成入库申报的企业数", en: "Enterprises declared for the statistics register in the period" }, UNITS, tab("cultivation", { dated: "declared" })),
      figure("ruku_accepted", n("accepted"), { zh: "成功入库", en: "Accepted into the register" }, { zh: "期内获准入库的企业数", en: "Enterprises accepted into the statistics register in the period" }, UNITS, tab("cultivation", { dated: "decided", stage: "accepted" })),
      figure("policy_briefings", n("briefings"), { zh: "上门宣讲政策", en: "Policy briefings" }, { zh: "期内上门宣讲优惠政策的次数（一次可覆盖多家企业）", en: "Door-to-door policy briefings in the period (one may cover several enterprises)" }, TIMES, tab("cultivation", { dated: "briefed" })),
      figure("business_events", n("events"), { zh: "政银企座谈会等活动", en: "Business events" }, { zh: "期内组织企业参加的政银企座谈会等经济活动次数", en: "Government-bank-enterprise meetings and similar events in the period" }, TIMES, tab("events", { dated: "held" })),
    ];
  },
};
