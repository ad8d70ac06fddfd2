import { useState } from "react";
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import type { RewardItem } from "./types";
import { useCreateReward, useRewards, useUpdateReward } from "./use-points";
import { useUnits } from "./use-units";

/** The reward catalogue: items offered by partner units, with cost and stock; add, restock, withdraw. */
export function RewardList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rewards = useRewards();
  const units = useUnits();
  const create = useCreateReward();
  const update = useUpdateReward();
  const [adding, setAdding] = useState(false);
  const [restocking, setRestocking] = useState<RewardItem | null>(null);
  const [stock, setStock] = useState<number | null>(null);
  const [form] = Form.useForm<{ name: string; cost: number; stock: number; unitId?: string }>();
  const done = (text: string) => ({ onSuccess: () => void message.success(text), onError: (e: unknown) => void message.error(errorMessage(e, t)) });
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(v, {
      onSuccess: () => {
        message.success(t("partners.points.rewardCreated"));
        form.resetFields();
        setAdding(false);
      },
      onError: (e) => message.error(errorMessage(e, t)),
    });
  };
  return (
    <>
      {canManage && (
        <div className="pt-toolbar">
          <span />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="reward-add">
            {t("partners.points.addReward")}
          </Button>
        </div>
      )}
      {rewards.isError && <Alert type="error" showIcon title={errorMessage(rewards.error, t)} />}
      <Table<RewardItem>
        rowKey="id"
        size="middle"
        loading={rewards.isPending}
        dataSource={rewards.data ?? []}
        pagination={false}
        data-testid="reward-table"
        columns={[
          { title: t("partners.points.rewardName"), dataIndex: "name" },
          { title: t("partners.points.provider"), render: (_, r) => r.unit?.name ?? "—" },
          { title: t("partners.points.cost"), dataIndex: "cost", align: "right" },
          { title: t("partners.points.stock"), dataIndex: "stock", align: "right", render: (s: number) => (s === 0 ? <Tag color="red">0</Tag> : s) },
          { title: t("partners.common.status"), dataIndex: "active", render: (a: boolean) => <Tag color={a ? "green" : "default"}>{a ? t("partners.points.active") : t("partners.points.inactive")}</Tag> },
          ...(canManage
            ? [
                {
                  title: t("partners.common.actions"),
                  render: (_: unknown, r: RewardItem) => (
                    <Space>
                      <Button
                        size="small"
                        onClick={() => {
                          setRestocking(r);
                          setStock(r.stock);
                        }}
                      >
                        {t("partners.points.restock")}
                      </Button>
                      <Button size="small" onClick={() => update.mutate({ id: r.id, active: !r.active }, done(t("partners.common.saved")))}>
                        {r.active ? t("partners.points.withdraw") : t("partners.points.putBack")}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={adding} title={t("partners.points.addReward")} onCancel={() => setAdding(false)} onOk={submit} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ cost: 50, stock: 10 }}>
          <Form.Item name="name" label={t("partners.points.rewardName")} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="cost" label={t("partners.points.cost")} rules={[{ required: true }]}>
              <InputNumber min={1} max={100000} precision={0} />
            </Form.Item>
            <Form.Item name="stock" label={t("partners.points.stock")} rules={[{ required: true }]}>
              <InputNumber min={0} max={100000} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="unitId" label={t("partners.points.provider")}>
            <Select allowClear showSearch={{ optionFilterProp: "label" }} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!restocking}
        title={restocking ? t("partners.points.restockTitle", { name: restocking.name }) : ""}
        onCancel={() => setRestocking(null)}
        onOk={() =>
          update.mutate(
            { id: restocking!.id, stock: stock ?? 0 },
            {
              onSuccess: () => {
                message.success(t("partners.common.saved"));
                setRestocking(null);
              },
              onError: (e) => message.error(errorMessage(e, t)),
            },
          )
        }
        confirmLoading={update.isPending}
        destroyOnHidden
      >
        <InputNumber min={0} max={100000} precision={0} value={stock} onChange={setStock} />
      </Modal>
    </>
  );
}
