import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import { addDays } from "../../platform/clock";
import { walkOrder } from "./task-queries";

/**
 * Gives every open task without a day one inside its period: the tasks of one worker and one period
 * are laid out in walking order (compound → building → unit) and spread evenly over the days left
 * in the period, so a weekly list is not all due on Monday and neighbours fall on the same day.
 */
export async function spreadOverPeriods(db: DbOrTx, today: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      WITH x AS (
        SELECT patrol_tasks.id,
               least(greatest(patrol_tasks.period_start, ${today}::date), patrol_tasks.period_end) AS s,
               patrol_tasks.period_end AS e,
               (row_number() OVER w - 1)::int AS rn, (count(*) OVER (PARTITION BY patrol_tasks.assignee_id, patrol_tasks.period_start, patrol_tasks.period_end))::int AS n
        FROM patrol_tasks JOIN patrol_plans ON patrol_plans.id = patrol_tasks.plan_id
        WHERE patrol_tasks.status = 'open' AND patrol_tasks.planned_on IS NULL
        WINDOW w AS (PARTITION BY patrol_tasks.assignee_id, patrol_tasks.period_start, patrol_tasks.period_end ORDER BY ${walkOrder}, patrol_tasks.id)
      ), done AS (
        UPDATE patrol_tasks t SET planned_on = x.s + (x.rn * ((x.e - x.s) + 1) / x.n) FROM x WHERE t.id = x.id RETURNING 1
      )
      SELECT count(*)::int AS n FROM done`),
  );
  return row?.n ?? 0;
}

/**
 * Keeps each worker's day at most `cap` visits from today on: a task whose day is full (or that
 * was planned for a day already past and is still open) moves to the first later day of its period
 * with room, keeping the day it was first planned for in `rolled_from` (shown as 顺延); what was
 * already done today counts towards today. Retries after
 * 未遇 keep their day. A task that fits nowhere before its period ends stays on its planned day
 * (or today), over the cap, rather than being hidden.
 */
export async function capDays(db: DbOrTx, today: string, cap: number, assigneeIds?: string[]): Promise<number> {
  if (assigneeIds && assigneeIds.length === 0) return 0;
  const who = assigneeIds ? sql`AND patrol_tasks.assignee_id IN (${sql.join(assigneeIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const rows = rowsOf<{ id: string; assignee_id: string; planned_on: string; period_end: string; retry: boolean }>(
    await db.execute(sql`
      SELECT patrol_tasks.id, patrol_tasks.assignee_id, coalesce(patrol_tasks.planned_on, patrol_tasks.period_start)::text AS planned_on,
             patrol_tasks.period_end::text AS period_end, patrol_tasks.retry_on IS NOT NULL AS retry
      FROM patrol_tasks JOIN patrol_plans ON patrol_plans.id = patrol_tasks.plan_id
      WHERE patrol_tasks.status = 'open' AND patrol_tasks.period_end >= ${today}::date ${who}
      ORDER BY patrol_tasks.assignee_id, greatest(coalesce(patrol_tasks.planned_on, patrol_tasks.period_start), ${today}::date),
               patrol_tasks.retry_on IS NULL, patrol_tasks.period_end, ${walkOrder}, patrol_tasks.id`),
  );
  const moves: Array<{ id: string; day: string; from: string }> = [];
  // Visits already done today count towards today's cap, so a run during the day does not refill it.
  const doneToday = rowsOf<{ assignee_id: string; n: number }>(
    await db.execute(sql`
      SELECT patrol_tasks.assignee_id, count(*)::int AS n FROM patrol_tasks
      WHERE patrol_tasks.status = 'done' AND patrol_tasks.planned_on = ${today}::date AND patrol_tasks.assignee_id IS NOT NULL ${who}
      GROUP BY 1`),
  );
  const load = new Map<string, number>(doneToday.map((r) => [`${r.assignee_id}|${today}`, r.n]));
  for (const r of rows) {
    const key = (day: string) => `${r.assignee_id}|${day}`;
    const start = r.planned_on < today ? today : r.planned_on;
    let day = start;
    if (!r.retry) {
      while ((load.get(key(day)) ?? 0) >= cap && day < r.period_end) day = addDays(day, 1);
      if ((load.get(key(day)) ?? 0) >= cap) day = start;
    }
    load.set(key(day), (load.get(key(day)) ?? 0) + 1);
    if (day !== r.planned_on) moves.push({ id: r.id, day, from: r.planned_on });
  }
  for (let i = 0; i < moves.length; i += 1000) {
    const chunk = moves.slice(i, i + 1000);
    await db.execute(sql`
      UPDATE patrol_tasks t SET planned_on = v.day::date, rolled_from = coalesce(t.rolled_from, v.from_day::date)
      FROM (VALUES ${sql.join(chunk.map((m) => sql`(${m.id}::uuid, ${m.day}, ${m.from})`), sql`, `)}) AS v(id, day, from_day)
      WHERE t.id = v.id`);
  }
  return moves.length;
}
