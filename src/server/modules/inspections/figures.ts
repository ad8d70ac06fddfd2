import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { Figure, FigureDrill, FigureScope, FigureSource, Localised } from "../reports/figure-source";
import { communityList } from "../enterprise/figures";

const TIMES: Localised = { zh: "次", en: "times" };
const ITEMS: Localised = { zh: "份", en: "notices" };
const SHARE: Localised = { zh: "%", en: "%" };
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

function figure(name: string, value: number | null, label: Localised, definition: Localised, unit: Localised, drill: FigureDrill): Figure {
  return { key: `inspections.${name}`, section: "inspections", label, definition, unit, value, drill };
}

/**
 * Checks are patrol submissions: they drill to the patrol ledger of their kind. The ledger is kept by
 * month (as the street office files it), so it opens on the period's last month with the period shown
 * beside it; over a longer period its rows are one month's share of the figure, not all of it.
 */
const ledger = (targetKind: string): FigureDrill => ({ route: "/patrols", query: { tab: "ledger", targetKind } });
/** 责令整改 notices, by the date the period applies to (the list's total is the figure for issued and escalated). */
const notices = (query: Record<string, string>): FigureDrill => ({ route: "/inspections", query: { tab: "notices", ...query } });

/**
 * Inspection figures of a period: checks by programme kind (food safety, fire safety, billboards)
 * with their pass rate, checks riders or volunteers joined, 责令整改 notices issued, closed on time
 * and escalated, and re-check outcomes. A check is a patrol submission of that kind's checklist.
 */
export const inspectionFigures: FigureSource = {
  section: "inspections",
  async figures(db: DbOrTx, scope: FigureScope): Promise<Figure[]> {
    const ids = communityList(scope);
    const { from, to } = scope;
    const checks = rowsOf<{ kind: string; checks: number; passed: number; joined: number }>(
      await db.execute(sql`
        SELECT pl.target_kind AS kind, count(*)::int AS checks, count(*) FILTER (WHERE jsonb_array_length(s.failures) = 0)::int AS passed,
               count(*) FILTER (WHERE jsonb_array_length(s.companions) > 0)::int AS joined
        FROM patrol_submissions s JOIN patrol_tasks k ON k.id = s.task_id JOIN patrol_plans pl ON pl.id = k.plan_id
        WHERE s.community_id IN ${ids} AND s.outcome = 'visited' AND pl.target_kind IN ('food_business', 'fire_point', 'billboard')
          AND (s.filled_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from} AND ${to}
        GROUP BY pl.target_kind`),
    );
    const [r] = rowsOf<Record<string, number>>(
      await db.execute(sql`SELECT
        (SELECT count(*)::int FROM rectifications x WHERE x.community_id IN ${ids} AND x.issued_on BETWEEN ${from} AND ${to}) AS issued,
        (SELECT count(*)::int FROM rectifications x WHERE x.community_id IN ${ids} AND x.status = 'closed' AND x.closed_on BETWEEN ${from} AND ${to}) AS closed,
        (SELECT count(*)::int FROM rectifications x WHERE x.community_id IN ${ids} AND x.status = 'closed' AND x.closed_on BETWEEN ${from} AND ${to} AND x.closed_on <= x.deadline) AS on_time,
        (SELECT count(*)::int FROM rectifications x WHERE x.community_id IN ${ids} AND x.status = 'escalated' AND x.closed_on BETWEEN ${from} AND ${to}) AS escalated,
        (SELECT count(*)::int FROM rectification_rechecks c JOIN rectifications x ON x.id = c.rectification_id WHERE x.community_id IN ${ids} AND c.checked_on BETWEEN ${from} AND ${to} AND c.passed) AS recheck_passed,
        (SELECT count(*)::int FROM rectification_rechecks c JOIN rectifications x ON x.id = c.rectification_id WHERE x.community_id IN ${ids} AND c.checked_on BETWEEN ${from} AND ${to} AND NOT c.passed) AS recheck_failed`),
    );
    const of = (kind: string) => checks.find((c) => c.kind === kind) ?? { checks: 0, passed: 0, joined: 0 };
    const n = (k: string) => Number(r?.[k] ?? 0);
    const out: Figure[] = [];
    for (const [kind, key, zh, en] of [
      ["food_business", "food", "食品安全检查", "Food-safety checks"],
      ["fire_point", "fire", "消防安全检查", "Fire-safety checks"],
      ["billboard", "billboard", "户外广告牌排查", "Billboard checks"],
    ] as const) {
      const c = of(kind);
      out.push(
        figure(`${key}_checks`, Number(c.checks), { zh, en }, { zh: `期内完成的${zh}次数（按检查表提交计）`, en: `${en} completed in the period (checklists submitted)` }, TIMES, ledger(kind)),
        figure(`${key}_pass_rate`, pct(Number(c.passed), Number(c.checks)), { zh: `${zh}合格率`, en: `${en}: pass rate` }, { zh: "无不合格项的检查占比", en: "Share of checks with no failed item" }, SHARE, ledger(kind)),
      );
    }
    const fire = of("fire_point");
    // The re-check figures count re-checks; their drill lists the notices re-checked (one row however often).
    // The rider figures drill to the fire ledger, where the companions column names who joined.
    out.push(
      figure("fire_rider_checks", Number(fire.joined), { zh: "骑手参与消防检查", en: "Fire checks riders joined" }, { zh: "有骑手、志愿者参与的消防安全检查次数", en: "Fire-safety checks joined by riders or volunteers" }, TIMES, ledger("fire_point")),
      figure("rider_checks", checks.reduce((a, c) => a + Number(c.joined), 0), { zh: "骑手志愿者参与检查", en: "Checks riders joined" }, { zh: "有骑手、志愿者参与的各类检查次数", en: "Checks of every kind joined by riders or volunteers" }, TIMES, ledger("fire_point")),
      figure("rectifications_issued", n("issued"), { zh: "下达整改通知书", en: "Rectification notices issued" }, { zh: "期内下达的责令整改通知书份数", en: "Rectification notices issued in the period" }, ITEMS, notices({ dated: "issued" })),
      figure("rectifications_on_time", pct(n("on_time"), n("closed")), { zh: "按期整改率", en: "Rectified on time" }, { zh: "期内复查合格的通知书中，在整改期限内合格的占比", en: "Of the notices closed in the period, the share closed by their deadline" }, SHARE, notices({ dated: "closed", status: "closed" })),
      figure("rectifications_escalated", n("escalated"), { zh: "逾期移交部门", en: "Escalated to departments" }, { zh: "期内复查仍不合格、移交职能部门的通知书份数", en: "Notices escalated to a department after a failed re-check in the period" }, ITEMS, notices({ dated: "closed", status: "escalated" })),
      figure("rechecks_passed", n("recheck_passed"), { zh: "复查合格", en: "Re-checks passed" }, { zh: "期内复查合格次数", en: "Re-checks passed in the period" }, TIMES, notices({ dated: "rechecked", recheck: "passed" })),
      figure("rechecks_failed", n("recheck_failed"), { zh: "复查不合格", en: "Re-checks failed" }, { zh: "期内复查不合格次数", en: "Re-checks failed in the period" }, TIMES, notices({ dated: "rechecked", recheck: "failed" })),
    );
    return out;
  },
};
