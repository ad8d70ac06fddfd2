import { sql, type SQL } from "drizzle-orm";

/**
 * UUIDv7 made in SQL, for set-based inserts of many rows (PostgreSQL 15 has no `uuidv7()`): the
 * first 48 bits are a clock in milliseconds, the rest random, with the version 7 bits set
 * (gen_random_uuid() already sets the variant).
 */

/** The statement's clock as the 6 bytes that start a UUIDv7; compute it once per statement. */
export const SQL_CLOCK_MS = sql.raw(`substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)`);

/** A UUIDv7 with the given 6-byte clock prefix (e.g. a CTE column holding SQL_CLOCK_MS). */
export function sqlUuidv7At(clockMs: SQL): SQL {
  return sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing ${clockMs} from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;
}

/** A UUIDv7 from the clock at each row. */
export const SQL_UUIDV7 = sqlUuidv7At(SQL_CLOCK_MS);
