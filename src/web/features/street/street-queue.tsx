import { Card, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import type { StreetQueueReply } from "../../../contracts/street";
import { formatNumber, formatShortDateTime } from "../../lib/format";
import { LevelTag, StatusTag } from "../cases/case-tags";
import { useCategoryName } from "../cases/use-categories";
import { departmentKey } from "../cases/departments";
import { useStreetQueue } from "./use-street";

type Item = StreetQueueReply["items"][number];

/** The street-level queue: cases escalated to the street or handed to departments, overdue first, then the soonest due. */
export function StreetQueue() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const categoryName = useCategoryName();
  const queue = useStreetQueue(50);
  const columns: TableColumnsType<Item> = [
    {
      title: t("cases.fields.number"),
      dataIndex: "number",
      width: 170,
      render: (v: string, c) => (
        <Typography.Link className="ll-mono" onClick={() => navigate(`/cases/${c.id}`)}>
          {v}
        </Typography.Link>
      ),
    },
    {
      title: t("cases.fields.problem"),
      key: "problem",
      ellipsis: true,
      render: (_, c) => (
        <span title={c.description}>
          <strong>{categoryName(c.categoryCode, c.categoryName)}</strong> <span className="ll-muted">{c.description}</span>
        </span>
      ),
    },
    { title: t("street.community"), key: "community", width: 120, render: (_, c) => c.community?.name ?? "—" },
    { title: t("cases.fields.level"), dataIndex: "level", width: 96, render: (v: Item["level"]) => <LevelTag level={v} /> },
    {
      title: t("street.queue.holder"),
      key: "holder",
      width: 130,
      render: (_, c) => {
        if (c.handler) return c.handler.name;
        const key = departmentKey(c.department);
        return key ? t(`cases.departments.${key}`) : (c.department ?? "—");
      },
    },
    { title: t("cases.fields.status"), dataIndex: "status", width: 96, render: (v: Item["status"]) => <StatusTag status={v} /> },
    {
      title: t("street.queue.due"),
      key: "due",
      width: 150,
      render: (_, c) => (
        <span data-testid="queue-due">
          {c.dueAt ? formatShortDateTime(c.dueAt) : "—"} {c.overdue && <Tag color="red">{t("street.queue.overdue")}</Tag>}
        </span>
      ),
    },
  ];
  return (
    <Card
      className="ll-page-card ll-gap"
      title={t("street.queue.title")}
      extra={<span data-testid="street-queue-total">{t("street.queue.total", { count: queue.data?.total ?? 0, n: formatNumber(queue.data?.total ?? 0) })}</span>}
    >
      <Table<Item>
        rowKey="id"
        size="small"
        loading={queue.isLoading}
        columns={columns}
        dataSource={queue.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t("street.queue.empty") }}
        data-testid="street-queue"
      />
    </Card>
  );
}
