import { Button } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { CaseDetailView } from "../../features/cases/case-detail-view";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

export function CaseRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const back = () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate("/cases");
  };
  return (
    <RequirePermission permission="case:read">
      <CaseDetailView
        key={id}
        id={id!}
        header={(title) => (
          <PageHeader
            title={
              <span className="ll-back-title">
                <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t("common.back")} data-testid="back" />
                {title}
              </span>
            }
          />
        )}
      />
    </RequirePermission>
  );
}
