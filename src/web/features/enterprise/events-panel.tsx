import { useState } from "react";
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { BUSINESS_EVENT_KIND_VALUES, NEED_KIND_VALUES } from "../../../contracts/enterprise";
import { chinaDay } from "../../lib/format";
import { errorMessage } from "../../lib/error-message";
import { DrillChip, useReportDrill } from "../../lib/report-drill";
import { EnterprisePicker } from "./enterprise-picker";
import type { EventItem } from "./types";
import { useEvents, useRecordEvent } from "./use-enterprise";

type EventForm = { kind: (typeof BUSINESS_EVENT_KIND_VALUES)[number]; title: string; heldOn: Dayjs; venue?: string; notes?: string; placeIds: string[]; needKind?: (typeof NEED_KIND_VALUES)[number]; needText?: string };

/** 政企活动: 政银企座谈会 and the like, with the enterprises that took part and the needs they raised. */
export function EventsPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // From the report's 政银企座谈会等活动: the events held in the period in the report's area.
  const { drill, clear } = useReportDrill();
  const held = drill?.dated === "held" ? drill : null;
  const events = useEvents(held ? { areaId: held.areaId, from: held.from, to: held.to } : {});
  const record = useRecordEvent();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EventForm>();
  return (
    <>
      {canManage && (
        <Space className="ll-gap">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="event-add">
            {t("enterprise.events.create")}
          </Button>
        </Space>
      )}
      {held && <DrillChip drill={held} onClear={clear} />}
      {events.isError && <Alert type="error" showIcon title={errorMessage(events.error, t)} />}
      <Table<EventItem>
        rowKey="id"
        size="middle"
        loading={events.isPending}
        dataSource={events.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="event-table"
        columns={[
          { title: t("enterprise.events.heldOn"), dataIndex: "heldOn", width: 120 },
          { title: t("enterprise.events.kind"), dataIndex: "kind", width: 140, render: (k: string) => t(`enterprise.eventKind.${k}`) },
          { title: t("enterprise.events.title"), dataIndex: "title" },
          { title: t("enterprise.events.venue"), dataIndex: "venue", render: (v: string | null) => v ?? "—" },
          { title: t("enterprise.events.participants"), dataIndex: "participants", width: 100, align: "right" },
          { title: t("enterprise.events.needs"), dataIndex: "needs", width: 100, align: "right" },
        ]}
      />
      <Modal
        open={open}
        title={t("enterprise.events.create")}
        onCancel={() => setOpen(false)}
        okText={t("enterprise.common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={record.isPending}
        onOk={() =>
          form.validateFields().then((v) =>
            record.mutate(
              {
                kind: v.kind,
                title: v.title.trim(),
                heldOn: v.heldOn.format("YYYY-MM-DD"),
                venue: v.venue?.trim() || undefined,
                notes: v.notes?.trim() || undefined,
                placeIds: v.placeIds,
                needs: v.needKind && v.needText?.trim() ? v.placeIds.map((placeId) => ({ placeId, kind: v.needKind!, description: v.needText!.trim() })) : [],
              },
              { onSuccess: () => setOpen(false), onError: (e) => message.error(errorMessage(e, t)) },
            ),
          )
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: "bank_enterprise", heldOn: dayjs(chinaDay()) }}>
          <Form.Item name="kind" label={t("enterprise.events.kind")}>
            <Select options={BUSINESS_EVENT_KIND_VALUES.map((k) => ({ value: k, label: t(`enterprise.eventKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t("enterprise.events.title")} rules={[{ required: true, whitespace: true, message: t("enterprise.common.required") }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Space>
            <Form.Item name="heldOn" label={t("enterprise.events.heldOn")} rules={[{ required: true, message: t("enterprise.common.required") }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), "day")} />
            </Form.Item>
            <Form.Item name="venue" label={t("enterprise.events.venue")}>
              <Input maxLength={60} />
            </Form.Item>
          </Space>
          <Form.Item name="placeIds" label={t("enterprise.events.participants")} rules={[{ required: true, type: "array", min: 1, message: t("enterprise.campaigns.pickRule") }]}>
            <EnterprisePicker />
          </Form.Item>
          <Form.Item name="notes" label={t("enterprise.events.notes")}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
          <Typography.Text type="secondary">{t("enterprise.events.needHint")}</Typography.Text>
          <Space.Compact style={{ width: "100%", marginTop: 8 }}>
            <Form.Item name="needKind" noStyle>
              <Select allowClear style={{ width: 140 }} placeholder={t("enterprise.needs.kind")} options={NEED_KIND_VALUES.map((k) => ({ value: k, label: t(`enterprise.needKind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="needText" noStyle>
              <Input maxLength={200} placeholder={t("enterprise.needs.description")} />
            </Form.Item>
          </Space.Compact>
        </Form>
      </Modal>
    </>
  );
}
