import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import { writeAudit } from "../../platform/audit";
import { ROOT_AUDIT_PATH } from "../../platform/scope";
import { runSystemWrite } from "../../platform/write";

/**
 * Marks time-limit states of open cases: yellow from 80 % of the limit, red when overdue. The
 * acceptance clock runs while a case waits to be accepted, the handling clock until it is handled.
 * Newly overdue cases notify their handler. Runs on a timer in the server; no outside scheduler.
 */
export async function sweepTimers(deps: AppDeps, now = new Date()): Promise<{ changed: number; newlyRed: number }> {
  return runSystemWrite(deps, async (tx) => {
    const changed = rowsOf<{ id: string; number: string; handler_id: string | null; timer: string }>(
      await tx.execute(sql`
        WITH due AS (
          SELECT id,
                 CASE WHEN status = 'reported' THEN accept_due_at ELSE handle_due_at END AS due_at,
                 CASE WHEN status = 'reported' THEN accept_warn_at ELSE handle_warn_at END AS warn_at
          FROM cases WHERE status IN ('reported', 'accepted', 'dispatched', 'in_progress')
        ), next AS (
          SELECT id, CASE WHEN due_at < ${now} THEN 'red' WHEN warn_at < ${now} THEN 'yellow' ELSE 'normal' END AS timer FROM due
        )
        UPDATE cases c SET timer = next.timer, was_overdue = c.was_overdue OR next.timer = 'red'
        FROM next WHERE c.id = next.id AND c.timer <> next.timer
        RETURNING c.id, c.number, c.handler_id, c.timer`),
    );
    const red = changed.filter((c) => c.timer === "red");
    if (changed.length === 0) return { value: { changed: 0, newlyRed: 0 } };
    await writeAudit(tx, { user: null, ip: "system", locale: "zh-CN" }, {
      action: "case.timer_sweep",
      targetType: "case",
      areaPath: ROOT_AUDIT_PATH,
      after: { changed: changed.length, red: red.length },
    });
    return {
      value: { changed: changed.length, newlyRed: red.length },
      notify: red
        .filter((c) => c.handler_id)
        .map((c) => ({ userId: c.handler_id!, kind: `case.overdue:${c.id}`, title: `事件 ${c.number} 已超时`, body: "请尽快处置或申请延期", link: `case:${c.id}` })),
    };
  });
}
