import { Alert, Card, Col, Row, Skeleton, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { countGroupsFor } from "./count-groups";
import { useOverview } from "./use-overview";

interface Props {
  /** The area to show; the caller's own area when left out. */
  areaId?: string | null;
  /** Show the area name as a heading above the cards. */
  withTitle?: boolean;
  /** Smaller cards, for side panels. */
  compact?: boolean;
}

/** The counts of an area as statistic cards, grouped (areas, housing, places, party). */
export function OverviewStatistics({ areaId, withTitle = true, compact = false }: Props) {
  const { t } = useTranslation();
  const overview = useOverview(areaId);

  if (overview.isPending) return <Skeleton active paragraph={{ rows: compact ? 3 : 8 }} />;
  if (overview.isError) return <Alert type="error" showIcon title={errorMessage(overview.error, t)} />;

  const { area, counts } = overview.data;
  const level = t(`levels.${area.level}`);
  return (
    <div className="ll-overview" data-testid="overview">
      {withTitle && (
        <div className="ll-overview-head">
          <Typography.Title level={compact ? 5 : 3} className="ll-overview-title">
            {t("overview.title", { name: area.name })}
          </Typography.Title>
          <Typography.Text type="secondary">{t("overview.subtitle", { level: level.toLowerCase() })}</Typography.Text>
        </div>
      )}
      {countGroupsFor(area.level).map(({ group, keys }) => (
        <section key={group} className="ll-overview-group">
          <div className="ll-overview-group-title">{t(`overview.groups.${group}`)}</div>
          <Row gutter={[compact ? 8 : 16, compact ? 8 : 16]}>
            {keys.map((key) => (
              <Col key={key} xs={12} sm={12} md={compact ? 8 : 6} xl={6}>
                <Card size="small" className={`ll-stat-card ll-stat-${key}`} data-testid={`stat-${key}`}>
                  <Statistic
                    title={t(`overview.counts.${key}`)}
                    value={counts[key]}
                    suffix={<span className="ll-stat-unit">{t(`overview.units.${key}`)}</span>}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </section>
      ))}
    </div>
  );
}
