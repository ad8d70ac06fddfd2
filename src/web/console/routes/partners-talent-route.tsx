import { Card, Tabs } from "antd";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { ApplicationList } from "../../features/partners/application-list";
import { CallList } from "../../features/partners/call-list";
import { TalentList } from "../../features/partners/talent-list";
import { TeamList } from "../../features/partners/team-list";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 治理人才库: recruitment calls, applications to review, the pool and its teams. */
export function PartnersTalentRoute() {
  const { t } = useTranslation();
  const user = useMe().data!;
  const [params, setParams] = useSearchParams();
  const canManage = hasPermission(user, "talent:manage");
  const tab = params.get("tab") ?? (canManage ? "calls" : "talents");
  const items = [
    ...(canManage
      ? [
          { key: "calls", label: t("partners.talent.tabCalls"), children: <CallList canManage={canManage} /> },
          { key: "applications", label: t("partners.talent.tabApplications"), children: <ApplicationList /> },
        ]
      : []),
    { key: "talents", label: t("partners.talent.tabTalents"), children: <TalentList /> },
    { key: "teams", label: t("partners.talent.tabTeams"), children: <TeamList canManage={canManage} /> },
  ];
  return (
    <RequirePermission permission="partner:read">
      <PageHeader title={t("partners.talent.title")}>{t("partners.talent.subtitle")}</PageHeader>
      <Card className="ll-page-card">
        <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key }, { replace: true })} destroyOnHidden items={items} data-testid="talent-tabs" />
      </Card>
    </RequirePermission>
  );
}
