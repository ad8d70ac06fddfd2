import { useMemo, useState } from "react";
import { Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatPercent } from "../../lib/format";
import { Chart, type ChartOption } from "./chart";
import type { Measures } from "./types";
import { useMeasures } from "./use-deliberation";

/** Meetings by kind, concerns settled, resolutions done on time, problems settled by 五方联动, for a period. */
export function MeasuresPanel() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf("year"), dayjs()]);
  const from = range[0].format("YYYY-MM-DD");
  const to = range[1].format("YYYY-MM-DD");
  const query = useMeasures(from, to);
  const m = query.data;
  return (
    <div data-testid="measures">
      <Card className="ll-page-card">
        <Space wrap>
          <span>{t("deliberation.measures.period")}</span>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            presets={[
              { label: dayjs().year().toString(), value: [dayjs().startOf("year"), dayjs()] },
              { label: (dayjs().year() - 1).toString(), value: [dayjs().subtract(1, "year").startOf("year"), dayjs().subtract(1, "year").endOf("year")] },
              { label: "2023-12 – 2024-12", value: [dayjs("2023-12-01"), dayjs("2024-12-31")] },
            ]}
          />
          {m && <Typography.Text type="secondary">{m.area.name}</Typography.Text>}
        </Space>
        {query.isError && <Typography.Paragraph type="danger">{errorMessage(query.error, t)}</Typography.Paragraph>}
      </Card>
      {m && <Figures m={m} />}
    </div>
  );
}

function Figures({ m }: { m: Measures }) {
  const { t } = useTranslation();
  const kpis: Array<[string, number | string, string?]> = [
    ["meetings", m.meetings],
    ["attendees", m.attendees],
    ["topicsCreated", m.topicsCreated],
    ["topicsSettled", m.topicsSettled],
    ["resolutionsDone", m.resolutions.doneOnTime + m.resolutions.doneLate],
    ["onTimeRate", formatPercent(m.onTimeRate)],
    ["fivePartySettled", m.fivePartySettled],
    ["overdue", m.resolutions.overdue],
  ];
  const monthly = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      xAxis: { type: "category", data: m.monthly.map((x) => x.month) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("deliberation.measures.series.meetings"), type: "bar", data: m.monthly.map((x) => x.meetings), itemStyle: { color: "#c8161d" } },
        { name: t("deliberation.measures.series.topicsSettled"), type: "line", data: m.monthly.map((x) => x.topicsSettled), itemStyle: { color: "#1677ff" } },
        { name: t("deliberation.measures.series.resolutionsDone"), type: "line", data: m.monthly.map((x) => x.resolutionsDone), itemStyle: { color: "#52c41a" } },
      ],
    }),
    [m, t],
  );
  return (
    <>
      <Row gutter={[16, 16]} className="ll-card-gap">
        {kpis.map(([key, value]) => (
          <Col key={key} xs={12} md={6} xl={3}>
            <Card className="ll-page-card dl-kpi" data-testid={`kpi-${key}`}>
              <Statistic title={t(`deliberation.measures.${key}`)} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} className="ll-card-gap">
        <Col xs={24} xl={12}>
          <Card className="ll-page-card" title={t("deliberation.measures.byKind")}>
            <Table
              rowKey="kind"
              size="small"
              pagination={false}
              dataSource={m.byKind}
              data-testid="measures-by-kind"
              columns={[
                { key: "kind", title: t("deliberation.measures.kindColumns.kind"), render: (_, k) => t(`deliberation.kind.${k.kind}`) },
                { key: "meetings", title: t("deliberation.measures.kindColumns.meetings"), dataIndex: "meetings", align: "right" },
                { key: "attendees", title: t("deliberation.measures.kindColumns.attendees"), dataIndex: "attendees", align: "right" },
                { key: "topicsSettled", title: t("deliberation.measures.kindColumns.topicsSettled"), dataIndex: "topicsSettled", align: "right" },
                { key: "fivePartyDone", title: t("deliberation.measures.kindColumns.fivePartyDone"), dataIndex: "fivePartyDone", align: "right" },
              ]}
            />
            <div className="dl-sources">
              <span className="ll-muted">{t("deliberation.measures.bySource")}：</span>
              {m.topicsBySource.map((s) => (
                <span key={s.source} className="dl-source">{`${t(`deliberation.source.${s.source}`)} ${s.count}`}</span>
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card className="ll-page-card" title={t("deliberation.measures.monthly")}>
            <Chart option={monthly} height={320} testId="measures-monthly" />
          </Card>
        </Col>
      </Row>
    </>
  );
}
