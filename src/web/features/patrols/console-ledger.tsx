import { useState } from "react";
import { Alert, Button, DatePicker, Select, Space, Statistic, Table, Tabs, Card, Row, Col } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { apiUrl } from "../../api/client";
import { useAreaTree } from "../../api/use-area-tree";
import { errorMessage } from "../../lib/error-message";
import { formatPercent } from "../../lib/format";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { areaOptions, kindOptions, thisMonth } from "./kind-options";
import { useCoverage, useMonthlyLedger } from "./use-patrol-admin";
import { TARGET_KIND_VALUES, type MonthlyLedger, type TargetKind } from "./types";

type Row = MonthlyLedger["sheets"][number]["rows"][number];

/**
 * 巡查台账: the monthly ledger of one kind of work as the street office expects it (one sheet per
 * grid, the findings, the cases, a signature column in the file), previewed here and downloaded
 * as xlsx with one click; with the month's coverage and timeliness per grid worker.
 */
export function ConsoleLedger({ canExport }: { canExport: boolean }) {
  const { t } = useTranslation();
  const tree = useAreaTree();
  // From a report's figure: its kind of work and area, on the period's last month (the ledger is kept by month).
  const [params] = useSearchParams();
  const { drill, clear } = useReportDrill();
  const [month, setMonth] = useState(() => drill?.to.slice(0, 7) ?? thisMonth());
  const [kind, setKind] = useState<TargetKind>(() => TARGET_KIND_VALUES.find((k) => k === params.get("targetKind")) ?? "special_household");
  const [picked, setPicked] = useState<string | undefined>(() => drill?.areaId);
  const areas = areaOptions(tree.data ?? []);
  // A street's report names the street, which keeps no ledger of its own: the caller's area then.
  const areaId = picked && tree.data ? areas.find((a) => a.value === picked)?.value : undefined;
  const ledger = useMonthlyLedger(month, kind, areaId);
  const coverage = useCoverage(month, areaId, kind);
  const data = ledger.data;
  return (
    <div data-testid="patrol-ledger">
      {drill && <DrillChip drill={drill} detail={t("reports.drill.ledgerMonth", { month })} onClear={clear} />}
      <Space wrap className="p-console-filters">
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format("YYYY-MM"))} data-testid="ledger-month" />
        <Select className="p-console-select" value={kind} onChange={setKind} options={kindOptions(t)} data-testid="ledger-kind" />
        <Select allowClear placeholder={t("patrols.console.area")} className="p-console-select" options={areas} value={areaId} onChange={setPicked} />
        {canExport && (
          <Button type="primary" icon={<DownloadOutlined />} href={apiUrl("/patrols/ledger/monthly.xlsx", { month, targetKind: kind, areaId })} data-testid="ledger-download">
            {t("patrols.ledger.download")}
          </Button>
        )}
      </Space>
      {ledger.isError && <Alert type="error" showIcon title={errorMessage(ledger.error, t)} />}
      {data && (
        <>
          <h3 className="p-console-ledger-title" data-testid="ledger-title">{data.title}</h3>
          <Row gutter={12} className="p-console-stats">
            <Col span={4}><Statistic title={t("patrols.ledger.due")} value={data.totals.due} /></Col>
            <Col span={4}><Statistic title={t("patrols.ledger.visits")} value={data.totals.visits} /></Col>
            <Col span={4}><Statistic title={t("patrols.ledger.findings")} value={data.totals.findings} /></Col>
            <Col span={4}><Statistic title={t("patrols.ledger.cases")} value={data.totals.cases} /></Col>
            <Col span={4}><Statistic title={t("patrols.ledger.missed")} value={data.totals.missed} /></Col>
          </Row>
          <Tabs
            items={data.sheets.map((s) => ({
              key: s.grid?.id ?? s.name,
              label: t("patrols.ledger.sheet", { name: s.name, count: s.rows.length }),
              children: (
                <Table<Row>
                  rowKey={(r) => `${r.seq}`}
                  size="small"
                  dataSource={s.rows}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  scroll={{ x: 1100 }}
                  data-testid="ledger-table"
                  columns={[
                    { title: t("patrols.ledger.seq"), dataIndex: "seq", width: 56 },
                    { title: t("patrols.ledger.date"), dataIndex: "date", width: 100 },
                    { title: t("patrols.ledger.target"), dataIndex: "target", width: 180 },
                    { title: t("patrols.ledger.inspector"), dataIndex: "inspector", width: 120 },
                    { title: t("patrols.ledger.results"), dataIndex: "results", ellipsis: true },
                    { title: t("patrols.ledger.findingsCol"), dataIndex: "findings", width: 200 },
                    { title: t("patrols.ledger.handling"), dataIndex: "handling", width: 200 },
                    { title: t("patrols.ledger.photos"), dataIndex: "photoCount", width: 64 },
                  ]}
                />
              ),
            }))}
          />
        </>
      )}
      <Card size="small" title={t("patrols.ledger.coverageTitle")} className="p-console-card">
        {coverage.isError && <Alert type="error" showIcon title={errorMessage(coverage.error, t)} />}
        <Table
          rowKey={(r) => r.worker.id}
          size="small"
          pagination={false}
          loading={coverage.isFetching}
          dataSource={coverage.data?.byWorker ?? []}
          data-testid="coverage-table"
          columns={[
            { title: t("patrols.console.assignee"), render: (_, r) => r.worker.name },
            { title: t("patrols.ledger.due"), dataIndex: "due" },
            { title: t("patrols.ledger.visits"), dataIndex: "done" },
            { title: t("patrols.ledger.late"), dataIndex: "late" },
            { title: t("patrols.ledger.missed"), dataIndex: "missed" },
            { title: t("patrols.ledger.open"), dataIndex: "open" },
            { title: t("patrols.ledger.coverage"), dataIndex: "coverage", render: (v: number | null) => formatPercent(v) },
            { title: t("patrols.ledger.timeliness"), dataIndex: "timeliness", render: (v: number | null) => formatPercent(v) },
          ]}
        />
      </Card>
    </div>
  );
}
