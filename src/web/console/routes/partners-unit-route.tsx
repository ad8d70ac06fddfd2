import { Button } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { UnitDetailView } from "../../features/partners/unit-detail-view";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** One partner unit: its agreements, resources given and yearly record. */
export function PartnersUnitRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const user = useMe().data!;
  return (
    <RequirePermission permission="partner:read">
      <PageHeader
        title={
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate("/partners")}>
            {t("partners.units.title")}
          </Button>
        }
      />
      <UnitDetailView key={id} id={id!} canManage={hasPermission(user, "partner:manage")} />
    </RequirePermission>
  );
}
