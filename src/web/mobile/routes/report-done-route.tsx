import { useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { MobileReportDone } from "../../features/cases/mobile-report-done";
import { SubPage } from "../sub-page";

export function ReportDoneRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  return (
    <SubPage title={t("cases.report.doneTitle")}>
      <MobileReportDone
        id={id!}
        onView={() => navigate(`/cases/${id}`, { replace: true })}
        onAnother={() => navigate("/report", { replace: true })}
        onHome={() => navigate("/", { replace: true })}
      />
    </SubPage>
  );
}
