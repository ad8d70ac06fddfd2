import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { ActivityDetailView } from "../../features/partners/activity-detail-view";
import { PageHeader, useGoBack } from "../page-header";
import { RequirePermission } from "../require-permission";

/** One activity: status, roster and waiting list, the check-in QR code, outcomes and booths. */
export function PartnersActivityRoute() {
  const { t } = useTranslation();
  const back = useGoBack("/activities");
  const { id } = useParams();
  const user = useMe().data!;
  return (
    <RequirePermission permission="partner:read">
      <PageHeader title={t("partners.activities.title")} onBack={back} />
      <ActivityDetailView key={id} id={id!} canManage={hasPermission(user, "activity:manage")} />
    </RequirePermission>
  );
}
