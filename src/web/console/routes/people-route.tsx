import { useTranslation } from "react-i18next";
import { PeopleSearch } from "../../features/registry/people-search";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

export function PeopleRoute() {
  const { t } = useTranslation();
  return (
    <RequirePermission permission="person:read">
      <PageHeader title={t("people.title")} />
      <PeopleSearch />
    </RequirePermission>
  );
}
