import { useState } from "react";
import { Button, Card } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { ActivityCreateModal } from "../../features/partners/activity-create-modal";
import { ActivityList } from "../../features/partners/activity-list";
import { PageHeader } from "../page-header";
import { RequirePermission } from "../require-permission";

/** 志愿活动: the list of activities, and publishing a one-off activity or a series. */
export function PartnersActivitiesRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useMe().data!;
  const [creating, setCreating] = useState(false);
  const canManage = hasPermission(user, "activity:manage");
  return (
    <RequirePermission permission="partner:read">
      <PageHeader
        title={t("partners.activities.title")}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="activity-add">
              {t("partners.activities.add")}
            </Button>
          )
        }
      >
        {t("partners.activities.subtitle")}
      </PageHeader>
      <Card className="ll-page-card">
        <ActivityList onOpen={(a) => navigate(`/activities/${a.id}`)} />
      </Card>
      {canManage && (
        <ActivityCreateModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            navigate(`/activities/${id}`);
          }}
        />
      )}
    </RequirePermission>
  );
}
