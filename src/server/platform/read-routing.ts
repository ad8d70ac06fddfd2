import { AsyncLocalStorage } from "node:async_hooks";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { sql } from "drizzle-orm";
import type { Database, Db } from "../db/client";
import { rowsOf } from "../db/client";
import { isDatabaseUnavailable } from "./errors";

/**
 * Reads from a hot standby (DATABASE_READ_URL). Measures, reports, exports and lists (GET routes
 * `standbyRoute` accepts) run their queries on the standby; everything else, every transaction and
 * every write stays on the primary. The choice is made per request:
 * - read-your-writes: a successful write sets a short cookie (`linli_rw`, RECENT_WRITE_SECONDS), and
 *   the writer's reads go to the primary until it expires, whichever process answers them;
 * - the standby is checked every second (answers, and has replayed what it received, with a replay
 *   lag under MAX_LAG_SECONDS, and is within MAX_LAG_BYTES of the primary's WAL); while it fails
 *   reads go to the primary, and each change is logged once;
 * - a query that fails on the standby (connection lost, a write in a read route) is run again on the
 *   primary.
 */
export const READ_COOKIE = "linli_rw";
export const RECENT_WRITE_SECONDS = 5;
const MAX_LAG_SECONDS = 5;
const MAX_LAG_BYTES = 64n * 1024n * 1024n;
const CHECK_MS = 1000;

type Log = { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };

const requestRoute = new AsyncLocalStorage<{ standby: boolean }>();

/** GET routes whose reads may come from the standby: lists (no path parameter), measures, exports, reports. */
export function standbyRoute(method: string, url: string | undefined): boolean {
  if (method !== "GET" || !url || !url.startsWith("/api/")) return false;
  if (/^\/api\/(auth|health|config|notifications|files)(\/|$)/.test(url) || url.endsWith("/stream")) return false;
  return /\/(measures|export|figures)$/.test(url) || url.startsWith("/api/reports") || !url.includes(":");
}

