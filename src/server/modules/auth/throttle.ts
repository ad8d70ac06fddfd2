import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import { AppError } from "../../platform/errors";

/**
 * Counters of failed sign-ins (table `login_throttle`), in front of every password check:
 *
 * - per address: at most `loginIpMaxFailures` failed attempts in a window of
 *   `loginIpWindowMinutes`; then 429 RATE_LIMITED with Retry-After. This keeps one address from
 *   locking every account.
 * - per account name, known or not (the key is a blind index of the normalised name, so unknown
 *   names behave exactly like known ones): `loginMaxFailures` failures in a row lock the name for
 *   `loginLockMinutes`; the count also starts over after that long without a failure.
 *
 * Each attempt takes its slot with one atomic upsert *before* the password is verified, and the
 * upsert refuses once the limit is reached, so concurrent guesses cannot all slip in before the
 * lock (count first, verify second). A right password gives the slots back.
 */

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];

export function nameKey(deps: AppDeps, username: string): string {
  return "name:" + deps.cipher.blindIndex("login:" + username.trim().toLowerCase());
}

export function userKey(userId: string): string {
  return "user:" + userId;
}

const addressKey = (ip: string) => "ip:" + ip;
const minutes = (n: number): SQL => sql`make_interval(mins => ${n}::int)`;

/** Takes one attempt from the address's window, or throws RATE_LIMITED (details carry retryAfterSeconds). */
export async function takeAddressSlot(deps: AppDeps, ip: string): Promise<void> {
  const { db } = deps.database;
  const { loginIpMaxFailures: max, loginIpWindowMinutes: window } = deps.config;
  const key = addressKey(ip);
  const expired = sql`t.window_started_at <= now() - ${minutes(window)}`;
  const taken = rowsOf<{ failures: number }>(
    await db.execute(sql`
      INSERT INTO login_throttle AS t (key, failures, window_started_at, updated_at) VALUES (${key}, 1, now(), now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN ${expired} THEN 1 ELSE t.failures + 1 END,
        window_started_at = CASE WHEN ${expired} THEN now() ELSE t.window_started_at END,
        updated_at = now()
      WHERE ${expired} OR t.failures < ${max}::int
      RETURNING failures`),
  );
  if (taken.length > 0) return;
  const [row] = rowsOf<{ seconds: number | string }>(
    await db.execute(sql`
      SELECT greatest(1, ceil(extract(epoch FROM window_started_at + ${minutes(window)} - now())))::int AS seconds
      FROM login_throttle WHERE key = ${key}`),
  );
  throw new AppError("RATE_LIMITED", { retryAfterSeconds: Number(row?.seconds ?? window * 60) });
}

/** Gives an attempt back to the address (it was not a failure). */
export async function releaseAddressSlot(db: DbOrTx, ip: string): Promise<void> {
  await db.execute(sql`UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = ${addressKey(ip)}`);
}

/**
 * Takes the next attempt of an account name. Returns the attempt's number and whether it is the
 * last one before the lock (a failure then answers ACCOUNT_LOCKED); throws ACCOUNT_LOCKED while
 * the name is locked.
 */
export async function takeAccountSlot(deps: AppDeps, key: string): Promise<{ attempt: number; last: boolean }> {
  const { db } = deps.database;
  const { loginMaxFailures: max, loginLockMinutes: lock } = deps.config;
  // A lock that ran out, or a count untouched for the lock time, starts over.
  const fresh = sql`coalesce(t.locked_until, t.updated_at + ${minutes(lock)}) <= now()`;
  const next = sql`(CASE WHEN ${fresh} THEN 1 ELSE t.failures + 1 END)`;
  const taken = rowsOf<{ failures: number }>(
    await db.execute(sql`
      INSERT INTO login_throttle AS t (key, failures, locked_until, updated_at)
      VALUES (${key}, 1, CASE WHEN 1 >= ${max}::int THEN now() + ${minutes(lock)} END, now())
      ON CONFLICT (key) DO UPDATE SET
        failures = ${next},
        locked_until = CASE WHEN ${next} >= ${max}::int THEN now() + ${minutes(lock)} END,
        updated_at = now()
      WHERE t.locked_until IS NULL OR t.locked_until <= now()
      RETURNING failures`),
  );
  if (taken.length > 0) {
    const attempt = Number(taken[0].failures);
    return { attempt, last: attempt >= max };
  }
  const [row] = rowsOf<{ seconds: number | string }>(
    await db.execute(sql`
      SELECT greatest(1, ceil(extract(epoch FROM locked_until - now())))::int AS seconds
      FROM login_throttle WHERE key = ${key}`),
  );
  throw lockedError(Math.ceil(Number(row?.seconds ?? lock * 60) / 60));
}

export function lockedError(minutesLeft: number): AppError {
  return new AppError("ACCOUNT_LOCKED", undefined, { minutes: Math.max(1, minutesLeft) });
}

/** A right password: the name's failures are forgotten. */
export async function clearAccount(db: DbOrTx, key: string): Promise<void> {
  await db.execute(sql`UPDATE login_throttle SET failures = 0, locked_until = NULL, updated_at = now() WHERE key = ${key}`);
}

/** Drops counters that no longer hold anything back (run from the housekeeping timer). */
export async function pruneLoginThrottle(deps: AppDeps): Promise<number> {
  const { loginLockMinutes: lock, loginIpWindowMinutes: window } = deps.config;
  const rows = rowsOf<{ key: string }>(
    await deps.database.db.execute(sql`
      DELETE FROM login_throttle
      WHERE updated_at < now() - ${minutes(Math.max(lock, window))} - interval '1 hour'
        AND (locked_until IS NULL OR locked_until < now())
      RETURNING key`),
  );
  return rows.length;
}
