import type { Pool } from "pg";
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, result?: Result) => void;

const INCR = `INSERT INTO rate_limit_hits AS h (key, count, reset_at) VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2::float8 / 1000))
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN h.reset_at <= clock_timestamp() THEN 1 ELSE h.count + 1 END,
  reset_at = CASE WHEN h.reset_at <= clock_timestamp() THEN excluded.reset_at ELSE h.reset_at END
RETURNING count, greatest(0, ceil(extract(epoch FROM h.reset_at - clock_timestamp()) * 1000))::int AS ttl`;
const READ = `SELECT count, greatest(0, ceil(extract(epoch FROM reset_at - clock_timestamp()) * 1000))::int AS ttl FROM rate_limit_hits WHERE key = $1 AND reset_at > clock_timestamp()`;

/**
 * A store for @fastify/rate-limit in PostgreSQL, so that a limit holds across every server process on
 * the database: one fixed window per key (route and client address) in the UNLOGGED table
 * `rate_limit_hits`, counted by one prepared upsert. Expired windows are pruned by `pruneRateLimits`.
 */
export function postgresRateLimitStore(pool: Pool): FastifyRateLimitStoreCtor {
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = "",
    ) {}
    incr(key: string, cb: Callback, timeWindow: number): void {
      pool.query<{ count: number; ttl: number }>({ name: "linli_rate_limit_incr", text: INCR, values: [this.prefix + key, timeWindow] }).then(
        (r) => cb(null, { current: r.rows[0].count, ttl: r.rows[0].ttl }),
        (err: Error) => cb(err),
      );
    }
    read(key: string, cb: Callback): void {
      pool.query<{ count: number; ttl: number }>({ name: "linli_rate_limit_read", text: READ, values: [this.prefix + key] }).then(
        (r) => cb(null, r.rows[0] ? { current: r.rows[0].count, ttl: r.rows[0].ttl } : { current: 0, ttl: 0 }),
        (err: Error) => cb(err),
      );
    }
    child(routeOptions: Parameters<FastifyRateLimitStore["child"]>[0]) {
      // The plugin passes the merged route parameters; the route itself is under routeInfo.
      const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      const method = info.method ?? "";
      return new PostgresRateLimitStore(undefined, `${this.prefix}${Array.isArray(method) ? method.join(",") : method} ${info.url ?? ""}|`);
    }
  };
}

/** Drops windows that ended (run from the housekeeping job). */
export async function pruneRateLimits(pool: Pool): Promise<number> {
  const r = await pool.query("DELETE FROM rate_limit_hits WHERE reset_at < clock_timestamp() - interval '1 minute'");
  return r.rowCount ?? 0;
}
