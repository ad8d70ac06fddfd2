import { useRef, useState, type ReactNode } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, List, Modal, Row, Select, Skeleton, Space, Table, Tag, Typography } from "antd";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime, formatShortDateTime } from "../../lib/format";
import { MeetingCreateModal } from "./meeting-create-modal";
import { FivePartyTag, KindTag, MeetingStatusTag, ResolutionStatusTag, SourceTag, TopicStatusTag } from "./tags";
import type { LinkedCase, TopicDetail } from "./types";
import { useDelibWrite, useMeetings, useTopic } from "./use-deliberation";

/** A topic: what it is about, the cases and places it gathers, its meetings and resolutions, and what staff may do next. */
export function TopicDetailView({ id, canManage, header }: { id: string; canManage: boolean; header: (title: ReactNode, extra: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const query = useTopic(id);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error, t)} />;
  const topic = query.data;
  const live = topic.status === "proposed" || topic.status === "on_agenda" || topic.status === "decided";
  return (
    <div data-testid="topic-detail" data-status={topic.status}>
      {header(
        <Space size={8} wrap>
          <span>{topic.title}</span>
          <TopicStatusTag status={topic.status} />
          {topic.fiveParty && <FivePartyTag />}
        </Space>,
        canManage && live ? <TopicActions topic={topic} /> : null,
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card className="ll-page-card" title={t("deliberation.topic.detail")}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: "description", label: t("deliberation.topic.description"), children: <span className="ll-pre">{topic.description}</span>, span: 2 },
                { key: "source", label: t("deliberation.topics.columns.source"), children: <SourceTag source={topic.source} /> },
                { key: "area", label: t("deliberation.topic.area"), children: topic.area.name },
                { key: "proposer", label: t("deliberation.topic.proposer"), children: topic.proposer?.name ?? "—" },
                { key: "supports", label: t("deliberation.topic.supports"), children: topic.supportCount },
                {
                  key: "affected",
                  label: t("deliberation.topic.affected"),
                  span: 2,
                  children: topic.affected.length ? topic.affected.map((a) => <Tag key={a}>{a}</Tag>) : "—",
                },
                {
                  key: "categories",
                  label: t("deliberation.topic.categories"),
                  span: 2,
                  children: topic.categories.length ? topic.categories.map((c) => <Tag key={c.code}>{`${c.name} × ${c.count}`}</Tag>) : "—",
                },
                { key: "createdAt", label: t("deliberation.topic.createdAt"), children: formatDateTime(topic.createdAt) },
                { key: "settledAt", label: t("deliberation.topic.settledAt"), children: topic.settledAt ? formatDateTime(topic.settledAt) : "—" },
              ]}
            />
          </Card>
          <Card className="ll-page-card ll-card-gap" title={t("deliberation.topic.cases")} data-testid="topic-cases">
            <LinkedCasesTable cases={topic.cases} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card className="ll-page-card" title={t("deliberation.topic.meetings")} data-testid="topic-meetings">
            {topic.meetings.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliberation.topic.noMeetings")} />
            ) : (
              <List
                size="small"
                dataSource={topic.meetings}
                renderItem={(m) => (
                  <List.Item key={m.id}>
                    <Space direction="vertical" size={2}>
                      <Link to={`/deliberation/meetings/${m.id}`} data-testid="topic-meeting-link">
                        {m.title}
                      </Link>
                      <Space size={4} wrap>
                        <KindTag kind={m.kind} />
                        <MeetingStatusTag status={m.status} />
                        <span className="ll-mono ll-muted">{formatShortDateTime(m.startsAt)}</span>
                      </Space>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card className="ll-page-card ll-card-gap" title={t("deliberation.topic.resolutions")} data-testid="topic-resolutions">
            {topic.resolutions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliberation.topic.noResolutions")} />
            ) : (
              <List
                size="small"
                dataSource={topic.resolutions}
                renderItem={(r) => (
                  <List.Item key={r.id}>
                    <Space direction="vertical" size={2}>
                      <Link to={`/deliberation/resolutions/${r.id}`}>{r.text}</Link>
                      <Space size={4} wrap>
                        <ResolutionStatusTag status={r.status} overdue={r.overdue} />
                        <span className="ll-muted">{`${r.percent}% · ${r.dueOn}`}</span>
                      </Space>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** The cases a topic gathers; a case closed by a resolution names it. */
export function LinkedCasesTable({ cases }: { cases: LinkedCase[] }) {
  const { t } = useTranslation();
  return (
    <Table<LinkedCase>
      rowKey="id"
      size="small"
      pagination={cases.length > 10 ? { pageSize: 10 } : false}
      dataSource={cases}
      locale={{ emptyText: t("deliberation.topic.noCases") }}
      columns={[
        {
          key: "number",
          title: t("deliberation.topic.caseColumns.number"),
          width: 170,
          render: (_, c) => (
            <Link to={`/cases/${c.id}`} className="ll-mono" data-testid="linked-case">
              {c.number}
            </Link>
          ),
        },
        { key: "category", title: t("deliberation.topic.caseColumns.category"), width: 120, dataIndex: "categoryName" },
        {
          key: "status",
          title: t("deliberation.topic.caseColumns.status"),
          width: 100,
          render: (_, c) => (
            <Tag color={c.status === "closed" ? "success" : "processing"} data-testid="linked-case-status" data-status={c.status}>
              {t(`deliberation.caseStatus.${c.status}`, { defaultValue: c.status })}
            </Tag>
          ),
        },
        { key: "level", title: t("deliberation.topic.caseColumns.level"), width: 80, render: (_, c) => t(`deliberation.caseLevel.${c.level}`, { defaultValue: c.level }) },
        { key: "description", title: t("deliberation.topic.caseColumns.description"), ellipsis: true, dataIndex: "description" },
        {
          key: "closedBy",
          title: t("deliberation.topic.caseColumns.closedBy"),
          width: 120,
          render: (_, c) =>
            c.closedByRef?.startsWith("resolution:") ? <Link to={`/deliberation/resolutions/${c.closedByRef.slice("resolution:".length)}`}>{t("deliberation.topic.closedBy")}</Link> : "—",
        },
      ]}
    />
  );
}

function TopicActions({ topic }: { topic: TopicDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const [scheduling, setScheduling] = useState(false);
  const [adding, setAdding] = useState(false);
  const [meetingId, setMeetingId] = useState<string>();
  const reason = useRef("");
  const write = useDelibWrite();
  const upcoming = useMeetings({ limit: 100 });
  const choices = (upcoming.data?.items ?? []).filter((m) => (m.status === "planned" || m.status === "open") && !topic.meetings.some((x) => x.id === m.id));
  const droppable = topic.status === "proposed" || topic.status === "on_agenda";
  return (
    <Space wrap>
      <Button type="primary" onClick={() => setScheduling(true)} data-testid="topic-schedule">
        {t("deliberation.topic.schedule")}
      </Button>
      <Button onClick={() => setAdding(true)} data-testid="topic-add-to-meeting">
        {t("deliberation.topic.addToMeeting")}
      </Button>
      <Button onClick={() => navigate(`/deliberation/questionnaires?topicId=${topic.id}&create=1`)}>{t("deliberation.topic.collect")}</Button>
      {droppable && (
        <Button
          danger
          onClick={() =>
            modal.confirm({
              title: t("deliberation.topic.drop"),
              content: <Input.TextArea rows={3} placeholder={t("deliberation.topic.dropReason")} onChange={(e) => (reason.current = e.target.value)} />,
              okText: t("deliberation.common.confirm"),
              cancelText: t("deliberation.common.cancel"),
              onOk: async () => {
                if (!reason.current.trim()) {
                  void message.warning(t("deliberation.topic.dropReasonRequired"));
                  throw new Error("reason");
                }
                await write.mutateAsync({ path: `/topics/${topic.id}/drop`, body: { reason: reason.current.trim() } }).catch((e) => {
                  void message.error(errorMessage(e, t));
                });
              },
            })
          }
        >
          {t("deliberation.topic.drop")}
        </Button>
      )}
      <MeetingCreateModal
        open={scheduling}
        topicIds={[topic.id]}
        onClose={() => setScheduling(false)}
        onCreated={(id) => {
          setScheduling(false);
          navigate(`/deliberation/meetings/${id}`);
        }}
      />
      <Modal
        open={adding}
        title={t("deliberation.topic.addToMeeting")}
        onCancel={() => setAdding(false)}
        okText={t("deliberation.common.confirm")}
        cancelText={t("deliberation.common.cancel")}
        okButtonProps={{ disabled: !meetingId }}
        confirmLoading={write.isPending}
        onOk={() =>
          write.mutate(
            { path: `/meetings/${meetingId}/agenda`, body: { topicIds: [topic.id] } },
            { onSuccess: () => setAdding(false), onError: (e) => void message.error(errorMessage(e, t)) },
          )
        }
      >
        <Typography.Text type="secondary">{t("deliberation.topic.chooseMeeting")}</Typography.Text>
        <Select
          className="dl-full"
          value={meetingId}
          onChange={setMeetingId}
          loading={upcoming.isPending}
          options={choices.map((m) => ({ value: m.id, label: `${formatShortDateTime(m.startsAt)} ${m.title}` }))}
        />
      </Modal>
    </Space>
  );
}