function lsnToBigInt(lsn: string): bigint {
  const [hi, lo] = lsn.split("/");
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/** A read that failed on the standby and should run on the primary instead. */
function fallsBack(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  // 25006: a write attempted in a read-only transaction (a read route that also writes, e.g. a cache row).
  return isDatabaseUnavailable(err) || e?.code === "25006" || e?.cause?.code === "25006";
}

export class ReadRouter {
  healthy = false;
  reason = "not checked yet";
  private timer: NodeJS.Timeout | null = null;
  /** The database handle to give the app: the primary's, routing reads of standby routes. */
  readonly db: Db;

  constructor(
    readonly primary: Database,
    readonly standby: Database,
    private readonly log: Log,
  ) {
    this.db = this.routingDb();
    standby.onConnectionError?.((err) => this.mark(false, `connection lost: ${err.message}`));
  }

  /** Whether this request's reads go to the standby now. */
  useStandby(): boolean {
    return this.healthy && requestRoute.getStore()?.standby === true;
  }

  private mark(healthy: boolean, reason: string) {
    if (healthy !== this.healthy) {
      if (healthy) this.log.info({ standby: "up" }, "standby is back: lists, measures, reports and exports read from it again");
      else this.log.warn({ standby: "down", reason }, `standby unusable (${reason}): reads fall back to the primary`);
    }
    this.healthy = healthy;
    this.reason = reason;
  }

  /** One health check: the standby answers, is in recovery, and is not behind. */
  async check(): Promise<boolean> {
    try {
      const [s] = rowsOf<{ recovering: boolean; lag: number | null; replay: string | null }>(
        await this.standby.db.execute(sql`SELECT pg_is_in_recovery() AS recovering,
          CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
               ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag,
          pg_last_wal_replay_lsn()::text AS replay`),
      );
      const [p] = rowsOf<{ lsn: string }>(await this.primary.db.execute(sql`SELECT pg_current_wal_lsn()::text AS lsn`));
      if (!s?.recovering) this.mark(false, "not a standby (not in recovery)");
      else if ((s.lag ?? 0) > MAX_LAG_SECONDS) this.mark(false, `replay ${Number(s.lag).toFixed(1)} s behind`);
      else if (!s.replay || lsnToBigInt(p.lsn) - lsnToBigInt(s.replay) > MAX_LAG_BYTES) this.mark(false, "too far behind the primary's WAL");
      else this.mark(true, "ok");
    } catch (err) {
      this.mark(false, `does not answer: ${(err as Error).message}`);
    }
    return this.healthy;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), CHECK_MS);
    this.timer.unref();
    void this.check();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.standby.close();
  }

  /**
   * The primary's Db with `select`, `selectDistinct`, `execute` and `$count` sent to the standby when
   * `useStandby()`. A query built on the standby remembers how it was built and runs again on the
   * primary when it fails there.
   */
  private routingDb(): Db {
    const primary = this.primary.db;
    const standby = this.standby.db;
    const routed = new Set(["select", "selectDistinct", "selectDistinctOn", "execute", "$count", "with", "$with"]);
    const onFailure = (err: unknown) => {
      if (isDatabaseUnavailable(err)) this.mark(false, `query failed: ${(err as Error).message}`);
    };
    const wrap = (target: object, rebuild: (db: Db) => unknown): unknown =>
      new Proxy(target, {
        get: (t, prop, receiver) => {
          const value = Reflect.get(t, prop, receiver);
          if (prop === "then" && typeof value === "function") {
            return (resolve: (v: unknown) => void, reject: (e: unknown) => void) =>
              (value as (a: unknown, b: unknown) => Promise<unknown>).call(t, resolve, (err: unknown) => {
                if (!fallsBack(err)) return reject(err);
                onFailure(err);
                Promise.resolve(rebuild(primary)).then(resolve, reject);
              });
          }
          if (typeof value !== "function") return value;
          return (...args: unknown[]) => {
            const out = (value as (...a: unknown[]) => unknown).apply(t, args);
            const thenable = out && typeof out === "object" && typeof (out as { then?: unknown }).then === "function";
            return thenable ? wrap(out as object, (db) => (rebuild(db) as Record<string | symbol, (...a: unknown[]) => unknown>)[prop](...args)) : out;
          };
        },
      });
    return new Proxy(primary, {
      get: (t, prop, receiver) => {
        const value = Reflect.get(t, prop, receiver);
        if (!routed.has(String(prop)) || typeof value !== "function" || !this.useStandby()) return value;
        return (...args: unknown[]) => {
          const fromStandby = (Reflect.get(standby, prop) as (...a: unknown[]) => unknown).apply(standby, args);
          const rebuild = (db: Db) => (Reflect.get(db, prop) as (...a: unknown[]) => unknown).apply(db, args);
          return fromStandby && typeof fromStandby === "object" ? wrap(fromStandby as object, rebuild) : fromStandby;
        };
      },
    }) as Db;
  }
}

/**
 * The HTTP side: marks each request as a standby read or not (an async context around the request),
 * and sets the read-your-writes cookie after a successful write.
 */
export const readRouting = fp(async (app: FastifyInstance, opts: { router: ReadRouter }) => {
  app.addHook("onRequest", (request, _reply, done) => {
    const wroteRecently = request.cookies?.[READ_COOKIE] !== undefined;
    requestRoute.run({ standby: !wroteRecently && standbyRoute(request.method, request.routeOptions.url) }, done);
  });
  app.addHook("onSend", async (request, reply) => {
    if (request.method === "GET" || request.method === "HEAD" || reply.statusCode >= 400) return;
    reply.setCookie(READ_COOKIE, "1", { path: "/", maxAge: RECENT_WRITE_SECONDS, httpOnly: true, sameSite: "lax" });
  });
  app.addHook("onClose", async () => opts.router.close());
});
