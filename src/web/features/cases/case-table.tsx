import { Table, Typography, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatShortDateTime } from "../../lib/format";
import { departmentKey } from "./departments";
import { ChannelText, LevelTag, StatusTag, TimerTag } from "./case-tags";
import { useCategoryName } from "./use-categories";
import type { CaseSummary } from "./types";
import { useAreaTree } from "../../api/use-area-tree";

interface Props {
  rows: CaseSummary[];
  loading: boolean;
  onOpen: (c: CaseSummary) => void;
}

/** The case list: number, category, what, where, how it came in, level, status and time limit. */
export function CaseTable({ rows, loading, onOpen }: Props) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  // The 社区 column for users whose scope covers more than one community.
  const manyCommunities = (useAreaTree().data ?? []).filter((a) => a.level === "community").length > 1;
  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t("cases.fields.number"),
      dataIndex: "number",
      width: 160,
      render: (v: string, c) => (
        <Typography.Link className="ll-mono" onClick={() => onOpen(c)}>
          {v}
        </Typography.Link>
      ),
    },
    {
      title: t("cases.fields.problem"),
      key: "problem",
      ellipsis: true,
      render: (_, c) => (
        <div className="ll-case-problem">
          <strong>{categoryName(c.categoryCode, c.categoryName)}</strong>
          <span className="ll-muted" title={c.description}>
            {c.description}
          </span>
        </div>
      ),
    },
    ...(manyCommunities
      ? [{ title: t("street.community"), key: "community", width: 110, render: (_: unknown, c: CaseSummary) => <span data-testid="case-community-cell">{c.community?.name ?? "—"}</span> }]
      : []),
    {
      title: t("cases.fields.place"),
      key: "place",
      width: 200,
      ellipsis: true,
      render: (_, c) => (
        <div className="ll-case-problem" data-testid="case-place-cell">
          <span className="ll-case-place-grid">{c.grid?.name ?? c.community?.name ?? "—"}</span>
          {c.address && (
            <span className="ll-muted" title={c.address}>
              {c.address}
            </span>
          )}
        </div>
      ),
    },
    { title: t("cases.fields.channel"), key: "channel", width: 150, render: (_, c) => <ChannelText c={c} /> },
    { title: t("cases.fields.level"), dataIndex: "level", width: 96, render: (v: CaseSummary["level"]) => <LevelTag level={v} /> },
    { title: t("cases.fields.status"), dataIndex: "status", width: 96, render: (v: CaseSummary["status"]) => <StatusTag status={v} /> },
    { title: t("cases.fields.timer"), key: "timer", width: 96, render: (_, c) => <TimerTag c={c} /> },
    {
      title: t("cases.fields.handler"),
      key: "handler",
      width: 110,
      render: (_, c) => {
        const key = departmentKey(c.department);
        return c.handler?.name ?? (c.department ? (key ? t(`cases.departments.${key}`) : c.department) : "—");
      },
    },
    {
      title: t("cases.fields.createdAt"),
      dataIndex: "createdAt",
      width: 120,
      render: (v: string) => (
        <span className="ll-mono" title={formatDateTime(v)}>
          {formatShortDateTime(v)}
        </span>
      ),
    },
  ];
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1240 }}
      onRow={(c) => ({ onClick: () => onOpen(c), className: `ll-case-row ll-case-row-${c.status === "closed" ? "closed" : c.timer}` })}
      data-testid="case-table"
    />
  );
}
