import { useMemo, useState } from "react";
import { Card, DatePicker, Empty, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import dayjs from "dayjs";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import type { StreetCommunityRow } from "../../../contracts/street";
import { EChart } from "../cases/echart";
import { chinaDay, formatNumber, formatPercent } from "../../lib/format";
import { CASE_FIGURES, compareFigure, FIGURES, OTHER_FIGURES, type FigureKey } from "./figures";
import { useStreetCompare } from "./use-street";
import { StreetQueue } from "./street-queue";

function shown(key: FigureKey, v: number | null): string {
  if (v === null) return "—";
  if (FIGURES[key].percent) return formatPercent(v);
  if (key === "medianHoursToClose") return v.toFixed(1);
  return formatNumber(v);
}

/** 街道概览: the communities of the caller's scope side by side, a chart of one figure, drill-down to a community's cases; the street queue below. */
export function StreetOverview() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const today = chinaDay();
  const [period, setPeriod] = useState<{ from: string; to: string }>({ from: `${today.slice(0, 7)}-01`, to: today });
  const [figure, setFigure] = useState<FigureKey>("overdueRate");
  const compare = useStreetCompare(period.from, period.to);
  const rows = useMemo(() => compare.data?.items ?? [], [compare.data]);
  const department = compare.data?.department ?? null;
  const figures = department ? CASE_FIGURES : [...CASE_FIGURES, ...OTHER_FIGURES];

  const openCases = (r: StreetCommunityRow) =>
    navigate(`/cases?${new URLSearchParams({ communityId: r.community.id, from: period.from, to: period.to }).toString()}`);

  // The weakest community on the chosen figure (only when there is more than one to compare).
  const weakest = useMemo(() => {
    const better = FIGURES[figure].higherIsBetter;
    const valued = rows.filter((r) => FIGURES[figure].get(r) !== null);
    if (better === null || valued.length < 2) return null;
    const sorted = [...valued].sort(compareFigure(figure));
    return (better ? sorted[0] : sorted[sorted.length - 1]).community.id;
  }, [rows, figure]);

  const column = (key: FigureKey, width = 76): TableColumnsType<StreetCommunityRow>[number] => ({
    title: t(`street.figures.${key}`),
    key,
    width,
    align: "right",
    sorter: compareFigure(key),
    sortDirections: ["descend", "ascend"],
    render: (_, r) => <span data-testid={`cell-${key}`}>{shown(key, FIGURES[key].get(r))}</span>,
  });

  const columns: TableColumnsType<StreetCommunityRow> = [
    {
      title: t("street.community"),
      key: "community",
      fixed: "left",
      width: 132,
      sorter: (a, b) => a.community.name.localeCompare(b.community.name, "zh-CN"),
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => openCases(r)} data-testid="open-community">
            {r.community.name}
          </Typography.Link>
          <span className="ll-muted">
            {r.street?.name ?? ""}
            {weakest === r.community.id && (
              <Tag color="red" style={{ marginLeft: 6 }} data-testid="weakest">
                {t("street.weakest")}
              </Tag>
            )}
          </span>
        </Space>
      ),
    },
    column("total"),
    {
      title: t("street.resolvedAt"),
      children: [column("shareGrid"), column("shareCommunity"), column("shareBeyond", 92)],
    },
    column("overdueRate"),
    column("medianHoursToClose", 92),
    column("satisfactionRate"),
    ...(department
      ? []
      : [
          column("patrolOnTime", 92),
          { title: t("street.deliberation"), children: [column("meetings"), column("resolutionsDone")] },
          { title: t("street.partners"), children: [column("activities"), column("volunteerHours")] },
        ]),
  ];

  const chartRows = useMemo(() => [...rows].sort(compareFigure(figure)).reverse(), [rows, figure]);
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 24, top: 24, bottom: 40 },
      tooltip: { trigger: "axis" as const, valueFormatter: (v: unknown) => shown(figure, typeof v === "number" ? (FIGURES[figure].percent ? v / 100 : v) : null) },
      xAxis: { type: "category" as const, data: chartRows.map((r) => r.community.name), axisLabel: { interval: 0 } },
      yAxis: { type: "value" as const, axisLabel: FIGURES[figure].percent ? { formatter: "{value}%" } : {} },
      series: [
        {
          type: "bar" as const,
          barMaxWidth: 48,
          data: chartRows.map((r) => {
            const v = FIGURES[figure].get(r);
            const value = v === null ? null : FIGURES[figure].percent ? Math.round(v * 1000) / 10 : v;
            return { value, itemStyle: { color: r.community.id === weakest ? "#cf1322" : "#1677ff" } };
          }),
        },
      ],
    }),
    [chartRows, figure, weakest],
  );

  return (
    <div className="ll-street" data-testid="street-overview">
      <Card
        className="ll-page-card"
        title={
          <span>
            {t("street.compareTitle")}
            {department && <Tag style={{ marginLeft: 8 }}>{t("street.departmentOnly", { department })}</Tag>}
          </span>
        }
        extra={
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(period.from), dayjs(period.to)]}
            presets={[
              { label: t("street.periods.thisMonth"), value: [dayjs(`${today.slice(0, 7)}-01`), dayjs(today)] },
              { label: t("street.periods.lastMonth"), value: [dayjs(today).subtract(1, "month").startOf("month"), dayjs(today).subtract(1, "month").endOf("month")] },
              { label: t("street.periods.last3Months"), value: [dayjs(today).subtract(2, "month").startOf("month"), dayjs(today)] },
              { label: t("street.periods.thisYear"), value: [dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today)] },
            ]}
            onChange={(v) => v?.[0] && v[1] && setPeriod({ from: v[0].format("YYYY-MM-DD"), to: v[1].format("YYYY-MM-DD") })}
            data-testid="street-period"
          />
        }
      >
        <Table<StreetCommunityRow>
          rowKey={(r) => r.community.id}
          size="middle"
          bordered
          loading={compare.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("street.noCommunities")} /> }}
          data-testid="street-table"
        />
        <div className="ll-street-chart-head" style={{ display: "flex", gap: 12, alignItems: "center", margin: "20px 0 8px" }}>
          <Typography.Text strong>{t("street.chartOf")}</Typography.Text>
          <Select
            value={figure}
            onChange={setFigure}
            style={{ width: 200 }}
            options={figures.map((k) => ({ value: k, label: t(`street.chartLabels.${k}`, { defaultValue: t(`street.figures.${k}`) }) }))}
            data-testid="street-figure"
          />
        </div>
        {rows.some((r) => FIGURES[figure].get(r) !== null) ? (
          <EChart option={option} height={260} testId="street-chart" />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("street.noFigure")} />
        )}
      </Card>
      <StreetQueue />
    </div>
  );
}
