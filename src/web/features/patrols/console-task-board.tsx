import { useState } from "react";
import { Alert, Card, Col, Progress, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useAreaTree } from "../../api/use-area-tree";
import { errorMessage } from "../../lib/error-message";
import { totalText } from "../../lib/list-total";
import { formatPercent, formatShortDateTime } from "../../lib/format";
import { areaOptions, kindOptions, TASK_STATUS_COLORS, thisMonth } from "./kind-options";
import { useCoverage, useTaskBoard, type TaskFilter } from "./use-patrol-admin";
import type { TaskSummary } from "./types";

const STATUSES = ["current", "open", "overdue", "done", "missed", "cancelled"] as const;

/** Coverage of the month by grid: due, done (on time), missed, as a small card per grid. */
function GridCoverage({ areaId, targetKind }: { areaId?: string; targetKind?: string }) {
  const { t } = useTranslation();
  const month = thisMonth();
  const coverage = useCoverage(month, areaId, targetKind);
  if (coverage.isError) return <Alert type="error" title={errorMessage(coverage.error, t)} />;
  const grids = coverage.data?.byGrid ?? [];
  return (
    <Row gutter={[12, 12]} className="p-console-coverage" data-testid="patrol-coverage">
      {grids.map((g) => (
        <Col key={g.grid?.id ?? "none"} xs={24} sm={12} lg={8} xl={6}>
          <Card size="small" title={g.grid?.name ?? t("patrols.console.noGrid")} loading={coverage.isPending}>
            <Progress percent={Math.round((g.coverage ?? 0) * 100)} size="small" />
            <Space size={12} wrap>
              <span>{t("patrols.console.due", { count: g.due })}</span>
              <span>{t("patrols.console.done", { count: g.done })}</span>
              <span>{t("patrols.console.onTime", { value: formatPercent(g.timeliness) })}</span>
              {g.missed > 0 && <Typography.Text type="danger">{t("patrols.console.missed", { count: g.missed })}</Typography.Text>}
              {g.open > 0 && <span>{t("patrols.console.open", { count: g.open })}</span>}
            </Space>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 任务看板: every task of the scope by grid, status (overdue included) and kind, with the month's
 * coverage per grid. It opens on today's and overdue tasks, the most overdue first, with their total.
 */
export function ConsoleTaskBoard() {
  const { t } = useTranslation();
  const tree = useAreaTree();
  const [filter, setFilter] = useState<TaskFilter>({ status: "current" });
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const board = useTaskBoard(filter, cursor);
  const change = (next: TaskFilter) => {
    setFilter(next);
    setCursors([]);
  };
  return (
    <div data-testid="patrol-board">
      <Space wrap className="p-console-filters">
        <Select
          allowClear
          placeholder={t("patrols.console.area")}
          className="p-console-select"
          options={areaOptions(tree.data ?? [])}
          value={filter.areaId}
          onChange={(areaId) => change({ ...filter, areaId })}
          data-testid="board-area"
        />
        <Select
          allowClear
          placeholder={t("patrols.console.status")}
          className="p-console-select"
          options={STATUSES.map((s) => ({ value: s, label: t(`patrols.status.${s}`) }))}
          value={filter.status}
          onChange={(status) => change({ ...filter, status })}
          data-testid="board-status"
        />
        <Select allowClear placeholder={t("patrols.console.kind")} className="p-console-select" options={kindOptions(t)} value={filter.targetKind} onChange={(targetKind) => change({ ...filter, targetKind })} />
      </Space>
      <Typography.Title level={5}>{t("patrols.console.coverageTitle", { month: thisMonth() })}</Typography.Title>
      <GridCoverage areaId={filter.areaId} targetKind={filter.targetKind} />
      {board.isError && <Alert type="error" title={errorMessage(board.error, t)} />}
      <div className="ll-list-total">
        <Typography.Text strong data-testid="board-total" data-total={board.data?.total}>
          {totalText(t, board.data)}
        </Typography.Text>
      </div>
      <Table<TaskSummary>
        className="p-console-table"
        rowKey="id"
        size="middle"
        loading={board.isFetching}
        dataSource={board.data?.items ?? []}
        pagination={false}
        data-testid="board-table"
        columns={[
          { title: t("patrols.console.target"), dataIndex: "targetLabel", render: (v: string, r) => <span>{v}{r.address && <Typography.Text type="secondary" className="p-console-address">{r.address}</Typography.Text>}</span> },
          { title: t("patrols.console.kind"), dataIndex: "targetKind", width: 120, render: (k: string) => t(`patrols.kind.${k}`) },
          { title: t("patrols.console.period"), width: 190, render: (_, r) => `${r.periodStart} ~ ${r.periodEnd}` },
          { title: t("patrols.console.assignee"), width: 110, render: (_, r) => r.assignee.name },
          { title: t("patrols.console.grid"), width: 130, render: (_, r) => r.area.name },
          {
            title: t("patrols.console.status"),
            width: 140,
            render: (_, r) => (
              <Space size={4}>
                <Tag color={TASK_STATUS_COLORS[r.status]}>{t(`patrols.status.${r.status}`)}</Tag>
                {r.overdue && r.status === "open" && <Tag color="error">{t("patrols.status.overdue")}</Tag>}
              </Space>
            ),
          },
          { title: t("patrols.console.doneAt"), dataIndex: "doneAt", width: 120, render: (v: string | null) => (v ? formatShortDateTime(v) : "—") },
        ]}
      />
      <Space className="p-console-pager">
        <a onClick={() => setCursors((c) => c.slice(0, -1))} aria-disabled={cursors.length === 0} className={cursors.length === 0 ? "p-console-disabled" : ""}>
          {t("patrols.console.prev")}
        </a>
        <a
          onClick={() => board.data?.nextCursor && setCursors((c) => [...c, board.data!.nextCursor!])}
          aria-disabled={!board.data?.nextCursor}
          className={!board.data?.nextCursor ? "p-console-disabled" : ""}
          data-testid="board-next"
        >
          {t("patrols.console.next")}
        </a>
      </Space>
    </div>
  );
}
