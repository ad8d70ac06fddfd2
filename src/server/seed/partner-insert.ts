import { getTableColumns, getTableName, sql, type Column } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";

const CHUNK = 2000;

/**
 * Inserts rows as one JSON document per statement (`json_populate_recordset`): a single parameter
 * instead of thousands, which PGlite parses several times faster than a many-row VALUES list.
 * Only the columns some row sets are written, so the others keep their defaults. Dates become ISO
 * strings, points "(x,y)", and jsonb values stay nested JSON.
 */
export async function insertRows<T extends PgTable>(tx: Tx, table: T, rows: ReadonlyArray<T["$inferInsert"]>): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(columns).filter((k) => rows.some((r) => (r as Record<string, unknown>)[k] !== undefined));
  const names = keys.map((k) => columns[k].name);
  const points = new Set(keys.filter((k) => columns[k].getSQLType() === "point"));
  const list = sql.raw(names.map((n) => `"${n}"`).join(", "));
  const name = sql.identifier(getTableName(table));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const doc = rows.slice(i, i + CHUNK).map((r) => {
      const o: Record<string, unknown> = {};
      keys.forEach((k, j) => {
        const v = (r as Record<string, unknown>)[k];
        o[names[j]] = v === undefined ? null : v instanceof Date ? v.toISOString() : points.has(k) && Array.isArray(v) ? `(${v[0]},${v[1]})` : v;
      });
      return o;
    });
    await tx.execute(sql`INSERT INTO ${name} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${name}, ${JSON.stringify(doc)}::json)`);
  }
}
