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

/** Opens a pool on a PostgreSQL server. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database & { pool: import("pg").Pool }> {
  const pg = (await import("pg")).default;
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  // int8 arrives as a string from pg; every bigint column declares mode "number" and counts are cast in SQL.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: "-c timezone=Asia/Shanghai" });
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    pool,
    migrate: async () => {
      await migrate(drizzle({ client: pool, schema }), { migrationsFolder: MIGRATIONS_DIR });
    },
    close: async () => {
      await pool.end();
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
