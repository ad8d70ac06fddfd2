import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileCaseQueue } from "../../features/cases/mobile-case-queue";
import { SubPage } from "../sub-page";

/** 事件处理: the grid worker's queue. */
export function QueueRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SubPage
      title={t("mobile.entries.cases")}
      right={
        <button type="button" className="m-link m-navbar-link" onClick={() => navigate("/report")} data-testid="queue-report">
          {t("cases.report.new")}
        </button>
      }
    >
      <MobileCaseQueue onOpen={(id) => navigate(`/cases/${id}`)} />
    </SubPage>
  );
}
