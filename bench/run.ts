/**
 * `npm run bench [-- --quick] [--pg-only | --pglite-only] [--no-wait] [--out=FILE] [--render=results.json]`
 *
 * Benchmarks the case module on PostgreSQL 15 (one street of 10 communities, 1,000,000 cases) and on
 * embedded PGlite (one community, 100,000 cases): intake over HTTP through the real app at 32
 * concurrent clients against a raw `pg`/PGlite insert baseline in the same run, and the read paths
 * (dashboard measures, case list pages). Prints a table and writes docs/BENCHMARKS.md.
 *
 * PostgreSQL: DATABASE_URL if set (a fresh database linli_bench_<pid> is created on it and dropped at
 * the end), otherwise a throwaway PostgreSQL 15 started and removed by this script. All traffic goes
 * to 127.0.0.1; every loop is bounded in time.
 *
 * --quick: 100,000 / 20,000 cases and 5 s windows. --pg-cases=N, --pg-communities=N, --pglite-cases=N, --duration=S: other sizes. --keep: with DATABASE_URL, keep the benchmark database. --no-wait: do not wait for other programs on the
 * machine to quiet down before each measurement. --out: write the page elsewhere. --render: write the
 * page again from a results file saved by an earlier run (its path is printed at the end).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { hashPassword } from "../src/server/platform/passwords";
import { buildDataset, BENCH_PASSWORD, MEASURE_YEAR, type Dataset } from "./generate";
import { closedLoop, HttpClient, openLoop, prng, sequential, type LoopResult } from "./load";
import { startThrowawayPostgres, PG_SETTINGS } from "./postgres";
import { writeSection } from "./docs-section";
import { ServerProcess } from "./server-process";
import { clientAddress, signIn, makeReport, rawRows, RAW_AUDIT_SQL, RAW_CASE_SQL, RAW_EVENT_SQL, reporterAccounts, type WorkloadData } from "./workload";
import { cpuProbe, waitForQuiet, type CpuShare } from "./cpu";
import type { ProfileSummary } from "./profile";
import { summarizePlan, type PlanSummary } from "./plan";
import { buildNotes, renderConsole, renderMarkdown, type EngineResult, type Machine, type RunPlan } from "./report";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => argv.find((a) => a.startsWith(`${name}=`))?.split("=")[1];

const QUICK = flag("--quick");
const PLAN: RunPlan = {
  quick: QUICK,
  concurrency: 32,
  pgCommunities: Number(option("--pg-communities") ?? 10),
  pgCases: Number(option("--pg-cases") ?? (QUICK ? 100_000 : 1_000_000)),
  pgliteCommunities: 1,
  pgliteCases: Number(option("--pglite-cases") ?? (QUICK ? 20_000 : 100_000)),
  warmupMs: QUICK ? 2_000 : 3_000,
  durationMs: Number(option("--duration") ?? (QUICK ? 5 : 20)) * 1000,
  readWarmup: QUICK ? 10 : 20,
  readIterations: QUICK ? 50 : 200,
  readBudgetMs: QUICK ? 10_000 : 45_000,
  profileMs: QUICK ? 4_000 : 10_000,
};
const RUN_PG = !flag("--pglite-only");
const RUN_PGLITE = !flag("--pg-only");
const WRITE_DOCS = !flag("--no-docs");

// ---------------------------------------------------------------- cleanup on exit, error and Ctrl-C

const cleanups: Array<() => unknown> = [];
let cleaning: Promise<void> | null = null;
/** Runs the registered cleanups, newest first (server process, database, PostgreSQL server). */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const f = cleanups.pop()!;
      try {
        await f();
      } catch (err) {
        console.error("cleanup:", err instanceof Error ? err.message : err);
      }
    }
    cleaning = null;
  })();
  return cleaning;
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping and cleaning up …`);
    void cleanup().finally(() => process.exit(130));
  });
}

const log = (msg: string) => console.log(msg);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------- shared steps

async function loadDataset(server: ServerProcess, dataset: Dataset, parallel: boolean): Promise<EngineResult["dataset"]["steps"]> {
  const steps: EngineResult["dataset"]["steps"] = [];
  const m = await server.call<{ ms: number }>({ cmd: "migrate" });
  steps.push({ label: "migrate", ms: m.ms });
  const run = async (st: Dataset["statements"][number]) => {
    const r = await server.call<{ ms: number }>({ cmd: "exec", sql: st.sql, bulk: true });
    steps.push({ label: st.label, ms: r.ms });
    log(`    ${st.label.padEnd(16)} ${secs(r.ms)}`);
  };
  const list = dataset.statements;
  for (let i = 0; i < list.length; ) {
    // Independent steps (timeline, audit, notifications) run side by side where the engine has connections to spare.
    let j = i + 1;
    if (parallel && list[i].parallel) while (j < list.length && list[j].parallel) j++;
    await Promise.all(list.slice(i, j).map(run));
    i = j;
  }
  const v = await server.call<{ ms: number }>({ cmd: "exec", sql: "VACUUM ANALYZE" });
  steps.push({ label: "VACUUM ANALYZE", ms: v.ms });
  log(`    ${"VACUUM ANALYZE".padEnd(16)} ${secs(v.ms)}`);
  return steps;
}

async function count(server: ServerProcess, sql: string): Promise<number> {
  const rows = await server.call<Array<{ n: number | string }>>({ cmd: "query", sql });
  return Number(rows[0]?.n ?? 0);
}

async function measureReads(server: ServerProcess, port: number, data: WorkloadData): Promise<EngineResult["reads"]> {
  const staffAccount = data.accounts.find((a) => a.role === "community_staff" && a.community === 0)!;
  const streetAccount = data.accounts.find((a) => a.role === "street_officer")!;
  const workerAccount = data.accounts.find((a) => a.role === "grid_worker" && a.community === 0)!;
  const staff = await signIn(port, staffAccount.username, clientAddress(4000));
  const street = await signIn(port, streetAccount.username, clientAddress(4001));
  const worker = await signIn(port, workerAccount.username, clientAddress(4002));
  const measures = `/api/cases/measures?from=${MEASURE_YEAR.from}&to=${MEASURE_YEAR.to}`;

  // The cursor of page 21 (rows 601–630), reached by following the first 20 pages.
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const res = await staff.ok("GET", `/api/cases?limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    cursor = (JSON.parse(res.body) as { nextCursor: string | null }).nextCursor;
    if (!cursor) throw new Error("the case list ended before page 21");
  }
  const forget = () => server.call({ cmd: "exec", sql: "UPDATE case_measure_months SET summary = NULL" }).then(() => undefined);
  const cases: Array<{ name: string; who: string; client: HttpClient; path: string; targetP50: number | null; check: (body: string) => string; prepare?: () => Promise<void>; minIterations?: number }> = [
    {
      name: "Dashboard measures, one community-year",
      who: "community_staff",
      client: staff,
      path: measures,
      targetP50: 50,
      check: (b) => `${(JSON.parse(b) as { total: number }).total.toLocaleString("en")} cases`,
    },
    {
      name: "Dashboard measures, whole street, one year",
      who: "street_officer",
      client: street,
      path: measures,
      targetP50: 200,
      check: (b) => `${(JSON.parse(b) as { total: number }).total.toLocaleString("en")} cases`,
    },
    {
      name: "Dashboard measures, one community-year, nothing kept",
      who: "community_staff",
      client: staff,
      path: measures,
      targetP50: null,
      check: (b) => `${(JSON.parse(b) as { total: number }).total.toLocaleString("en")} cases, every month counted from the cases`,
      prepare: forget,
      minIterations: 10,
    },
    {
      name: "Dashboard measures, whole street, one year, nothing kept",
      who: "street_officer",
      client: street,
      path: measures,
      targetP50: null,
      check: (b) => `${(JSON.parse(b) as { total: number }).total.toLocaleString("en")} cases, every month counted from the cases`,
      prepare: forget,
      minIterations: 5,
    },
    {
      name: "Case list, first page (30 rows)",
      who: "community_staff",
      client: staff,
      path: "/api/cases?limit=30",
      targetP50: 10,
      check: (b) => `${(JSON.parse(b) as { items: unknown[] }).items.length} rows`,
    },
    {
      name: "Case list, keyset page 21 (30 rows)",
      who: "community_staff",
      client: staff,
      path: `/api/cases?limit=30&cursor=${encodeURIComponent(cursor!)}`,
      targetP50: 10,
      check: (b) => `${(JSON.parse(b) as { items: unknown[] }).items.length} rows`,
    },
    {
      name: "Work queue of a grid worker (30 rows)",
      who: "grid_worker",
      client: worker,
      path: "/api/cases?scope=queue&limit=30",
      targetP50: 10,
      check: (b) => `${(JSON.parse(b) as { items: unknown[] }).items.length} rows`,
    },
  ];
  const out: EngineResult["reads"] = [];
  // Recomputing a whole street's year from millions of cases takes tens of seconds a call (about
  // 0.4 s per 50,000 cases): beyond 2,000,000 cases in the street that path is left out and said so.
  const streetCases = (await count(server, "SELECT count(*)::int AS n FROM cases")) ?? 0;
  for (const c of cases) {
    if (streetCases > 2_000_000 && c.who === "street_officer" && c.prepare) {
      log(`    ${c.name}: left out at ${streetCases.toLocaleString("en")} cases (tens of seconds a call)`);
      continue;
    }
    let answer = "";
    const latency = await sequential(
      PLAN.readIterations,
      PLAN.readWarmup,
      async () => {
        const res = await c.client.ok("GET", c.path);
        answer = res.body;
      },
      PLAN.readBudgetMs,
      c.minIterations,
      c.prepare,
    );
    const note = c.check(answer);
    // The exact statements of one such request, explained (EXPLAIN ANALYZE) to show what they read.
    await c.prepare?.();
    await server.call({ cmd: "capture-start" });
    await c.client.ok("GET", c.path);
    const statements = await server.call<Array<{ sql: string; params: unknown[] }>>({ cmd: "capture-stop" });
    const plans: PlanSummary[] = [];
    for (const st of statements) {
      if (/from "?sessions"?\s|^\s*(update|insert|delete)/i.test(st.sql)) continue;
      plans.push(summarizePlan(await server.call({ cmd: "explain", sql: st.sql, params: st.params })));
    }
    out.push({ name: c.name, who: c.who, path: c.path.replace(/cursor=[^&]+/, "cursor=…"), fullPath: c.path, latency, targetP50: c.targetP50, note, plans });
    log(`    ${c.name.padEnd(44)} p50 ${latency.p50.toFixed(1)} ms  p95 ${latency.p95.toFixed(1)} ms  (${note})`);
    for (const p of plans) if (p.steps.length) log(`      ${p.ms.toFixed(1)} ms in the database: ${p.steps.join("; ")}`);
  }
  for (const c of [staff, street, worker]) c.close();
  return out;
}

