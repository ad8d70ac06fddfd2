import { Button, ErrorBlock } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";

export function NotFoundRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ErrorBlock status="empty" title={t("common.notFound")} description="">
      <Button color="primary" onClick={() => navigate("/")}>
        {t("common.backHome")}
      </Button>
    </ErrorBlock>
  );
}
