/**
 * Reads from a hot standby (`npm run bench:standby [-- --cases=N] [--rate=R] [--no-docs]`):
 *  1. a throwaway PostgreSQL 15 primary with the case benchmark's street (bench/generate.ts: 10
 *     communities, N cases, default 200,000), then a streaming standby made from it with
 *     pg_basebackup, both on this machine;
 *  2. the product's server (`src/server/main.ts`, one worker) on the primary with
 *     DATABASE_READ_URL pointing at the standby, and a second one on the primary alone;
 *  3. the read paths (lists, measures, the work queue), sequential requests through HTTP: on each
 *     server while idle, then while reports arrive at R per second (open loop, default 200) on the
 *     same server — the writes go to the primary, the reads of the first server to the standby;
 *  4. the standby's replay lag sampled during the intake, and its counters before and after, which
 *     show that the reads did run there.
 * Writes the "standby" section of docs/BENCHMARKS.md.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startThrowawayPostgres } from "./postgres";
import { figureTable, writeSection } from "./docs-section";
import { buildDataset, BENCH_PASSWORD, MEASURE_YEAR } from "./generate";
import { HttpClient, openLoop, prng, sequential, type Latency, type LoopResult } from "./load";
import { clientAddress, signIn, makeReport, reporterAccounts, type WorkloadData } from "./workload";
import { openPostgres } from "../src/server/db/client";
import { hashPassword } from "../src/server/platform/passwords";
import { ServerProc } from "../test/support/processes";
import { READ_COOKIE } from "../src/server/platform/read-routing";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name: string) => argv.find((a) => a.startsWith(`${name}=`))?.split("=")[1];
const CASES = Number(option("--cases") ?? 200_000);
const RATE = Number(option("--rate") ?? 200);
const COMMUNITIES = 10;
const log = (s: string) => console.log(s);

type Read = { name: string; who: "staff" | "street" | "worker"; path: string };
const READS: Read[] = [
  { name: "Case list, first page (30 rows)", who: "staff", path: "/api/cases?limit=30" },
  { name: "Work queue of a grid worker (30 rows)", who: "worker", path: "/api/cases?scope=queue&limit=30" },
  { name: "Dashboard measures, one community-year", who: "staff", path: `/api/cases/measures?from=${MEASURE_YEAR.from}&to=${MEASURE_YEAR.to}` },
  { name: "Dashboard measures, whole street, one year", who: "street", path: `/api/cases/measures?from=${MEASURE_YEAR.from}&to=${MEASURE_YEAR.to}` },
  { name: "Case export, one month (.xlsx)", who: "staff", path: "/api/cases/export?from=2025-11-01&to=2025-11-30" },
];

/** Each read path, sequentially (30 timed after 5 warm-up calls). */
async function readPaths(port: number, data: WorkloadData): Promise<Latency[]> {
  const pick = (role: string) => data.accounts.find((a) => a.role === role && (role === "street_officer" || a.community === 0))!;
  const clients = {
    staff: await signIn(port, pick("community_staff").username, clientAddress(4000)),
    street: await signIn(port, pick("street_officer").username, clientAddress(4001)),
    worker: await signIn(port, pick("grid_worker").username, clientAddress(4002)),
  };
  // Signing in is a write: its read-your-writes cookie would send the next seconds' reads to the
  // primary. The readers here measure the routed reads, so they drop it.
  for (const c of Object.values(clients)) c.cookie = (c.cookie ?? "").split("; ").filter((p) => !p.startsWith(`${READ_COOKIE}=`)).join("; ");
  const out: Latency[] = [];
  for (const r of READS) out.push(await sequential(30, 5, async () => void (await clients[r.who].ok("GET", r.path)), 8000, 10));
  for (const c of Object.values(clients)) c.close();
  return out;
}