/** 32 signed-in clients POSTing /api/cases back to back. */
async function intakeLoop(port: number, data: WorkloadData, clients: HttpClient[], warmupMs: number, durationMs: number, seed: number): Promise<LoopResult> {
  const reporters = reporterAccounts(data);
  const rands = clients.map((_, w) => prng(seed + w));
  let seq = 0;
  let address = seed * 7;
  return closedLoop({
    concurrency: clients.length,
    warmupMs,
    durationMs,
    op: async (w) => {
      const report = makeReport(data, reporters[w % reporters.length].community, rands[w], seq++);
      const res = await clients[w].request("POST", "/api/cases", report.body, { "x-forwarded-for": clientAddress(address++) });
      if (res.status !== 200) throw new Error(`POST /api/cases: ${res.status} ${res.body.slice(0, 200)}`);
    },
  });
}

async function signInReporters(port: number, data: WorkloadData): Promise<HttpClient[]> {
  const reporters = reporterAccounts(data);
  const clients: HttpClient[] = [];
  for (let k = 0; k < PLAN.concurrency; k++) clients.push(await signIn(port, reporters[k % reporters.length].username, clientAddress(100 + k)));
  return clients;
}

/** Runs `fn` while measuring CPU use of the processes during the measured window only. */
async function withCpu<T>(serverPid: number, dbPid: number | null, fn: () => Promise<T>): Promise<{ result: T; cpu: CpuShare }> {
  const probe = cpuProbe(serverPid, dbPid);
  let cpu: CpuShare | null = null;
  const t1 = setTimeout(() => probe.start(), PLAN.warmupMs);
  const t2 = setTimeout(() => (cpu = probe.stop()), PLAN.warmupMs + PLAN.durationMs);
  const result = await fn();
  clearTimeout(t1);
  clearTimeout(t2);
  return { result, cpu: cpu ?? probe.stop() };
}

