import { Tabs } from "antd";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { CorrectionsPanel } from "../../features/registry/corrections-panel";
import { DrilldownPanel } from "../../features/registry/drilldown-panel";
import { ImportPanel } from "../../features/registry/import-panel";
import { PlacesPanel } from "../../features/registry/places-panel";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 房屋台账: compounds → buildings → households, places, Excel import and residents' correction requests. */
export function RegistryRoute() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "buildings";
  const items = [
    { key: "buildings", label: t("registry.tabs.buildings"), children: <DrilldownPanel /> },
    { key: "places", label: t("registry.tabs.places"), children: <PlacesPanel /> },
    ...(hasPermission(me.data, "person:import") ? [{ key: "import", label: t("registry.tabs.import"), children: <ImportPanel /> }] : []),
    ...(hasPermission(me.data, "person:write") ? [{ key: "corrections", label: t("registry.tabs.corrections"), children: <CorrectionsPanel /> }] : []),
  ];
  return (
    <RequirePermission permission="person:read">
      <PageHeader title={t("registry.title")}>{t("registry.masked")}</PageHeader>
      <Tabs activeKey={tab} onChange={(key) => setParams(key === "buildings" ? {} : { tab: key })} items={items} destroyOnHidden data-testid="registry-tabs" />
    </RequirePermission>
  );
}
