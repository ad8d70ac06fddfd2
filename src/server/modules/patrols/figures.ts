import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client";
import type { FigureDrill, FigureSource } from "../reports/figure-source";
import { figureMaker, idList, percent, UNITS } from "../reports/figure-kit";

const fig = figureMaker("patrols");

type Row = { kind: string; due: number; done: number; on_time: number; visits: number; targets: number };

/**
 * 巡查 and 台账: the differentiated checklist's tasks due in the period (their period ends in it), how
 * many were done and done in time, the visits made (forms filled in the period) and the distinct
 * targets visited per kind of work — billboards inspected, river patrols, fire points, food businesses.
 */
export const patrolFigures: FigureSource = {
  section: "patrols",
  async figures(db, scope) {
    const ids = idList(scope.communityIds);
    const rows = scope.communityIds.length === 0
      ? []
      : rowsOf<Row>(
          await db.execute(sql`
            WITH due AS (
              SELECT p.target_kind AS kind, count(*)::int AS due,
                     count(*) FILTER (WHERE t.status = 'done')::int AS done,
                     count(*) FILTER (WHERE t.status = 'done' AND t.done_at < (t.period_end + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::int AS on_time
              FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id
              WHERE t.community_id IN ${ids} AND t.status <> 'cancelled'
                AND t.period_start >= (${scope.from}::date - 92) AND t.period_end BETWEEN ${scope.from}::date AND ${scope.to}::date
              GROUP BY 1),
            visits AS (
              SELECT p.target_kind AS kind, count(*)::int AS visits, count(DISTINCT p.id)::int AS targets
              FROM patrol_submissions s JOIN patrol_tasks t ON t.id = s.task_id JOIN patrol_plans p ON p.id = t.plan_id
              WHERE s.community_id IN ${ids}
                AND s.filled_at >= ${scope.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai'
                AND s.filled_at < (${scope.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
              GROUP BY 1)
            SELECT coalesce(d.kind, v.kind) AS kind, coalesce(d.due, 0) AS due, coalesce(d.done, 0) AS done, coalesce(d.on_time, 0) AS on_time,
                   coalesce(v.visits, 0) AS visits, coalesce(v.targets, 0) AS targets
            FROM due d FULL JOIN visits v ON v.kind = d.kind`),
        );
    const total = (k: keyof Row) => rows.reduce((s, r) => s + Number(r[k]), 0);
    const of = (kind: string) => rows.find((r) => r.kind === kind);
    const ledger = (targetKind?: string): FigureDrill => ({ route: "/patrols", query: { tab: "ledger", ...(targetKind ? { targetKind } : {}) } });
    return [
      fig("visits", total("visits"), {
        label: { zh: "巡查走访", en: "Patrol visits" },
        definition: { zh: "期间内填报的巡查走访表单次数（含未遇）。", en: "Patrol forms filled in the period (visits where nobody was home included)." },
        unit: UNITS.times,
      }, ledger()),
      fig("coverage", percent(total("done"), total("due")), {
        label: { zh: "巡查任务完成率", en: "Patrol coverage" },
        definition: { zh: "期间内到期的巡查任务中已完成的比例。", en: "Share of the patrol tasks due in the period that were done." },
        unit: UNITS.share,
      }, { route: "/patrols", query: { tab: "board" } }),
      fig("timeliness", percent(total("on_time"), total("due")), {
        label: { zh: "按期完成率", en: "Done on time" },
        definition: { zh: "期间内到期的巡查任务中在周期内完成的比例。", en: "Share of the patrol tasks due in the period done within their period." },
        unit: UNITS.share,
      }, { route: "/patrols", query: { tab: "board" } }),
      fig("billboards", Number(of("billboard")?.targets ?? 0), {
        label: { zh: "户外广告牌安全隐患排查", en: "Billboards inspected" },
        definition: { zh: "期间内巡查过的户外广告牌块数（每块只计一次）。", en: "Distinct outdoor billboards inspected in the period." },
        unit: { zh: "块", en: "billboards" },
      }, ledger("billboard")),
      fig("river_patrols", Number(of("river")?.visits ?? 0), {
        label: { zh: "河长巡河", en: "River patrols" },
        definition: { zh: "期间内社区级河长巡查河道的次数。", en: "River patrols by the community river chief in the period." },
        unit: UNITS.times,
      }, ledger("river")),
      fig("fire_checks", Number(of("fire_point")?.visits ?? 0), {
        label: { zh: "消防安全检查", en: "Fire-safety checks" },
        definition: { zh: "期间内对消防重点部位的巡查次数。", en: "Patrol visits to fire-safety points in the period." },
        unit: UNITS.times,
      }, ledger("fire_point")),
      fig("food_businesses", Number(of("food_business")?.targets ?? 0), {
        label: { zh: "检查督导企业食品安全", en: "Food businesses checked" },
        definition: { zh: "期间内巡查过的食品经营单位家数（每家只计一次）。", en: "Distinct food businesses visited in the period." },
        unit: UNITS.units,
      }, ledger("food_business")),
      fig("special_households", Number(of("special_household")?.targets ?? 0), {
        label: { zh: "走访特殊群体", en: "Special households visited" },
        definition: { zh: "期间内走访过的特殊群体户数（每户只计一次）。", en: "Distinct special households visited in the period." },
        unit: UNITS.households,
      }, ledger("special_household")),
    ];
  },
};
