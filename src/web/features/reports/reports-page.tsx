import { useMemo } from "react";
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Select, Space, Spin, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import type { z } from "zod";
import type { monthlyListReply, MonthlyReport, ReportFigure, WorkReport } from "../../../contracts/reports";
import { apiGet, apiPost, apiUrl } from "../../api/client";
import { useAreaTree } from "../../api/use-area-tree";
import { hasPermission, useMe } from "../../api/use-me";
import { usePublicConfig } from "../../api/use-public-config";
import { errorMessage } from "../../lib/error-message";
import { CaseMap } from "../cases/case-map";
import { EChart } from "../cases/echart";

type MonthlyList = z.infer<typeof monthlyListReply>;
type Section = WorkReport["sections"][number];

const printed = (v: number | null) => (v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(1));

/** The figures of one section: label (definition on hover), value (click to the records), previous value and change. */
function SectionCard({ section, onDrill }: { section: Section; onDrill: (f: ReportFigure) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <Card size="small" title={t(`reports.section.${section.section}`)} className="ll-gap" data-testid={`section-${section.section}`}>
      <Table<ReportFigure>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={section.figures}
        columns={[
          {
            title: t("reports.figure"),
            render: (_, f) => (
              <Tooltip title={en ? f.definition.en : f.definition.zh}>
                <span className="ll-dotted">{en ? f.label.en : f.label.zh}</span>
              </Tooltip>
            ),
          },
          {
            title: t("reports.value"),
            align: "right",
            render: (_, f) => {
              const text = `${printed(f.value)}${f.value === null ? "" : ` ${en ? f.unit.en : f.unit.zh}`}`;
              return f.drill ? (
                <Button type="link" size="small" onClick={() => onDrill(f)} data-testid={`figure-${f.key}`}>
                  {text}
                </Button>
              ) : (
                <span data-testid={`figure-${f.key}`}>{text}</span>
              );
            },
          },
          { title: t("reports.previous"), align: "right", render: (_, f) => printed(f.previous) },
          {
            title: t("reports.change"),
            align: "right",
            render: (_, f) => {
              if (f.value === null || f.previous === null) return "—";
              const d = Math.round((f.value - f.previous) * 10) / 10;
              return <Tag color={d > 0 ? "blue" : d < 0 ? "orange" : "default"}>{d > 0 ? `+${printed(d)}` : printed(d)}</Tag>;
            },
          },
        ]}
      />
    </Card>
  );
}

function Charts({ charts }: { charts: WorkReport["charts"] }) {
  const { t } = useTranslation();
  const trend = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { data: [t("reports.reported"), t("reports.closed")] },
      xAxis: { type: "category", data: charts.monthly.map((m) => m.month) },
      yAxis: { type: "value" },
      series: [
        { name: t("reports.reported"), type: "bar", data: charts.monthly.map((m) => m.reported) },
        { name: t("reports.closed"), type: "line", data: charts.monthly.map((m) => m.closed) },
      ],
    }),
    [charts, t],
  );
  const levels = useMemo(
    () => ({
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      series: [
        {
          type: "pie",
          radius: ["40%", "70%"],
          data: [
            { name: t("reports.level.grid"), value: charts.levels.grid },
            { name: t("reports.level.community"), value: charts.levels.community },
            { name: t("reports.level.beyond"), value: charts.levels.beyond },
          ],
        },
      ],
    }),
    [charts, t],
  );
  const cats = useMemo(() => {
    const top = charts.categories.slice(0, 10).reverse();
    return {
      tooltip: { trigger: "axis" },
      legend: { data: [t("reports.reported"), t("reports.resolved")] },
      grid: { left: 100 },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: top.map((c) => c.name) },
      series: [
        { name: t("reports.reported"), type: "bar", data: top.map((c) => c.count) },
        { name: t("reports.resolved"), type: "bar", data: top.map((c) => c.resolved) },
      ],
    };
  }, [charts, t]);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t("reports.chart.trend")} className="ll-gap">
          <EChart option={trend} height={260} testId="chart-trend" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t("reports.chart.levels")} className="ll-gap">
          <EChart option={levels} height={260} testId="chart-levels" />
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title={t("reports.chart.categories")} className="ll-gap">
          <EChart option={cats} height={300} testId="chart-categories" />
        </Card>
      </Col>
    </Row>
  );
}

