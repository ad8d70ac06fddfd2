import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { UnitDetailView } from "../../features/partners/unit-detail-view";
import { PageHeader, useGoBack } from "../page-header";
import { RequirePermission } from "../require-permission";

/** One partner unit: its agreements, resources given and yearly record. */
export function PartnersUnitRoute() {
  const { t } = useTranslation();
  const back = useGoBack("/partners");
  const { id } = useParams();
  const user = useMe().data!;
  return (
    <RequirePermission permission="partner:read">
      <PageHeader title={t("partners.units.title")} onBack={back} />
      <UnitDetailView key={id} id={id!} canManage={hasPermission(user, "partner:manage")} />
    </RequirePermission>
  );
}
