import type { Pool } from "pg";
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { Coalescer } from "../db/coalesce";

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, result?: Result) => void;

// The hits of a group of requests, counted per key (in key order, so two groups never wait on each
// other's rows crosswise): a new window starts with the group's hits, a running one adds them.
const INCR = `INSERT INTO rate_limit_hits AS h (key, count, reset_at)
SELECT x.key, count(*)::int, clock_timestamp() + make_interval(secs => max(x.w) / 1000)
FROM jsonb_to_recordset($1::jsonb) AS x(key text, w float8) GROUP BY x.key ORDER BY x.key
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN h.reset_at <= clock_timestamp() THEN excluded.count ELSE h.count + excluded.count END,
  reset_at = CASE WHEN h.reset_at <= clock_timestamp() THEN excluded.reset_at ELSE h.reset_at END
RETURNING h.key, h.count, greatest(0, ceil(extract(epoch FROM h.reset_at - clock_timestamp()) * 1000))::int AS ttl`;
const READ = `SELECT count, greatest(0, ceil(extract(epoch FROM reset_at - clock_timestamp()) * 1000))::int AS ttl FROM rate_limit_hits WHERE key = $1 AND reset_at > clock_timestamp()`;

/**
 * A store for @fastify/rate-limit in PostgreSQL, so that a limit holds across every server process on
 * the database: one fixed window per key (route and client address) in the UNLOGGED table
 * `rate_limit_hits`, counted by one prepared upsert for the requests that arrive together (each
 * request gets the count it would have had alone, in arrival order). Expired windows are pruned by
 * `pruneRateLimits`.
 */
export function postgresRateLimitStore(pool: Pool): FastifyRateLimitStoreCtor {
  const hits = new Coalescer<{ key: string; w: number }, Result>(
    async (group) => {
      const r = await pool.query<{ key: string; count: number; ttl: number }>({ name: "linli_rate_limit_incr", text: INCR, values: [JSON.stringify(group)] });
      const byKey = new Map(r.rows.map((row) => [row.key, row]));
      const seen = new Map<string, number>();
      const total = new Map<string, number>();
      for (const g of group) total.set(g.key, (total.get(g.key) ?? 0) + 1);
      return group.map((g) => {
        const row = byKey.get(g.key);
        if (!row) return new Error("rate limit key not counted");
        const before = seen.get(g.key) ?? 0;
        seen.set(g.key, before + 1);
        return { current: row.count - total.get(g.key)! + before + 1, ttl: row.ttl };
      });
    },
    { maxGroup: 200, maxInFlight: 2 },
  );
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = "",
    ) {}
    incr(key: string, cb: Callback, timeWindow: number): void {
      hits.submit({ key: this.prefix + key, w: timeWindow }).then(
        (r) => cb(null, r),
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
