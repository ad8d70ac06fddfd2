import { Card, Tabs } from "antd";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import type { AreaNode } from "../../../contracts/areas";
import { CalendarPanel } from "./calendar-panel";
import { RoutingRulesPanel } from "./routing-rules-panel";
import { TimeLimitsPanel } from "./time-limits-panel";
import "./case-settings.css";

const TABS = ["rules", "limits", "calendar"] as const;
type TabKey = (typeof TABS)[number];

interface Props {
  ownCommunityId: string | null;
  areas: AreaNode[];
  canEditLimits: boolean;
  canEditCalendar: boolean;
}

/** 事件设置: routing rules, time limits and the working calendar, one tab each; the tab lives in the address. */
export function CaseSettingsPage({ ownCommunityId, areas, canEditLimits, canEditCalendar }: Props) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get("tab");
  const tab: TabKey = (TABS as readonly string[]).includes(asked ?? "") ? (asked as TabKey) : "rules";
  return (
    <Card className="ll-page-card">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === "rules" ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: "rules", label: <span data-testid="tab-rules">{t("caseSettings.tabs.rules")}</span>, children: <RoutingRulesPanel ownCommunityId={ownCommunityId} areas={areas} /> },
          { key: "limits", label: <span data-testid="tab-limits">{t("caseSettings.tabs.limits")}</span>, children: <TimeLimitsPanel canEdit={canEditLimits} /> },
          { key: "calendar", label: <span data-testid="tab-calendar">{t("caseSettings.tabs.calendar")}</span>, children: <CalendarPanel canEdit={canEditCalendar} /> },
        ]}
      />
    </Card>
  );
}
