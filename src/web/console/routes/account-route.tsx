import { Card, Col, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/use-me";
import { ChangePasswordForm } from "../../features/account/change-password-form";
import { ProfileDescriptions } from "../../features/account/profile-descriptions";
import { PageHeader } from "../page-header";

export function AccountRoute() {
  const { t } = useTranslation();
  const user = useMe().data!;
  return (
    <>
      <PageHeader title={t("account.title")} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t("account.profile")} className="ll-page-card">
            <ProfileDescriptions user={user} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("account.changePassword")} className="ll-page-card">
            {user.username ? <ChangePasswordForm /> : <Typography.Text type="secondary">{t("account.noPassword")}</Typography.Text>}
          </Card>
        </Col>
      </Row>
    </>
  );
}