/** Reports at a fixed rate on the server while `during` runs; its result and the intake's. */
async function underIntake<T>(port: number, data: WorkloadData, during: () => Promise<T>): Promise<{ value: T; intake: LoopResult }> {
  const reporters = reporterAccounts(data);
  const clients: HttpClient[] = [];
  for (let k = 0; k < 32; k++) clients.push(await signIn(port, reporters[k % reporters.length].username, clientAddress(100 + k)));
  const rand = prng(7);
  let seq = 0;
  let stop = false;
  let value: T | undefined;
  const reads = (async () => {
    await new Promise((r) => setTimeout(r, 1000));
    value = await during();
    stop = true;
  })();
  // The intake runs in windows of 5 s until the reads are done.
  const results: LoopResult[] = [];
  while (!stop) {
    results.push(
      await openLoop({
        perSecond: RATE,
        warmupMs: 0,
        durationMs: 5000,
        op: async (n) => {
          const reporter = reporters[n % reporters.length];
          const report = makeReport(data, reporter.community, rand, seq++);
          const res = await clients[n % clients.length].request("POST", "/api/cases", report.body, { "x-forwarded-for": clientAddress(9000 + (seq % 4000)) });
          if (res.status !== 200) throw new Error(`POST /api/cases: ${res.status} ${res.body.slice(0, 200)}`);
        },
      }),
    );
  }
  await reads;
  for (const c of clients) c.close();
  const lat = results.flatMap((r) => [r.latency.p50]);
  const all = results.reduce((a, r) => ({ count: a.count + r.count, errors: a.errors + r.errors, seconds: a.seconds + r.seconds }), { count: 0, errors: 0, seconds: 0 });
  return {
    value: value as T,
    intake: {
      count: all.count,
      errors: all.errors,
      firstError: results.find((r) => r.firstError)?.firstError ?? null,
      seconds: all.seconds,
      perSecond: all.count / all.seconds,
      latency: { ...results[results.length - 1].latency, p50: lat.sort((a, b) => a - b)[Math.floor(lat.length / 2)], p99: Math.max(...results.map((r) => r.latency.p99)) },
    },
  };
}

