import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { Figure, FigureScope, FigureSource } from "../reports/figure-source";
import { communityList } from "../enterprise/figures";

/**
 * The billboards themselves (户外广告牌安全隐患排查N块): outdoor billboards checked at least once in
 * the period — a board checked every month counts once. `inspections.billboard_checks` counts the
 * checks. A check is a patrol submission of a billboard plan; the drill opens the billboard ledger.
 */
export const billboardFigures: FigureSource = {
  section: "inspections",
  async figures(db: DbOrTx, scope: FigureScope): Promise<Figure[]> {
    const [r] = rowsOf<{ n: number }>(
      await db.execute(sql`
        SELECT count(DISTINCT pl.place_id)::int AS n
        FROM patrol_submissions s JOIN patrol_tasks k ON k.id = s.task_id JOIN patrol_plans pl ON pl.id = k.plan_id
        WHERE s.community_id IN ${communityList(scope)} AND s.outcome = 'visited' AND pl.target_kind = 'billboard' AND pl.place_id IS NOT NULL
          AND (s.filled_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${scope.from} AND ${scope.to}`),
    );
    return [
      {
        key: "inspections.billboards_checked",
        section: "inspections",
        label: { zh: "排查户外广告牌", en: "Billboards checked" },
        definition: { zh: "期内至少排查过一次的户外广告牌块数", en: "Outdoor billboards checked at least once in the period" },
        unit: { zh: "块", en: "billboards" },
        value: Number(r?.n ?? 0),
        drill: { route: "/patrols", query: { tab: "ledger", targetKind: "billboard" } },
      },
    ];
  },
};
