import { Button, Card, Col, Result, Row } from "antd";
import { Link, Navigate } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { InboxPanel } from "../../features/inbox/inbox-panel";
import { useInbox } from "../../features/inbox/use-inbox";
import { GridShareCard, WeekTrendCard } from "../../features/inbox/week-cards";

/**
 * The workbench: first what needs this person today (待办), then the week's trend and the
 * 小事不出网格 share. The census figures live on 区域与网格 (the area overview), linked below.
 * Residents and riders are pointed to the phone app instead.
 */
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
  // Street and department officers start from the communities side by side (街道概览).
  if (user.role === "street_officer" || user.role === "department_officer") return <Navigate to="/street" replace />;
  return <Workbench />;
}

function Workbench() {
  const { t } = useTranslation();
  const user = useMe().data!;
  const inbox = useInbox(hasPermission(user, "inbox:read"));
  return (
    <div className="ll-home">
      <div className="ll-banner">
        <span className="ll-banner-mark">{t("overview.principle")}</span>
        <span className="ll-banner-role">
          {user.displayName} · {t(`roles.${user.role}`)}
        </span>
      </div>
      {hasPermission(user, "inbox:read") && <InboxPanel />}
      <Row gutter={[16, 16]} className="ll-gap ll-home-below">
        {inbox.data && hasPermission(user, "case:read") && (
          <Col xs={24} lg={14}>
            <WeekTrendCard week={inbox.data.week} />
          </Col>
        )}
        {hasPermission(user, "case:measures") && (
          <Col xs={24} lg={10}>
            <GridShareCard />
          </Col>
        )}
      </Row>
      {hasPermission(user, "area:read") && (
        <div className="ll-home-overview ll-muted">
          {t("inbox.overviewLink")} · <Link to="/areas" data-testid="overview-link">{t("inbox.openOverview")}</Link>
        </div>
      )}
    </div>
  );
}