function printLoop(name: string, r: LoopResult, unit: string) {
  log(
    `    ${name.padEnd(28)} ${r.perSecond.toFixed(0).padStart(6)} ${unit}/s  p50 ${r.latency.p50.toFixed(1)} ms  p99 ${r.latency.p99.toFixed(1)} ms  errors ${r.errors}` +
      (r.firstError ? `  (first: ${r.firstError})` : ""),
  );
}

/**
 * What-if, after all measurements: indexes the product does not have, created in the benchmark
 * database only, and the affected read paths measured again; then dropped.
 */
const WHAT_IF: Array<{ change: string; ddl: string; drop: string; reads: string[] }> = [
  // The product now has both indexes this list once tried: cases (created_at, id) for the case list,
  // and the covering cases_measures_idx for the measures. Add an entry here to try another.
];

async function measureWhatIf(server: ServerProcess, port: number, data: WorkloadData, before: EngineResult["reads"]): Promise<EngineResult["whatIf"]> {
  log("  what-if (indexes the product does not have, in this database only):");
  const out: EngineResult["whatIf"] = [];
  const staffAccount = data.accounts.find((a) => a.role === "community_staff" && a.community === 0)!;
  const streetAccount = data.accounts.find((a) => a.role === "street_officer")!;
  const staff = await signIn(port, staffAccount.username, clientAddress(4010));
  const street = await signIn(port, streetAccount.username, clientAddress(4011));
  const iterations = Math.max(20, Math.round(PLAN.readIterations / 4));
  try {
    for (const w of WHAT_IF) {
      const t = performance.now();
      await server.call({ cmd: "exec", sql: w.ddl });
      await server.call({ cmd: "exec", sql: "VACUUM ANALYZE cases" });
      const buildMs = performance.now() - t;
      for (const name of w.reads) {
        const b = before.find((r) => r.name === name);
        if (!b) continue;
        const client = b.who === "street_officer" ? street : staff;
        const latency = await sequential(
          iterations,
          5,
          async () => {
            await client.ok("GET", b.fullPath);
          },
          PLAN.readBudgetMs / 2,
        );
        out.push({ change: w.change, read: name, before: b.latency, after: latency, buildMs });
        log(`    ${name.padEnd(44)} p50 ${b.latency.p50.toFixed(1)} → ${latency.p50.toFixed(1)} ms with ${w.change.split("`")[1]}`);
      }
      await server.call({ cmd: "exec", sql: w.drop });
    }
  } finally {
    staff.close();
    street.close();
  }
  return out;
}

// ---------------------------------------------------------------- PostgreSQL

async function benchPostgres(passwordHash: string): Promise<EngineResult> {
  let baseUrl = process.env.DATABASE_URL;
  let dbPid: number | null = null;
  let throwaway = false;
  let settings: Record<string, string> = {};
  if (!baseUrl) {
    log("  starting a throwaway PostgreSQL 15 …");
    const server = await startThrowawayPostgres();
    cleanups.push(() => server.stop());
    baseUrl = server.url;
    dbPid = server.pid;
    throwaway = true;
  }
  const dbName = `linli_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  cleanups.push(() => admin.end());
  await admin.query(`CREATE DATABASE ${dbName}`);
  cleanups.push(async () => {
    // --keep (DATABASE_URL only): leave the data in place to study plans afterwards.
    if (flag("--keep") && !throwaway) log(`  kept database ${dbName}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });
  const u = new URL(baseUrl);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  const version = String((await admin.query("SHOW server_version")).rows[0].server_version);
  for (const name of ["shared_buffers", "work_mem", "synchronous_commit", "fsync", "full_page_writes", "max_connections"]) {
    settings[name] = String((await admin.query(`SHOW ${name}`)).rows[0][name]);
  }
  log(`  PostgreSQL ${version} (${throwaway ? "throwaway" : "DATABASE_URL"}), database ${dbName}`);

  const server = await ServerProcess.start({ BENCH_ENGINE: "postgres", BENCH_DATABASE_URL: url });
  cleanups.push(() => server.close());
  const result = await benchEngine({
    label: `PostgreSQL ${version}`,
    server,
    dbPid,
    communities: PLAN.pgCommunities,
    cases: PLAN.pgCases,
    passwordHash,
    raw: (data, warmupMs, durationMs) => rawPostgres(url, data, warmupMs, durationMs),
    settle: async () => {
      await server.call({ cmd: "exec", sql: "VACUUM ANALYZE cases, case_events, audit_log, notifications, case_number_counters, sessions" });
      await server.call({ cmd: "exec", sql: "CHECKPOINT" }).catch(() => undefined);
    },
    statements: throwaway ? () => pgStatements(url) : undefined,
    whatIf: WHAT_IF.length > 0,
    parallelLoad: true,
  });
  result.settings = settings;
  result.connection = `app pool: 10 connections (the product default); raw baseline: ${PLAN.concurrency} connections`;
  await server.close();
  return result;
}

