import { Button, Result } from "antd";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";

export function NotFoundRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t("common.notFound")}
      extra={
        <Button type="primary" onClick={() => navigate("/")}>
          {t("common.backHome")}
        </Button>
      }
    />
  );
}
