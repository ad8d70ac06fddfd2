import { useState } from "react";
import { Alert, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { errorMessage } from "../../lib/error-message";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { formatSpan, STATUS_COLOUR } from "./activity-labels";
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, type ActivitySummary } from "./types";
import { useActivities, type ActivityFilter } from "./use-activities";

/** Activities of the caller's communities, filtered by kind and status. */
export function ActivityList({ onOpen }: { onOpen: (a: ActivitySummary) => void }) {
  const { t } = useTranslation();
  // From a report's figure: its kind of activity, started in the report's period (the caller's communities).
  const [params] = useSearchParams();
  const { drill, clear } = useReportDrill();
  const [filter, setFilter] = useState<ActivityFilter>(() =>
    drill ? { kind: ACTIVITY_KINDS.find((k) => k === params.get("kind")), from: drill.from, to: drill.to } : { upcoming: "true" },
  );
  const list = useActivities(filter);
  return (
    <>
      {drill && filter.from && (
        <DrillChip
          drill={drill}
          onClear={() => {
            clear();
            setFilter({ upcoming: "true" });
          }}
        />
      )}
      <Space wrap className="ll-gap">
        <Select
          allowClear
          placeholder={t("partners.activities.kindFilter")}
          style={{ width: 180 }}
          value={filter.kind}
          onChange={(kind) => setFilter((f) => ({ ...f, kind }))}
          options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`partners.activityKind.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t("partners.activities.statusFilter")}
          style={{ width: 140 }}
          value={filter.status}
          onChange={(status) => setFilter((f) => ({ ...f, status }))}
          options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`partners.activityStatus.${s}`) }))}
        />
        <Space>
          <Switch size="small" checked={filter.upcoming === "true"} onChange={(on) => setFilter((f) => ({ ...f, upcoming: on ? "true" : undefined }))} data-testid="activity-upcoming" />
          <Typography.Text>{t("partners.activities.upcomingOnly")}</Typography.Text>
        </Space>
      </Space>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error, t)} />}
      <Table<ActivitySummary>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(a) => ({ onClick: () => onOpen(a), style: { cursor: "pointer" } })}
        data-testid="activity-table"
        columns={[
          {
            title: t("partners.activities.activityTitle"),
            dataIndex: "title",
            render: (title: string, a) => (
              <Space>
                <Typography.Link data-testid="activity-title">{title}</Typography.Link>
                {a.seriesId && <Tag>{t("partners.activities.series")}</Tag>}
              </Space>
            ),
          },
          { title: t("partners.activities.kind"), dataIndex: "kind", width: 130, render: (k: string) => t(`partners.activityKind.${k}`) },
          { title: t("partners.activities.time"), width: 210, render: (_, a) => formatSpan(a.startsAt, a.endsAt) },
          { title: t("partners.activities.place"), dataIndex: "place" },
          {
            title: t("partners.activities.signups"),
            width: 140,
            render: (_, a) => (
              <Space size={4}>
                {a.confirmed}/{a.capacity}
                {a.waitlisted > 0 && <Tag color="orange">{t("partners.activities.waitlisted", { count: a.waitlisted })}</Tag>}
              </Space>
            ),
          },
          { title: t("partners.common.status"), dataIndex: "status", width: 90, render: (s: ActivitySummary["status"]) => <Tag color={STATUS_COLOUR[s]}>{t(`partners.activityStatus.${s}`)}</Tag> },
        ]}
      />
    </>
  );
}