async function rawPostgres(url: string, data: WorkloadData, warmupMs: number, durationMs: number): Promise<LoopResult> {
  const clients = await Promise.all(
    Array.from({ length: PLAN.concurrency }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const reporters = reporterAccounts(data);
  const rands = clients.map((_, w) => prng(500 + w));
  let seq = 500_000;
  try {
    return await closedLoop({
      concurrency: clients.length,
      warmupMs,
      durationMs,
      op: async (w) => {
        const reporter = reporters[w % reporters.length];
        const report = makeReport(data, reporter.community, rands[w], seq);
        const rows = rawRows(data, reporter, report, seq++, clientAddress(seq));
        const c = clients[w];
        await c.query("BEGIN");
        try {
          await c.query(RAW_CASE_SQL, rows.caseRow);
          await c.query(RAW_EVENT_SQL, rows.eventRow);
          await c.query(RAW_AUDIT_SQL, rows.auditRow);
          await c.query("COMMIT");
        } catch (err) {
          await c.query("ROLLBACK").catch(() => undefined);
          throw err;
        }
      },
    });
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/** pg_stat_statements around a profiled pass (throwaway server only: it needs ALTER SYSTEM). */
function pgStatements(url: string) {
  return {
    async start() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await c.query("ALTER SYSTEM SET pg_stat_statements.track = 'top'");
        await c.query("SELECT pg_reload_conf()");
        await new Promise((r) => setTimeout(r, 300));
        await c.query("SELECT pg_stat_statements_reset()");
      } finally {
        await c.end();
      }
    },
    async stop(): Promise<NonNullable<EngineResult["profile"]>["statements"]> {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const rows = (
          await c.query(`SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls::int AS calls, total_exec_time AS total, mean_exec_time AS mean
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'
            ORDER BY total_exec_time DESC`)
        ).rows as Array<{ query: string; calls: number; total: number; mean: number }>;
        await c.query("ALTER SYSTEM RESET pg_stat_statements.track");
        await c.query("SELECT pg_reload_conf()");
        return rows;
      } finally {
        await c.end();
      }
    },
  };
}

// ---------------------------------------------------------------- PGlite

async function benchPglite(passwordHash: string): Promise<EngineResult> {
  const server = await ServerProcess.start({ BENCH_ENGINE: "pglite" });
  cleanups.push(() => server.close());
  const version = String((await server.call<Array<{ v: string }>>({ cmd: "query", sql: "SELECT current_setting('server_version') AS v" }))[0].v);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string };
  log(`  PGlite ${pkg.version} (PostgreSQL ${version}, in memory, in the server process)`);
  const result = await benchEngine({
    label: `PGlite ${pkg.version}`,
    server,
    dbPid: null,
    communities: PLAN.pgliteCommunities,
    cases: PLAN.pgliteCases,
    passwordHash,
    raw: (data, warmupMs, durationMs) => server.call<LoopResult>({ cmd: "raw", data, concurrency: PLAN.concurrency, warmupMs, durationMs }),
    settle: async () => {
      await server.call({ cmd: "exec", sql: "VACUUM ANALYZE cases, case_events, audit_log, notifications, case_number_counters, sessions" });
    },
  });
  result.connection = "one in-process connection (PGlite), shared by the app; raw baseline through the same PGlite instance";
  await server.close();
  return result;
}

