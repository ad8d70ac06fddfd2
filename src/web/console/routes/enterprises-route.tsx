import { Card, Tabs } from "antd";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { CampaignsPanel } from "../../features/enterprise/campaigns-panel";
import { CultivationPanel } from "../../features/enterprise/cultivation-panel";
import { EnterpriseDetailView } from "../../features/enterprise/enterprise-detail-view";
import { EnterpriseList } from "../../features/enterprise/enterprise-list";
import { EventsPanel } from "../../features/enterprise/events-panel";
import { NeedsPanel } from "../../features/enterprise/needs-panel";
import { PageHeader, useGoBack } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 企业服务: the enterprise register, visit campaigns, needs, 入库 cultivation and business events. */
export function EnterprisesRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useMe().data!;
  const [params, setParams] = useSearchParams();
  const canManage = hasPermission(user, "enterprise:manage");
  const tab = params.get("tab") ?? "list";
  const open = (id: string) => navigate(`/enterprises/${id}`);
  return (
    <RequirePermission permission="enterprise:read">
      <PageHeader title={t("enterprise.title")}>{t("enterprise.subtitle")}</PageHeader>
      <Card className="ll-page-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === "list" ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          data-testid="enterprise-tabs"
          items={[
            { key: "list", label: t("enterprise.tabs.list"), children: <EnterpriseList onOpen={open} /> },
            { key: "campaigns", label: t("enterprise.tabs.campaigns"), children: <CampaignsPanel canManage={canManage} /> },
            { key: "needs", label: t("enterprise.tabs.needs"), children: <NeedsPanel canManage={canManage} onOpenEnterprise={open} /> },
            { key: "cultivation", label: t("enterprise.tabs.cultivation"), children: <CultivationPanel onOpenEnterprise={open} /> },
            { key: "events", label: t("enterprise.tabs.events"), children: <EventsPanel canManage={canManage} /> },
          ]}
        />
      </Card>
    </RequirePermission>
  );
}

/** One enterprise record. */
export function EnterpriseRoute() {
  const { t } = useTranslation();
  const back = useGoBack("/enterprises");
  const { id } = useParams();
  const user = useMe().data!;
  return (
    <RequirePermission permission="enterprise:read">
      <PageHeader title={t("enterprise.detail.title")} onBack={back} />
      <EnterpriseDetailView key={id} id={id!} canManage={hasPermission(user, "enterprise:manage")} canUnmask={hasPermission(user, "enterprise:unmask")}
        canVisit={hasPermission(user, "enterprise:visit")}
      />
    </RequirePermission>
  );
}
