import { useTranslation } from "react-i18next";
import { useAreaTree } from "../../api/use-area-tree";
import { CaseDashboard } from "../../features/cases/case-dashboard";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 事件统计. */
export function CaseStatsRoute() {
  const { t } = useTranslation();
  const tree = useAreaTree();
  return (
    <RequirePermission permission="case:measures">
      <PageHeader title={t("nav.caseStats")}>{t("overview.principle")}</PageHeader>
      <CaseDashboard areas={tree.data ?? []} />
    </RequirePermission>
  );
}
