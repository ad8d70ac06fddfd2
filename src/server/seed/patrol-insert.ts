import { getTableColumns, getTableName, sql, type Column } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";

/** Rows per statement: one jsonb parameter each, a few hundred kilobytes. */
const BATCH = 2000;

function driverValue(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  // Geometry (custom point / polygon types) goes as its text form; jsonb values stay JSON.
  if (column.columnType === "PgCustomColumn") return column.mapToDriverValue(value);
  return value;
}

/**
 * Inserts many rows as one jsonb array per batch (`jsonb_populate_recordset`): PGlite spends its time
 * on every bound parameter, so a 2,000-row batch as a single value is several times faster than rows
 * of placeholders. Missing or null values are stored as NULL; the columns are those any row sets.
 */
export async function insertJson<T extends PgTable>(tx: Tx, table: T, rows: ReadonlyArray<T["$inferInsert"]>): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(columns).filter((k) => (rows as ReadonlyArray<Record<string, unknown>>).some((r) => r[k] !== undefined));
  const names = keys.map((k) => columns[k].name);
  const list = sql.raw(names.map((n) => `"${n}"`).join(", "));
  const name = sql.raw(`"${getTableName(table)}"`);
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = (rows.slice(i, i + BATCH) as ReadonlyArray<Record<string, unknown>>).map((r) => {
      const o: Record<string, unknown> = {};
      for (let j = 0; j < keys.length; j++) o[names[j]] = driverValue(columns[keys[j]], r[keys[j]]);
      return o;
    });
    await tx.execute(sql`INSERT INTO ${name} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${name}, ${JSON.stringify(chunk)}::jsonb)`);
  }
}
