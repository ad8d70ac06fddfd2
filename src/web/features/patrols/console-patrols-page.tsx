import { Card, Tabs } from "antd";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../../api/use-me";
import { ConsoleLedger } from "./console-ledger";
import { ConsolePlanList } from "./console-plan-list";
import { ConsoleTaskBoard } from "./console-task-board";
import { ConsoleTemplateList } from "./console-template-list";
import "./console-patrols.css";

const TABS = ["board", "plans", "templates", "ledger"] as const;

/** 巡查台账 in the console: task board, plans, checklist templates and the monthly ledger; the tab lives in the address. */
export function ConsolePatrolsPage() {
  const { t } = useTranslation();
  const user = useMe().data!;
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? params.get("tab")! : "board";
  return (
    <Card className="ll-page-card">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: "board", label: <span data-testid="tab-board">{t("patrols.console.tabs.board")}</span>, children: <ConsoleTaskBoard /> },
          { key: "plans", label: <span data-testid="tab-plans">{t("patrols.console.tabs.plans")}</span>, children: <ConsolePlanList canPlan={hasPermission(user, "patrol:plan")} /> },
          { key: "templates", label: <span data-testid="tab-templates">{t("patrols.console.tabs.templates")}</span>, children: <ConsoleTemplateList /> },
          { key: "ledger", label: <span data-testid="tab-ledger">{t("patrols.console.tabs.ledger")}</span>, children: <ConsoleLedger canExport={hasPermission(user, "ledger:export")} /> },
        ]}
      />
    </Card>
  );
}
