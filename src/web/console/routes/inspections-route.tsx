import { Card, Tabs } from "antd";
import { useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { NoticePrint } from "../../features/inspections/notice-print";
import { ProgrammesPanel } from "../../features/inspections/programmes-panel";
import { RectificationsPanel } from "../../features/inspections/rectifications-panel";
import { PageHeader, useGoBack } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 检查督导: inspection programmes over the patrol checklists and the 责令整改 notices with their 复查. */
export function InspectionsRoute() {
  const { t } = useTranslation();
  const user = useMe().data!;
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "programmes";
  return (
    <RequirePermission permission="inspection:read">
      <PageHeader title={t("inspections.title")}>{t("inspections.subtitle")}</PageHeader>
      <Card className="ll-page-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === "programmes" ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          data-testid="inspection-tabs"
          items={[
            {
              key: "programmes",
              label: t("inspections.tabs.programmes"),
              children: (
                <ProgrammesPanel
                  canManage={hasPermission(user, "inspection:manage")}
                  canRecheck={hasPermission(user, "inspection:recheck")}
                  canExport={hasPermission(user, "ledger:export")}
                />
              ),
            },
            { key: "notices", label: t("inspections.tabs.notices"), children: <RectificationsPanel canRecheck={hasPermission(user, "inspection:recheck")} /> },
          ]}
        />
      </Card>
    </RequirePermission>
  );
}

/** The printable 责令整改通知书 (a sheet of its own, outside the console's frame). */
export function NoticePrintRoute() {
  const back = useGoBack("/inspections?tab=notices");
  const { id } = useParams();
  return (
    <RequirePermission permission="inspection:read">
      <NoticePrint key={id} id={id!} onBack={back} />
    </RequirePermission>
  );
}
