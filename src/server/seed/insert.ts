import { createHash } from "node:crypto";
import { getTableColumns, getTableName, sql, type Column } from "drizzle-orm";
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

/**
 * Inserts wide rows as one JSON document per batch (`jsonb_populate_recordset`): one parameter
 * instead of one per value, which PGlite handles much faster for tables of many columns. The
 * columns are those set in the first row (every row must set the same ones); the table's other
 * columns take their defaults.
 */
export async function insertJsonBatches<T extends PgTable>(tx: Tx, table: T, rows: ReadonlyArray<T["$inferInsert"]>, size = 2000): Promise<void> {
  const all = rows as ReadonlyArray<Row>;
  if (all.length === 0) return;
  const byKey = getTableColumns(table) as Record<string, Column>;
  const columns = Object.keys(all[0])
    .filter((k) => all[0][k] !== undefined && byKey[k])
    .map((key) => {
      const column = byKey[key];
      const json = column.columnType === "PgJsonb" || column.columnType === "PgJson";
      return { key, name: column.name, encode: json ? (v: unknown) => v : (v: unknown) => column.mapToDriverValue(v) };
    });
  const list = sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  for (let done = 0; done < all.length; done += size) {
    const batch = all.slice(done, done + size).map((row) => {
      const out: Row = {};
      for (const c of columns) {
        const v = row[c.key];
        if (v === undefined) throw new Error(`insertJsonBatches: ${getTableName(table)}.${c.key} is not set in every row`);
        out[c.name] = v === null ? null : c.encode(v);
      }
      return out;
    });
    await tx.execute(sql`INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, ${JSON.stringify(batch)}::jsonb)`);
  }
}
