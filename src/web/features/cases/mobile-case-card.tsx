import { Tag } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { formatShortDateTime } from "../../lib/format";
import { isOpen } from "./case-status";
import { MobileStatusTag } from "./mobile-status-tag";
import { useCategoryName } from "./use-categories";
import type { CaseSummary } from "./types";

/**
 * One case in a phone list: category, status, time-limit mark (red: overdue, yellow: near the
 * limit) and, in a worker's queue, "新" for one nobody has accepted yet.
 */
export function MobileCaseCard({ c, onOpen, markNew = false }: { c: CaseSummary; onOpen: () => void; markNew?: boolean }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const timer = isOpen(c) ? c.timer : "normal";
  return (
    <button
      type="button"
      className={`m-case-card m-case-timer-${timer}`}
      onClick={onOpen}
      data-testid="case-card"
      data-case-number={c.number}
      data-timer={timer}
    >
      <div className="m-case-card-top">
        <span className="m-case-card-title">{categoryName(c.categoryCode, c.categoryName)}</span>
        <span className="m-case-card-tags">
          {markNew && c.status === "reported" && (
            <Tag color="danger" fill="solid" className="m-new-tag">
              {t("cases.queue.new")}
            </Tag>
          )}
          {timer !== "normal" && (
            <Tag color={timer === "red" ? "danger" : "warning"} fill="solid" data-testid="timer-tag">
              {t(`cases.timer.${timer}`)}
            </Tag>
          )}
          <MobileStatusTag status={c.status} />
        </span>
      </div>
      <div className="m-case-card-desc">{c.description}</div>
      <div className="m-case-card-meta">
        <span>{c.number}</span>
        <span>{[c.address, c.grid?.name ?? c.community?.name].filter(Boolean).join(" · ")}</span>
        <span>{formatShortDateTime(c.createdAt)}</span>
      </div>
    </button>
  );
}
