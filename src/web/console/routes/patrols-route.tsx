import { useTranslation } from "react-i18next";
import { ConsolePatrolsPage } from "../../features/patrols/console-patrols-page";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 巡查台账: plans, tasks and ledgers of the caller's scope. */
export function PatrolsRoute() {
  const { t } = useTranslation();
  return (
    <RequirePermission permission="patrol:read">
      <PageHeader title={t("nav.patrols")}>{t("patrols.console.subtitle")}</PageHeader>
      <ConsolePatrolsPage />
    </RequirePermission>
  );
}
