import { useState } from "react";
import { Button, Card, Select, Space, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { shownText } from "../../lib/list-total";
import { errorMessage } from "../../lib/error-message";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { formatDateTime } from "../../lib/format";
import { MeetingCreateModal } from "./meeting-create-modal";
import { KindTag, MeetingStatusTag } from "./tags";
import { MEETING_KIND_VALUES, type MeetingSummary } from "./types";
import { useMeetings } from "./use-deliberation";

const MEETING_STATUSES = ["planned", "open", "closed", "cancelled"] as const;

/** 会议: every kind of meeting of the caller's scope, latest first. */
export function MeetingsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // From a report's figure: its kind (and status) of meeting, held in the report's area and period.
  const [params] = useSearchParams();
  const { drill, clear } = useReportDrill();
  const [kind, setKind] = useState<string | undefined>(() => MEETING_KIND_VALUES.find((k) => k === params.get("kind")));
  const [status, setStatus] = useState<string | undefined>(() => MEETING_STATUSES.find((s) => s === params.get("status")));
  const [creating, setCreating] = useState(false);
  const query = useMeetings({ kind, status, ...(drill ? { areaId: drill.areaId, from: drill.from, to: drill.to } : {}) });
  return (
    <Card className="ll-page-card">
      {drill && <DrillChip drill={drill} onClear={clear} />}
      <div className="ll-toolbar dl-toolbar">
        <Space wrap>
          <Select
            allowClear
            placeholder={t("deliberation.meetings.filterKind")}
            className="dl-filter-wide"
            value={kind}
            onChange={setKind}
            options={MEETING_KIND_VALUES.map((k) => ({ value: k, label: t(`deliberation.kind.${k}`) }))}
          />
          <Select
            allowClear
            placeholder={t("deliberation.meetings.filterStatus")}
            className="dl-filter"
            value={status}
            onChange={setStatus}
            options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`deliberation.meetingStatus.${s}`) }))}
          />
        </Space>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-create">
            {t("deliberation.meetings.create")}
          </Button>
        )}
      </div>
      {query.isError && <Typography.Text type="danger">{errorMessage(query.error, t)}</Typography.Text>}
      <Table<MeetingSummary>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: () => shownText(t, query.data) }}
        data-testid="meeting-table"
        columns={[
          {
            key: "title",
            title: t("deliberation.meetings.columns.title"),
            render: (_, m) => (
              <Link to={`/deliberation/meetings/${m.id}`} data-testid="meeting-link">
                {m.title}
              </Link>
            ),
          },
          { key: "kind", title: t("deliberation.meetings.columns.kind"), width: 150, render: (_, m) => <KindTag kind={m.kind} /> },
          { key: "startsAt", title: t("deliberation.meetings.columns.startsAt"), width: 170, render: (_, m) => <span className="ll-mono">{formatDateTime(m.startsAt).slice(0, 16)}</span> },
          { key: "place", title: t("deliberation.meetings.columns.place"), ellipsis: true, dataIndex: "place" },
          { key: "status", title: t("deliberation.meetings.columns.status"), width: 100, render: (_, m) => <MeetingStatusTag status={m.status} needsMinutes={m.needsMinutes} /> },
          { key: "attendees", title: t("deliberation.meetings.columns.attendees"), width: 80, align: "right", dataIndex: "attendeeCount" },
          { key: "topics", title: t("deliberation.meetings.columns.topics"), width: 80, align: "right", dataIndex: "topicCount" },
        ]}
      />
      <MeetingCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/deliberation/meetings/${id}`);
        }}
      />
    </Card>
  );
}
