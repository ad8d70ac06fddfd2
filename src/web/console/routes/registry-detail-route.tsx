import { Button } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { HouseholdView } from "../../features/registry/household-view";
import { PersonView } from "../../features/registry/person-view";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

function useBackHeader() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const back = () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate("/registry");
  };
  return (title: string) => (
    <PageHeader
      title={
        <span className="ll-back-title">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t("common.back")} data-testid="back" />
          {title}
        </span>
      }
    />
  );
}

export function RegistryHouseholdRoute() {
  const { id } = useParams<{ id: string }>();
  const header = useBackHeader();
  return (
    <RequirePermission permission="person:read">
      <HouseholdView key={id} id={id!} header={header} />
    </RequirePermission>
  );
}

export function RegistryPersonRoute() {
  const { id } = useParams<{ id: string }>();
  const header = useBackHeader();
  return (
    <RequirePermission permission="person:read">
      <PersonView key={id} id={id!} header={header} />
    </RequirePermission>
  );
}
