import { useRef, useState, type ReactNode } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, List, Row, Select, Skeleton, Space, Table, Tag, Typography } from "antd";
import { CheckCircleFilled, DeleteOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime, formatShortDateTime } from "../../lib/format";
import { QrCode } from "../../lib/qr-code";
import { ResolutionModal } from "./resolution-modal";
import { FivePartyTag, KindTag, MeetingStatusTag, PartyTag, ResolutionStatusTag, TopicStatusTag } from "./tags";
import { FIVE_PARTY_KINDS, PARTY_KIND_VALUES, type MeetingDetail, type PartyKind } from "./types";
import { useDelibWrite, useMeeting, useTopics } from "./use-deliberation";

/** A meeting for those who run it: sign-in (QR and ticks), parties, agenda, opinions, minutes and a resolution per topic. */
export function MeetingDetailView({ id, canManage, header }: { id: string; canManage: boolean; header: (title: ReactNode, extra: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const query = useMeeting(id);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error, t)} />;
  const m = query.data;
  const manage = canManage && m.status !== "cancelled";
  return (
    <div data-testid="meeting-detail" data-status={m.status}>
      {header(
        <Space size={8} wrap>
          <span>{m.title}</span>
          <KindTag kind={m.kind} />
          <MeetingStatusTag status={m.status} needsMinutes={m.needsMinutes} />
        </Space>,
        manage ? <MeetingActions m={m} /> : null,
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card className="ll-page-card" title={t("deliberation.meeting.basic")}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: "time", label: t("deliberation.meeting.time"), children: `${formatDateTime(m.startsAt).slice(0, 16)} – ${formatDateTime(m.endsAt).slice(11, 16)}` },
                { key: "place", label: t("deliberation.meeting.place"), children: m.place },
                { key: "convener", label: t("deliberation.meeting.convener"), children: m.convener?.name ?? "—" },
                { key: "area", label: t("deliberation.meeting.area"), children: m.area.name },
                { key: "public", label: t("deliberation.meeting.public"), children: m.isPublic ? t("deliberation.common.yes") : t("deliberation.common.no") },
              ]}
            />
          </Card>
          <AgendaCard m={m} manage={manage} />
          <OpinionsCard m={m} manage={manage && m.status === "open"} />
          <MinutesCard key={m.minutes ?? ""} m={m} manage={manage} />
        </Col>
        <Col xs={24} xl={9}>
          <CheckinCard m={m} />
          <PartiesCard m={m} />
          <AttendanceCard m={m} manage={manage && m.status !== "closed"} />
        </Col>
      </Row>
    </div>
  );
}

function MeetingActions({ m }: { m: MeetingDetail }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const write = useDelibWrite();
  const run = (path: string, body?: unknown) => write.mutateAsync({ path, body }).catch((e) => void message.error(errorMessage(e, t)));
  // The confirm dialog is created once: its text box writes here, read when it is confirmed.
  const reason = useRef("");
  return (
    <Space wrap>
      {m.status === "planned" && (
        <Button type="primary" loading={write.isPending} onClick={() => modal.confirm({ title: t("deliberation.meeting.openConfirm"), okText: t("deliberation.meeting.open"), cancelText: t("deliberation.common.cancel"), onOk: () => run(`/meetings/${m.id}/open`), okButtonProps: { "data-testid": "confirm-ok" } })} data-testid="meeting-open">
          {t("deliberation.meeting.open")}
        </Button>
      )}
      {(m.status === "planned" || m.status === "open") && (
        <Button onClick={() => modal.confirm({ title: t("deliberation.meeting.closeConfirm"), okText: t("deliberation.meeting.close"), cancelText: t("deliberation.common.cancel"), onOk: () => run(`/meetings/${m.id}/close`, {}), okButtonProps: { "data-testid": "confirm-ok" } })} data-testid="meeting-close">
          {t("deliberation.meeting.close")}
        </Button>
      )}
      {m.status === "planned" && (
        <Button
          danger
          onClick={() =>
            modal.confirm({
              title: t("deliberation.meeting.cancel"),
              content: <Input.TextArea rows={3} placeholder={t("deliberation.meeting.cancelReason")} onChange={(e) => (reason.current = e.target.value)} />,
              okText: t("deliberation.common.confirm"),
              cancelText: t("deliberation.common.cancel"),
              onOk: () => run(`/meetings/${m.id}/cancel`, { reason: reason.current.trim() || t("deliberation.meeting.cancel") }),
            })
          }
          data-testid="meeting-cancel"
        >
          {t("deliberation.meeting.cancel")}
        </Button>
      )}
    </Space>
  );
}

