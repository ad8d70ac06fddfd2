import { useEffect, useState } from "react";
import { App, Button, Card, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ORGANISER_VALUES } from "../../../contracts/party";
import { errorMessage } from "../../lib/error-message";
import { useActivityOrganiser, useSetActivityOrganiser, useTree } from "./use-party";

type Organiser = (typeof ORGANISER_VALUES)[number];

/**
 * 主办组织 of an activity: the community committee (主题党日), one of its branches, or 工会, 团委,
 * 妇联 (群团 activities). It counts in that organiser's record on the 党建数据 tab.
 */
export function ActivityOrganiserCard({ activityId, communityId, canWrite }: { activityId: string; communityId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const current = useActivityOrganiser(activityId);
  const tree = useTree(canWrite ? communityId : undefined);
  const save = useSetActivityOrganiser();
  const [organiser, setOrganiser] = useState<Organiser | null>(null);
  const [orgId, setOrgId] = useState<string | null>(null);
  useEffect(() => {
    if (current.data) {
      setOrganiser(current.data.organiser);
      setOrgId(current.data.org?.id ?? null);
    }
  }, [current.data]);
  const branches = (canWrite ? (tree.data?.orgs ?? []) : []).filter((o) => o.kind === "branch");
  const shown = current.data?.organiser
    ? `${t(`party.organiser.${current.data.organiser}`)}${current.data.organiser === "branch" && current.data.org ? `（${current.data.org.name}）` : ""}`
    : t("party.activityOrganiser.none");
  return (
    <Card size="small" title={t("party.activityOrganiser.title")} loading={current.isPending} data-testid="activity-organiser">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text data-testid="activity-organiser-current">{shown}</Typography.Text>
        {canWrite && (
          <>
            <Select<Organiser>
              value={organiser ?? undefined}
              placeholder={t("party.activityOrganiser.pick")}
              onChange={(v) => {
                setOrganiser(v);
                if (v !== "branch") setOrgId(null);
              }}
              options={ORGANISER_VALUES.map((v) => ({ value: v, label: t(`party.organiser.${v}`) }))}
              data-testid="activity-organiser-kind"
              style={{ width: "100%" }}
            />
            {organiser === "branch" && (
              <Select<string>
                value={orgId ?? undefined}
                placeholder={t("party.activityOrganiser.pickBranch")}
                onChange={setOrgId}
                loading={tree.isPending}
                showSearch
                optionFilterProp="label"
                options={branches.map((b) => ({ value: b.id, label: b.name }))}
                data-testid="activity-organiser-branch"
                style={{ width: "100%" }}
              />
            )}
            <Button
              type="primary"
              disabled={!organiser || (organiser === "branch" && !orgId)}
              loading={save.isPending}
              data-testid="activity-organiser-save"
              onClick={() =>
                save.mutate(
                  { activityId, organiser: organiser!, ...(organiser === "branch" && orgId ? { orgId } : {}) },
                  { onSuccess: () => void message.success(t("party.common.saved")), onError: (e) => void message.error(errorMessage(e, t)) },
                )
              }
            >
              {t("party.common.save")}
            </Button>
          </>
        )}
      </Space>
    </Card>
  );
}
