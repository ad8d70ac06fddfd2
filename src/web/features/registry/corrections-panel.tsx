import { Alert, Button, Card, Space, Table, Typography, type TableColumnsType } from "antd";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { useCorrections, useSettleCorrection } from "./use-registry";
import type { Correction } from "./types";

/** Residents' requests to correct their own record, to be settled by staff. */
export function CorrectionsPanel() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useCorrections(true);
  const settle = useSettleCorrection();
  const columns: TableColumnsType<Correction> = [
    { title: t("registry.corrections.person"), dataIndex: "personName", width: 110, render: (v: string, r) => <a onClick={() => navigate(`/registry/people/${r.personId}`)}>{v}</a> },
    { title: t("registry.corrections.field"), dataIndex: "field", width: 110, render: (v: string) => t(`registry.corrections.fields.${v}`, { defaultValue: v }) },
    { title: t("registry.corrections.proposed"), dataIndex: "proposed" },
    { title: t("registry.corrections.note"), dataIndex: "note", render: (v: string | null) => v ?? "—" },
    { title: t("registry.corrections.createdAt"), dataIndex: "createdAt", width: 170, render: (v: string) => formatDateTime(v) },
    {
      key: "actions",
      width: 190,
      render: (_, r) => (
        <Space>
          <Button size="small" type="primary" onClick={() => settle.mutate({ id: r.id, status: "done" })}>
            {t("registry.corrections.done")}
          </Button>
          <Button size="small" onClick={() => settle.mutate({ id: r.id, status: "rejected" })}>
            {t("registry.corrections.reject")}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Card className="ll-page-card">
      <Typography.Paragraph type="secondary">{t("registry.corrections.hint")}</Typography.Paragraph>
      {(list.error ?? settle.error) && <Alert type="error" showIcon title={errorMessage(list.error ?? settle.error, t)} className="ll-gap" />}
      <Table<Correction> rowKey="id" size="small" columns={columns} dataSource={list.data ?? []} loading={list.isPending} pagination={false} locale={{ emptyText: t("registry.corrections.none") }} />
    </Card>
  );
}