// ---------------------------------------------------------------- one engine, start to end

async function benchEngine(o: {
  label: string;
  server: ServerProcess;
  dbPid: number | null;
  communities: number;
  cases: number;
  passwordHash: string;
  raw: (data: WorkloadData, warmupMs: number, durationMs: number) => Promise<LoopResult>;
  settle: () => Promise<void>;
  statements?: () => { start(): Promise<void>; stop(): Promise<NonNullable<EngineResult["profile"]>["statements"]> };
  whatIf?: boolean;
  parallelLoad?: boolean;
}): Promise<EngineResult> {
  const { server } = o;
  const dataset = buildDataset({ communities: o.communities, cases: o.cases }, o.passwordHash);
  const data: WorkloadData = { communities: dataset.communities, microgrids: dataset.microgrids, accounts: dataset.accounts };

  log(`  loading ${o.communities} communit${o.communities === 1 ? "y" : "ies"}, ${o.cases.toLocaleString("en")} cases …`);
  const t0 = performance.now();
  const steps = await loadDataset(server, dataset, o.parallelLoad ?? false);
  const loadMs = performance.now() - t0;
  const rows = {
    cases: await count(server, "SELECT count(*)::int AS n FROM cases"),
    events: await count(server, "SELECT count(*)::int AS n FROM case_events"),
    audit: await count(server, "SELECT count(*)::int AS n FROM audit_log"),
    notifications: await count(server, "SELECT count(*)::int AS n FROM notifications"),
  };
  const dbSize = await count(server, "SELECT pg_database_size(current_database())::bigint AS n");
  log(`  loaded in ${secs(loadMs)}: ${rows.cases.toLocaleString("en")} cases, ${rows.events.toLocaleString("en")} events, database ${(dbSize / 2 ** 20).toFixed(0)} MiB`);

  const { port } = await server.call<{ port: number }>({ cmd: "listen" });
  log(`  app listening on 127.0.0.1:${port}`);

  // The machine may be shared: start each measurement when other programs are quiet, and record
  // how much CPU they used during it.
  const quiet = async (what: string) => {
    if (flag("--no-wait")) return;
    const q = await waitForQuiet(() => [server.pid, ...(o.dbPid ? [o.dbPid] : [])]);
    if (q.waitedMs > 4000) log(`    (waited ${secs(q.waitedMs)} for other programs on the machine before ${what}; their load now ${q.background.toFixed(0)} % of a core)`);
  };

  log("  read paths (sequential):");
  await quiet("the read paths");
  const readProbe = cpuProbe(server.pid, o.dbPid);
  readProbe.start();
  const reads = await measureReads(server, port, data);
  const readsCpu = readProbe.stop();

  log(`  intake at ${PLAN.concurrency} concurrent clients, ${secs(PLAN.warmupMs)} warm-up + ${secs(PLAN.durationMs)}:`);
  await o.settle();
  await quiet("the raw baseline");
  const rawRun = await withCpu(server.pid, o.dbPid, () => o.raw(data, PLAN.warmupMs, PLAN.durationMs));
  printLoop("raw inserts (baseline)", rawRun.result, "tx");

  await o.settle();
  const clients = await signInReporters(port, data);
  const before = await count(server, "SELECT count(*)::int AS n FROM cases");
  await quiet("the HTTP intake");
  const httpRun = await withCpu(server.pid, o.dbPid, () => intakeLoop(port, data, clients, PLAN.warmupMs, PLAN.durationMs, 1));
  const after = await count(server, "SELECT count(*)::int AS n FROM cases");
  printLoop("HTTP POST /api/cases", httpRun.result, "req");
  const ratio = httpRun.result.perSecond / rawRun.result.perSecond;
  log(`    ratio HTTP ÷ raw: ${(ratio * 100).toFixed(0)} %   (cases written by the HTTP run: ${(after - before).toLocaleString("en")})`);

  // Open loop: a fixed arrival rate, 100 req/s and 50 / 80 / 100 % of the saturation rate just measured.
  const saturation = httpRun.result.perSecond;
  const openLoopRuns: Array<{ label: string; rate: number; result: LoopResult }> = [];
  const reporters = reporterAccounts(data);
  const rand = prng(77);
  let openSeq = 900_000;
  for (const [label, rate] of [["fixed 100 req/s", 100], ["50 % of saturation", saturation * 0.5], ["80 % of saturation", saturation * 0.8], ["100 % of saturation", saturation]] as const) {
    if (rate < 1) continue;
    await o.settle();
    const result = await openLoop({
      perSecond: rate,
      warmupMs: PLAN.warmupMs,
      durationMs: PLAN.durationMs,
      op: async (n) => {
        const w = n % clients.length;
        const report = makeReport(data, reporters[w % reporters.length].community, rand, openSeq++);
        const res = await clients[w].request("POST", "/api/cases", report.body, { "x-forwarded-for": clientAddress(700_000 + n) });
        if (res.status !== 200) throw new Error(`POST /api/cases: ${res.status} ${res.body.slice(0, 200)}`);
      },
    });
    openLoopRuns.push({ label, rate, result });
    printLoop(`open loop ${label} (${rate.toFixed(0)}/s)`, result, "req");
  }

  // A separate, profiled pass (not used for the figures above): where the server's time goes.
  log(`  profiled intake pass (${secs(PLAN.profileMs)}, not part of the figures) …`);
  const stats = o.statements?.();
  let statements: NonNullable<EngineResult["profile"]>["statements"] = [];
  if (stats) await stats.start().catch((err: unknown) => log(`    pg_stat_statements unavailable: ${String(err)}`));
  await server.call({ cmd: "profile-start" });
  const profRun = await intakeLoop(port, data, clients, 0, PLAN.profileMs, 2);
  const cpuProfile = await server.call<ProfileSummary>({ cmd: "profile-stop" });
  if (stats) statements = await stats.stop().catch(() => []);
  for (const c of clients) c.close();

  const whatIf = o.whatIf ? await measureWhatIf(server, port, data, reads) : [];

  return {
    engine: o.label,
    dataset: { communities: o.communities, grids: o.communities * 3, microgrids: o.communities * 6, ...rows, dbSizeBytes: dbSize, loadMs, steps },
    reads,
    readsCpu,
    intake: httpRun.result,
    intakeCpu: httpRun.cpu,
    intakeRows: after - before,
    openLoop: openLoopRuns,
    raw: rawRun.result,
    rawCpu: rawRun.cpu,
    ratio,
    profile: { requests: profRun.count, cpu: cpuProfile, statements },
    whatIf,
  };
}

