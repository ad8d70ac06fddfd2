import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { areaInScope, homeArea, inScope, underArea } from "../../platform/scope";
import type { CoverageFigures, TargetKind } from "../../../contracts/patrols";
import { addDays, localDay, monthRange } from "./periods";

type Grouped = {
  worker_id: string | null;
  worker: string | null;
  grid_id: string | null;
  grid: string | null;
  kind: TargetKind | null;
  g_worker: number;
  g_grid: number;
  g_kind: number;
  due: number;
  done: number;
  on_time: number;
  missed: number;
  open: number;
};

function figures(r: Grouped): CoverageFigures {
  return {
    due: r.due,
    done: r.done,
    doneOnTime: r.on_time,
    late: r.done - r.on_time,
    missed: r.missed,
    open: r.open,
    coverage: r.due ? Math.round((r.done / r.due) * 1000) / 1000 : null,
    // Of the tasks already settled (done, or their period over): a task still open inside its period is not late yet.
    timeliness: r.due - r.open ? Math.round((r.on_time / (r.due - r.open)) * 1000) / 1000 : null,
  };
}

/**
 * Coverage and timeliness of the tasks due in a month (their period ends in it) — or, given a day, of
 * the tasks whose period holds that day (the current period's work, for "today's coverage") — per grid worker,
 * per grid and per kind of work: due, done, done within the period, missed (or still open after
 * it), still open. One grouping-sets query over the month's tasks.
 */
export async function measureCoverage(db: DbOrTx, user: AuthUser, q: { month: string; day?: string; areaId?: string; targetKind?: TargetKind }, now = new Date()) {
  const area = q.areaId ? await areaInScope(db, user, q.areaId) : await homeArea(db, user);
  const range = monthRange(q.month);
  const today = localDay(now);
  const kind = q.targetKind ? sql` AND p.target_kind = ${q.targetKind}` : sql``;
  const rows = rowsOf<Grouped>(
    await db.execute(sql`
      WITH month_tasks AS (
        SELECT t.assignee_id, t.status, t.period_end, t.done_at, p.target_kind, g.id AS grid_id
        FROM patrol_tasks t
        JOIN patrol_plans p ON p.id = t.plan_id
        JOIN areas a ON a.id = t.area_id
        LEFT JOIN areas g ON g.level = 'grid' AND g.id IN (a.id, a.parent_id)
        WHERE t.status <> 'cancelled'
          AND ${
            q.day
              ? sql`t.period_start <= ${q.day}::date AND t.period_end >= ${q.day}::date AND t.period_start >= ${addDays(q.day, -92)}::date`
              : sql`t.period_start >= ${addDays(range.start, -92)}::date AND t.period_end BETWEEN ${range.start}::date AND ${range.end}::date`
          }
          AND ${underArea(sql`t.area_id`, area.path)} AND ${inScope(user, sql`t.area_id`)}${kind}
      )
      SELECT m.assignee_id AS worker_id, (SELECT display_name FROM users WHERE id = m.assignee_id) AS worker,
             m.grid_id, (SELECT name FROM areas WHERE id = m.grid_id) AS grid, m.target_kind AS kind,
             GROUPING(m.assignee_id)::int AS g_worker, GROUPING(m.grid_id)::int AS g_grid, GROUPING(m.target_kind)::int AS g_kind,
             count(*)::int AS due,
             count(*) FILTER (WHERE m.status = 'done')::int AS done,
             count(*) FILTER (WHERE m.status = 'done' AND m.done_at < (m.period_end + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::int AS on_time,
             count(*) FILTER (WHERE m.status = 'missed' OR (m.status = 'open' AND m.period_end < ${today}::date))::int AS missed,
             count(*) FILTER (WHERE m.status = 'open' AND m.period_end >= ${today}::date)::int AS open
      FROM month_tasks m
      GROUP BY GROUPING SETS ((m.assignee_id), (m.grid_id), (m.target_kind), ())`),
  );
  const total = rows.find((r) => r.g_worker && r.g_grid && r.g_kind);
  const zero = { due: 0, done: 0, on_time: 0, missed: 0, open: 0 } as Grouped;
  return {
    area: { id: area.id, name: area.name },
    month: q.month,
    from: q.day ?? range.start,
    to: q.day ?? range.end,
    total: figures(total ?? zero),
    byWorker: rows
      .filter((r) => !r.g_worker)
      .map((r) => ({ worker: { id: r.worker_id!, name: r.worker ?? "" }, ...figures(r) }))
      .sort((a, b) => a.worker.name.localeCompare(b.worker.name, "zh-CN")),
    byGrid: rows
      .filter((r) => !r.g_grid)
      .map((r) => ({ grid: r.grid_id ? { id: r.grid_id, name: r.grid ?? "" } : null, ...figures(r) }))
      .sort((a, b) => (a.grid?.name ?? "").localeCompare(b.grid?.name ?? "", "zh-CN")),
    byKind: rows.filter((r) => !r.g_kind).map((r) => ({ targetKind: r.kind!, ...figures(r) })),
  };
}
