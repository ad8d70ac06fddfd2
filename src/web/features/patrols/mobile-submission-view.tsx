import { Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { formatShortDateTime } from "../../lib/format";
import type { ChecklistItem, Submission } from "./types";
import "./patrols.css";

function display(item: ChecklistItem, value: unknown, t: (k: string, o?: Record<string, unknown>) => string) {
  if (value === null || value === undefined || value === "") return t("patrols.form.na");
  if (item.type === "yes_no") return value ? t("patrols.form.yes") : t("patrols.form.no");
  if (item.type === "photo") return t("patrols.photos.count", { count: Array.isArray(value) ? value.length : 1 });
  return String(value);
}

/** What was recorded on a visit: answers (failures in red), photos, track, and the cases it opened. */
export function MobileSubmissionView({ submission, items }: { submission: Submission; items: ChecklistItem[] }) {
  const { t } = useTranslation();
  const failed = new Set(submission.failures);
  return (
    <div className="p-card" data-testid="submission-view">
      <div className="p-card-title">
        {t("patrols.submission.title", { name: submission.submittedBy.name, at: formatShortDateTime(submission.filledAt) })}
      </div>
      {items.map((item) => (
        <div key={item.id} className={`p-answer${failed.has(item.id) ? " p-answer-failed" : ""}`}>
          <span>{item.label}</span>
          <span>{display(item, submission.answers[item.id], t)}</span>
        </div>
      ))}
      {submission.notes && <div className="p-answer-notes">{submission.notes}</div>}
      {submission.trackMeters !== null && (
        <div className="p-muted">{t("patrols.submission.track", { km: (submission.trackMeters / 1000).toFixed(2), minutes: Math.round((submission.trackSeconds ?? 0) / 60) })}</div>
      )}
      {submission.photos.length > 0 && (
        <div className="p-photos">
          {submission.photos.map((p) => (
            <span key={p.id} className="p-photo">
              <img src={p.thumbUrl} alt="" />
            </span>
          ))}
        </div>
      )}
      {submission.cases.length > 0 && (
        <div className="p-submission-cases" data-testid="submission-cases">
          {t("patrols.submission.cases")}
          {submission.cases.map((c) => (
            <Tag key={c.id} color="danger" fill="outline">
              {c.number}
            </Tag>
          ))}
        </div>
      )}
    </div>
  );
}