/** Communities and streets of the caller's tree, for the pickers. */
function useReportAreas() {
  const tree = useAreaTree();
  return (tree.data ?? []).filter((a) => a.level === "community" || a.level === "street");
}

function WorkReportPanel() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const areas = useReportAreas();
  const config = usePublicConfig();
  const tree = useAreaTree();
  const me = useMe().data!;
  const areaId = params.get("areaId") ?? areas.find((a) => a.id === me.area?.id)?.id ?? areas[0]?.id;
  const from = params.get("from") ?? `${dayjs().year()}-01-01`;
  const to = params.get("to") ?? dayjs().format("YYYY-MM-DD");
  const set = (patch: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...patch }, { replace: true });
  const report = useQuery({
    queryKey: ["reports", "work", areaId, from, to],
    queryFn: ({ signal }) => apiGet<WorkReport>("/reports/work", { areaId: areaId ?? "", from, to }, signal),
    enabled: !!areaId,
  });
  const onDrill = (f: ReportFigure) => navigate(`${f.drill!.route}?${new URLSearchParams(f.drill!.query)}`);
  return (
    <>
      <Space wrap className="ll-gap">
        <Select
          style={{ width: 220 }}
          value={areaId}
          onChange={(v) => set({ areaId: v })}
          options={areas.map((a) => ({ value: a.id, label: a.name }))}
          data-testid="report-area"
        />
        <DatePicker.RangePicker
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format("YYYY-MM-DD"), to: v[1].format("YYYY-MM-DD") })}
          data-testid="report-period"
        />
      </Space>
      {report.isError && <Alert type="error" showIcon title={errorMessage(report.error, t)} className="ll-gap" />}
      {report.isPending && areaId ? <Spin /> : null}
      {report.data && (
        <>
          <Typography.Paragraph type="secondary" data-testid="report-heading">
            {t("reports.heading", { area: report.data.area.name, from: report.data.from, to: report.data.to, pfrom: report.data.previous.from, pto: report.data.previous.to })}
          </Typography.Paragraph>
          {report.data.sections.map((s) => (
            <SectionCard key={s.section} section={s} onDrill={onDrill} />
          ))}
          <Charts charts={report.data.charts} />
          <Card size="small" title={t("reports.chart.map")} className="ll-gap">
            <CaseMap areas={tree.data ?? []} filter={{ areaId: report.data.area.id, from, to }} onFilterChange={() => undefined} tileUrl={config.data?.mapTileUrl ?? ""} onOpen={(id) => navigate(`/cases/${id}`)} />
          </Card>
        </>
      )}
    </>
  );
}

