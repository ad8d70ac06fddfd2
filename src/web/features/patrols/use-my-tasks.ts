import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useMe } from "../../api/use-me";
import { cachedGet } from "./offline-cache";
import type { MyTasksReply, MyTaskView, TaskDetail } from "./types";

export const myTasksKey = (view: MyTaskView) => ["patrols", "my", view] as const;
export const taskKey = (id: string) => ["patrols", "task", id] as const;

const TASK_PATH = (id: string) => `/patrols/tasks/${id}`;
/** How many of the listed open tasks have their checklist saved on the phone ahead of a visit. */
const PREFETCH = 30;

/** The grid worker's tasks of one view; the last answer is kept on the phone for offline use. */
export function useMyTasks(view: MyTaskView, limit = MY_TASKS_PAGE) {
  const userId = useMe().data?.id ?? "";
  return useQuery({
    queryKey: [...myTasksKey(view), limit],
    queryFn: ({ signal }) => cachedGet<MyTasksReply>(userId, "/patrols/my/tasks", { view, limit }, signal),
    enabled: !!userId,
    // Keep the list on screen while a longer page of the same view loads.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === view ? previous : undefined),
  });
}

/** How many tasks the phone list asks for at a time; "load more" asks for the next page's worth too. */
export const MY_TASKS_PAGE = 300;
/** The server's upper bound of `limit` on /patrols/my/tasks. */
export const MY_TASKS_MAX = 2000;

/** One task with its checklist (the template version it was made with) and its submissions. */
export function useTask(id: string) {
  const userId = useMe().data?.id ?? "";
  return useQuery({
    queryKey: taskKey(id),
    queryFn: ({ signal }) => cachedGet<TaskDetail>(userId, TASK_PATH(id), undefined, signal),
    enabled: !!userId,
  });
}

/**
 * Loads the checklists of the listed open tasks while the network is there, so each of them can
 * still be opened and filled in later without it.
 */
export function usePrefetchChecklists(items: Array<{ id: string; status: string }> | undefined) {
  const client = useQueryClient();
  const userId = useMe().data?.id ?? "";
  useEffect(() => {
    if (!items || !userId || !navigator.onLine) return;
    const open = items.filter((t) => t.status === "open" || t.status === "missed").slice(0, PREFETCH);
    for (const t of open) {
      void client.prefetchQuery({ queryKey: taskKey(t.id), queryFn: () => cachedGet<TaskDetail>(userId, TASK_PATH(t.id)), staleTime: 5 * 60_000 });
    }
  }, [items, userId, client]);
}
