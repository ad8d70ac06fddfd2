import { useState } from "react";
import { Card, Progress, Select, Space, Switch, Table, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { FivePartyTag, ResolutionStatusTag } from "./tags";
import type { ResolutionSummary } from "./types";
import { useResolutions } from "./use-deliberation";

const STATUSES = ["open", "overdue", "done", "cancelled"] as const;

/** 决议跟踪: every resolution of the scope with its owners, due date and progress; overdue ones first when asked. */
export function ResolutionsPanel({ initialStatus }: { initialStatus?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { drill, clear } = useReportDrill();
  const [status, setStatus] = useState<string | undefined>(initialStatus);
  const [five, setFive] = useState(() => params.get("fiveParty") === "true");
  const query = useResolutions({ status, fiveParty: five ? "true" : undefined, limit: 500, ...(drill ? { areaId: drill.areaId, from: drill.from, to: drill.to } : {}) });
  return (
    <Card className="ll-page-card">
      {drill && <DrillChip drill={drill} detail={status === "done" ? t("deliberation.drill.byDone") : t("deliberation.drill.byDecided")} onClear={clear} />}
      <div className="ll-toolbar dl-toolbar">
        <Space wrap>
          <Select
            allowClear
            placeholder={t("deliberation.resolutions.filterStatus")}
            className="dl-filter"
            value={status}
            onChange={setStatus}
            options={STATUSES.map((s) => ({ value: s, label: t(`deliberation.resolutionStatus.${s}`) }))}
            data-testid="resolution-filter-status"
          />
          <Space size={6}>
            <Switch size="small" checked={five} onChange={setFive} />
            <span>{t("deliberation.resolutions.fiveOnly")}</span>
          </Space>
        </Space>
      </div>
      {query.isError && <Typography.Text type="danger">{errorMessage(query.error, t)}</Typography.Text>}
      <Table<ResolutionSummary>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={query.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="resolution-table"
        columns={[
          {
            key: "text",
            title: t("deliberation.resolutions.columns.text"),
            render: (_, r) => (
              <Space size={4} wrap>
                <Link to={`/deliberation/resolutions/${r.id}`}>{r.text}</Link>
                {r.fiveParty && <FivePartyTag />}
              </Space>
            ),
          },
          { key: "topic", title: t("deliberation.resolutions.columns.topic"), width: 200, ellipsis: true, render: (_, r) => <Link to={`/deliberation/topics/${r.topic.id}`}>{r.topic.title}</Link> },
          { key: "owners", title: t("deliberation.resolutions.columns.owners"), width: 180, ellipsis: true, render: (_, r) => r.owners.map((o) => o.name).join(t("deliberation.common.listSeparator")) },
          { key: "dueOn", title: t("deliberation.resolutions.columns.dueOn"), width: 110, render: (_, r) => <span className={`ll-mono${r.overdue ? " dl-overdue" : ""}`}>{r.dueOn}</span> },
          { key: "percent", title: t("deliberation.resolutions.columns.percent"), width: 130, render: (_, r) => <Progress percent={r.percent} size="small" status={r.status === "done" ? "success" : r.overdue ? "exception" : "active"} /> },
          { key: "status", title: t("deliberation.resolutions.columns.status"), width: 90, render: (_, r) => <ResolutionStatusTag status={r.status} overdue={r.overdue} /> },
        ]}
      />
    </Card>
  );
}
