/**
 * Instants for answers, from whatever the database holds. PostgreSQL keeps times JavaScript cannot
 * read back: before 1901 Asia/Shanghai is written with its local mean time offset (+08:05:43), and
 * BC years carry a suffix; such a value arrives as an Invalid Date, whose toISOString() throws.
 * New input cannot store them any more (contracts/bounded.ts), but rows already stored must still
 * be answered: a presenter formats instants with these helpers, never with toISOString() directly.
 */

/** ISO 8601 of a readable instant; "" for one JavaScript could not read (never throws). */
export function isoInstant(d: Date | string | number): string {
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/** As isoInstant, keeping null (and undefined) as null. */
export function isoInstantOrNull(d: Date | string | number | null | undefined): string | null {
  return d === null || d === undefined ? null : isoInstant(d);
}
