import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, ErrorBlock, PullToRefresh, Skeleton, Tabs, Toast } from "antd-mobile";
import { useTranslation } from "react-i18next";
import { apiGet } from "../../api/client";
import { errorMessage } from "../../lib/error-message";
import { MobileTaskCard } from "./mobile-task-card";
import { OutboxIndicator, OutboxList } from "./mobile-outbox-panel";
import { MY_TASKS_MAX, MY_TASKS_PAGE, useMyTasks, usePrefetchChecklists } from "./use-my-tasks";
import { useOutbox } from "./use-outbox";
import { currentPosition } from "./use-track-recorder";
import type { MyTaskView, RouteReply, TaskSummary } from "./types";
import "./patrols.css";

const VIEWS: MyTaskView[] = ["today", "week", "overdue"];

/** A walking order through the open tasks of a view, from where the phone is. */
function useRoute(view: MyTaskView, start: [number, number] | null) {
  return useQuery({
    queryKey: ["patrols", "route", view, start],
    queryFn: ({ signal }) => apiGet<RouteReply>("/patrols/my/route", { view, lng: start?.[0], lat: start?.[1], limit: 100 }, signal),
    enabled: !!start,
  });
}

interface WalkGroup {
  key: string;
  compound: string | null;
  building: string | null;
  unit: string | null;
  items: TaskSummary[];
}

/**
 * Today's tasks grouped compound → building → unit, keeping the walking order the server gives:
 * a new group starts whenever the place changes, so the groups follow the walk.
 */
function walkGroups(items: TaskSummary[]): WalkGroup[] {
  const groups: WalkGroup[] = [];
  for (const task of items) {
    const w = task.walk;
    const key = w ? `${w.compound ?? ""}|${w.building ?? ""}|${w.unit ?? ""}` : "";
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.items.push(task);
    else groups.push({ key, compound: w?.compound ?? null, building: w?.building ?? null, unit: w?.unit ?? null, items: [task] });
  }
  return groups;
}

