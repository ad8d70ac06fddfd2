import { Button, ErrorBlock, List, Skeleton, Tag } from "antd-mobile";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import "./partners.css";
import { useMyTalent } from "./use-talent";
import { useMyPoints } from "./use-points";

/** 我的积分: hours and points, entries, activities, redemptions; riders also their reports as 流动网格员. */
export function MobilePoints() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const record = useMyPoints();
  const talent = useMyTalent();
  if (record.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
  if (record.isError) return <ErrorBlock status="default" title={errorMessage(record.error, t)} description="" />;
  const r = record.data;
  const teams = (talent.data?.talents ?? []).flatMap((x) => x.teams);
  return (
    <div data-testid="my-points">
      <div className="pt-m-balance">
        <div>
          <div className="pt-m-balance-value" data-testid="my-hours">
            {r.hours}
          </div>
          <div className="pt-m-balance-label">{t("partners.mobile.points.hours")}</div>
        </div>
        <div>
          <div className="pt-m-balance-value" data-testid="my-points-value">
            {r.points}
          </div>
          <div className="pt-m-balance-label">{t("partners.mobile.points.points")}</div>
        </div>
      </div>
      <div className="pt-m-actions">
        <Button block color="primary" fill="outline" onClick={() => navigate("/rewards")} data-testid="to-rewards">
          {t("partners.mobile.points.redeem")}
        </Button>
      </div>
      {teams.length > 0 && (
        <List header={t("partners.mobile.points.myTeams")} className="m-list">
          {teams.map((team) => (
            <List.Item key={team.id}>{team.name}</List.Item>
          ))}
        </List>
      )}
      {r.mobileReports && (
        <List header={t("partners.mobile.points.reports")} className="m-list" data-testid="my-reports">
          <List.Item extra={t("partners.mobile.points.reportsTotal", { count: r.mobileReports.total })}>
            <div className="pt-m-tags" style={{ marginTop: 0 }}>
              {r.mobileReports.byCategory.map((c) => (
                <Tag key={c.code} fill="outline">
                  {c.name} {c.count}
                </Tag>
              ))}
            </div>
          </List.Item>
          {r.patrols && r.patrols.count > 0 && <List.Item>{t("partners.mobile.points.patrols", { count: r.patrols.count })}</List.Item>}
        </List>
      )}
      <List header={t("partners.mobile.points.entries")} className="m-list" data-testid="my-entries">
        {r.entries.length === 0 && <List.Item>{t("partners.mobile.points.noEntries")}</List.Item>}
        {r.entries.slice(0, 20).map((e) => (
          <List.Item
            key={e.id}
            description={[formatShortDateTime(e.createdAt), e.reason].filter(Boolean).join(" · ")}
            extra={
              <span className={e.points < 0 ? "pt-m-minus" : "pt-m-plus"}>
                {e.points > 0 ? `+${e.points}` : e.points}
                {e.hours !== 0 && ` · ${e.hours > 0 ? "+" : ""}${t("partners.common.hoursValue", { value: e.hours })}`}
              </span>
            }
          >
            {t(`partners.entryKind.${e.kind}`, { defaultValue: e.kindName })}
          </List.Item>
        ))}
      </List>
      {r.redemptions.length > 0 && (
        <List header={t("partners.mobile.points.redemptions")} className="m-list">
          {r.redemptions.slice(0, 10).map((x) => (
            <List.Item key={x.id} description={formatShortDateTime(x.createdAt)} extra={<span className="pt-m-minus">-{x.cost}</span>}>
              {x.reward}
            </List.Item>
          ))}
        </List>
      )}
      {r.activities.length > 0 && (
        <List header={t("partners.mobile.points.activities")} className="m-list">
          {r.activities.slice(0, 10).map((a) => (
            <List.Item
              key={a.id}
              description={formatShortDateTime(a.startsAt)}
              onClick={() => navigate(`/activities/${a.id}`)}
              extra={a.checkedInAt ? <Tag color="success">{t("partners.mobile.activities.checkedIn")}</Tag> : <Tag>{t(`partners.signupStatus.${a.signup}`)}</Tag>}
            >
              {a.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
