import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import { writeAudit } from "../../platform/audit";
import { addDays, localDay } from "../../platform/clock";
import { ROOT_AUDIT_PATH } from "../../platform/scope";
import { runSystemWrite } from "../../platform/write";
import { generateTasks } from "./generate-tasks";
import { capDays, spreadOverPeriods } from "./schedule";

const SYSTEM = { user: null, ip: "system", locale: "zh-CN" as const };

/**
 * Marks open tasks whose period has ended as missed (they show as overdue on the phone and count
 * against timeliness) and tells each assignee how many of theirs were missed.
 */
export async function sweepMissedTasks(deps: AppDeps, now = new Date()): Promise<{ missed: number }> {
  const today = localDay(now);
  return runSystemWrite(deps, async (tx) => {
    const rows = rowsOf<{ assignee_id: string; n: number }>(
      await tx.execute(sql`
        WITH missed AS (
          UPDATE patrol_tasks SET status = 'missed', version = version + 1
          WHERE status = 'open' AND period_end < ${today}::date
          RETURNING assignee_id
        )
        SELECT assignee_id, count(*)::int AS n FROM missed GROUP BY assignee_id`),
    );
    const missed = rows.reduce((s, r) => s + r.n, 0);
    if (missed === 0) return { value: { missed } };
    await writeAudit(tx, SYSTEM, { action: "patrol.missed_sweep", targetType: "patrol_task", areaPath: ROOT_AUDIT_PATH, after: { missed, today } });
    const notify = rows.map((r) => ({ userId: r.assignee_id, kind: "patrol.missed", title: `有 ${r.n} 项巡查任务逾期未完成`, body: "逾期任务仍可补录，请尽快完成", link: "patrols:overdue" }));
    return { value: { missed }, notify };
  });
}

/**
 * What a timer in the server runs (e.g. hourly): tasks for the current and the next week of every
 * active plan, then the sweep of ended periods. Both steps are idempotent.
 */
export async function runPatrolHousekeeping(deps: AppDeps, now = new Date()): Promise<{ created: number; missed: number; rolled: number }> {
  const today = localDay(now);
  const created = await generateTasks(deps.database.db, { from: today, until: addDays(today, 7) });
  const { missed } = await sweepMissedTasks(deps, now);
  // New tasks get a day in their period; full days and yesterday's unfinished visits roll forward.
  await spreadOverPeriods(deps.database.db, today);
  const rolled = await capDays(deps.database.db, today, deps.config.patrolDailyCap);
  return { created, missed, rolled };
}
