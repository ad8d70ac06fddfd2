import { useState } from "react";
import { Button, Result } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/use-me";
import { MobileReportForm } from "../../features/cases/mobile-report-form";
import type { PublicCase } from "../../features/cases/types";
import { isStaffRole } from "../../lib/roles";
import { SubPage } from "../sub-page";

/** 我要上报 (residents), 随手拍 (riders), 上报事件 (grid workers on patrol). */
export function ReportRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useMe().data!;
  const [followed, setFollowed] = useState<PublicCase | null>(null);
  const title = t(user.role === "rider" ? "mobile.entries.snapshot" : isStaffRole(user.role) ? "mobile.entries.workerReport" : "mobile.entries.report");

  return (
    <SubPage title={title}>
      {followed ? (
        <div className="m-done" data-testid="followed">
          <Result
            status="info"
            title={t("cases.similar.followedTitle")}
            description={t("cases.similar.followedText", { number: followed.number, status: t(`cases.status.${followed.status}`) })}
          />
          <div className="m-done-buttons">
            <Button block color="primary" size="large" onClick={() => navigate("/", { replace: true })}>
              {t("common.backHome")}
            </Button>
          </div>
        </div>
      ) : (
        <MobileReportForm user={user} onReported={(r) => navigate(`/report/done/${r.id}`, { replace: true })} onFollow={setFollowed} />
      )}
    </SubPage>
  );
}
