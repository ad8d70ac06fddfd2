import { useTranslation } from "react-i18next";
import { MobilePeopleSearch } from "../../features/registry/mobile-people-search";
import { SubPage } from "../sub-page";

export function ResidentsRoute() {
  const { t } = useTranslation();
  return (
    <SubPage title={t("mobile.entries.residents")}>
      <MobilePeopleSearch />
    </SubPage>
  );
}
