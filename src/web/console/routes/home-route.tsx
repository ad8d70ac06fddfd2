import { Button, Card, Result } from "antd";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { OverviewStatistics } from "../../features/overview/overview-statistics";

/** The caller's area at a glance. Residents and riders are pointed to the phone app instead. */
export function HomeRoute() {
  const { t } = useTranslation();
  const user = useMe().data!;
  if (!hasPermission(user, "overview:read")) {
    return (
      <Card>
        <Result
          status="info"
          title={t("auth.mobileHint")}
          extra={
            <Button type="primary" href="/m/">
              {t("auth.openMobile")}
            </Button>
          }
        />
      </Card>
    );
  }
  return (
    <div className="ll-home">
      <div className="ll-banner">
        <span className="ll-banner-mark">{t("overview.principle")}</span>
        <span className="ll-banner-role">
          {user.displayName} · {t(`roles.${user.role}`)}
        </span>
      </div>
      <Card className="ll-page-card">
        <OverviewStatistics />
      </Card>
    </div>
  );
}
