import { useMemo, useState } from "react";
import { Alert, Button, Card, Select, Space, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { totalFigure } from "../../lib/list-total";
import { errorMessage } from "../../lib/error-message";
import { formatDateTime } from "../../lib/format";
import { zhCN } from "../../i18n/zh-CN";
import { useAudit, type AuditItem } from "./use-audit";

/** Action codes are "<group>.<verb>" (auth.login); their labels are nested the same way. */
const KNOWN_ACTIONS = Object.entries(zhCN.audit.actions).flatMap(([group, verbs]) => Object.keys(verbs).map((verb) => `${group}.${verb}`));
const KNOWN_TARGETS = Object.keys(zhCN.audit.targets);

/** The known values plus any others seen in the loaded rows, so that new kinds can be filtered too. */
const withSeen = (known: string[], seen: string[]) => [...new Set([...known, ...seen])];

/** Who did what, when and from where, with filters by action and target type. */
export function AuditLog() {
  const { t } = useTranslation();
  const [action, setAction] = useState<string>();
  const [targetType, setTargetType] = useState<string>();
  const audit = useAudit({ action, targetType });
  const rows = useMemo(() => audit.data?.pages.flatMap((p) => p.items) ?? [], [audit.data]);

  const actionLabel = (a: string) => t(`audit.actions.${a}`, { defaultValue: a });
  const targetLabel = (a: string) => t(`audit.targets.${a}`, { defaultValue: a });

  const columns: TableColumnsType<AuditItem> = [
    { title: t("audit.columns.at"), dataIndex: "at", width: 180, render: (v: string) => <span className="ll-mono">{formatDateTime(v)}</span> },
    { title: t("audit.columns.actor"), dataIndex: "actorName", width: 130, render: (v: string | null) => v ?? t("audit.system") },
    {
      title: t("audit.columns.role"),
      dataIndex: "actorRole",
      width: 140,
      render: (v: string | null) => (v ? t(`roles.${v}`, { defaultValue: v }) : "—"),
    },
    {
      title: t("audit.columns.action"),
      dataIndex: "action",
      width: 150,
      render: (v: string) => (
        <Tag color={/failed|locked/.test(v) ? "red" : "default"} variant="filled">
          {actionLabel(v)}
        </Tag>
      ),
    },
    {
      title: t("audit.columns.target"),
      key: "target",
      render: (_, r) => (
        <span>
          {targetLabel(r.targetType)}
          {/* UUIDv7 ids share their leading (time) digits; the tail tells them apart. */}
          {r.targetId && <span className="ll-muted ll-mono" title={r.targetId}> · …{r.targetId.slice(-8)}</span>}
        </span>
      ),
    },
    { title: t("audit.columns.ip"), dataIndex: "ip", width: 140, render: (v: string | null) => <span className="ll-mono">{v ?? "—"}</span> },
    { title: t("audit.columns.reason"), dataIndex: "reason", ellipsis: true, render: (v: string | null) => v ?? "—" },
  ];

  const hasChange = (r: AuditItem) => r.before != null || r.after != null;

  return (
    <Card className="ll-page-card">
      <Space wrap className="ll-toolbar">
        <span>{t("audit.action")}</span>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          className="ll-filter"
          placeholder={t("audit.actionPlaceholder")}
          options={withSeen(KNOWN_ACTIONS, rows.map((r) => r.action)).map((a) => ({ value: a, label: actionLabel(a) }))}
          value={action}
          onChange={(v?: string) => setAction(v || undefined)}
          data-testid="audit-action"
        />
        <span>{t("audit.targetType")}</span>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          className="ll-filter"
          placeholder={t("audit.targetPlaceholder")}
          options={withSeen(KNOWN_TARGETS, rows.map((r) => r.targetType)).map((a) => ({ value: a, label: targetLabel(a) }))}
          value={targetType}
          onChange={(v?: string) => setTargetType(v || undefined)}
          data-testid="audit-target"
        />
      </Space>
      {audit.isError && <Alert type="error" showIcon title={errorMessage(audit.error, t)} className="ll-gap" />}
      <Table<AuditItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={audit.isPending}
        pagination={false}
        scroll={{ x: 1000 }}
        expandable={
          rows.some(hasChange)
            ? {
                rowExpandable: hasChange,
          expandedRowRender: (r) => (
            <div className="ll-audit-change">
              <div>
                <Typography.Text type="secondary">{t("audit.before")}</Typography.Text>
                <pre>{r.before == null ? "—" : JSON.stringify(r.before, null, 2)}</pre>
              </div>
              <div>
                <Typography.Text type="secondary">{t("audit.after")}</Typography.Text>
                <pre>{r.after == null ? "—" : JSON.stringify(r.after, null, 2)}</pre>
              </div>
            </div>
          ),
              }
            : undefined
        }
      />
      <div className="ll-load-more">
        {audit.hasNextPage && (
          <Button onClick={() => audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
            {t("common.loadMore")}
          </Button>
        )}
        {rows.length > 0 && audit.data?.pages[0] && (
          <Typography.Text type="secondary" data-testid="list-total">
            {t("common.shownOfTotal", { shown: rows.length, total: totalFigure(audit.data.pages[0]) })}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}
