import { useTranslation } from "react-i18next";
import { OpenInterfacesPage } from "../../features/open-interfaces/open-interfaces-page";
import { PageHeader } from "../page-header";

export function OpenInterfacesRoute() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("openApi.title")} />
      <OpenInterfacesPage />
    </>
  );
}
