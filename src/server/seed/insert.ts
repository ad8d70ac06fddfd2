import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";

/** At most 500 rows per statement, far below PostgreSQL's 65,535 bind parameters. */
export const BATCH_ROWS = 500;

/** Inserts `rows` into `table` in batches, inside the caller's transaction. */
export async function insertBatches<T extends PgTable>(tx: Tx, table: T, rows: ReadonlyArray<T["$inferInsert"]>, size = BATCH_ROWS): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await tx.insert(table).values(rows.slice(i, i + size) as never);
  }
}