async function main() {
  const load0 = os.loadavg()[0];
  const pgServer = await startThrowawayPostgres();
  process.on("SIGINT", () => (pgServer.stop(), process.exit(130)));
  const procs: ServerProc[] = [];
  try {
    log(`primary: PostgreSQL ${pgServer.version} at ${pgServer.url}`);
    const database = await openPostgres(pgServer.url, 4);
    await database.migrate();
    const dataset = buildDataset({ communities: COMMUNITIES, cases: CASES }, await hashPassword(BENCH_PASSWORD));
    const data: WorkloadData = { communities: dataset.communities, microgrids: dataset.microgrids, accounts: dataset.accounts };
    const t0 = performance.now();
    for (const st of dataset.statements) await database.pool.query(`SET session_replication_role = replica; ${st.sql}; RESET session_replication_role`);
    await database.pool.query("VACUUM ANALYZE");
    await database.pool.query("CHECKPOINT");
    const loadS = (performance.now() - t0) / 1000;
    log(`loaded ${CASES.toLocaleString("en")} cases in ${loadS.toFixed(0)} s`);
    await database.close();

    const t1 = performance.now();
    const standby = await pgServer.standby();
    const backupS = (performance.now() - t1) / 1000;
    log(`standby (pg_basebackup, streaming) at ${standby.url}, made in ${backupS.toFixed(0)} s`);
    const primaryPool = new pg.Pool({ connectionString: pgServer.url, max: 1 });
    const standbyPool = new pg.Pool({ connectionString: standby.url, max: 1 });
    const standbyReads = async () =>
      Number((await standbyPool.query<{ n: string }>("SELECT sum(xact_commit + xact_rollback)::bigint AS n FROM pg_stat_database")).rows[0].n);

    const env = { DATABASE_URL: pgServer.url, DEMO_MODE: "false", TRUST_PROXY: "true", LOG_LEVEL: "warn" };
    const withStandby = await ServerProc.start({ ...env, DATABASE_READ_URL: standby.url });
    procs.push(withStandby);
    const primaryOnly = await ServerProc.start(env);
    procs.push(primaryOnly);
    // The server checks the standby every second; it reads from it once a check has passed (the
    // standby's own transaction counter below shows that it did).
    await new Promise((r) => setTimeout(r, 3000));

    log("idle, reads on the standby …");
    const s0 = await standbyReads();
    const idleStandby = await readPaths(withStandby.port, data);
    // A backend reports its counters when idle, within about ten seconds.
    await new Promise((r) => setTimeout(r, 11_000));
    const standbyTx = (await standbyReads()) - s0;
    if (standbyTx < READS.length * 30) throw new Error(`the reads did not run on the standby (${standbyTx} transactions there):\n${withStandby.output.slice(-2000)}`);
    log("idle, reads on the primary …");
    const idlePrimary = await readPaths(primaryOnly.port, data);

    log(`reads on the standby while reports arrive at ${RATE}/s on the primary …`);
    const lags: number[] = [];
    const sampler = setInterval(() => {
      primaryPool
        .query<{ ms: number | null }>("SELECT (extract(epoch FROM max(replay_lag)) * 1000)::float8 AS ms FROM pg_stat_replication")
        .then((r) => lags.push(Number(r.rows[0].ms ?? 0)))
        .catch(() => undefined);
    }, 250);
    const busyStandby = await underIntake(withStandby.port, data, () => readPaths(withStandby.port, data));
    clearInterval(sampler);
    log(`reads on the primary while reports arrive at ${RATE}/s …`);
    const busyPrimary = await underIntake(primaryOnly.port, data, () => readPaths(primaryOnly.port, data));
    const fallbacks = (withStandby.output.match(/standby unusable/g) ?? []).length;

    const rows = READS.map((r, i) => ({ r, idleStandby: idleStandby[i], idlePrimary: idlePrimary[i], busyStandby: busyStandby.value[i], busyPrimary: busyPrimary.value[i] }));
    for (const x of rows) {
      log(
        `  ${x.r.name.padEnd(44)} idle: standby ${x.idleStandby.p50.toFixed(1)} / primary ${x.idlePrimary.p50.toFixed(1)} ms;` +
          ` under intake: standby ${x.busyStandby.p50.toFixed(1)} / primary ${x.busyPrimary.p50.toFixed(1)} ms`,
      );
    }
    const lagSorted = [...lags].sort((a, b) => a - b);
    const lagP50 = lagSorted[Math.floor(lagSorted.length / 2)] ?? 0;
    const lagMax = lagSorted[lagSorted.length - 1] ?? 0;
    log(`  intake with the standby: ${busyStandby.intake.perSecond.toFixed(0)} req/s, p99 ${busyStandby.intake.latency.p99.toFixed(1)} ms, ${busyStandby.intake.errors} errors${busyStandby.intake.firstError ? ` (first: ${busyStandby.intake.firstError})` : ""}; replay lag p50 ${lagP50.toFixed(1)} ms, max ${lagMax.toFixed(1)} ms; transactions on the standby during the idle reads: ${standbyTx}; fallbacks logged: ${fallbacks}`);
    await primaryPool.end();
    await standbyPool.end();

    if (argv.includes("--no-docs")) return;
    const f = (l: Latency) => `${l.p50.toFixed(1)} / ${l.p95.toFixed(1)} ms`;
    writeSection(
      path.join(ROOT, "docs/BENCHMARKS.md"),
      "standby",
      [
        "## Reads from a hot standby",
        "",
        `Written by \`npm run bench:standby\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node.js ${process.version}, PostgreSQL ${pgServer.version}; load average ${load0.toFixed(1)} when it started and ${os.loadavg()[0].toFixed(1)} when it ended. ` +
          "Primary, standby, both app servers and the load generator share this machine, so the standby takes CPU from the primary rather than adding its own: the figures show that routing works and what it costs, not the gain a standby on its own machine gives.",
        "",
        `Data: the case benchmark's street (${COMMUNITIES} communities, ${CASES.toLocaleString("en")} cases), loaded into a throwaway primary in ${loadS.toFixed(0)} s; the standby was made from it with \`pg_basebackup -R -X stream\` in ${backupS.toFixed(0)} s and streams from it. ` +
          "Two servers of the product (`src/server/main.ts`, one worker each) run on the primary: one with `DATABASE_READ_URL` set to the standby, one without. " +
          `Each read path is requested sequentially (30 timed requests after 5 warm-up calls, p50 / p95); "under intake" means while reports arrive at ${RATE} per second (open loop) at the same server, written to the primary.`,
        "",
        "| read path | idle: standby | idle: primary | under intake: standby | under intake: primary |",
        "|---|---|---|---|---|",
        ...rows.map((x) => `| ${x.r.name}<br>\`GET ${x.r.path}\` | ${f(x.idleStandby)} | ${f(x.idlePrimary)} | ${f(x.busyStandby)} | ${f(x.busyPrimary)} |`),
        "",
        figureTable([
          ["intake while reading from the standby", `${busyStandby.intake.perSecond.toFixed(0)} req/s offered ${RATE}/s, p99 ${busyStandby.intake.latency.p99.toFixed(1)} ms, ${busyStandby.intake.errors} errors`],
          ["intake while reading from the primary", `${busyPrimary.intake.perSecond.toFixed(0)} req/s offered ${RATE}/s, p99 ${busyPrimary.intake.latency.p99.toFixed(1)} ms, ${busyPrimary.intake.errors} errors`],
          ["standby replay lag during the intake (sampled every 250 ms)", `p50 ${lagP50.toFixed(1)} ms, max ${lagMax.toFixed(1)} ms`],
          ["transactions the standby ran during the idle reads (its own `pg_stat_database`)", standbyTx.toLocaleString("en")],
          ["fallbacks to the primary logged by the server", String(fallbacks)],
        ]),
      ].join("\n"),
    );
  } finally {
    for (const p of procs) await p.kill("SIGTERM").catch(() => undefined);
    pgServer.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
