import { useTranslation } from "react-i18next";
import { PartyConsolePage } from "../../features/party/party-console-page";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

export function PartyRoute() {
  const { t } = useTranslation();
  return (
    <RequirePermission permission="party:read">
      <PageHeader title={t("party.title")} />
      <PartyConsolePage />
    </RequirePermission>
  );
}
