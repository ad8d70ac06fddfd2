import { useState } from "react";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined, QrcodeOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import { absoluteUrl, QrCode } from "../../lib/qr-code";
import type { CallInput, CallItem } from "./types";
import { useCalls, useCreateCall } from "./use-talent";
import { okButton } from "./ok-button";

const CHANNELS = ["wechat", "resident_group", "notice_board", "other"] as const;

/** The QR code of a call's public sign-up page, for the WeChat account, resident groups and notice boards. */
function CallQrModal({ call, onClose }: { call: CallItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const url = call ? absoluteUrl(call.signupUrl) : "";
  return (
    <Modal open={!!call} title={call ? t("partners.talent.qrTitle", { title: call.title }) : ""} onCancel={onClose} footer={null} destroyOnHidden>
      {call && (
        <div className="pt-qr-box" data-testid="call-qr">
          <QrCode value={url} size={240} testId="call-qr-image" className="pt-qr" />
          <Typography.Paragraph copyable={{ text: url, onCopy: () => message.success(t("partners.common.copied")) }} className="pt-qr-url">
            <a href={url} target="_blank" rel="noreferrer" data-testid="call-signup-url">
              {url}
            </a>
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t("partners.common.printHint")}</Typography.Text>
        </div>
      )}
    </Modal>
  );
}

type CallValues = { title: string; body: string; slug?: string; categories?: string[]; channels?: CallInput["channels"]; period: [Dayjs, Dayjs] };

function CallCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CallValues>();
  const create = useCreateCall();
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      {
        title: v.title,
        body: v.body,
        slug: v.slug || undefined,
        categories: v.categories ?? [],
        channels: v.channels ?? [],
        opensOn: v.period[0].format("YYYY-MM-DD"),
        closesOn: v.period[1].format("YYYY-MM-DD"),
      },
      {
        onSuccess: (r) => {
          message.success(t("partners.talent.callCreated"));
          form.resetFields();
          onCreated(r.id);
        },
        onError: (e) => message.error(errorMessage(e, t)),
      },
    );
  };
  return (
    <Modal
      open={open}
      width={640}
      title={t("partners.talent.newCall")}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      okButtonProps={okButton("call-submit")}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ period: [dayjs(), dayjs().add(1, "month")], channels: ["wechat", "resident_group", "notice_board"] }}>
        <Form.Item name="title" label={t("partners.talent.callTitle")} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="call-title" />
        </Form.Item>
        <Form.Item name="body" label={t("partners.talent.callBody")} rules={[{ required: true, whitespace: true, max: 5000 }]}>
          <Input.TextArea rows={4} data-testid="call-body" />
        </Form.Item>
        <Form.Item name="categories" label={t("partners.talent.categories")} extra={t("partners.talent.categoriesHint")}>
          <Select mode="tags" open={false} suffixIcon={null} data-testid="call-categories" />
        </Form.Item>
        <Form.Item name="period" label={`${t("partners.talent.opensOn")} – ${t("partners.talent.closesOn")}`} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="channels" label={t("partners.talent.channels")}>
          <Select mode="multiple" options={CHANNELS.map((c) => ({ value: c, label: t(`partners.channel.${c}`) }))} />
        </Form.Item>
        <Form.Item name="slug" label={t("partners.talent.slug")} extra={t("partners.talent.slugHint")} rules={[{ pattern: /^[a-z0-9][a-z0-9-]{3,39}$/, message: t("partners.talent.slugHint") }]}>
          <Input data-testid="call-slug" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Recruitment calls (招募令) with their application counts and the QR code of their sign-up page. */
export function CallList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const calls = useCalls();
  const [qr, setQr] = useState<CallItem | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <>
      {canManage && (
        <div className="pt-toolbar">
          <span />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-call">
            {t("partners.talent.newCall")}
          </Button>
        </div>
      )}
      {calls.isError && <Alert type="error" showIcon title={errorMessage(calls.error, t)} />}
      <Table<CallItem>
        rowKey="id"
        size="middle"
        loading={calls.isPending}
        dataSource={calls.data ?? []}
        pagination={false}
        data-testid="call-table"
        columns={[
          {
            title: t("partners.talent.callTitle"),
            dataIndex: "title",
            render: (title: string, c) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{title}</Typography.Text>
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
                  {c.body}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t("partners.talent.categories"), dataIndex: "categories", render: (cs: string[]) => cs.map((c) => <Tag key={c}>{c}</Tag>) },
          { title: t("partners.talent.opensOn"), width: 220, render: (_, c) => t("partners.units.period", { from: c.opensOn, to: c.closesOn }) },
          { title: t("partners.common.status"), width: 90, render: (_, c) => <Tag color={c.open ? "green" : "default"}>{c.open ? t("partners.talent.open") : t("partners.talent.closed")}</Tag> },
          {
            title: `${t("partners.talent.pending")} / ${t("partners.talent.approved")} / ${t("partners.talent.rejected")}`,
            width: 160,
            render: (_, c) => `${c.applications.pending} / ${c.applications.approved} / ${c.applications.rejected}`,
          },
          {
            title: t("partners.common.actions"),
            width: 130,
            render: (_, c) => (
              <Button size="small" icon={<QrcodeOutlined />} onClick={() => setQr(c)} data-testid="call-qr-open">
                {t("partners.talent.qr")}
              </Button>
            ),
          },
        ]}
      />
      <CallQrModal call={qr} onClose={() => setQr(null)} />
      {canManage && (
        <CallCreateModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
          }}
        />
      )}
    </>
  );
}
