import { Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import type { TaskSummary } from "./types";
import "./patrols.css";

function distanceText(meters: number, t: (k: string, o?: Record<string, unknown>) => string) {
  return meters >= 1000 ? t("patrols.distanceKm", { km: (meters / 1000).toFixed(1) }) : t("patrols.distanceM", { m: meters });
}

/** "2026-12-05" → 12月5日 (5/12 in English). */
export function monthDay(day: string, t: (k: string, o?: Record<string, unknown>) => string) {
  return t("patrols.day.monthDay", { m: Number(day.slice(5, 7)), d: Number(day.slice(8, 10)) });
}

/**
 * One task in the phone list: target, kind, checklist, the last day of its period, and marks for
 * overdue (red), done, and a visit recorded on the phone that waits to be sent.
 */
export function MobileTaskCard({ task, onOpen, queued, order, legMeters }: { task: TaskSummary; onOpen: () => void; queued: boolean; order?: number; legMeters?: number }) {
  const { t } = useTranslation();
  const tone = task.status === "done" ? "done" : task.overdue ? "overdue" : "open";
  return (
    <button type="button" className={`p-task-card p-task-${tone}`} onClick={onOpen} data-testid="patrol-task-card" data-task-id={task.id} data-status={task.status}>
      <div className="p-task-top">
        <span className="p-task-title">
          {order !== undefined && <span className="p-task-order">{order}</span>}
          {task.targetLabel}
        </span>
        <span className="p-task-tags">
          {queued && (
            <Tag color="warning" fill="solid" data-testid="task-queued-tag">
              {t("patrols.status.queued")}
            </Tag>
          )}
          {task.overdue && !queued && (
            <Tag color="danger" fill="solid" data-testid="task-overdue-tag">
              {t("patrols.status.overdue")}
            </Tag>
          )}
          {task.status === "done" && <Tag color="success">{t("patrols.status.done")}</Tag>}
          {task.status === "open" && task.retryOn && (
            <Tag color="warning" data-testid="task-retry-tag">
              {t("patrols.day.retry")}
            </Tag>
          )}
          {task.status === "open" && task.rolledFrom && (
            <Tag color="default" data-testid="task-rolled-tag">
              {t("patrols.day.rolled", { day: monthDay(task.rolledFrom, t) })}
            </Tag>
          )}
          {task.flagged && task.status === "open" && (
            <Tag color="danger" fill="outline">
              {t("patrols.day.flagged")}
            </Tag>
          )}
        </span>
      </div>
      <div className="p-task-sub">
        <Tag color="primary" fill="outline">
          {t(`patrols.kind.${task.targetKind}`)}
        </Tag>
        <span>{task.template.name}</span>
      </div>
      {task.address && <div className="p-task-address">{task.address}</div>}
      <div className="p-task-meta">
        <span>{t("patrols.due", { day: task.periodEnd.slice(5) })}</span>
        <span>{t(`patrols.frequency.${task.frequency}`)}</span>
        {legMeters !== undefined ? <span>{t("patrols.leg", { distance: distanceText(legMeters, t) })}</span> : task.distance !== null && <span>{distanceText(task.distance, t)}</span>}
      </div>
    </button>
  );
}
