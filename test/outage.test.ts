import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { Pool } from "pg";
import { buildApp } from "../src/server/app";
import { openPostgres, rowsOf, type Database, type Db } from "../src/server/db/client";
import { isDatabaseUnavailable } from "../src/server/platform/errors";
import { as, Client, createTestApp, type TestApp } from "./support/app";

/**
 * The server survives its database: a dropped connection or a database that refuses connections
 * answers 503 DATABASE_UNAVAILABLE (never 500, never a dead process), and service comes back by
 * itself. The outage itself is staged on real PostgreSQL (CI's second run, DATABASE_URL set); on
 * PGlite the probes and the 503 mapping run against a database that throws connection errors.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);

let t: TestApp;
let staff: Client;
const uncaught: unknown[] = [];
const onUncaught = (err: unknown) => uncaught.push(err);

beforeAll(async () => {
  process.on("uncaughtException", onUncaught);
  t = await createTestApp();
  staff = await as(t, "hk_staff");
});
afterAll(async () => {
  process.off("uncaughtException", onUncaught);
  await t?.close();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the check passes (the pool reconnects on the next query, so this is quick). */
async function eventually(check: () => Promise<boolean>, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error("condition not met in time");
    await wait(100);
  }
}

describe("health probes", () => {
  it("live answers 200 always; ready answers 200 when SELECT 1 answers", async () => {
    const live = await t.app.inject({ method: "GET", url: "/api/health/live" });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: "live" });
    const ready = await t.app.inject({ method: "GET", url: "/api/health/ready" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ready" });
  });

  it("connection errors answer 503 DATABASE_UNAVAILABLE in the caller's language, live stays 200", async () => {
    // A database whose every query fails the way node-postgres fails when the server is gone.
    const lost = () => {
      throw new Error("Connection terminated unexpectedly");
    };
    const downDb = new Proxy(t.database.db, {
      get: (target, prop, receiver) =>
        ["execute", "select", "insert", "update", "delete", "transaction", "query"].includes(String(prop)) ? lost : Reflect.get(target, prop, receiver),
    }) as Db;
    const down: Database = { ...t.database, db: downDb };
    const app: FastifyInstance = await buildApp({ ...t.deps, database: down });
    await app.ready();
    try {
      const ready = await app.inject({ method: "GET", url: "/api/health/ready", headers: { "accept-language": "en" } });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ code: "DATABASE_UNAVAILABLE", message: "The database cannot be reached right now; try again shortly" });
      // With a session cookie the session lookup itself fails: still 503, not 500.
      const data = await app.inject({ method: "GET", url: "/api/people", headers: { cookie: staff.cookie! } });
      expect(data.statusCode).toBe(503);
      expect(data.json().code).toBe("DATABASE_UNAVAILABLE");
      expect(data.json().message).toBe("数据库暂时无法连接，请稍后重试");
      const live = await app.inject({ method: "GET", url: "/api/health/live", headers: { cookie: staff.cookie! } });
      expect(live.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("tells connection errors from statement errors", () => {
    const pgError = (code: string, severity = "ERROR", message = "x") => Object.assign(new Error(message), { code, severity });
    const wrapped = (cause: Error) => Object.assign(new Error("Failed query: select 1\nparams: "), { cause });
    for (const e of [
      pgError("57P01", "FATAL", "terminating connection due to administrator command"),
      pgError("57P03", "FATAL", "the database system is starting up"),
      pgError("08006"),
      pgError("55000", "FATAL", 'database "x" is not currently accepting connections'),
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      new Error("timeout exceeded when trying to connect"),
      new Error("Connection terminated due to connection timeout"),
      new Error("Client has encountered a connection error and is not queryable"),
    ]) {
      expect(isDatabaseUnavailable(e), e.message).toBe(true);
      expect(isDatabaseUnavailable(wrapped(e)), e.message).toBe(true);
    }
    for (const e of [pgError("23505"), pgError("42P01"), pgError("57014"), new Error("Failed query: select 'connection terminated'\nparams: "), new Error("boom")]) {
      expect(isDatabaseUnavailable(e), e.message).toBe(false);
    }
  });
});

describe.runIf(onPostgres)("PostgreSQL outage", () => {
  let admin: Database & { pool: Pool };
  let dbName: string;
  const lost: Error[] = [];

  const terminate = () =>
    admin.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
  const allowConnections = (on: boolean) => admin.pool.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS ${on}`);
  const status = async (res: { statusCode: number; json(): { code?: string } }) =>
    res.statusCode === 503 ? `503 ${res.json().code}` : String(res.statusCode);

  beforeAll(async () => {
    const [row] = rowsOf<{ name: string }>(await t.database.db.execute(sql`SELECT current_database() AS name`));
    dbName = row.name;
    // A separate admin connection on the maintenance database stages the outage.
    admin = await openPostgres(process.env.DATABASE_URL!, 1);
    t.database.onConnectionError?.((err) => lost.push(err));
  });
  afterAll(async () => {
    await allowConnections(true).catch(() => undefined);
    await admin?.close();
  });

  it("keeps serving when every backend of the app is terminated, and reconnects by itself", async () => {
    // Several idle pooled connections, so that the termination hits idle clients.
    const warm = await Promise.all([1, 2, 3, 4].map(() => staff.get("/api/people?limit=5")));
    expect(warm.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    // A checked-out client (like one inside a transaction) that is idle when its backend dies.
    const held = await (t.database as Database & { pool: Pool }).pool.connect();

    const { rowCount } = await terminate();
    expect(rowCount).toBeGreaterThan(0);

    const right = await Promise.all([staff.get("/api/people?limit=5"), staff.get("/api/auth/me"), t.app.inject({ method: "GET", url: "/api/health/ready" })]);
    for (const res of right) expect(["200", "503 DATABASE_UNAVAILABLE"]).toContain(await status(res));

    // The held client is broken; its next query fails as "unavailable" and releasing it discards it.
    await wait(200);
    const heldError = await held.query("SELECT 1").then(
      () => null,
      (err: unknown) => err,
    );
    expect(heldError === null || isDatabaseUnavailable(heldError)).toBe(true);
    held.release();

    await eventually(async () => (await t.app.inject({ method: "GET", url: "/api/health/ready" })).statusCode === 200);
    const after = await staff.get("/api/people?limit=5");
    expect(after.statusCode).toBe(200);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((e) => isDatabaseUnavailable(e))).toBe(true);
    expect(uncaught.map(String)).toEqual([]);
  });

  it("fails a query running when its backend is terminated as 'unavailable'", async () => {
    const running = t.database.db.execute(sql`SELECT pg_sleep(5)`).then(
      () => null,
      (err: unknown) => err,
    );
    await eventually(async () => {
      const { rows } = await admin.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep%' AND state = 'active'`, [dbName]);
      return rows.length > 0;
    }, 3_000);
    await terminate();
    const err = await running;
    expect(err).not.toBeNull();
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(uncaught.map(String)).toEqual([]);
  });

  it("answers 503 while the database refuses connections, and recovers without a restart", async () => {
    await allowConnections(false);
    try {
      await terminate();
      await eventually(async () => (await status(await t.app.inject({ method: "GET", url: "/api/health/ready" }))) === "503 DATABASE_UNAVAILABLE");
      const ready = await t.app.inject({ method: "GET", url: "/api/health/ready" });
      expect(ready.json()).toMatchObject({ code: "DATABASE_UNAVAILABLE" });
      expect(await status(await staff.get("/api/people?limit=5"))).toBe("503 DATABASE_UNAVAILABLE");
      expect(await status(await staff.post("/api/notifications/read", {}))).toBe("503 DATABASE_UNAVAILABLE");
      expect((await t.app.inject({ method: "GET", url: "/api/health/live" })).statusCode).toBe(200);
    } finally {
      await allowConnections(true);
    }
    await eventually(async () => (await t.app.inject({ method: "GET", url: "/api/health/ready" })).statusCode === 200);
    expect((await staff.get("/api/people?limit=5")).statusCode).toBe(200);
    expect((await staff.get("/api/auth/me")).statusCode).toBe(200);
    expect(uncaught.map(String)).toEqual([]);
  });
});
