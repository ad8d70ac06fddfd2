import { useTranslation } from "react-i18next";
import { AuditLog } from "../../features/audit/audit-log";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

export function AuditRoute() {
  const { t } = useTranslation();
  return (
    <RequirePermission permission="audit:read">
      <PageHeader title={t("audit.title")} />
      <AuditLog />
    </RequirePermission>
  );
}
