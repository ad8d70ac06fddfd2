import { ErrorBlock, List, Skeleton, Tag } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { chinaDay } from "../../lib/format";
import { errorMessage } from "../../lib/error-message";
import { useCampaigns, useMyTargets } from "./use-enterprise";

/** 企业走访 on the phone: the worker's targets of every running campaign, not yet visited first. */
export function MobileEnterpriseVisits() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const today = chinaDay();
  const campaigns = useCampaigns();
  const running = (campaigns.data?.items ?? []).filter((c) => c.startsOn <= today && c.endsOn >= today);
  const targets = useMyTargets(running);
  if (campaigns.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (campaigns.isError) return <ErrorBlock status="default" title={errorMessage(campaigns.error, t)} description="" />;
  if (running.length === 0) return <ErrorBlock status="empty" title={t("enterprise.mobile.noCampaign")} description="" />;
  return (
    <div data-testid="enterprise-visits">
      {running.map((c, i) => {
        const q = targets[i];
        const items = q?.data?.items ?? [];
        const visited = items.filter((x) => x.visitedOn).length;
        return (
          <List
            key={c.id}
            header={
              <span data-testid="visit-campaign">
                {c.name} · {t("enterprise.mobile.progress", { visited, total: q?.data?.total ?? 0 })}
              </span>
            }
            className="m-list"
          >
            {q?.isPending && <Skeleton.Paragraph lineCount={3} animated className="m-pad" />}
            {q?.isError && <ErrorBlock status="default" title={errorMessage(q.error, t)} description="" />}
            {q?.data && items.length === 0 && <List.Item>{t("enterprise.mobile.noTargets")}</List.Item>}
            {items.map((x) => (
              <List.Item
                key={x.placeId}
                clickable
                onClick={() => navigate(`/enterprise-visits/${x.placeId}?campaign=${c.id}`)}
                description={x.address}
                extra={x.visitedOn ? <Tag color="success">{t("enterprise.mobile.visitedOn", { day: x.visitedOn })}</Tag> : <Tag color="warning">{t("enterprise.campaigns.notVisited")}</Tag>}
                data-testid="visit-target"
                data-visited={x.visitedOn ? "true" : "false"}
              >
                {x.name}
              </List.Item>
            ))}
          </List>
        );
      })}
    </div>
  );
}
