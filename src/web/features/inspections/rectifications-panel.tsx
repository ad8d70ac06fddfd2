import { useState } from "react";
import { Alert, Button, Select, Space, Table, Tag, Typography } from "antd";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { RECTIFICATION_STATUS_VALUES } from "../../../contracts/enterprise";
import { chinaDay } from "../../lib/format";
import { errorMessage } from "../../lib/error-message";
import { shownText } from "../../lib/list-total";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { RecheckModal } from "./recheck-modal";
import { useRectifications, type RectificationFilter, type RectificationItem } from "./use-inspections";

export const STATUS_COLOR: Record<string, string> = { issued: "orange", closed: "green", escalated: "red" };

/** 整改通知: 责令整改 notices, open first by deadline, with their re-checks, the printable notice and the case of an escalation. */
export function RectificationsPanel({ canRecheck, programmeId }: { canRecheck: boolean; programmeId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // From a report's figure (not inside a programme): the notices of the report's area issued, closed or re-checked in the period.
  const { drill, clear } = useReportDrill();
  const dated = !programmeId && drill ? (["issued", "closed", "rechecked"] as const).find((d) => d === drill.dated) : undefined;
  const recheck = dated === "rechecked" ? (["passed", "failed"] as const).find((r) => r === params.get("recheck")) : undefined;
  const [filter, setFilter] = useState<RectificationFilter>(() =>
    dated ? { status: RECTIFICATION_STATUS_VALUES.find((s) => s === params.get("status")), limit: 200 } : { status: programmeId ? undefined : "issued", programmeId, limit: 200 },
  );
  const list = useRectifications(dated && drill ? { ...filter, dated, recheck, areaId: drill.areaId, from: drill.from, to: drill.to } : filter);
  const [rechecking, setRechecking] = useState<RectificationItem | null>(null);
  const today = chinaDay();
  return (
    <>
      {dated && drill && (
        <DrillChip
          drill={drill}
          detail={recheck ? t(`reports.drill.recheck.${recheck}`) : undefined}
          onClear={() => {
            clear();
            setFilter({ status: "issued", limit: 200 });
          }}
        />
      )}
      <Space wrap className="ll-gap">
        <Select
          allowClear
          placeholder={t("inspections.notice.status")}
          style={{ width: 160 }}
          value={filter.status}
          onChange={(status) => setFilter((f) => ({ ...f, status }))}
          options={RECTIFICATION_STATUS_VALUES.map((s) => ({ value: s, label: t(`inspections.status.${s}`) }))}
          data-testid="notice-status-filter"
        />
        <Typography.Text type="secondary" data-testid="notice-total">{shownText(t, list.data)}</Typography.Text>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error, t)} />}
      <Table<RectificationItem>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="notice-table"
        scroll={{ x: 1100 }}
        expandable={{
          rowExpandable: (r) => r.rechecks.length > 0,
          expandedRowRender: (r) => (
            <ul className="ll-plain-list">
              {r.rechecks.map((x, i) => (
                <li key={i}>
                  {x.checkedOn} {x.checkedBy} <Tag color={x.passed ? "green" : "red"}>{x.passed ? t("inspections.recheck.passed") : t("inspections.recheck.failed")}</Tag>
                  {x.notes}
                  {x.companions.length > 0 && <Typography.Text type="secondary">（{t("inspections.recheck.with", { names: x.companions.join("、") })}）</Typography.Text>}
                </li>
              ))}
            </ul>
          ),
        }}
        columns={[
          { title: t("inspections.notice.number"), dataIndex: "number", width: 170, render: (n: string) => <span data-testid="notice-number">{n}</span> },
          { title: t("inspections.programme.kind"), dataIndex: "kind", width: 90, render: (k: string) => t(`inspections.kind.${k}`) },
          { title: t("inspections.notice.place"), width: 200, render: (_, r) => r.place.name },
          { title: t("inspections.notice.finding"), dataIndex: "finding", width: 200 },
          {
            title: t("inspections.notice.deadline"),
            dataIndex: "deadline",
            width: 110,
            render: (d: string, r) => (r.status === "issued" && d < today ? <Typography.Text type="danger">{d}</Typography.Text> : d),
          },
          {
            title: t("inspections.notice.status"),
            width: 170,
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[r.status]} data-testid="notice-status" data-status={r.status}>
                  {t(`inspections.status.${r.status}`)}
                </Tag>
                {r.caseNumber && (
                  <Link to={`/cases/${r.caseId}`} data-testid="notice-case">
                    {t("inspections.notice.case", { department: r.department, number: r.caseNumber })}
                  </Link>
                )}
              </Space>
            ),
          },
          {
            title: t("enterprise.common.actions"),
            width: 150,
            render: (_, r) => (
              <Space size={4}>
                <Button size="small" onClick={() => navigate(`/inspections/notices/${r.id}`)} data-testid="notice-print">
                  {t("inspections.notice.print")}
                </Button>
                {canRecheck && r.status === "issued" && (
                  <Button size="small" type="primary" onClick={() => setRechecking(r)} data-testid="notice-recheck">
                    {t("inspections.recheck.action")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {rechecking && <RecheckModal notice={rechecking} onClose={() => setRechecking(null)} />}
    </>
  );
}
