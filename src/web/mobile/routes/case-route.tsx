import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileCaseDetail } from "../../features/cases/mobile-case-detail";
import { SubPage } from "../sub-page";

export function CaseRoute() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  return (
    <SubPage title={t("cases.detail.title")}>
      <MobileCaseDetail key={id} id={id!} />
    </SubPage>
  );
}
