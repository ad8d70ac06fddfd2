import { useTranslation } from "react-i18next";
import { StreetOverview } from "../../features/street/street-overview";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 街道概览: the street officer's (and department officer's) view of the communities of their scope. */
export function StreetRoute() {
  const { t } = useTranslation();
  return (
    <RequirePermission permission="street:compare">
      <PageHeader title={t("nav.street")}>{t("street.subtitle")}</PageHeader>
      <StreetOverview />
    </RequirePermission>
  );
}
