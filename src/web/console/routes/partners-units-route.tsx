import { useState } from "react";
import { Button, Card, Tabs } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { MatchPanel } from "../../features/partners/match-panel";
import { MeasuresPanel } from "../../features/partners/measures-panel";
import { RiderServicesPanel } from "../../features/partners/rider-services-panel";
import { UnitCreateModal } from "../../features/partners/unit-create-modal";
import { UnitList } from "../../features/partners/unit-list";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 共建单位: units and agreements, matching needs to resources, rider services, figures. */
export function PartnersUnitsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useMe().data!;
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const canManage = hasPermission(user, "partner:manage");
  const tab = params.get("tab") ?? "units";
  return (
    <RequirePermission permission="partner:read">
      <PageHeader
        title={t("partners.units.title")}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="unit-add">
              {t("partners.units.add")}
            </Button>
          )
        }
      >
        {t("partners.units.subtitle")}
      </PageHeader>
      <Card className="ll-page-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === "units" ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          data-testid="partner-tabs"
          items={[
            { key: "units", label: t("partners.units.tabUnits"), children: <UnitList onOpen={(u) => navigate(`/partners/units/${u.id}`)} /> },
            { key: "match", label: t("partners.units.tabMatch"), children: <MatchPanel onOpenUnit={(id) => navigate(`/partners/units/${id}`)} /> },
            { key: "riders", label: t("partners.units.tabRiders"), children: <RiderServicesPanel canManage={canManage} /> },
            { key: "measures", label: t("partners.units.tabMeasures"), children: <MeasuresPanel /> },
          ]}
        />
      </Card>
      {canManage && (
        <UnitCreateModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            navigate(`/partners/units/${id}`);
          }}
        />
      )}
    </RequirePermission>
  );
}
