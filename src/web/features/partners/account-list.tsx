import { useState } from "react";
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Skeleton, Space, Table } from "antd";
import { useTranslation } from "react-i18next";
import "./partners.css";
import { errorMessage } from "../../lib/error-message";
import type { AccountItem } from "./types";
import { useAccount, useAccounts, useCorrectPoints } from "./use-points";
import { VolunteerRecordView } from "./volunteer-record-view";

type CorrectionValues = { hours?: number; points?: number; reason: string };

function AccountDrawer({ account, onClose }: { account: AccountItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useAccount(account?.user.id ?? null);
  const correct = useCorrectPoints();
  const [form] = Form.useForm<CorrectionValues>();
  const submit = async () => {
    const v = await form.validateFields();
    const hours = v.hours ?? 0;
    const points = v.points ?? 0;
    if (hours === 0 && points === 0) {
      message.warning(t("partners.points.mustChange"));
      return;
    }
    correct.mutate(
      { userId: account!.user.id, hours, points, reason: v.reason },
      {
        onSuccess: () => {
          message.success(t("partners.points.corrected"));
          form.resetFields();
        },
        onError: (e) => message.error(errorMessage(e, t)),
      },
    );
  };
  return (
    <Drawer open={!!account} onClose={onClose} size="large" title={account?.user.name ?? ""} destroyOnHidden data-testid="account-drawer">
      <Form form={form} layout="vertical" className="pt-correction" onFinish={submit}>
        <Space align="start" wrap>
          <Form.Item name="hours" label={t("partners.points.correctHours")}>
            <InputNumber min={-1000} max={1000} step={0.5} data-testid="correct-hours" />
          </Form.Item>
          <Form.Item name="points" label={t("partners.points.correctPoints")}>
            <InputNumber min={-100000} max={100000} precision={0} data-testid="correct-points" />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t("partners.points.correctReason")} rules={[{ required: true, whitespace: true, min: 4, max: 500 }]}>
          <Input data-testid="correct-reason" />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={correct.isPending} data-testid="correct-submit">
          {t("partners.points.correct")}
        </Button>
      </Form>
      {record.isPending && <Skeleton active />}
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error, t)} />}
      {record.data && <VolunteerRecordView record={record.data} />}
    </Drawer>
  );
}

/** Balances of the volunteers in scope; open one to see the record and correct it with a reason. */
export function AccountList() {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const accounts = useAccounts(q);
  const [open, setOpen] = useState<AccountItem | null>(null);
  return (
    <>
      <Space className="ll-gap">
        <Input.Search allowClear placeholder={t("partners.points.search")} onSearch={setQ} style={{ width: 220 }} data-testid="account-search" />
      </Space>
      {accounts.isError && <Alert type="error" showIcon title={errorMessage(accounts.error, t)} />}
      <Table<AccountItem>
        rowKey={(a) => a.user.id}
        size="middle"
        loading={accounts.isPending}
        dataSource={accounts.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(a) => ({ onClick: () => setOpen(a), style: { cursor: "pointer" } })}
        data-testid="account-table"
        columns={[
          { title: t("partners.points.person"), render: (_, a) => <a data-testid="account-name">{a.user.name}</a> },
          { title: t("partners.points.role"), dataIndex: "role", render: (r: string) => t(`roles.${r}`, { defaultValue: r }) },
          { title: t("partners.points.balanceHours"), dataIndex: "hours", align: "right" },
          { title: t("partners.points.balancePoints"), dataIndex: "points", align: "right" },
        ]}
      />
      <AccountDrawer account={open} onClose={() => setOpen(null)} />
    </>
  );
}
