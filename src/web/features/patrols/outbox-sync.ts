import { isApiError } from "../../api/api-error";
import { apiPost, apiUpload } from "../../api/client";
import { getRecord, listRecords, putRecord, type OutboxRecord } from "./outbox-db";
import type { SubmitBody, SubmitReply } from "./types";

export type SyncOutcome = { sent: number; stopped: "network" | "session" | null };

/** A network failure or a server that is down: keep the record and try again later. */
const isTransient = (err: unknown) => !isApiError(err) || err.status === 0 || err.status >= 500 || err.status === 429;

async function uploadPhotos(record: OutboxRecord): Promise<OutboxRecord> {
  let current = record;
  for (const photo of record.photos) {
    if (photo.fileId) continue;
    const stored = await apiUpload<{ id: string }>("/files", photo.blob, photo.name);
    // Saved at once: a retry after a lost answer must not upload the photo a second time.
    current = { ...current, photos: current.photos.map((p) => (p.key === photo.key ? { ...p, fileId: stored.id } : p)) };
    await putRecord(current);
  }
  return current;
}

/** The submission as the server takes it, with the uploaded photos' ids in their places. */
export function submitBodyOf(record: OutboxRecord): SubmitBody {
  const answers: SubmitBody["answers"] = { ...record.body.answers };
  const itemPhotos: Record<string, string[]> = {};
  const photoIds: string[] = [];
  for (const p of record.photos) {
    if (!p.fileId) continue;
    if (p.role === "answer" && p.itemId) answers[p.itemId] = [...((answers[p.itemId] as string[] | null) ?? []), p.fileId];
    else if (p.role === "evidence" && p.itemId) (itemPhotos[p.itemId] ??= []).push(p.fileId);
    else photoIds.push(p.fileId);
  }
  return { ...record.body, outcome: record.body.outcome ?? "visited", clientId: record.clientId, answers, itemPhotos, photoIds };
}

async function sendOne(record: OutboxRecord): Promise<"sent" | "network" | "session"> {
  const tried = { ...record, attempts: record.attempts + 1, lastTriedAt: new Date().toISOString() };
  await putRecord(tried);
  try {
    const withFiles = await uploadPhotos(tried);
    const reply = await apiPost<SubmitReply>(`/patrols/tasks/${record.taskId}/submissions`, submitBodyOf(withFiles), { "Idempotency-Key": record.clientId });
    await putRecord({
      ...withFiles,
      state: "done",
      message: undefined,
      result: {
        submissionId: reply.submission.id,
        replayed: reply.replayed,
        syncedAt: new Date().toISOString(),
        cases: reply.submission.cases.map((c) => ({ id: c.id, number: c.number })),
      },
    });
    return "sent";
  } catch (err) {
    const latest = (await getRecord(record.clientId)) ?? tried;
    if (isTransient(err)) return "network";
    if (isApiError(err) && err.status === 401) return "session";
    if (isApiError(err) && (err.status === 409 || err.status === 404)) {
      const d = (err.details ?? {}) as { reason?: string; assignee?: { name?: string }; doneAt?: string | null };
      await putRecord({
        ...latest,
        state: "conflict",
        message: err.message,
        conflict: { reason: err.status === 404 ? "gone" : (d.reason ?? "conflict"), assigneeName: d.assignee?.name ?? null, doneAt: d.doneAt ?? null },
      });
      return "sent";
    }
    await putRecord({ ...latest, state: "rejected", message: isApiError(err) ? err.message : String(err) });
    return "sent";
  }
}

let running: Promise<SyncOutcome> | null = null;

async function sendAll(userId: string): Promise<SyncOutcome> {
  let sent = 0;
  for (const record of await listRecords(userId)) {
    if (record.state !== "pending") continue;
    const outcome = await sendOne(record);
    if (outcome !== "sent") return { sent, stopped: outcome };
    sent++;
  }
  return { sent, stopped: null };
}

/**
 * Sends the user's pending records, oldest first, one at a time; stops at the first network
 * failure (the rest wait for the network too). One run at a time in this tab, and with Web Locks
 * one across the app's tabs; the server's client-id check covers anything that still overlaps.
 */
export function syncOutbox(userId: string): Promise<SyncOutcome> {
  if (running) return running;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  running = (locks ? locks.request("linli-patrol-outbox", () => sendAll(userId)) : sendAll(userId)).finally(() => {
    running = null;
  });
  return running;
}
