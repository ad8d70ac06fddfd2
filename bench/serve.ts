/**
 * The server side of the benchmark, run as a child process (`node --import tsx bench/serve.ts`) so the
 * app does not share an event loop with the load generator. It opens the database (PostgreSQL at
 * BENCH_DATABASE_URL, or PGlite in memory), and answers commands from the parent over IPC:
 * migrate, run SQL (data generation), listen (the real app from createDeps + buildApp on 127.0.0.1),
 * the raw-insert baseline on PGlite (which only this process can reach), CPU profiling, close.
 */
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../src/server/app";
import { createDeps } from "../src/server/bootstrap";
import { loadConfig } from "../src/server/config";
import { openPglite, openPostgres, type Database } from "../src/server/db/client";
import { PersonalDataCipher } from "../src/server/platform/personal-data";
import { MemorySmsGateway } from "../src/server/platform/sms";
import { closedLoop, prng } from "./load";
import { clientAddress, makeReport, rawRows, RAW_AUDIT_SQL, RAW_CASE_SQL, RAW_EVENT_SQL, reporterAccounts, type WorkloadData } from "./workload";
import { startCpuProfile, type ProfileSummary } from "./profile";

export const BENCH_DATA_KEY = "5a".repeat(32);

export type Command =
  | { cmd: "migrate" }
  | { cmd: "exec"; sql: string; bulk?: boolean }
  | { cmd: "query"; sql: string }
  | { cmd: "listen" }
  | { cmd: "raw"; data: WorkloadData; concurrency: number; warmupMs: number; durationMs: number }
  | { cmd: "capture-start" }
  | { cmd: "capture-stop" }
  | { cmd: "explain"; sql: string; params: unknown[] }
  | { cmd: "profile-start" }
  | { cmd: "profile-stop" }
  | { cmd: "close" };

const engine = process.env.BENCH_ENGINE === "pglite" ? "pglite" : "postgres";
let database: (Database & { pglite?: import("@electric-sql/pglite").PGlite; pool?: import("pg").Pool }) | null = null;
let app: FastifyInstance | null = null;
let stopProfile: (() => Promise<ProfileSummary>) | null = null;

/** Statements the app sent while capturing (to EXPLAIN the exact SQL of a read path). */
let captured: Array<{ sql: string; params: unknown[] }> | null = null;

async function open() {
  if (engine === "pglite") database = await openPglite();
  else database = await openPostgres(process.env.BENCH_DATABASE_URL!);
  // Drizzle calls `query(textOrConfig, params)` on the pool / PGlite instance: record while capturing.
  const client = (database.pglite ?? database.pool) as unknown as { query: (...args: unknown[]) => unknown };
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    if (captured) {
      // Drizzle passes (text, params); the hot paths pass a named statement ({ name, text, values }).
      const a = args[0] as string | { text: string; values?: unknown[] };
      const params = Array.isArray(args[1]) ? (args[1] as unknown[]) : typeof a === "string" ? [] : (a.values ?? []);
      captured.push({ sql: typeof a === "string" ? a : a.text, params });
    }
    return query(...args);
  };
}

