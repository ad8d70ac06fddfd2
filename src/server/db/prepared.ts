import { createHash } from "node:crypto";
import { DrizzleQueryError, type SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import type { Database, DbOrTx } from "./client";

/**
 * Runs a raw statement of a hot path. On PostgreSQL, outside a transaction (the executor is the
 * database itself), it goes to the pool as a named prepared statement (named by a hash of its text,
 * so each pooled connection parses and plans a shape once); anywhere else through Drizzle as usual.
 * For statements whose columns are text, numbers or booleans: the pool's own type parsers read them.
 * A failure is raised as Drizzle's `DrizzleQueryError`, as on the other path.
 */
export async function executeHot(database: Database, executor: DbOrTx, statement: SQL): Promise<unknown> {
  if (database.pool && executor === database.db) {
    const q = (database.db as unknown as { dialect: PgDialect }).dialect.sqlToQuery(statement);
    const name = `linli_${createHash("sha1").update(q.sql).digest("base64url").slice(0, 24)}`;
    try {
      return await database.pool.query({ name, text: q.sql, values: q.params as unknown[] });
    } catch (err) {
      // The same error Drizzle raises, so that logging (values scrubbed), 409 on a unique violation
      // and 503 on a lost connection treat both paths alike.
      throw new DrizzleQueryError(q.sql, q.params as unknown[], err as Error);
    }
  }
  return executor.execute(statement);
}
