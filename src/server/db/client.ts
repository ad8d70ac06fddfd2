import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import * as schema from "./schema/index";

export type Schema = typeof schema;
/** The Drizzle database, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /** Applies the SQL migrations that have not run yet. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: listens to connections that fail outside a query (an idle pooled client whose
   * backend was terminated, a server restart). Such a client is discarded and the pool opens a new
   * one on the next query; the listener is for logging. Returns the unsubscribe function.
   */
  onConnectionError?(listener: (err: Error) => void): () => void;
  /** PostgreSQL only: the connection pool (advisory-lock leadership, prepared statements on hot paths). */
  pool?: import("pg").Pool;
  /**
   * PostgreSQL only: two connections whose commits do not wait for the WAL flush, for counters taken
   * outside the writing transaction (case numbers). Safe for a counter: the write that uses the value
   * commits later in the WAL, so whatever survives a crash has its counter step before it.
   */
  counterPool?: import("pg").Pool;
}

export type PgliteSource = { dataDir?: string; loadDataDir?: Blob | File };

/** Opens embedded PGlite (in a folder, in memory, or from a dump). */
export async function openPglite(source: PgliteSource = {}): Promise<Database & { pglite: import("@electric-sql/pglite").PGlite }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const pglite = await PGlite.create({ dataDir: source.dataDir, loadDataDir: source.loadDataDir });
  await pglite.exec("SET TIME ZONE 'Asia/Shanghai'");
  const db = drizzle({ client: pglite, schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    pglite,
    migrate: async () => {
      await migrate(drizzle({ client: pglite, schema }), { migrationsFolder: MIGRATIONS_DIR });
    },
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** How long a query waits for a connection (a free pooled one or a new one) before it fails. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Opens a pool on a PostgreSQL server. The server may go away (restart, failover,
 * `pg_terminate_backend`) and come back: a client whose connection fails is discarded, and the
 * process never dies of an unhandled `error` event; queries meanwhile fail with connection errors
 * that the HTTP layer answers as 503 DATABASE_UNAVAILABLE (see `isDatabaseUnavailable`).
 */
export async function openPostgres(
  url: string,
  poolSize = 10,
  options: { connectionTimeoutMillis?: number } = {},
): Promise<Database & { pool: import("pg").Pool; counterPool: import("pg").Pool }> {
  const pg = (await import("pg")).default;
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  // int8 arrives as a string from pg; every bigint column declares mode "number" and counts are cast in SQL.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: "-c timezone=Asia/Shanghai",
    // A query must not hang while the server is unreachable: it waits this long for a connection.
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? CONNECT_TIMEOUT_MS,
    // Notice a peer that vanished without closing the socket (failover, network cut).
    keepAlive: true,
  });
  const listeners = new Set<(err: Error) => void>();
  const seen = new WeakSet<Error>();
  const report = (err: Error) => {
    if (seen.has(err)) return; // the same error arrives from the client and from the pool
    seen.add(err);
    for (const listener of listeners) listener(err);
  };
  // Idle clients: pg-pool removes the broken client and re-emits its error here. Without a
  // listener this event would be unhandled and end the process.
  pool.on("error", report);
  // Checked-out clients have no pool listener; their error also rejects the running query, and
  // pg-pool discards a client that is no longer queryable when it is released.
  pool.on("connect", (client) => client.on("error", report));
  const counterPool = new pg.Pool({
    connectionString: url,
    max: 2,
    options: "-c timezone=Asia/Shanghai -c synchronous_commit=off",
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  counterPool.on("error", report);
  counterPool.on("connect", (client) => client.on("error", report));
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    pool,
    counterPool,
    onConnectionError: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    migrate: async () => {
      await migrate(drizzle({ client: pool, schema }), { migrationsFolder: MIGRATIONS_DIR });
    },
    close: async () => {
      await Promise.all([pool.end(), counterPool.end()]);
    },
  };
}

/** Refreshes planner statistics; PGlite has no autovacuum, so this runs after bulk loads and on a timer. */
export async function analyze(db: Db): Promise<void> {
  await db.execute(sql`VACUUM ANALYZE`);
}

/** Rows of a raw `db.execute`, normalised across drivers. */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}
