import { Card, Tabs } from "antd";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { AccountList } from "../../features/partners/account-list";
import { RewardList } from "../../features/partners/reward-list";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 积分与奖励: the points ledger with corrections, and the reward catalogue. */
export function PartnersPointsRoute() {
  const { t } = useTranslation();
  const user = useMe().data!;
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "accounts";
  return (
    <RequirePermission permission="points:correct">
      <PageHeader title={t("partners.points.title")}>{t("partners.points.subtitle")}</PageHeader>
      <Card className="ll-page-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          data-testid="points-tabs"
          items={[
            { key: "accounts", label: t("partners.points.tabAccounts"), children: <AccountList /> },
            { key: "rewards", label: t("partners.points.tabRewards"), children: <RewardList canManage={hasPermission(user, "reward:manage")} /> },
          ]}
        />
      </Card>
    </RequirePermission>
  );
}
