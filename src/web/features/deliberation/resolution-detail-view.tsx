import { useState, type ReactNode } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Image, Input, InputNumber, Modal, Progress, Row, Skeleton, Space, Tag, Timeline, Typography } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { PhotoUpload } from "./photo-upload";
import { FivePartyTag, KindTag, ResolutionStatusTag } from "./tags";
import { LinkedCasesTable } from "./topic-detail-view";
import type { ResolutionDetail } from "./types";
import { useDelibWrite, useResolution } from "./use-deliberation";

/** A resolution followed until done: owners, due date, progress with photos, and the cases it will close. */
export function ResolutionDetailView({ id, header }: { id: string; header: (title: ReactNode, extra: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const query = useResolution(id);
  const [reporting, setReporting] = useState(false);
  const [completing, setCompleting] = useState(false);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(query.error, t)} />;
  const r = query.data;
  return (
    <div data-testid="resolution-detail" data-status={r.status}>
      {header(
        <Space size={8} wrap>
          <span>{t("deliberation.resolution.detail")}</span>
          <ResolutionStatusTag status={r.status} overdue={r.overdue} />
          {r.fiveParty && <FivePartyTag />}
        </Space>,
        <Space>
          {r.canUpdate && (
            <Button onClick={() => setReporting(true)} data-testid="resolution-progress">
              {t("deliberation.resolution.progress")}
            </Button>
          )}
          {r.canComplete && (
            <Button type="primary" onClick={() => setCompleting(true)} data-testid="resolution-complete">
              {t("deliberation.resolution.complete")}
            </Button>
          )}
        </Space>,
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card className="ll-page-card">
            <Typography.Paragraph className="dl-resolution-text" data-testid="resolution-text-view">
              {r.text}
            </Typography.Paragraph>
            <Progress percent={r.percent} status={r.status === "done" ? "success" : r.overdue ? "exception" : "active"} data-testid="resolution-percent" />
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              className="dl-gap-top"
              items={[
                { key: "topic", label: t("deliberation.resolution.topic"), children: <Link to={`/deliberation/topics/${r.topic.id}`}>{r.topic.title}</Link>, span: 2 },
                {
                  key: "meeting",
                  label: t("deliberation.resolution.meeting"),
                  span: 2,
                  children: (
                    <Space size={4} wrap>
                      <Link to={`/deliberation/meetings/${r.meeting.id}`}>{r.meeting.title}</Link>
                      <KindTag kind={r.meeting.kind} />
                      <span className="ll-muted ll-mono">{formatDateTime(r.meeting.startsAt).slice(0, 10)}</span>
                    </Space>
                  ),
                },
                {
                  key: "owners",
                  label: t("deliberation.resolution.owners"),
                  span: 2,
                  children: r.owners.map((o) => (
                    <Tag key={o.id}>
                      {t(`deliberation.party.${o.partyKind}`)} · {o.name}
                    </Tag>
                  )),
                },
                { key: "dueOn", label: t("deliberation.resolution.dueOn"), children: <span className={r.overdue ? "dl-overdue" : undefined}>{r.dueOn}</span> },
                { key: "doneAt", label: t("deliberation.resolution.doneAt"), children: r.doneAt ? formatDateTime(r.doneAt) : "—" },
              ]}
            />
          </Card>
          <Card className="ll-page-card ll-card-gap" title={t("deliberation.resolution.cases")} data-testid="resolution-cases">
            <LinkedCasesTable cases={r.cases} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card className="ll-page-card" title={t("deliberation.resolution.updates")} data-testid="resolution-updates">
            <Updates r={r} />
          </Card>
        </Col>
      </Row>
      <ProgressModal r={r} open={reporting} onClose={() => setReporting(false)} />
      <CompleteModal r={r} open={completing} onClose={() => setCompleting(false)} />
    </div>
  );
}

function Updates({ r }: { r: ResolutionDetail }) {
  const { t } = useTranslation();
  if (r.updates.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliberation.resolution.noUpdates")} />;
  return (
    <Timeline
      items={[...r.updates].reverse().map((u) => ({
        key: u.id,
        color: u.percent >= 100 ? "green" : "blue",
        content: (
          <div className="ll-timeline-body" data-testid="resolution-update">
            <Space size={6}>
              <strong>{`${u.percent}%`}</strong>
              <span className="ll-muted ll-mono">{formatDateTime(u.at).slice(0, 16)}</span>
              {u.authorName && <span className="ll-muted">{u.authorName}</span>}
            </Space>
            <div className="ll-pre">{u.text}</div>
            {u.photos.length > 0 && (
              <Image.PreviewGroup>
                <div className="ll-photos">
                  {u.photos.map((p) => (
                    <Image key={p.id} src={p.thumbUrl} preview={{ src: p.url }} width={88} height={88} className="ll-photo" />
                  ))}
                </div>
              </Image.PreviewGroup>
            )}
          </div>
        ),
      }))}
    />
  );
}

function ProgressModal({ r, open, onClose }: { r: ResolutionDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; percent: number }>();
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const write = useDelibWrite();
  return (
    <Modal
      open={open}
      title={t("deliberation.resolution.progress")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("deliberation.common.submit")}
      cancelText={t("deliberation.common.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "progress-ok" }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ percent: Math.min(99, Math.max(r.percent + 10, 10)) }}
        onFinish={(v) =>
          write.mutate(
            { path: `/resolutions/${r.id}/progress`, body: { text: v.text, percent: v.percent, photoIds, version: r.version } },
            {
              onSuccess: () => {
                setPhotoIds([]);
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e, t)),
            },
          )
        }
      >
        <Form.Item name="text" label={t("deliberation.resolution.progressText")} rules={[{ required: true, whitespace: true, message: t("deliberation.resolution.progressTextRequired") }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="progress-text" />
        </Form.Item>
        <Form.Item name="percent" label={t("deliberation.resolution.progressPercent")} rules={[{ required: true }]}>
          <InputNumber min={0} max={99} suffix="%" data-testid="progress-percent" />
        </Form.Item>
        <Form.Item label={t("deliberation.resolution.photos")}>
          <PhotoUpload onChange={setPhotoIds} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CompleteModal({ r, open, onClose }: { r: ResolutionDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const write = useDelibWrite<{ id: string; closedCases: string[]; topicStatus: string }>();
  return (
    <Modal
      open={open}
      title={t("deliberation.resolution.complete")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("deliberation.common.submit")}
      cancelText={t("deliberation.common.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "complete-ok" }}
    >
      <Alert type="info" showIcon title={t("deliberation.resolution.completeHint")} className="dl-gap-bottom" />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          write.mutate(
            { path: `/resolutions/${r.id}/complete`, body: { text: v.text, photoIds, version: r.version } },
            {
              onSuccess: (res) => {
                void message.success(t("deliberation.resolution.completed", { count: res.closedCases.length }));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e, t)),
            },
          )
        }
      >
        <Form.Item name="text" label={t("deliberation.resolution.completeText")} rules={[{ required: true, whitespace: true, message: t("deliberation.resolution.progressTextRequired") }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="complete-text" />
        </Form.Item>
        <Form.Item label={t("deliberation.resolution.photos")}>
          <PhotoUpload onChange={setPhotoIds} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
