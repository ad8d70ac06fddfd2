import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { notificationsReply } from "../../../contracts/cases";
import { apiGet, apiPost } from "../../api/client";

export type NotificationsReply = z.infer<typeof notificationsReply>;
export type NotificationItem = NotificationsReply["items"][number];

export const NOTIFICATIONS_KEY = ["notifications"] as const;

/** The caller's latest 50 notifications and the unread count. */
export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: ({ signal }) => apiGet<NotificationsReply>("/notifications", undefined, signal),
    staleTime: 60_000,
  });
}

/** Marks some notifications read, or all of them when no ids are given. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => apiPost<{ ok: true }>("/notifications/read", ids ? { ids } : {}),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** The case a notification points to (`link` is "case:<id>"), if any. */
export function caseIdOf(n: Pick<NotificationItem, "link">): string | null {
  return n.link?.startsWith("case:") ? n.link.slice(5) : null;
}
