import { Button, Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { formatShortDateTime } from "../../lib/format";
import type { OutboxRecord } from "./outbox-db";
import type { useOutbox } from "./use-outbox";
import "./patrols.css";

type Outbox = ReturnType<typeof useOutbox>;

/** The queue indicator: "待同步 N 条" with a send-now button, or nothing when all is sent. */
export function OutboxIndicator({ outbox }: { outbox: Outbox }) {
  const { t } = useTranslation();
  if (outbox.pendingCount === 0 && outbox.online) return null;
  return (
    <div className={`p-outbox-bar${outbox.online ? "" : " p-outbox-offline"}`} data-testid="outbox-bar">
      <span>
        {!outbox.online && (
          <Tag color="default" fill="solid" data-testid="offline-tag">
            {t("patrols.outbox.offline")}
          </Tag>
        )}{" "}
        {outbox.pendingCount > 0 ? (
          <span data-testid="outbox-pending" data-count={outbox.pendingCount}>
            {t("patrols.outbox.pending", { count: outbox.pendingCount })}
          </span>
        ) : (
          <span className="p-muted">{t("patrols.outbox.offlineHint")}</span>
        )}
      </span>
      {outbox.pendingCount > 0 && outbox.online && (
        <Button size="mini" color="primary" fill="outline" loading={outbox.syncing} onClick={() => void outbox.sync()} data-testid="outbox-sync">
          {t("patrols.outbox.syncNow")}
        </Button>
      )}
    </div>
  );
}

function conflictText(r: OutboxRecord, t: (k: string, o?: Record<string, unknown>) => string) {
  const c = r.conflict;
  if (!c) return r.message ?? "";
  if (c.reason === "reassigned") return t("patrols.outbox.conflict.reassigned", { name: c.assigneeName ?? "—" });
  if (c.reason === "already_done") return t("patrols.outbox.conflict.alreadyDone", { at: c.doneAt ? formatShortDateTime(c.doneAt) : "—" });
  if (c.reason === "cancelled") return t("patrols.outbox.conflict.cancelled");
  if (c.reason === "gone") return t("patrols.outbox.conflict.gone");
  return r.message ?? t("patrols.outbox.conflict.other");
}

/**
 * What the phone has recorded: waiting records, and the outcome of the sent ones — the case
 * numbers a failed item opened, or a conflict (task given to someone else, already done) that the
 * worker must see and acknowledge; nothing disappears without being shown.
 */
export function OutboxList({ outbox }: { outbox: Outbox }) {
  const { t } = useTranslation();
  const recent = [...outbox.records].reverse().slice(0, 10);
  if (recent.length === 0) return null;
  return (
    <div className="p-outbox" data-testid="outbox-list">
      <div className="p-outbox-title">{t("patrols.outbox.title")}</div>
      {recent.map((r) => (
        <div key={r.clientId} className={`p-outbox-item p-outbox-${r.state}`} data-testid="outbox-item" data-state={r.state} data-client-id={r.clientId}>
          <div className="p-outbox-head">
            <span className="p-outbox-label">{r.taskLabel}</span>
            <Tag color={r.state === "done" ? "success" : r.state === "pending" ? "warning" : "danger"} fill="solid">
              {t(`patrols.outbox.state.${r.state}`)}
            </Tag>
          </div>
          <div className="p-muted">
            {t("patrols.outbox.filledAt", { at: formatShortDateTime(r.body.filledAt) })}
            {r.state === "pending" && r.attempts > 0 && ` · ${t("patrols.outbox.attempts", { count: r.attempts })}`}
          </div>
          {r.state === "done" && r.result && (
            <div className="p-outbox-result">
              {r.result.cases.length > 0 ? (
                <span data-testid="outbox-cases">{t("patrols.outbox.casesOpened", { numbers: r.result.cases.map((c) => c.number).join("、") })}</span>
              ) : r.body.outcome && r.body.outcome !== "visited" ? (
                <span>{t("patrols.outcome.synced", { outcome: t(`patrols.outcome.${r.body.outcome}`) })}</span>
              ) : (
                <span>{t("patrols.outbox.noFindings")}</span>
              )}
            </div>
          )}
          {(r.state === "conflict" || r.state === "rejected") && (
            <div className="p-outbox-problem" data-testid="outbox-problem">
              <div>{conflictText(r, t)}</div>
              <div className="p-outbox-actions">
                {r.state === "rejected" && (
                  <Button size="mini" fill="outline" onClick={() => void outbox.retry(r)}>
                    {t("patrols.outbox.retry")}
                  </Button>
                )}
                <Button size="mini" fill="outline" onClick={() => void outbox.dismiss(r.clientId)} data-testid="outbox-dismiss">
                  {t("patrols.outbox.dismiss")}
                </Button>
              </div>
            </div>
          )}
          {r.state === "done" && (
            <button type="button" className="p-link" onClick={() => void outbox.dismiss(r.clientId)}>
              {t("patrols.outbox.clear")}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
