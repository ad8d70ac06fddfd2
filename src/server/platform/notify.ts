import { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { notifications } from "../db/schema/files";
import type { Database, DbOrTx } from "../db/client";
import { Coalescer } from "../db/coalesce";
import { executeHot } from "../db/prepared";
import { uuidv7 } from "./ids";

export interface NotificationInput {
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
}

export type NotificationRow = typeof notifications.$inferSelect;

/** The PostgreSQL channel that carries notifications between the server processes. */
export const NOTIFY_CHANNEL = "linli_notifications";
/** A NOTIFY payload must stay under 8000 bytes; a larger row travels as its id and is read back. */
const MAX_PAYLOAD = 7000;

type Wire = { o: string; r?: NotificationRow; id?: string; u?: string };
type Log = { warn(obj: object, msg: string): void; info(msg: string): void };

/**
 * In-app notifications. Rows are written inside the caller's transaction; after it commits the
 * caller hands them to `publish`, which pushes them over SSE to the user's open pages.
 *
 * One process (PGlite, tests): an in-process event emitter. Several processes on one PostgreSQL
 * (`connect`): `publish` also sends each row with `pg_notify`, and every process LISTENs and pushes
 * the rows other processes published to the streams open on it, so a page open on one worker sees
 * what a request on another wrote.
 */
export class NotificationBus {
  private readonly emitter = new EventEmitter();
  /** Marks this process's own messages, which it already delivered locally. */
  readonly origin = randomBytes(6).toString("base64url");
  private database: Database | null = null;
  private listener: { stop(): Promise<void> } | null = null;
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
    const database = this.database;
    if (!database || rows.length === 0) return;
    for (const row of rows) {
      let payload = JSON.stringify({ o: this.origin, r: row } satisfies Wire);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ o: this.origin, id: row.id, u: row.userId } satisfies Wire);
      // After commit, fire and forget: a lost push leaves the row in the list the page reloads.
      this.outgoing(database).submit(payload).catch(() => undefined);
    }
  }

  private sender: Coalescer<string, true> | null = null;
  /** Rows published together leave in one statement (one NOTIFY each, in order). */
  private outgoing(database: Database): Coalescer<string, true> {
    this.sender ??= new Coalescer(
      async (payloads) => {
        await executeHot(database, database.db, sql`SELECT pg_notify(${NOTIFY_CHANNEL}, p) FROM jsonb_array_elements_text(${JSON.stringify(payloads)}::jsonb) AS p`);
        return payloads.map(() => true as const);
      },
      { maxGroup: 100, maxInFlight: 1 },
    );
    return this.sender;
  }

  subscribe(userId: string, listener: (row: NotificationRow) => void): () => void {
    this.emitter.on(userId, listener);
    return () => this.emitter.off(userId, listener);
  }

  /** Whether a user has a stream open on this process. */
  private watched(userId: string): boolean {
    return this.emitter.listenerCount(userId) > 0;
  }

  /**
   * PostgreSQL: fan out across processes. Opens a dedicated connection that LISTENs (and opens it
   * again after the server restarts); `publish` sends through the pool of `database`.
   */
  async connect(database: Database, url: string, log: Log): Promise<void> {
    if (database.kind !== "postgres" || this.listener) return;
    this.database = database;
    this.listener = await listenChannel(url, NOTIFY_CHANNEL, log, (payload) => void this.receive(payload));
  }

  private async receive(payload: string): Promise<void> {
    let wire: Wire;
    try {
      wire = JSON.parse(payload) as Wire;
    } catch {
      return;
    }
    if (wire.o === this.origin) return;
    let row = wire.r;
    if (!row && wire.id && wire.u && this.watched(wire.u) && this.database) {
      [row] = await this.database.db.select().from(notifications).where(eq(notifications.id, wire.id)).limit(1);
    }
    if (!row || !this.watched(row.userId)) return;
    this.emitter.emit(row.userId, { ...row, createdAt: new Date(row.createdAt), readAt: row.readAt ? new Date(row.readAt) : null });
  }

  async close(): Promise<void> {
    await this.listener?.stop();
    this.listener = null;
    this.database = null;
  }
}

/**
 * A connection that LISTENs on a channel for as long as the process runs: when the server goes away
 * it is opened again (every second, then up to every 10 s), logging the loss once.
 */
export async function listenChannel(url: string, channel: string, log: Log, onMessage: (payload: string) => void): Promise<{ stop(): Promise<void> }> {
  const pg = (await import("pg")).default;
  let stopped = false;
  let client: import("pg").Client | null = null;
  let delay = 1000;
  let timer: NodeJS.Timeout | null = null;
  const open = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5000 });
    let failed = false;
    const fail = (err: Error) => {
      if (failed || stopped) return;
      failed = true;
      log.warn({ err: { message: err.message } }, `LISTEN ${channel}: connection lost, opening it again`);
      c.end().catch(() => undefined);
      client = null;
      timer = setTimeout(() => void open(), delay);
      timer.unref();
      delay = Math.min(delay * 2, 10_000);
    };
    c.on("error", fail);
    c.on("end", () => fail(new Error("connection ended")));
    c.on("notification", (m) => {
      if (m.channel === channel && m.payload) onMessage(m.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      client = c;
      delay = 1000;
    } catch (err) {
      fail(err as Error);
    }
  };
  await open();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
