import os from "node:os";
import type { Database } from "../db/client";

/** Advisory-lock key space of scheduled jobs (the second key is hashtext(job name)). */
const LOCK_SPACE = 0x4c4c; // "LL"

/** Who ran a job, as `job_runs.ran_by` shows it. */
export const RUNNER = `${os.hostname()}:${process.pid}`;

/**
 * Runs a scheduled job at most once per `everyMs` across every server process on the database, and
 * never twice at the same time:
 * - the runner holds a session advisory lock on one pooled connection while the job runs; a process
 *   that dies releases it with its connection, so the next tick of any other process takes over;
 * - `job_runs` keeps the last start, and a tick within 80 % of the interval since then is skipped,
 *   so N processes ticking at their own times still run the job once per interval.
 * PGlite is one process: the job runs on every tick, as before. Returns whether it ran here.
 */
export async function runScheduled(database: Database, name: string, everyMs: number, job: () => Promise<unknown>): Promise<boolean> {
  const pool = database.pool;
  if (database.kind !== "postgres" || !pool) {
    await job();
    return true;
  }
  const client = await pool.connect();
  let locked = false;
  try {
    const got = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [LOCK_SPACE, name]);
    locked = got.rows[0]?.ok === true;
    if (!locked) return false;
    // A database not yet migrated to job_runs (0020): the lock alone still keeps runs apart.
    const due = await client
      .query(
        `INSERT INTO job_runs AS j (name, last_run_at, ran_by) VALUES ($1, clock_timestamp(), $2)
         ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at, ran_by = excluded.ran_by, runs = j.runs + 1
         WHERE j.last_run_at <= clock_timestamp() - make_interval(secs => $3::float8)
         RETURNING 1`,
        [name, RUNNER, (everyMs * 0.8) / 1000],
      )
      .catch((err: { code?: string }) => (err?.code === "42P01" ? { rowCount: 1 } : Promise.reject(err)));
    if (due.rowCount === 0) return false;
    await job();
    return true;
  } finally {
    if (locked) await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_SPACE, name]).catch(() => undefined);
    client.release();
  }
}

type Log = { warn(obj: object, msg: string): void };

/**
 * Ticks a job every `everyMs` (first tick at once) through `runScheduled`; a failed run is logged and
 * the next tick tries again. Returns the stop function.
 */
export function schedule(database: Database, log: Log, name: string, everyMs: number, job: () => Promise<unknown>): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runScheduled(database, name, everyMs, job)
      .catch((err) => log.warn({ err }, `${name} failed`))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
