import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import { underArea } from "../../platform/scope";
import { SQL_CLOCK_MS, sqlUuidv7At } from "./sql-ids";
import { localDay } from "../../platform/clock";
import { spreadOverPeriods } from "./schedule";

export type GenerateScope = {
  /** Periods that end on or after this day … */
  from: string;
  /** … and start on or before this one. */
  until: string;
  communityIds?: string[];
  /** Only plans of areas under this path. */
  areaPath?: string;
  planIds?: string[];
};

/**
 * Makes the tasks of active plans for every period between two days, in one set-based statement:
 * one task per plan and period (weekly Monday–Sunday, calendar months, calendar quarters), with the
 * current version of the plan's template. Idempotent: an existing (plan, period) is left alone.
 * A plan starting inside a period gets that period's task.
 */
export async function generateTasks(db: DbOrTx, scope: GenerateScope): Promise<number> {
  const filters: SQL[] = [sql`p.active`];
  if (scope.communityIds) {
    if (scope.communityIds.length === 0) return 0;
    filters.push(sql`p.community_id IN (${sql.join(scope.communityIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  if (scope.areaPath) filters.push(underArea(sql`p.area_id`, scope.areaPath));
  if (scope.planIds) {
    if (scope.planIds.length === 0) return 0;
    filters.push(sql`p.id IN (${sql.join(scope.planIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      WITH clock AS (SELECT ${SQL_CLOCK_MS} AS ms),
      made AS (
        INSERT INTO patrol_tasks (id, plan_id, community_id, area_id, template_id, assignee_id, period_start, period_end, status, version)
        SELECT ${sqlUuidv7At(sql.raw("clock.ms"))}, p.id, p.community_id, p.area_id, t.id, p.assignee_id,
               s.ps::date, (s.ps + f.step - interval '1 day')::date, 'open', 1
        FROM clock, patrol_plans p
        JOIN checklist_templates t ON t.family_id = p.template_family_id AND t.current
        CROSS JOIN LATERAL (
          SELECT CASE p.frequency WHEN 'weekly' THEN interval '1 week' WHEN 'monthly' THEN interval '1 month' ELSE interval '3 months' END AS step,
                 CASE p.frequency WHEN 'weekly' THEN 'week' WHEN 'monthly' THEN 'month' ELSE 'quarter' END AS unit
        ) f
        CROSS JOIN LATERAL generate_series(date_trunc(f.unit, greatest(p.starts_on, ${scope.from}::date)::timestamp), ${scope.until}::date::timestamp, f.step) AS s(ps)
        WHERE ${sql.join(filters, sql` AND `)}
          -- Skipping existing periods first makes a re-run cheap; ON CONFLICT still settles a race.
          AND NOT EXISTS (SELECT 1 FROM patrol_tasks x WHERE x.plan_id = p.id AND x.period_start = s.ps::date)
        ON CONFLICT (plan_id, period_start) DO NOTHING
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM made`),
  );
  // Each new task gets its day inside its period (walking order, spread evenly).
  if ((row?.n ?? 0) > 0) await spreadOverPeriods(db, localDay() > scope.from ? localDay() : scope.from);
  return row?.n ?? 0;
}
