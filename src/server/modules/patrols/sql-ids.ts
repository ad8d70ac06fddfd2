import { sql } from "drizzle-orm";

/**
 * A UUIDv7 made in SQL, for set-based inserts of many rows (PostgreSQL 15 has no `uuidv7()`):
 * the first 48 bits are the clock in milliseconds, the rest random, with version 7 and variant bits set.
 */
export const SQL_UUIDV7 = sql.raw(
  `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`,
);
