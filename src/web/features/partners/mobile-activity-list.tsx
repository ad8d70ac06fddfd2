import { useState } from "react";
import { ErrorBlock, PullToRefresh, Skeleton, Tabs } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import "./partners.css";
import { MobileActivityCard } from "./mobile-activity-card";
import { useActivities } from "./use-activities";

/** 社区活动: what is open for sign-up from now on, and what I signed up to. */
export function MobileActivityList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<"upcoming" | "mine">("upcoming");
  const list = useActivities(tab === "mine" ? { mine: "true" } : { upcoming: "true", status: "open" });
  return (
    <>
      <Tabs activeKey={tab} onChange={(k) => setTab(k as "upcoming" | "mine")} className="pt-m-tabs">
        <Tabs.Tab title={t("partners.mobile.activities.tabUpcoming")} key="upcoming" />
        <Tabs.Tab title={<span data-testid="activities-tab-mine">{t("partners.mobile.activities.tabMine")}</span>} key="mine" />
      </Tabs>
      {list.isPending && <Skeleton.Paragraph lineCount={8} animated className="m-pad" />}
      {list.isError && <ErrorBlock status="default" title={errorMessage(list.error, t)} description="" />}
      {list.data && list.data.length === 0 && (
        <ErrorBlock status="empty" title={tab === "mine" ? t("partners.mobile.activities.emptyMine") : t("partners.mobile.activities.empty")} description="" />
      )}
      {list.data && list.data.length > 0 && (
        <PullToRefresh onRefresh={async () => void (await list.refetch())}>
          <div className="pt-m-list" data-testid="activity-list">
            {list.data.map((a) => (
              <MobileActivityCard key={a.id} a={a} onOpen={() => onOpen(a.id)} />
            ))}
          </div>
        </PullToRefresh>
      )}
    </>
  );
}