function AgendaCard({ m, manage }: { m: MeetingDetail; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [recording, setRecording] = useState<{ id: string; title: string } | null>(null);
  const [adding, setAdding] = useState<string[]>([]);
  const topics = useTopics({ limit: 200 });
  const write = useDelibWrite();
  const onAgenda = new Set(m.agenda.map((a) => a.topicId));
  const addable = (topics.data?.items ?? []).filter((x) => !onAgenda.has(x.id) && (x.status === "proposed" || x.status === "on_agenda" || x.status === "decided"));
  const canEdit = manage && (m.status === "planned" || m.status === "open");
  // A closed meeting is read-only (the server answers 409 meeting_closed).
  const canRecord = manage && m.status === "open";
  return (
    <Card className="ll-page-card ll-card-gap" title={t("deliberation.meeting.agenda")} data-testid="agenda">
      {m.agenda.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliberation.meeting.noAgenda")} />
      ) : (
        <List
          itemLayout="vertical"
          dataSource={m.agenda}
          renderItem={(a) => {
            const rs = m.resolutions.filter((r) => r.topic.id === a.topicId);
            return (
              <List.Item
                key={a.topicId}
                data-testid="agenda-item"
                data-topic-id={a.topicId}
                extra={
                  canRecord && rs.length === 0 ? (
                    <Button type="primary" ghost size="small" onClick={() => setRecording({ id: a.topicId, title: a.title })} data-testid="record-resolution">
                      {t("deliberation.meeting.record")}
                    </Button>
                  ) : null
                }
              >
                <List.Item.Meta
                  title={
                    <Space size={6} wrap>
                      <span className="ll-muted">{a.seq}.</span>
                      <Link to={`/deliberation/topics/${a.topicId}`}>{a.title}</Link>
                      <TopicStatusTag status={a.status} />
                    </Space>
                  }
                  description={
                    rs.length === 0 ? (
                      <span className="ll-muted">{t("deliberation.meeting.noResolution")}</span>
                    ) : (
                      rs.map((r) => (
                        <div key={r.id} className="dl-resolution-line" data-testid="meeting-resolution">
                          <Space size={6} wrap>
                            <ResolutionStatusTag status={r.status} overdue={r.overdue} />
                            {r.fiveParty && <FivePartyTag />}
                            <Link to={`/deliberation/resolutions/${r.id}`} data-testid="resolution-link">
                              {r.text}
                            </Link>
                            <span className="ll-muted">{r.dueOn}</span>
                          </Space>
                        </div>
                      ))
                    )
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
      {canEdit && (
        <Space.Compact className="dl-add-row">
          <Select mode="multiple" value={adding} onChange={setAdding} optionFilterProp="label" placeholder={t("deliberation.meeting.addTopics")} className="dl-grow" options={addable.map((x) => ({ value: x.id, label: x.title }))} />
          <Button
            disabled={adding.length === 0}
            loading={write.isPending}
            onClick={() =>
              write.mutate({ path: `/meetings/${m.id}/agenda`, body: { topicIds: adding } }, { onSuccess: () => setAdding([]), onError: (e) => void message.error(errorMessage(e, t)) })
            }
          >
            {t("deliberation.meeting.addTopics")}
          </Button>
        </Space.Compact>
      )}
      <ResolutionModal meetingId={m.id} topic={recording} onClose={() => setRecording(null)} />
    </Card>
  );
}

function OpinionsCard({ m, manage }: { m: MeetingDetail; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ topicId: string; partyKind: PartyKind; speaker: string; text: string }>();
  const write = useDelibWrite();
  const title = (topicId: string) => m.agenda.find((a) => a.topicId === topicId)?.title ?? "";
  return (
    <Card className="ll-page-card ll-card-gap" title={t("deliberation.meeting.opinions")} data-testid="opinions">
      {m.opinions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliberation.meeting.noOpinions")} />
      ) : (
        <List
          size="small"
          dataSource={m.opinions}
          renderItem={(o) => (
            <List.Item key={o.id}>
              <div>
                <Space size={6} wrap>
                  <PartyTag kind={o.partyKind} />
                  <strong>{o.speaker}</strong>
                  <span className="ll-muted">{title(o.topicId)}</span>
                </Space>
                <div className="ll-pre">{o.text}</div>
              </div>
            </List.Item>
          )}
        />
      )}
      {manage && m.agenda.length > 0 && (
        <Form
          form={form}
          layout="vertical"
          className="dl-inline-form"
          initialValues={{ topicId: m.agenda[0]?.topicId, partyKind: "resident_rep" }}
          onFinish={(v) =>
            write.mutate({ path: `/meetings/${m.id}/opinions`, body: v }, { onSuccess: () => form.resetFields(["speaker", "text"]), onError: (e) => void message.error(errorMessage(e, t)) })
          }
        >
          <Space wrap align="start">
            <Form.Item name="topicId" label={t("deliberation.meeting.opinionTopic")} rules={[{ required: true }]}>
              <Select className="dl-filter-wide" options={m.agenda.map((a) => ({ value: a.topicId, label: a.title }))} />
            </Form.Item>
            <Form.Item name="partyKind" label={t("deliberation.meetings.form.partyKind")} rules={[{ required: true }]}>
              <Select className="dl-party-kind" options={PARTY_KIND_VALUES.map((k) => ({ value: k, label: t(`deliberation.party.${k}`) }))} />
            </Form.Item>
            <Form.Item name="speaker" label={t("deliberation.meeting.speaker")} rules={[{ required: true, whitespace: true, message: t("deliberation.meeting.tickNameRequired") }]}>
              <Input maxLength={80} data-testid="opinion-speaker" />
            </Form.Item>
          </Space>
          <Form.Item name="text" label={t("deliberation.meeting.opinionText")} rules={[{ required: true, whitespace: true, message: t("deliberation.resolution.progressTextRequired") }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="opinion-text" />
          </Form.Item>
          <Button htmlType="submit" loading={write.isPending} data-testid="opinion-add">
            {t("deliberation.meeting.addOpinion")}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function MinutesCard({ m, manage }: { m: MeetingDetail; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState(m.minutes ?? "");
  const write = useDelibWrite();
  const editable = manage && m.status === "open";
  // 待补录: the meeting's time has passed without minutes; recording them closes it (POST close with minutes).
  const late = manage && m.needsMinutes;
  return (
    <Card className="ll-page-card ll-card-gap" title={t("deliberation.meeting.minutes")} data-testid="minutes">
      {late ? (
        <>
          <Alert type="warning" showIcon className="dl-gap-bottom" title={t("deliberation.meeting.minutesDue")} />
          <Input.TextArea rows={6} value={text} onChange={(e) => setText(e.target.value)} maxLength={20000} placeholder={t("deliberation.meeting.minutesPlaceholder")} data-testid="minutes-text" />
          <Space className="dl-gap-top" wrap>
            <Button
              type="primary"
              disabled={!text.trim()}
              loading={write.isPending}
              onClick={() =>
                write.mutate(
                  { path: `/meetings/${m.id}/close`, body: { minutes: text.trim() } },
                  { onSuccess: () => void message.success(t("deliberation.meeting.minutesRecorded")), onError: (e) => void message.error(errorMessage(e, t)) },
                )
              }
              data-testid="minutes-record-close"
            >
              {t("deliberation.meeting.recordAndClose")}
            </Button>
            {m.status === "open" && (
              <Button
                disabled={!text.trim()}
                loading={write.isPending}
                onClick={() =>
                  write.mutate({ method: "PUT", path: `/meetings/${m.id}/minutes`, body: { minutes: text } }, { onSuccess: () => void message.success(t("deliberation.meeting.minutesSaved")), onError: (e) => void message.error(errorMessage(e, t)) })
                }
                data-testid="minutes-save"
              >
                {t("deliberation.common.save")}
              </Button>
            )}
          </Space>
        </>
      ) : editable ? (
        <>
          <Input.TextArea rows={6} value={text} onChange={(e) => setText(e.target.value)} maxLength={20000} placeholder={t("deliberation.meeting.minutesPlaceholder")} data-testid="minutes-text" />
          <Button
            className="dl-gap-top"
            disabled={!text.trim() || text === (m.minutes ?? "")}
            loading={write.isPending}
            onClick={() =>
              write.mutate({ method: "PUT", path: `/meetings/${m.id}/minutes`, body: { minutes: text } }, { onSuccess: () => void message.success(t("deliberation.meeting.minutesSaved")), onError: (e) => void message.error(errorMessage(e, t)) })
            }
            data-testid="minutes-save"
          >
            {t("deliberation.common.save")}
          </Button>
        </>
      ) : m.minutes ? (
        <div className="ll-pre">{m.minutes}</div>
      ) : (
        <Typography.Text type="secondary">{manage ? t("deliberation.meeting.minutesLocked") : t("deliberation.common.none")}</Typography.Text>
      )}
    </Card>
  );
}

function CheckinCard({ m }: { m: MeetingDetail }) {
  const { t } = useTranslation();
  const url = m.checkin ? `${window.location.origin}${m.checkin.url}` : null;
  return (
    <Card className="ll-page-card" title={t("deliberation.meeting.checkin")} data-testid="checkin">
      <div className="dl-checkin">
        {url ? (
          <>
            <div className="dl-qr">
              <QrCode value={url} testId="checkin-qr" />
            </div>
            <Typography.Text type="secondary">{t("deliberation.meeting.checkinHint")}</Typography.Text>
            <Typography.Link href={url} target="_blank" copyable={{ text: url }} className="dl-checkin-link" data-testid="checkin-url">
              {t("deliberation.meeting.checkinLink")}
            </Typography.Link>
          </>
        ) : (
          <Typography.Text type="secondary">{m.status === "closed" ? t("deliberation.meeting.checkinEnded") : t("deliberation.meeting.checkinClosed")}</Typography.Text>
        )}
        <div className="dl-checkin-count" data-testid="attendee-count" data-count={m.attendeeCount}>
          {t("deliberation.meeting.attendeeCount", { count: m.attendeeCount })}
        </div>
        {m.fivePartyPresent ? (
          <Tag color="gold" icon={<CheckCircleFilled />} data-testid="five-present">
            {t("deliberation.meeting.fivePresent")}
          </Tag>
        ) : (
          <Tag>{t("deliberation.meeting.fiveMissing")}</Tag>
        )}
      </div>
    </Card>
  );
}

function PartiesCard({ m }: { m: MeetingDetail }) {
  const { t } = useTranslation();
  const present = new Set(m.partiesPresent);
  const kinds = [...new Set([...FIVE_PARTY_KINDS, ...m.parties.map((p) => p.partyKind)])];
  return (
    <Card className="ll-page-card ll-card-gap" title={t("deliberation.meeting.parties")} data-testid="parties">
      <List
        size="small"
        dataSource={kinds}
        renderItem={(k) => {
          const names = m.parties.filter((p) => p.partyKind === k).map((p) => p.name);
          return (
            <List.Item key={k} data-testid={`party-${k}`} data-present={present.has(k)}>
              <Space size={6} wrap>
                <PartyTag kind={k} />
                <span>{names.join(t("deliberation.common.listSeparator")) || "—"}</span>
              </Space>
              {present.has(k) ? <Tag color="success">{t("deliberation.meeting.present")}</Tag> : <Tag>{t("deliberation.meeting.absent")}</Tag>}
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

function AttendanceCard({ m, manage }: { m: MeetingDetail; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; partyKind: PartyKind }>();
  const write = useDelibWrite();
  return (
    <Card className="ll-page-card ll-card-gap" title={t("deliberation.meeting.attendees")}>
      <Table
        rowKey="id"
        size="small"
        pagination={m.attendance.length > 10 ? { pageSize: 10, size: "small" } : false}
        dataSource={m.attendance}
        locale={{ emptyText: t("deliberation.meeting.noAttendees") }}
        data-testid="attendance"
        columns={[
          { key: "name", title: t("deliberation.meeting.tickName"), dataIndex: "name" },
          { key: "party", title: t("deliberation.meetings.form.partyKind"), render: (_, a) => t(`deliberation.party.${a.partyKind}`) },
          { key: "method", title: "", render: (_, a) => <Tag color={a.method === "qr" ? "blue" : "default"}>{t(`deliberation.meeting.method.${a.method}`)}</Tag> },
          { key: "at", title: "", render: (_, a) => <span className="ll-mono ll-muted">{formatShortDateTime(a.signedAt).slice(6)}</span> },
          ...(manage
            ? [
                {
                  key: "remove",
                  title: "",
                  render: (_: unknown, a: MeetingDetail["attendance"][number]) => (
                    <Button
                      type="text"
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={t("deliberation.common.remove")}
                      onClick={() => write.mutate({ method: "DELETE", path: `/meetings/${m.id}/attendance/${a.id}` }, { onError: (e) => void message.error(errorMessage(e, t)) })}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage && (
        <Form
          form={form}
          layout="inline"
          className="dl-tick-form"
          initialValues={{ partyKind: "resident_rep" }}
          onFinish={(v) => write.mutate({ path: `/meetings/${m.id}/attendance`, body: v }, { onSuccess: () => form.resetFields(["name"]), onError: (e) => void message.error(errorMessage(e, t)) })}
        >
          <Form.Item name="partyKind" rules={[{ required: true }]}>
            <Select className="dl-party-kind" options={PARTY_KIND_VALUES.map((k) => ({ value: k, label: t(`deliberation.party.${k}`) }))} data-testid="tick-party" />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t("deliberation.meeting.tickNameRequired") }]}>
            <Input maxLength={40} placeholder={t("deliberation.meeting.tickName")} className="dl-tick-name" data-testid="tick-name" />
          </Form.Item>
          <Button htmlType="submit" loading={write.isPending} data-testid="tick-submit">
            {t("deliberation.meeting.tick")}
          </Button>
        </Form>
      )}
    </Card>
  );
}
