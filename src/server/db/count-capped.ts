import { sql, type SQLWrapper } from "drizzle-orm";
import { LIST_COUNT_CAP } from "../../contracts/common";
import { rowsOf, type DbOrTx } from "./client";

/**
 * How many rows a list query matches, read no further than the cap: `SELECT count(*)` over the
 * query limited to cap + 1 rows. `rows` is the list's query without ORDER BY and LIMIT (its columns
 * do not matter). Answers the `listTotal` fields of a list reply.
 */
export async function countCapped(db: DbOrTx, rows: SQLWrapper, cap = LIST_COUNT_CAP): Promise<{ total: number; totalCapped: boolean }> {
  const [r] = rowsOf<{ n: number | string }>(await db.execute(sql`SELECT count(*)::int AS n FROM (${rows} LIMIT ${cap + 1}) AS capped`));
  const n = Number(r?.n ?? 0);
  return n > cap ? { total: cap, totalCapped: true } : { total: n, totalCapped: false };
}
