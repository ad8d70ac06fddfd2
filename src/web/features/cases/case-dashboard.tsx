import { useMemo, useState } from "react";
import { Alert, Card, Col, DatePicker, Empty, Row, Segmented, Skeleton, Statistic, TreeSelect, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { AreaNode } from "../../../contracts/areas";
import { errorMessage } from "../../lib/error-message";
import { chinaDay, formatNumber, formatPercent } from "../../lib/format";
import { areaTreeData } from "./area-tree-data";
import { DashboardCharts } from "./dashboard-charts";
import { useMeasures } from "./use-measures";
import type { Measures } from "./types";

type Preset = "days30" | "thisYear" | "articles" | "custom";

/** The periods offered at a click; the articles' period (July 2023 – December 2024) among them. */
function presetRange(preset: Exclude<Preset, "custom">): [string, string] {
  const today = chinaDay();
  switch (preset) {
    case "days30":
      return [chinaDay(-29), today];
    case "thisYear":
      return [`${today.slice(0, 4)}-01-01`, today];
    case "articles":
      return ["2023-07-01", "2024-12-31"];
  }
}

/** 事件统计: the measures of 小事不出网格、大事不出社区 for an area and a period, as figures and charts. */
export function CaseDashboard({ areas }: { areas: AreaNode[] }) {
  const { t } = useTranslation();
  const [areaId, setAreaId] = useState<string>();
  const [preset, setPreset] = useState<Preset>("thisYear");
  const [range, setRange] = useState<[string, string]>(() => presetRange("thisYear"));
  const measures = useMeasures(areaId, range[0], range[1]);
  const tree = useMemo(() => areaTreeData(areas), [areas]);

  const pick = (p: Preset) => {
    setPreset(p);
    if (p !== "custom") setRange(presetRange(p));
  };

  return (
    <div className="ll-dashboard" data-testid="case-dashboard">
      <Card className="ll-page-card ll-dashboard-bar">
        <div className="ll-toolbar ll-toolbar-tight">
          <TreeSelect
            className="ll-filter"
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
            placeholder={t("cases.dashboard.area")}
            value={areaId ?? tree[0]?.value}
            onChange={(v: string) => setAreaId(v)}
            treeData={tree}
            data-testid="dashboard-area"
          />
          <Segmented<Preset>
            value={preset}
            onChange={pick}
            options={(["days30", "thisYear", "articles", "custom"] as const).map((p) => ({ value: p, label: t(`cases.dashboard.presets.${p}`) }))}
            data-testid="dashboard-preset"
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(_, [from, to]) => {
              if (!from || !to) return;
              setPreset("custom");
              setRange([from, to]);
            }}
          />
          {measures.data && (
            <Typography.Text type="secondary" data-testid="dashboard-scope">
              {t("cases.dashboard.scope", { area: measures.data.area.name, from: measures.data.from, to: measures.data.to })}
            </Typography.Text>
          )}
        </div>
      </Card>
      {measures.isError && <Alert type="error" showIcon title={errorMessage(measures.error, t)} />}
      {measures.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : measures.data ? (
        <>
          <Kpis m={measures.data} />
          {measures.data.total === 0 ? (
            <Card className="ll-page-card">
              <Empty description={t("cases.dashboard.empty")} />
            </Card>
          ) : (
            <DashboardCharts m={measures.data} />
          )}
        </>
      ) : null}
    </div>
  );
}

function Kpis({ m }: { m: Measures }) {
  const { t } = useTranslation();
  const hours = (v: number | null) => (v === null ? "—" : t("cases.dashboard.hours", { value: v.toFixed(1) }));
  const cards: Array<{ key: string; value: string; hint?: string; tone?: "red" | "green" }> = [
    { key: "total", value: formatNumber(m.total), hint: t("cases.dashboard.closedHint", { count: m.closed }) },
    { key: "open", value: formatNumber(m.open), hint: m.overdueOpen ? t("cases.dashboard.overdueOpenHint", { count: m.overdueOpen }) : undefined, tone: m.overdueOpen ? "red" : undefined },
    { key: "shareGrid", value: formatPercent(m.shareGrid), hint: t("cases.dashboard.ofResolved", { count: m.resolvedAtGrid, total: m.resolved }), tone: "green" },
    { key: "shareCommunity", value: formatPercent(m.shareCommunity), hint: t("cases.dashboard.ofResolved", { count: m.resolvedAtCommunity, total: m.resolved }) },
    { key: "shareBeyond", value: formatPercent(m.shareBeyond), hint: t("cases.dashboard.ofResolved", { count: m.resolvedBeyond, total: m.resolved }) },
    { key: "medianAccept", value: hours(m.medianHoursToAccept) },
    { key: "medianClose", value: hours(m.medianHoursToClose) },
    { key: "overdueRate", value: formatPercent(m.overdueRate), tone: m.overdueRate ? "red" : undefined },
    { key: "satisfaction", value: formatPercent(m.satisfactionRate), hint: t("cases.dashboard.ratedHint", { count: m.rated }), tone: "green" },
    { key: "riders", value: formatNumber(m.riderReports) },
  ];
  return (
    <Row gutter={[12, 12]} className="ll-kpis" data-testid="dashboard-kpis">
      {cards.map((card) => (
        <Col key={card.key} xs={12} md={8} xl={4} className="ll-kpi-col">
          <Card size="small" className={`ll-stat-card ll-kpi${card.tone ? ` ll-kpi-${card.tone}` : ""}`} data-testid={`kpi-${card.key}`}>
            <Statistic title={t(`cases.dashboard.kpi.${card.key}`)} value={card.value} />
            <div className="ll-kpi-hint">{card.hint ?? "\u00a0"}</div>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
