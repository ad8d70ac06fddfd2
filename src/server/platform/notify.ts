import { EventEmitter } from "node:events";
import { notifications } from "../db/schema/files";
import type { DbOrTx } from "../db/client";
import { uuidv7 } from "./ids";

export interface NotificationInput {
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
}

export type NotificationRow = typeof notifications.$inferSelect;

/**
 * In-app notifications. Rows are written inside the caller's transaction; after it commits the
 * caller hands them to `publish`, which pushes them over SSE to the user's open pages.
 */
export class NotificationBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async add(tx: DbOrTx, items: NotificationInput[]): Promise<NotificationRow[]> {
    const unique = items.filter((n, i) => items.findIndex((m) => m.userId === n.userId && m.kind === n.kind) === i);
    if (unique.length === 0) return [];
    return tx
      .insert(notifications)
      .values(unique.map((n) => ({ id: uuidv7(), userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? "", link: n.link ?? null })))
      .returning();
  }

  publish(rows: NotificationRow[]): void {
    for (const row of rows) this.emitter.emit(row.userId, row);
  }

  subscribe(userId: string, listener: (row: NotificationRow) => void): () => void {
    this.emitter.on(userId, listener);
    return () => this.emitter.off(userId, listener);
  }
}
