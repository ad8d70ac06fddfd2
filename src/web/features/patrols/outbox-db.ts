import type { SubmitBody } from "./types";

/**
 * The phone's outbox of filled checklists (IndexedDB, so photos stay as blobs and survive a
 * reload or a dead battery). A record keeps its client id from the moment the form is filled; the
 * server stores a client id once, so sending a record again never makes a second visit.
 */

export type OutboxPhotoRole = "answer" | "evidence" | "general";

export interface OutboxPhoto {
  key: string;
  /** The checklist item the photo belongs to (null: a photo of the visit as a whole). */
  itemId: string | null;
  /** answer: the answer of a photo item; evidence: proof of a failed item; general: the visit's. */
  role: OutboxPhotoRole;
  blob: Blob;
  name: string;
  /** Set once uploaded, so a retry after a lost answer does not upload it again. */
  fileId?: string;
}

export type OutboxState = "pending" | "done" | "conflict" | "rejected";

export interface OutboxConflict {
  reason: "reassigned" | "already_done" | "cancelled" | "client_id_reused" | "gone" | string;
  assigneeName?: string | null;
  doneAt?: string | null;
}

export interface OutboxRecord {
  clientId: string;
  userId: string;
  taskId: string;
  taskLabel: string;
  templateName: string;
  createdAt: string;
  body: Omit<SubmitBody, "clientId" | "photoIds" | "itemPhotos" | "outcome"> & { outcome?: SubmitBody["outcome"] };
  photos: OutboxPhoto[];
  state: OutboxState;
  attempts: number;
  lastTriedAt?: string;
  /** Why the server refused it (rejected), in the user's language. */
  message?: string;
  conflict?: OutboxConflict;
  result?: { submissionId: string; replayed: boolean; syncedAt: string; cases: Array<{ id: string; number: string }> };
}

const DB_NAME = "linli-patrols";
const STORE = "outbox";

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore(STORE, { keyPath: "clientId" });
      store.createIndex("userId", "userId");
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error);
    };
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("linli-patrol-outbox") : null;
const listeners = new Set<() => void>();
channel?.addEventListener("message", () => listeners.forEach((l) => l()));

/** Called after every change of the outbox, in this tab and in the app's other tabs. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  listeners.forEach((l) => l());
  channel?.postMessage("changed");
}

export async function putRecord(record: OutboxRecord): Promise<void> {
  await run("readwrite", (s) => s.put(record));
  changed();
}

export async function getRecord(clientId: string): Promise<OutboxRecord | undefined> {
  return run("readonly", (s) => s.get(clientId) as IDBRequest<OutboxRecord | undefined>);
}

/** The user's records, oldest first. */
export async function listRecords(userId: string): Promise<OutboxRecord[]> {
  const rows = await run("readonly", (s) => s.index("userId").getAll(userId) as IDBRequest<OutboxRecord[]>);
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function deleteRecord(clientId: string): Promise<void> {
  await run("readwrite", (s) => s.delete(clientId));
  changed();
}
