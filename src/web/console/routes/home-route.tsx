import { Button, Card, Col, Result, Row } from "antd";
import { Navigate, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { PendingCasesCard } from "../../features/cases/pending-cases-card";
import { OverdueResolutionsCard } from "../../features/deliberation/overdue-resolutions-card";
import { OverviewStatistics } from "../../features/overview/overview-statistics";

/** The caller's area at a glance. Residents and riders are pointed to the phone app instead. */
export function HomeRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
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
  // Street and department officers start from the communities side by side (街道概览).
  if (user.role === "street_officer" || user.role === "department_officer") return <Navigate to="/street" replace />;
  return (
    <div className="ll-home">
      <div className="ll-banner">
        <span className="ll-banner-mark">{t("overview.principle")}</span>
        <span className="ll-banner-role">
          {user.displayName} · {t(`roles.${user.role}`)}
        </span>
      </div>
      {hasPermission(user, "case:measures") && hasPermission(user, "case:read") && (
        <Row gutter={16} className="ll-gap">
          <Col xs={24} lg={12}>
            <PendingCasesCard onOpenList={(filter) => navigate(`/cases?${new URLSearchParams(filter).toString()}`)} />
          </Col>
          {hasPermission(user, "deliberation:read") && (
            <Col xs={24} lg={12}>
              <OverdueResolutionsCard />
            </Col>
          )}
        </Row>
      )}
      <Card className="ll-page-card">
        <OverviewStatistics />
      </Card>
    </div>
  );
}
