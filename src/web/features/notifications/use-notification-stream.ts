import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { apiUrl } from "../../api/client";
import { caseIdOf, NOTIFICATIONS_KEY, type NotificationItem } from "./use-notifications";

/**
 * Listens to /api/notifications/stream while mounted (the browser reconnects by itself after a
 * drop). Each new notification refreshes the list and badge, and the cases it concerns, then is
 * handed to `onNotification` (e.g. to show a toast).
 */
export function useNotificationStream(onNotification: (n: NotificationItem) => void, enabled = true) {
  const client = useQueryClient();
  const callback = useRef(onNotification);
  useEffect(() => {
    callback.current = onNotification;
  }, [onNotification]);

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource(apiUrl("/notifications/stream"));
    const onMessage = (event: MessageEvent<string>) => {
      let n: NotificationItem;
      try {
        n = JSON.parse(event.data) as NotificationItem;
      } catch {
        return;
      }
      void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
      const caseId = caseIdOf(n);
      void client.invalidateQueries({ queryKey: ["cases"], predicate: (q) => q.queryKey[1] !== "detail" || q.queryKey[2] === caseId });
      callback.current(n);
    };
    source.addEventListener("notification", onMessage);
    return () => {
      source.removeEventListener("notification", onMessage);
      source.close();
    };
  }, [client, enabled]);
}