function MonthlyPanel() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const areas = useReportAreas();
  const me = useMe().data!;
  const qc = useQueryClient();
  const areaId = params.get("areaId") ?? areas.find((a) => a.id === me.area?.id)?.id ?? areas[0]?.id;
  const area = areas.find((a) => a.id === areaId);
  const month = params.get("month") ?? dayjs().subtract(1, "month").format("YYYY-MM");
  const set = (patch: Record<string, string>) => setParams({ ...Object.fromEntries(params), tab: "monthly", ...patch }, { replace: true });
  const isCommunity = area?.level === "community";
  const list = useQuery({
    queryKey: ["reports", "monthly", areaId, month],
    queryFn: ({ signal }) => apiGet<MonthlyList>("/reports/monthly", { areaId: areaId ?? "", month }, signal),
    enabled: !!areaId && !isCommunity,
  });
  const one = useQuery({
    queryKey: ["reports", "monthly-one", areaId, month],
    queryFn: ({ signal }) => apiGet<MonthlyReport>("/reports/monthly/one", { communityId: areaId ?? "", month }, signal),
    enabled: !!areaId && isCommunity,
  });
  const submit = useMutation({
    mutationFn: () => apiPost("/reports/monthly/submit", { communityId: areaId, month }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["reports"] }),
  });
  const canSubmit = hasPermission(me, "report:submit");
  return (
    <>
      <Space wrap className="ll-gap">
        <Select style={{ width: 220 }} value={areaId} onChange={(v) => set({ areaId: v })} options={areas.map((a) => ({ value: a.id, label: a.name }))} data-testid="monthly-area" />
        <DatePicker picker="month" value={dayjs(`${month}-01`)} allowClear={false} onChange={(v) => v && set({ month: v.format("YYYY-MM") })} data-testid="monthly-month" />
      </Space>
      {(one.isError || list.isError || submit.isError) && <Alert type="error" showIcon title={errorMessage(one.error ?? list.error ?? submit.error, t)} className="ll-gap" />}
      {isCommunity && one.data && (
        <>
          <Space wrap className="ll-gap">
            <Tag color={one.data.status === "submitted" ? "green" : "default"} data-testid="monthly-status">
              {t(`reports.status.${one.data.status}`)}
            </Tag>
            {one.data.submittedAt && <Typography.Text type="secondary">{t("reports.submittedBy", { at: dayjs(one.data.submittedAt).format("YYYY-MM-DD HH:mm"), name: one.data.submittedBy ?? "" })}</Typography.Text>}
            <Button icon={<DownloadOutlined />} href={apiUrl("/reports/monthly/xlsx", { communityId: one.data.community.id, month })} data-testid="monthly-xlsx">
              {t("reports.xlsx")}
            </Button>
            <Button icon={<DownloadOutlined />} href={apiUrl("/reports/monthly/pdf", { communityId: one.data.community.id, month })} data-testid="monthly-pdf">
              {t("reports.pdf")}
            </Button>
            {canSubmit && one.data.canSubmit && (
              <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate()} data-testid="monthly-submit">
                {t("reports.submit")}
              </Button>
            )}
          </Space>
          {one.data.differences.length > 0 && (
            <Alert
              type="warning"
              showIcon
              className="ll-gap"
              data-testid="monthly-differences"
              title={t("reports.differences")}
              description={one.data.differences.map((d) => (
                <div key={d.key}>{t("reports.difference", { label: en ? d.label.en : d.label.zh, snapshot: printed(d.snapshot), live: printed(d.live) })}</div>
              ))}
            />
          )}
          {one.data.sections.map((s) => (
            <SectionCard key={s.section} section={s} onDrill={(f) => navigate(`${f.drill!.route}?${new URLSearchParams(f.drill!.query)}`)} />
          ))}
          <Charts charts={one.data.charts} />
        </>
      )}
      {!isCommunity && list.data && (
        <Card size="small" title={t("reports.sideBySide", { submitted: list.data.submitted, total: list.data.total })}>
          <Table
            size="small"
            rowKey={(r) => r.community.id}
            pagination={false}
            dataSource={list.data.items}
            scroll={{ x: true }}
            data-testid="monthly-list"
            columns={[
              { title: t("reports.community"), render: (_, r) => <Button type="link" size="small" onClick={() => set({ areaId: r.community.id })}>{r.community.name}</Button> },
              { title: t("reports.statusTitle"), render: (_, r) => <Tag color={r.status === "submitted" ? "green" : "default"}>{t(`reports.status.${r.status}`)}</Tag> },
              ...list.data.columns.map((c) => ({ title: en ? c.label.en : c.label.zh, align: "right" as const, render: (_: unknown, r: MonthlyList["items"][number]) => printed(r.figures[c.key] ?? null) })),
            ]}
          />
        </Card>
      )}
      {!areaId && <Empty />}
    </>
  );
}

/** 工作报告: the report of a community or a street for any period; 月报: the monthly reports to the street. */
export function ReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") === "monthly" ? "monthly" : "work";
  return (
    <Card className="ll-page-card">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: "work", label: t("reports.tab.work"), children: <WorkReportPanel /> },
          { key: "monthly", label: t("reports.tab.monthly"), children: <MonthlyPanel /> },
        ]}
      />
    </Card>
  );
}
