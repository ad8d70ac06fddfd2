import { useTranslation } from "react-i18next";
import { useAreaTree } from "../../api/use-area-tree";
import { hasPermission, useMe } from "../../api/use-me";
import { CaseSettingsPage } from "../../features/case-settings/case-settings-page";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 事件设置. */
export function CaseSettingsRoute() {
  const { t } = useTranslation();
  const user = useMe().data;
  const tree = useAreaTree();
  return (
    <RequirePermission permission="case:configure">
      <PageHeader title={t("nav.caseSettings")}>{t("caseSettings.subtitle")}</PageHeader>
      <CaseSettingsPage
        ownCommunityId={user?.community?.id ?? null}
        areas={tree.data ?? []}
        canEditLimits={hasPermission(user, "case:time-limits")}
        canEditCalendar={hasPermission(user, "calendar:manage")}
      />
    </RequirePermission>
  );
}
