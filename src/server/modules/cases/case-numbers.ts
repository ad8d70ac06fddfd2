import type { Database } from "../../db/client";

const NEXT = `INSERT INTO case_number_counters AS k (prefix, day, last) VALUES ($1, $2, 1)
ON CONFLICT (prefix, day) DO UPDATE SET last = k.last + 1 RETURNING last`;

/** A case number: prefix, Beijing day and the day's sequence, four digits at least (HK-20250314-0012). */
export function formatCaseNumber(prefix: string, day: string, n: number): string {
  return `${prefix}-${day}-${String(n).padStart(4, "0")}`;
}

/**
 * The next number of a prefix and day, taken on PostgreSQL outside the report's transaction: the
 * counter row is locked for this one short statement, not until the report commits, so concurrent
 * reports of one community no longer queue behind each other. A report that fails afterwards leaves
 * a gap (acceptable in a case register); a number is never given twice. Returns null on PGlite (one
 * connection: the report takes the number inside its own statement, as nothing runs concurrently).
 */
export async function takeCaseNumber(database: Database, prefix: string, day: string): Promise<string | null> {
  const pool = database.kind === "postgres" ? database.counterPool : undefined;
  if (!pool) return null;
  const r = await pool.query<{ last: number }>({ name: "linli_case_number", text: NEXT, values: [prefix, day] });
  return formatCaseNumber(prefix, day, r.rows[0].last);
}
