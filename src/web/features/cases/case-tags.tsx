import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { isOpen, statusColour } from "./case-status";
import type { CaseSummary } from "./types";

/** The status of a case as a coloured tag. */
export function StatusTag({ status }: { status: CaseSummary["status"] }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColour(status)} variant="filled" data-testid="status-tag">
      {t(`cases.status.${status}`)}
    </Tag>
  );
}

const TIMER_TAG = { normal: "green", yellow: "gold", red: "red" } as const;

/** The time-limit state of an open case (正常 / 即将超时 / 已超时); nothing once it is closed. */
export function TimerTag({ c }: { c: Pick<CaseSummary, "status" | "timer"> }) {
  const { t } = useTranslation();
  if (!isOpen(c)) return <span className="ll-muted">—</span>;
  return (
    <Tag color={TIMER_TAG[c.timer]} variant={c.timer === "normal" ? "outlined" : "solid"} className={`ll-timer ll-timer-${c.timer}`} data-timer={c.timer}>
      {t(`cases.timer.${c.timer}`)}
    </Tag>
  );
}

const LEVEL_TAG = { grid: "blue", community: "cyan", street: "purple", department: "magenta" } as const;

export function LevelTag({ level }: { level: CaseSummary["level"] }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_TAG[level]} variant="outlined">
      {t(`cases.level.${level}`)}
    </Tag>
  );
}

/** The channel, and "流动网格员" for a rider's report. */
export function ChannelText({ c }: { c: Pick<CaseSummary, "channel" | "mobileReporter"> }) {
  const { t } = useTranslation();
  return (
    <span className="ll-channel">
      {t(`cases.channel.${c.channel}`)}
      {c.mobileReporter && (
        <Tag color="orange" variant="filled" className="ll-inline-tag" data-testid="mobile-reporter">
          {t("cases.mobileReporter")}
        </Tag>
      )}
    </span>
  );
}
