import { useTranslation } from "react-i18next";
import { ReportsPage } from "../../features/reports/reports-page";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 工作报告: every module's figures for a community or a street, and the 月报 to the street. */
export function ReportsRoute() {
  const { t } = useTranslation();
  return (
    <RequirePermission permission="report:read">
      <PageHeader title={t("nav.reports")}>{t("reports.subtitle")}</PageHeader>
      <ReportsPage />
    </RequirePermission>
  );
}
