import { Empty, Image, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format";
import type { HouseholdDetail, Visit } from "./types";

/** A household's moves, joins, leaves and changes, newest first. */
export function HistoryList({ history }: { history: HouseholdDetail["history"] }) {
  const { t } = useTranslation();
  if (history.length === 0)
    return (
      <div data-testid="registry-history">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("registry.history.none")} />
      </div>
    );
  return (
    <Timeline
      data-testid="registry-history"
      items={history.map((e, i) => ({
        key: i,
        color: e.kind === "move_out" || e.kind === "leave" ? "gray" : e.kind === "update" ? "blue" : "green",
        content: (
          <div>
            <strong>{t(`registry.history.kinds.${e.kind}`, { defaultValue: e.kind })}</strong>
            {e.personName && <span> · {e.personName}</span>}
            <span className="rg-sub"> · {e.on}</span>
            {e.note && <div className="rg-sub">{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** Home visits with notes and photos, newest first. */
export function VisitList({ visits }: { visits: Visit[] }) {
  const { t } = useTranslation();
  if (visits.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("registry.visits.none")} />;
  return (
    <div data-testid="registry-visits">
      {visits.map((v) => (
        <div key={v.id} className="ll-gap" data-testid="registry-visit">
          <Typography.Text strong>{v.visitor}</Typography.Text>
          <span className="rg-sub"> · {formatDateTime(v.visitedAt)}</span>
          <div>{v.notes}</div>
          {v.photos.length > 0 && (
            <Image.PreviewGroup>
              <div className="rg-photos">
                {v.photos.map((p) => (
                  <Image key={p.id} width={72} height={72} src={p.thumbUrl} preview={{ src: p.url }} style={{ objectFit: "cover" }} />
                ))}
              </div>
            </Image.PreviewGroup>
          )}
        </div>
      ))}
    </div>
  );
}
