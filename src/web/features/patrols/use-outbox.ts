import { useCallback, useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useMe } from "../../api/use-me";
import { deleteRecord, listRecords, onOutboxChange, putRecord, type OutboxRecord } from "./outbox-db";
import { syncOutbox } from "./outbox-sync";
import { isOnline, useOnline } from "../../lib/connectivity";

const RETRY_MS = 30_000;

/**
 * The signed-in user's outbox: its records (kept up to date across tabs), how many wait, and
 * sending. While a page using it is open, pending records go out on opening, when the app is online
 * again (lib/connectivity: the browser's signal and whether the server answers), and every 30
 * seconds while online.
 */
export function useOutbox() {
  const userId = useMe().data?.id ?? null;
  const client = useQueryClient();
  const [records, setRecords] = useState<OutboxRecord[]>([]);
  const [syncing, setSyncing] = useState(false);
  const online = useOnline();

  useEffect(() => {
    if (!userId) return;
    let live = true;
    const load = () =>
      void listRecords(userId)
        .then((rows) => live && setRecords(rows))
        .catch(() => undefined);
    load();
    const stop = onOutboxChange(load);
    return () => {
      live = false;
      stop();
    };
  }, [userId]);

  const sync = useCallback(async () => {
    if (!userId) return;
    setSyncing(true);
    try {
      const outcome = await syncOutbox(userId);
      if (outcome.sent > 0) {
        await client.invalidateQueries({ queryKey: ["patrols"] });
        await client.invalidateQueries({ queryKey: ["cases"] });
      }
    } catch {
      // The outbox itself failed to open (private mode): nothing to send.
    } finally {
      setSyncing(false);
    }
  }, [userId, client]);

  // Back online (the browser says so, or the server answers again): send what waits.
  useEffect(() => {
    if (online) void sync();
  }, [online, sync]);
  useEffect(() => {
    const timer = window.setInterval(() => isOnline() && void sync(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [sync]);

  const pending = records.filter((r) => r.state === "pending");
  return {
    records,
    pending,
    pendingCount: pending.length,
    syncing,
    online,
    sync,
    dismiss: (clientId: string) => deleteRecord(clientId),
    /** A rejected record goes back to the queue unchanged (e.g. after the worker signed in again). */
    retry: (record: OutboxRecord) => putRecord({ ...record, state: "pending", message: undefined }),
  };
}