/** The tasks of a view in walking order, under a heading per compound and per building/unit. */
function GroupedTasks({ items, queued, onOpen }: { items: TaskSummary[]; queued: Set<string>; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const groups = walkGroups(items);
  return (
    <>
      {groups.map((g, i) => {
        const compound = g.compound ?? (g.key ? null : t("patrols.day.noPlace"));
        const newCompound = i === 0 || groups[i - 1].compound !== g.compound || (!g.key && !!groups[i - 1].key);
        const place = [g.building, g.unit].filter(Boolean).join(" ");
        return (
          <section key={`${g.key}-${i}`} className="p-walk-group" data-testid="walk-group">
            {newCompound && compound && (
              <div className="p-walk-compound" data-testid="walk-compound">
                {compound}
              </div>
            )}
            {place && (
              <div className="p-walk-place" data-testid="walk-place">
                {place}
                <span className="p-muted"> · {g.items.length}</span>
              </div>
            )}
            {g.items.map((task) => (
              <MobileTaskCard key={task.id} task={task} queued={queued.has(task.id)} onOpen={() => onOpen(task.id)} />
            ))}
          </section>
        );
      })}
    </>
  );
}

/**
 * The grid worker's patrol list: today's, this week's and overdue tasks (by the last day of their
 * period, overdue in red), the queue of visits recorded on the phone, and on request a route
 * through the open tasks from the current position.
 */
export function MobileTaskList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<MyTaskView>("today");
  const [start, setStart] = useState<[number, number] | null>(null);
  const [locating, setLocating] = useState(false);
  const [limit, setLimit] = useState(MY_TASKS_PAGE);
  const tasks = useMyTasks(view, limit);
  const route = useRoute(view, start);
  const outbox = useOutbox();
  usePrefetchChecklists(tasks.data?.items);
  const queued = new Set(outbox.pending.map((r) => r.taskId));
  const counts = tasks.data?.counts;

  const planRoute = async () => {
    if (start) {
      setStart(null);
      return;
    }
    setLocating(true);
    const here = await currentPosition();
    setLocating(false);
    if (!here) {
      Toast.show({ content: t("patrols.route.noPosition") });
      return;
    }
    setStart(here);
  };

  const body = () => {
    if (tasks.isPending) return <Skeleton.Paragraph lineCount={8} animated className="m-pad" />;
    if (tasks.isError) return <ErrorBlock status="disconnected" title={errorMessage(tasks.error, t)} description="" />;
    if (start && route.data) {
      return (
        <div className="p-task-list" data-testid="patrol-route">
          <div className="p-route-summary">{t("patrols.route.summary", { count: route.data.items.length, km: (route.data.totalMeters / 1000).toFixed(1) })}</div>
          {route.data.items.map((item) => (
            <MobileTaskCard key={item.id} task={item} order={item.order} legMeters={item.legMeters} queued={queued.has(item.id)} onOpen={() => onOpen(item.id)} />
          ))}
          {route.data.unplaced.map((item) => (
            <MobileTaskCard key={item.id} task={item} queued={queued.has(item.id)} onOpen={() => onOpen(item.id)} />
          ))}
        </div>
      );
    }
    if (start && route.isError) return <ErrorBlock status="disconnected" title={errorMessage(route.error, t)} description="" />;
    const items = tasks.data.items;
    if (items.length === 0) return <ErrorBlock status="empty" title={t(`patrols.empty.${view}`)} description="" />;
    // The count is the whole list: what the page did not bring is offered, never cut off silently.
    const left = Math.max(0, tasks.data.counts[view] - items.length);
    return (
      <div className="p-task-list" data-testid="patrol-task-list">
        {view === "today" && (
          <div className="p-day-header" data-testid="patrol-day-total">
            {t("patrols.day.header", { count: tasks.data.counts.today })}
          </div>
        )}
        {view === "today" ? (
          <GroupedTasks items={items} queued={queued} onOpen={onOpen} />
        ) : (
          items.map((task) => <MobileTaskCard key={task.id} task={task} queued={queued.has(task.id)} onOpen={() => onOpen(task.id)} />)
        )}
        {left > 0 && limit < MY_TASKS_MAX && (
          <Button block fill="outline" loading={tasks.isFetching} onClick={() => setLimit((l) => Math.min(MY_TASKS_MAX, l + MY_TASKS_PAGE))} data-testid="patrol-load-more">
            {t("patrols.day.more", { count: left })}
          </Button>
        )}
      </div>
    );
  };

  return (
    <div className="p-page">
      <OutboxIndicator outbox={outbox} />
      <Tabs
        activeKey={view}
        onChange={(k) => {
          setView(k as MyTaskView);
          setLimit(MY_TASKS_PAGE);
        }}
        className="p-tabs"
      >
        {VIEWS.map((v) => (
          <Tabs.Tab key={v} title={<span data-testid={`patrol-tab-${v}`}>{t(`patrols.view.${v}`, { count: counts?.[v] ?? 0 })}</span>} />
        ))}
      </Tabs>
      <div className="p-list-tools">
        <span className="p-muted" data-testid="patrol-done-today">
          {tasks.data ? t("patrols.doneToday", { count: tasks.data.counts.doneToday, week: `${tasks.data.weekStart.slice(5)}~${tasks.data.weekEnd.slice(5)}` }) : ""}
        </span>
        {view !== "overdue" && (
          <Button size="mini" fill="outline" loading={locating || (!!start && route.isPending)} onClick={() => void planRoute()} disabled={!outbox.online} data-testid="patrol-route-toggle">
            {start ? t("patrols.route.off") : t("patrols.route.on")}
          </Button>
        )}
      </div>
      <PullToRefresh onRefresh={async () => void (await tasks.refetch())}>{body()}</PullToRefresh>
      <OutboxList outbox={outbox} />
    </div>
  );
}
