import { ErrorBlock, Grid, Skeleton } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatNumber } from "../../lib/format";
import { HEADLINE_KEYS } from "./count-groups";
import { useOverview } from "./use-overview";

/** The few figures of the caller's own area that a grid worker needs at hand, for the phone home. */
export function MobileOverviewCounts() {
  const { t } = useTranslation();
  const overview = useOverview();
  if (overview.isPending) return <Skeleton.Paragraph lineCount={2} animated />;
  if (overview.isError) return <ErrorBlock status="default" title={errorMessage(overview.error, t)} description="" />;
  const { area, counts } = overview.data;
  const keys = HEADLINE_KEYS.filter((key) => !(key === "microgrids" && area.level === "microgrid"));
  return (
    <Grid columns={4} gap={[4, 16]} className="m-counts" data-testid="overview">
      {keys.map((key) => (
        <Grid.Item key={key} className="m-count">
          <div className="m-count-value">{formatNumber(counts[key])}</div>
          <div className="m-count-label">{t(`overview.counts.${key}`)}</div>
        </Grid.Item>
      ))}
    </Grid>
  );
}

