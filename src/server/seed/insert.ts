import { createHash } from "node:crypto";
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";

/** At most 500 rows per statement, far below PostgreSQL's 65,535 bind parameters. */
export const BATCH_ROWS = 500;

type Row = Record<string, unknown>;

/**
 * Keys set (not undefined) in every row, or null when rows differ in which keys they set, or when
 * a custom-type column holds a null (placeholders would pass it to the column's encoder).
 */
function uniformKeys(table: PgTable, rows: ReadonlyArray<Row>): string[] | null {
  const columns = getTableColumns(table) as Record<string, { columnType: string }>;
  const keys = Object.keys(rows[0]).filter((k) => rows[0][k] !== undefined);
  for (const row of rows) {
    let n = 0;
    for (const k in row) if (row[k] !== undefined) n++;
    if (n !== keys.length) return null;
    for (const k of keys) {
      const v = row[k];
      if (v === undefined || (v === null && columns[k]?.columnType === "PgCustomColumn")) return null;
    }
  }
  return keys;
}

/**
 * Inserts `rows` into `table` in batches of `size`, inside the caller's transaction.
 *
 * Large, uniform tables go through one statement prepared with placeholders and executed per
 * batch: building a 500-row statement anew costs Drizzle several milliseconds (about 2 s for the
 * demo's residents), filling placeholders a fraction of that. The rest use `values(batch)` as is.
 */
export async function insertBatches<T extends PgTable>(tx: Tx, table: T, rows: ReadonlyArray<T["$inferInsert"]>, size = BATCH_ROWS): Promise<void> {
  const all = rows as ReadonlyArray<Row>;
  const keys = all.length >= 2 * size ? uniformKeys(table, all) : null;
  let done = 0;
  if (keys) {
    const template = Array.from({ length: size }, (_, i) => Object.fromEntries(keys.map((k) => [k, sql.placeholder(`${k}_${i}`)])));
    const prepared = tx
      .insert(table)
      .values(template as never)
      .prepare(`seed_${getTableName(table)}_${size}_${createHash("sha1").update(keys.join(",")).digest("hex").slice(0, 8)}`);
    for (; done + size <= all.length; done += size) {
      const params: Row = {};
      for (let i = 0; i < size; i++) {
        const row = all[done + i];
        for (const k of keys) params[`${k}_${i}`] = row[k];
      }
      await prepared.execute(params);
    }
  }
  for (; done < all.length; done += size) {
    await tx.insert(table).values(all.slice(done, done + size) as never);
  }
}
