import { useTranslation } from "react-i18next";
import { NoticeAdmin } from "../../features/notices/notice-admin";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

export function NoticesRoute() {
  const { t } = useTranslation();
  return (
    <RequirePermission permission="notice:write">
      <PageHeader title={t("notices.title")} />
      <NoticeAdmin />
    </RequirePermission>
  );
}