/** EXPLAIN ANALYZE of one statement with its parameters, as the JSON plan. */
async function explain(sql: string, params: unknown[]): Promise<unknown> {
  const text = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`;
  const rows = database!.pglite ? (await database!.pglite.query(text, params)).rows : (await database!.pool!.query(text, params)).rows;
  const plan = (rows[0] as Record<string, unknown>)["QUERY PLAN"];
  return typeof plan === "string" ? JSON.parse(plan) : plan;
}

async function run(sql: string) {
  if (database!.pglite) await database!.pglite.exec(sql);
  else await database!.pool!.query(sql);
}

let replicaRole: boolean | null = null;
/**
 * Runs SQL; `bulk` statements run with foreign-key triggers off (session_replication_role = replica,
 * the usual bulk-load setting; the generator writes consistent rows) when the role may set it.
 */
async function exec(sql: string, bulk = false) {
  if (bulk && replicaRole !== false) {
    try {
      await run(`SET session_replication_role = replica; ${sql}; RESET session_replication_role`);
      replicaRole = true;
      return;
    } catch (err) {
      if (!/permission denied/i.test(String(err))) throw err;
      replicaRole = false;
    }
  }
  await run(sql);
}

async function query(sql: string): Promise<unknown[]> {
  if (database!.pglite) return (await database!.pglite.query(sql)).rows;
  return (await database!.pool!.query(sql)).rows;
}

async function listen(): Promise<number> {
  const config = loadConfig({
    NODE_ENV: "production",
    DATABASE_URL: engine === "postgres" ? process.env.BENCH_DATABASE_URL : undefined,
    DATA_DIR: path.join(os.tmpdir(), `linli-bench-data-${process.pid}`),
    DATA_KEY: BENCH_DATA_KEY,
    DEMO_MODE: "false",
    LOG_LEVEL: "silent",
    // As deployed behind a reverse proxy: the client address comes from X-Forwarded-For.
    TRUST_PROXY: "true",
  });
  const deps = await createDeps(config, database!, new PersonalDataCipher(Buffer.from(BENCH_DATA_KEY, "hex")), new MemorySmsGateway());
  app = await buildApp(deps, { logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** The raw baseline on PGlite: the same three rows per report, in one transaction each. */
async function rawPglite(c: Extract<Command, { cmd: "raw" }>) {
  const pglite = database!.pglite!;
  const reporters = reporterAccounts(c.data);
  let seq = 600_000;
  return closedLoop({
    concurrency: c.concurrency,
    warmupMs: c.warmupMs,
    durationMs: c.durationMs,
    op: (() => {
      const rands = Array.from({ length: c.concurrency }, (_, w) => prng(1000 + w));
      return async (w: number) => {
        const reporter = reporters[w % reporters.length];
        const report = makeReport(c.data, reporter.community, rands[w], seq);
        const rows = rawRows(c.data, reporter, report, seq++, clientAddress(seq));
        await pglite.transaction(async (tx) => {
          await tx.query(RAW_CASE_SQL, rows.caseRow);
          await tx.query(RAW_EVENT_SQL, rows.eventRow);
          await tx.query(RAW_AUDIT_SQL, rows.auditRow);
        });
      };
    })(),
  });
}

async function handle(msg: Command): Promise<unknown> {
  switch (msg.cmd) {
    case "migrate": {
      const t = performance.now();
      await database!.migrate();
      return { ms: performance.now() - t };
    }
    case "exec": {
      const t = performance.now();
      await exec(msg.sql, msg.bulk);
      return { ms: performance.now() - t };
    }
    case "query":
      return query(msg.sql);
    case "listen":
      return { port: await listen() };
    case "raw":
      return rawPglite(msg);
    case "capture-start":
      captured = [];
      return {};
    case "capture-stop": {
      const out = captured ?? [];
      captured = null;
      return out;
    }
    case "explain":
      return explain(msg.sql, msg.params);
    case "profile-start":
      stopProfile = await startCpuProfile();
      return {};
    case "profile-stop": {
      const summary = stopProfile ? await stopProfile() : null;
      stopProfile = null;
      return summary;
    }
    case "close":
      await app?.close().catch(() => undefined);
      await database?.close().catch(() => undefined);
      setImmediate(() => process.exit(0));
      return {};
  }
}

process.on("message", (raw) => {
  const { id, msg } = raw as { id: number; msg: Command };
  handle(msg).then(
    (result) => process.send!({ id, ok: true, result }),
    (err: unknown) => process.send!({ id, ok: false, error: err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err) }),
  );
});
// The parent going away ends this process too.
process.on("disconnect", () => process.exit(0));

open().then(
  () => process.send!({ id: 0, ok: true, result: { ready: true, pid: process.pid } }),
  (err: unknown) => {
    process.send!({ id: 0, ok: false, error: String(err) });
    process.exit(1);
  },
);
