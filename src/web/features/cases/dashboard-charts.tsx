import { useMemo } from "react";
import { Card, Col, Row } from "antd";
import { useTranslation } from "react-i18next";
import { EChart } from "./echart";
import type { EChartsCoreOption } from "./echarts-setup";
import { useCategoryName } from "./use-categories";
import type { Measures } from "./types";

const RED = "#c8161d";
const PALETTE = ["#1677ff", "#13a8a8", "#fa8c16", "#722ed1", "#52c41a", "#eb2f96", "#2f54eb", "#faad14"];

/** By category (bar, with resolved), by channel (pie), where resolved cases were closed (pie), by month (line). */
export function DashboardCharts({ m }: { m: Measures }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();

  const byCategory = useMemo<EChartsCoreOption>(() => {
    const rows = [...m.byCategory].reverse();
    return {
      color: ["#1677ff", "#52c41a"],
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: rows.map((r) => categoryName(r.key, r.name)) },
      series: [
        { name: t("cases.dashboard.series.reported"), type: "bar", data: rows.map((r) => r.count), barMaxWidth: 14 },
        { name: t("cases.dashboard.series.resolved"), type: "bar", data: rows.map((r) => r.resolved), barMaxWidth: 14 },
      ],
    };
  }, [m, t, categoryName]);

  const byChannel = useMemo<EChartsCoreOption>(
    () => ({
      color: PALETTE,
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0, type: "scroll" },
      series: [
        {
          type: "pie",
          radius: ["40%", "68%"],
          center: ["50%", "44%"],
          percentPrecision: 1,
          label: { formatter: "{b}\n{c}" },
          data: m.byChannel.map((r) => ({ name: t(`cases.channel.${r.key}`, { defaultValue: r.name }), value: r.count })),
          minAngle: 4,
        },
      ],
    }),
    [m, t],
  );

  const split = useMemo<EChartsCoreOption>(
    () => ({
      color: ["#52c41a", "#1677ff", RED],
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0 },
      series: [
        {
          type: "pie",
          radius: ["40%", "68%"],
          center: ["50%", "44%"],
          percentPrecision: 1,
          label: { formatter: "{b}\n{d}%" },
          // A level that solved nothing keeps its legend entry but no label (a 0% label would only overlap the others).
          data: [
            { name: t("cases.dashboard.split.grid"), value: m.resolvedAtGrid },
            { name: t("cases.dashboard.split.community"), value: m.resolvedAtCommunity },
            { name: t("cases.dashboard.split.beyond"), value: m.resolvedBeyond },
          ].map((d) => (d.value > 0 ? d : { ...d, label: { show: false }, labelLine: { show: false } })),
        },
      ],
    }),
    [m, t],
  );

  const monthly = useMemo<EChartsCoreOption>(
    () => ({
      color: ["#1677ff", "#52c41a"],
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", boundaryGap: false, data: m.monthly.map((r) => r.month) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("cases.dashboard.series.reported"), type: "line", smooth: true, data: m.monthly.map((r) => r.reported), areaStyle: { opacity: 0.08 } },
        { name: t("cases.dashboard.series.closed"), type: "line", smooth: true, data: m.monthly.map((r) => r.closed) },
      ],
    }),
    [m, t],
  );

  return (
    <Row gutter={[16, 16]} data-testid="dashboard-charts">
      <Col xs={24} xl={12}>
        <Card className="ll-page-card" title={t("cases.dashboard.charts.byCategory")} size="small">
          <EChart option={byCategory} height={Math.max(260, m.byCategory.length * 34 + 60)} testId="chart-category" />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card className="ll-page-card" title={t("cases.dashboard.charts.monthly")} size="small">
          <EChart option={monthly} height={Math.max(260, m.byCategory.length * 34 + 60)} testId="chart-monthly" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card className="ll-page-card" title={t("cases.dashboard.charts.byChannel")} size="small">
          <EChart option={byChannel} testId="chart-channel" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card className="ll-page-card" title={t("cases.dashboard.charts.split")} extra={<span className="ll-muted">{t("cases.dashboard.splitNote")}</span>} size="small">
          <EChart option={split} testId="chart-split" />
        </Card>
      </Col>
    </Row>
  );
}