// ---------------------------------------------------------------- main

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model ?? "?",
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}

async function main() {
  // `--render=results.json`: only write the page again from the results of an earlier run.
  const render = option("--render");
  if (render) {
    const saved = JSON.parse(fs.readFileSync(render, "utf8")) as { results: EngineResult[]; plan: RunPlan; machine: Machine; settings: Record<string, string> | null };
    const file = option("--out") ? path.resolve(option("--out")!) : path.join(ROOT, "docs", "BENCHMARKS.md");
    writeSection(file, "cases", renderMarkdown(saved.results, saved.plan, saved.machine, saved.settings, buildNotes(saved.results, saved.plan)));
    log(`Wrote ${path.relative(process.cwd(), file)}`);
    return;
  }
  const m = machine();
  const started = performance.now();
  log(`Linli case-module benchmark${QUICK ? " (quick)" : ""}: ${m.cpus} CPUs, ${m.memoryGiB.toFixed(0)} GiB, Node ${m.node}`);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const results: EngineResult[] = [];
  if (RUN_PG) {
    log("\nPostgreSQL");
    const r = await benchPostgres(passwordHash);
    results.push(r);
    await cleanup();
  }
  if (RUN_PGLITE) {
    log("\nPGlite");
    results.push(await benchPglite(passwordHash));
    await cleanup();
  }
  m.elapsedMs = performance.now() - started;
  console.log("\n" + renderConsole(results, PLAN));
  const settings = process.env.DATABASE_URL ? null : PG_SETTINGS;
  const json = path.join(os.tmpdir(), `linli-bench-results-${process.pid}.json`);
  fs.writeFileSync(json, JSON.stringify({ results, plan: PLAN, machine: m, settings }, null, 1));
  log(`Results saved to ${json} (\`npm run bench -- --render=${json}\` writes the page again from them)`);
  if (WRITE_DOCS) {
    const file = option("--out") ? path.resolve(option("--out")!) : path.join(ROOT, "docs", "BENCHMARKS.md");
    writeSection(file, "cases", renderMarkdown(results, PLAN, m, settings, buildNotes(results, PLAN)));
    log(`Wrote ${path.relative(process.cwd(), file)}`);
  }
}

main().then(
  () => process.exit(0),
  async (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    await cleanup();
    process.exit(1);
  },
);
