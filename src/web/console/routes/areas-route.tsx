import { useTranslation } from "react-i18next";
import { usePublicConfig } from "../../api/use-public-config";
import { AreaExplorer } from "../../features/areas/area-explorer";
import { OverviewStatistics } from "../../features/overview/overview-statistics";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

export function AreasRoute() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  return (
    <RequirePermission permission="area:read">
      <PageHeader title={t("nav.areas")} />
      <AreaExplorer
        tileUrl={config.data?.mapTileUrl ?? ""}
        renderDetail={(area) => (
          <div className="ll-detail-card">
            <OverviewStatistics areaId={area.id} compact />
          </div>
        )}
      />
    </RequirePermission>
  );
}
