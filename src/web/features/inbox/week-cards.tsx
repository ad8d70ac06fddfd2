import { Alert, Card, Empty, Progress, Skeleton } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { apiGet } from "../../api/client";
import { errorMessage } from "../../lib/error-message";
import { chinaDay } from "../../lib/format";
import type { Measures } from "../cases/types";
import type { InboxReply } from "../../../contracts/inbox";

/** 本周事件走势: cases reported and closed per day, Monday to today, as paired bars. */
export function WeekTrendCard({ week }: { week: InboxReply["week"] }) {
  const { t } = useTranslation();
  const names = t("inbox.week.weekdays", { returnObjects: true }) as string[];
  const max = Math.max(1, ...week.map((d) => Math.max(d.reported, d.closed)));
  return (
    <Card className="ll-page-card" title={t("inbox.week.title")} data-testid="week-trend">
      <div className="ll-week">
        {week.map((d, i) => (
          <div key={d.day} className="ll-week-day" title={`${d.day} ${t("inbox.week.reported")} ${d.reported} · ${t("inbox.week.closed")} ${d.closed}`}>
            <div className="ll-week-bars">
              <span className="ll-week-bar ll-week-reported" style={{ height: `${(d.reported / max) * 100}%` }}>
                <i>{d.reported || ""}</i>
              </span>
              <span className="ll-week-bar ll-week-closed" style={{ height: `${(d.closed / max) * 100}%` }}>
                <i>{d.closed || ""}</i>
              </span>
            </div>
            <span className="ll-week-label">{names[i] ?? d.day.slice(5)}</span>
          </div>
        ))}
      </div>
      <div className="ll-week-legend">
        <span>
          <i className="ll-week-reported" /> {t("inbox.week.reported")}
        </span>
        <span>
          <i className="ll-week-closed" /> {t("inbox.week.closed")}
        </span>
      </div>
    </Card>
  );
}

/** 小事不出网格: where this month's closed cases were resolved (grid / community / beyond). */
export function GridShareCard() {
  const { t } = useTranslation();
  const today = chinaDay();
  const m = useQuery({
    queryKey: ["cases", "measures", "month-share", today],
    queryFn: ({ signal }) => apiGet<Measures>("/cases/measures", { from: `${today.slice(0, 8)}01`, to: today }, signal),
    staleTime: 60_000,
  });
  const pct = (x: number | null) => Math.round((x ?? 0) * 1000) / 10;
  return (
    <Card className="ll-page-card" title={t("inbox.share.title")} data-testid="grid-share">
      {m.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : m.isError ? (
        <Alert type="error" showIcon title={errorMessage(m.error, t)} />
      ) : m.data.resolved === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("inbox.share.none")} />
      ) : (
        <div className="ll-share">
          {(
            [
              ["grid", m.data.shareGrid, m.data.resolvedAtGrid, "#389e0d"],
              ["community", m.data.shareCommunity, m.data.resolvedAtCommunity, "#1677ff"],
              ["beyond", m.data.shareBeyond, m.data.resolvedBeyond, "#d46b08"],
            ] as const
          ).map(([key, share, count, color]) => (
            <div key={key} className="ll-share-row" data-testid={`share-${key}`}>
              <span className="ll-share-label">{t(`inbox.share.${key}`)}</span>
              <Progress percent={pct(share)} strokeColor={color} format={(p) => `${p}% · ${count}`} />
            </div>
          ))}
          <div className="ll-muted">{t("inbox.share.resolved", { count: m.data.resolved })}</div>
        </div>
      )}
    </Card>
  );
}
