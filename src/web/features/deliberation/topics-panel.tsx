import { useState } from "react";
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { shownText } from "../../lib/list-total";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { errorMessage } from "../../lib/error-message";
import { formatShortDateTime } from "../../lib/format";
import { CandidatesCard } from "./candidates-card";
import { FivePartyTag, SourceTag, TopicStatusTag } from "./tags";
import { TopicCreateModal } from "./topic-create-modal";
import { TOPIC_SOURCE_VALUES, TOPIC_STATUS_VALUES, type TopicSummary } from "./types";
import { useTopics } from "./use-deliberation";

/** 议题: cases waiting for a meeting, and the topics of the caller's scope. */
export function TopicsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { drill, clear } = useReportDrill();
  const [status, setStatus] = useState<string | undefined>(() => params.get("status") ?? undefined);
  const [source, setSource] = useState<string>();
  const [q, setQ] = useState<string>();
  const [creating, setCreating] = useState(false);
  // A report's drill-down: its period and area, and the kind of meeting that settled the topics.
  const settledBy = drill ? (params.get("settledBy") ?? undefined) : undefined;
  const query = useTopics({ status, source, q, ...(drill ? { areaId: drill.areaId, from: drill.from, to: drill.to, settledBy } : {}) });
  const open = (id: string) => navigate(`/deliberation/topics/${id}`);

  return (
    <>
      <CandidatesCard canManage={canManage} onCreated={open} />
      <Card className="ll-page-card ll-card-gap">
        {drill && (
          <DrillChip
            drill={drill}
            detail={[status === "settled" ? t("deliberation.drill.bySettled") : t("deliberation.drill.byRaised"), settledBy ? t(`deliberation.kind.${settledBy}`) : ""].filter(Boolean).join(" · ")}
            onClear={clear}
          />
        )}
        <div className="ll-toolbar dl-toolbar">
          <Space wrap>
            <Select
              allowClear
              placeholder={t("deliberation.topics.filterStatus")}
              className="dl-filter"
              value={status}
              onChange={setStatus}
              options={TOPIC_STATUS_VALUES.map((s) => ({ value: s, label: t(`deliberation.topicStatus.${s}`) }))}
              data-testid="topic-filter-status"
            />
            <Select
              allowClear
              placeholder={t("deliberation.topics.filterSource")}
              className="dl-filter"
              value={source}
              onChange={setSource}
              options={TOPIC_SOURCE_VALUES.map((s) => ({ value: s, label: t(`deliberation.source.${s}`) }))}
            />
            <Input.Search allowClear placeholder={t("deliberation.topics.searchPlaceholder")} onSearch={(v) => setQ(v || undefined)} className="dl-search" data-testid="topic-search" />
          </Space>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="topic-create">
              {t("deliberation.topics.create")}
            </Button>
          )}
        </div>
        {query.isError && <Typography.Text type="danger">{errorMessage(query.error, t)}</Typography.Text>}
        <Table<TopicSummary>
          rowKey="id"
          size="middle"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: () => shownText(t, query.data) }}
          data-testid="topic-table"
          columns={[
            {
              key: "title",
              title: t("deliberation.topics.columns.title"),
              render: (_, r) => (
                <Space size={4} wrap>
                  <Link to={`/deliberation/topics/${r.id}`} data-testid="topic-link">
                    {r.title}
                  </Link>
                  {r.fiveParty && <FivePartyTag />}
                </Space>
              ),
            },
            { key: "source", title: t("deliberation.topics.columns.source"), width: 110, render: (_, r) => <SourceTag source={r.source} /> },
            { key: "status", title: t("deliberation.topics.columns.status"), width: 120, render: (_, r) => <TopicStatusTag status={r.status} /> },
            { key: "cases", title: t("deliberation.topics.columns.cases"), width: 90, align: "right", dataIndex: "caseCount" },
            { key: "supports", title: t("deliberation.topics.columns.supports"), width: 80, align: "right", render: (_, r) => (r.supportCount ? <Tag color="purple">{r.supportCount}</Tag> : 0) },
            { key: "area", title: t("deliberation.topics.columns.area"), width: 180, render: (_, r) => r.area.name },
            { key: "createdAt", title: t("deliberation.topics.columns.createdAt"), width: 130, render: (_, r) => <span className="ll-mono">{formatShortDateTime(r.createdAt)}</span> },
          ]}
        />
      </Card>
      <TopicCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          open(id);
        }}
      />
    </>
  );
}
