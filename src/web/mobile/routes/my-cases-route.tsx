import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileMyCases } from "../../features/cases/mobile-my-cases";
import { SubPage } from "../sub-page";

/** 我的诉求. */
export function MyCasesRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SubPage
      title={t("mobile.entries.myRequests")}
      right={
        <button type="button" className="m-link m-navbar-link" onClick={() => navigate("/report")}>
          {t("cases.report.new")}
        </button>
      }
    >
      <MobileMyCases onOpen={(id) => navigate(`/cases/${id}`)} />
    </SubPage>
  );
}
