import { useState } from "react";
import { Alert, App, Button, Form, Input, Modal, Select, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import type { RiderFriendly } from "./types";
import { useCreateRiderService, useRiderFriendly } from "./use-points";
import { useUnits } from "./use-units";

const SERVICE_KINDS = ["meal_discount", "green_channel", "temp_parking", "other"] as const;

/** The rider services of the community (meal discounts, green channel, parking) with their providers. */
export function RiderServicesPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const data = useRiderFriendly();
  const units = useUnits();
  const create = useCreateRiderService();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ kind: string; name: string; description: string; unitId?: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(v, {
      onSuccess: () => {
        message.success(t("partners.riders.created"));
        form.resetFields();
        setAdding(false);
      },
      onError: (e) => message.error(errorMessage(e, t)),
    });
  };
  return (
    <>
      <div className="pt-toolbar">
        <Typography.Text type="secondary">{t("partners.riders.stationCount", { count: data.data?.stations.length ?? 0 })}</Typography.Text>
        {canManage && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="rider-service-add">
            {t("partners.riders.add")}
          </Button>
        )}
      </div>
      {data.isError && <Alert type="error" showIcon title={errorMessage(data.error, t)} />}
      <Table<RiderFriendly["services"][number]>
        rowKey="id"
        size="middle"
        loading={data.isPending}
        dataSource={data.data?.services ?? []}
        pagination={false}
        columns={[
          { title: t("partners.riders.kind"), dataIndex: "kind", width: 140, render: (k: string) => <Tag color="orange">{t(`partners.riders.kinds.${k}`)}</Tag> },
          { title: t("partners.riders.name"), dataIndex: "name" },
          { title: t("partners.riders.description"), dataIndex: "description" },
          { title: t("partners.riders.provider"), render: (_, s) => s.unit?.name ?? s.place?.name ?? "—" },
        ]}
      />
      <Modal open={adding} title={t("partners.riders.add")} onCancel={() => setAdding(false)} onOk={submit} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: "meal_discount" }}>
          <Form.Item name="kind" label={t("partners.riders.kind")} rules={[{ required: true }]}>
            <Select options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`partners.riders.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t("partners.riders.name")} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t("partners.riders.description")} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="unitId" label={t("partners.riders.provider")}>
            <Select allowClear showSearch={{ optionFilterProp: "label" }} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
