import { useState } from "react";
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, Upload } from "antd";
import type { ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMe } from "../../api/use-me";
import { useAreaTree } from "../../api/use-area-tree";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { useApiKeys, useHotlineImport, useHotlineOrders, useIssueKey, useRevokeKey, type ApiKeyItem, type HotlineImportReport, type HotlineOrderItem } from "./use-open-interfaces";

/**
 * 开放接口 in the console: keys of partner systems (issued for a community or street, shown once,
 * listed by prefix, revocable) and the 12345 work orders (xlsx import with its row report, the
 * imported orders with their case and reply).
 */
export function OpenInterfacesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const perms = me.data?.permissions ?? [];
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {perms.includes("apikey:manage") && <ApiKeysCard />}
      {perms.includes("hotline:import") && <HotlineCard />}
      {!perms.includes("apikey:manage") && !perms.includes("hotline:import") && <Alert type="info" message={t("openApi.noAccess")} />}
    </Space>
  );
}

function ApiKeysCard() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const list = useApiKeys();
  const tree = useAreaTree();
  const issue = useIssueKey();
  const revoke = useRevokeKey();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; purpose: "open311" | "hotline"; areaId: string; ratePerMinute: number }>();
  const areas = (tree.data ?? []).filter((a) => a.level === "community" || a.level === "street");

  const submit = async () => {
    const values = await form.validateFields();
    try {
      const created = await issue.mutateAsync(values);
      setOpen(false);
      form.resetFields();
      setShown(created.key);
    } catch (err) {
      void message.error(errorMessage(err, t));
    }
  };
  const confirmRevoke = (k: ApiKeyItem) =>
    modal.confirm({
      title: t("openApi.revokeConfirm", { name: k.name }),
      okText: t("openApi.revoke"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => revoke.mutateAsync(k.id).then(() => void message.success(t("openApi.revoked")), (err) => void message.error(errorMessage(err, t))),
    });

  return (
    <Card
      title={list.data ? t("openApi.keysTotal", { count: list.data.total }) : t("openApi.keys")}
      extra={
        <Button type="primary" onClick={() => setOpen(true)} data-testid="apikey-new">
          {t("openApi.issue")}
        </Button>
      }
    >
      <Table<ApiKeyItem>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="apikey-list"
        columns={[
          { title: t("openApi.name"), dataIndex: "name" },
          { title: t("openApi.purpose"), dataIndex: "purpose", render: (p: string) => t(`openApi.purposes.${p}`) },
          { title: t("openApi.prefix"), dataIndex: "prefix", render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          { title: t("openApi.area"), render: (_, k) => k.area.name },
          { title: t("openApi.rate"), dataIndex: "ratePerMinute" },
          { title: t("openApi.uses"), dataIndex: "useCount" },
          { title: t("openApi.lastUsed"), dataIndex: "lastUsedAt", render: (v: string | null) => (v ? formatDateTime(v) : "—") },
          {
            title: t("openApi.status"),
            render: (_, k) => (k.revokedAt ? <Tag>{t("openApi.revokedAt", { at: formatDateTime(k.revokedAt) })}</Tag> : <Tag color="green">{t("openApi.active")}</Tag>),
          },
          {
            title: "",
            render: (_, k) =>
              k.revokedAt ? null : (
                <Button type="link" danger onClick={() => confirmRevoke(k)} data-testid="apikey-revoke">
                  {t("openApi.revoke")}
                </Button>
              ),
          },
        ]}
      />
      <Modal open={open} title={t("openApi.issue")} onOk={() => void submit()} onCancel={() => setOpen(false)} okText={t("openApi.issue")} cancelText={t("common.cancel")} confirmLoading={issue.isPending}>
        <Form form={form} layout="vertical" initialValues={{ purpose: "open311", ratePerMinute: 60 }}>
          <Form.Item name="name" label={t("openApi.name")} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="apikey-name" />
          </Form.Item>
          <Form.Item name="purpose" label={t("openApi.purpose")} rules={[{ required: true }]}>
            <Select data-testid="apikey-purpose" options={(["open311", "hotline"] as const).map((p) => ({ value: p, label: t(`openApi.purposes.${p}`) }))} />
          </Form.Item>
          <Form.Item name="areaId" label={t("openApi.area")} rules={[{ required: true }]}>
            <Select data-testid="apikey-area" options={areas.map((a) => ({ value: a.id, label: a.name }))} />
          </Form.Item>
          <Form.Item name="ratePerMinute" label={t("openApi.rate")} rules={[{ required: true }]}>
            <InputNumber min={1} max={600} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={shown !== null} title={t("openApi.keyOnce")} onOk={() => setShown(null)} onCancel={() => setShown(null)} okText={t("openApi.copied")} okButtonProps={{ "data-testid": "apikey-copied" } as ButtonProps} cancelButtonProps={{ style: { display: "none" } }}>
        <Typography.Paragraph copyable={{ text: shown ?? "" }}>
          <Typography.Text code data-testid="apikey-secret">
            {shown}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}

const OUTCOME_COLOR: Record<string, string> = { created: "green", already_imported: "blue", already_closed: "orange", repeated: "gold", rejected: "red", valid: "default" };

function HotlineCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const orders = useHotlineOrders(true);
  const importer = useHotlineImport();
  const [report, setReport] = useState<HotlineImportReport | null>(null);
  return (
    <Card
      title={orders.data ? t("openApi.ordersTotal", { count: orders.data.total }) : t("openApi.orders")}
      extra={
        <Space>
          <Button href="/api/hotline/import/template">{t("openApi.template")}</Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              importer.mutateAsync(file).then(setReport, (err) => void message.error(errorMessage(err, t)));
              return false;
            }}
          >
            <Button type="primary" loading={importer.isPending} data-testid="hotline-import">
              {t("openApi.import")}
            </Button>
          </Upload>
        </Space>
      }
    >
      {report && (
        <Space direction="vertical" style={{ width: "100%", marginBottom: 16 }} data-testid="hotline-report">
          <Alert
            type={report.written ? "success" : "error"}
            message={report.written ? t("openApi.reportWritten", report) : t("openApi.reportRefused", report)}
          />
          <Table
            rowKey="row"
            size="small"
            pagination={false}
            dataSource={report.rows}
            columns={[
              { title: t("openApi.row"), dataIndex: "row" },
              { title: t("openApi.orderNumber"), dataIndex: "orderNumber" },
              { title: t("openApi.outcome"), dataIndex: "outcome", render: (o: string) => <Tag color={OUTCOME_COLOR[o]} data-testid="hotline-outcome">{t(`openApi.outcomes.${o}`)}</Tag> },
              { title: t("openApi.case"), render: (_, r) => (r.caseId ? <Link to={`/cases/${r.caseId}`}>{r.caseNumber}</Link> : "—") },
              { title: t("openApi.errors"), render: (_, r) => r.errors.join("；") },
            ]}
          />
        </Space>
      )}
      <Table<HotlineOrderItem>
        rowKey="orderNumber"
        size="small"
        loading={orders.isPending}
        dataSource={orders.data?.items ?? []}
        data-testid="hotline-orders"
        columns={[
          { title: t("openApi.orderNumber"), dataIndex: "orderNumber" },
          { title: t("openApi.case"), render: (_, o) => <Link to={`/cases/${o.caseId}`}>{o.caseNumber}</Link> },
          { title: t("openApi.community"), dataIndex: "community" },
          { title: t("openApi.deadline"), dataIndex: "deadlineAt", render: (v: string) => formatDateTime(v) },
          { title: t("openApi.caller"), render: (_, o) => [o.callerName, o.callerPhone].filter(Boolean).join(" ") || "—" },
          { title: t("openApi.status"), render: (_, o) => t(`cases.status.${o.caseStatus}`) },
          { title: t("openApi.reply"), render: (_, o) => (o.reply ? <span data-testid="hotline-reply">{o.reply.result}</span> : t("openApi.noReply")) },
        ]}
      />
    </Card>
  );
}
