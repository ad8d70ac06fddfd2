import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { PersonalDataCipher } from "./platform/personal-data";
import pino from "pino";
import { loadConfig, type Config } from "./config";
import { buildApp } from "./app";
import {
  checkDemoDatabase,
  checkProductionDatabase,
  createDeps,
  disableDemoAccounts,
  isEmpty,
  loadDemo,
  openDatabase,
  StartRefusedError,
  type Opened,
} from "./bootstrap";
import { pruneLoginThrottle } from "./modules/auth/throttle";
import { sweepTimers } from "./modules/cases/sweep-timers";
import { runPatrolHousekeeping } from "./modules/patrols/sweep-tasks";
import { sendActivityReminders } from "./modules/partners/send-reminders";
import { analyze } from "./db/client";
import { DataDirLockedError } from "./platform/lock";
import { LogSmsGateway } from "./platform/sms";
import { safeLoggerOptions } from "./platform/logging";
import { schedule } from "./platform/schedule";
import { pruneRateLimits } from "./platform/rate-limit-store";

const USAGE = `Usage: linli <command>
  start       migrate, load demo data into an empty database, serve on PORT (default 3000)
  migrate     apply database migrations
  seed        rebuild the database with the demo data set (SEED=<number> for another one);
              refused over a database that holds data the demo seed did not make
  disable-demo  disable the seeded demo accounts and treat the database as real data from now on
  rotate-key  re-encrypt all personal data under a new key
  purge       delete households archived longer than RETENTION_DAYS (default 3 years)`;
const COMMANDS = ["start", "migrate", "seed", "disable-demo", "rotate-key", "purge"];

function printAccounts(accounts: Array<{ username: string | null; phone: string | null; role: string; displayName: string }>, password: string) {
  console.log(`\nDemo logins (password for user names: ${password}; phones sign in with a one-time code shown on screen):`);
  for (const a of accounts) console.log(`  ${(a.username ?? a.phone ?? "").padEnd(16)} ${a.role.padEnd(20)} ${a.displayName}`);
}

type Accounts = Parameters<typeof printAccounts>[0];
type Log = pino.Logger;

/** The demo logins as `GET /api/config` lists them. */
async function demoAccountsOf(config: Config, opened: Opened, log: Log): Promise<Accounts> {
  const deps = await createDeps(config, opened.database, opened.cipher, new LogSmsGateway(log, { demoMode: config.demoMode }));
  const app = await buildApp(deps);
  try {
    const res = await app.inject({ method: "GET", url: "/api/config" });
    return (res.json() as { demoAccounts: Accounts }).demoAccounts;
  } finally {
    await app.close();
  }
}

async function printBanner(config: Config, kind: string, accounts: Accounts | null) {
  const base = `http://localhost:${config.port}`;
  console.log(`\nLinli 邻里 is running on ${kind}`);
  console.log(`  Staff console   ${base}/`);
  console.log(`  Phone app (H5)  ${base}/m/`);
  console.log(`  API docs        ${base}/docs`);
  if (config.demoMode && !["localhost", "127.0.0.1", "::1"].includes(config.host)) {
    console.log(`  Demo mode on HOST=${config.host}: one-time codes and demo logins are answered to this machine only.`);
  }
  if (config.demoMode && accounts) printAccounts(accounts, (await import("./seed/demo")).DEMO_PASSWORD);
}

/**
 * The primary of several processes: forks `config.workers` workers (migrations and demo data are done
 * already) and forks a new one whenever one exits, until the primary itself is stopped.
 */
function runWorkers(config: Config, log: Log, accounts: Accounts | null): Promise<void> {
  let stopping = false;
  let listening = 0;
  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => {
      if (++listening === config.workers) void printBanner(config, `PostgreSQL, ${config.workers} worker processes`, accounts);
    });
  };
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.warn({ pid: worker.process.pid, code, signal }, "worker exited; starting another");
    setTimeout(fork, 1000).unref();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nShutting down the workers …");
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    setTimeout(() => process.exit(0), 15_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  log.info({ workers: config.workers, pid: process.pid }, "starting worker processes on PostgreSQL");
  for (let i = 0; i < config.workers; i++) fork();
  return new Promise(() => undefined);
}

/** A worker of several: opens its own pool on the migrated database and serves. */
async function serveWorker(config: Config, log: Log) {
  const opened = await openDatabase(config);
  let closing = false;
  const shutdown = async (code = 0) => {
    if (closing) return;
    closing = true;
    await opened.release().catch(() => undefined);
    process.exit(code);
  };
  try {
    await serve(config, log, opened, shutdown, null, true);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await shutdown(1);
  }
}

/**
 * Serves HTTP in this process and runs the scheduled jobs. On PostgreSQL the jobs run once per tick
 * across all processes (platform/schedule.ts) and notifications fan out over LISTEN/NOTIFY.
 */
async function serve(config: Config, log: Log, opened: Opened, shutdown: (code?: number) => Promise<void>, accounts: Accounts | null, worker = false) {
  const { database, cipher } = opened;
  const deps = await createDeps(config, database, cipher, new LogSmsGateway(log, { demoMode: config.demoMode }));
  const app = await buildApp(deps, { logger: { level: config.logLevel }, serveWeb: true });
  // The server outlives its database: a dropped connection is logged, the pool reconnects on the
  // next query, requests meanwhile get 503, and no background job may take the process down.
  database.onConnectionError?.((err) => log.warn({ err }, "database connection lost"));
  process.on("unhandledRejection", (err) => log.error({ err }, "unhandled promise rejection"));
  if (database.kind === "postgres" && config.databaseUrl) await deps.notifications.connect(database, config.databaseUrl, log);
  const stops: Array<() => void> = [];
  // Time limits: mark yellow/red cases every minute.
  stops.push(schedule(database, log, "case-timer-sweep", config.timerSweepSeconds * 1000, () => sweepTimers(deps)));
  // Patrol tasks for the current periods and missed ones; activity reminders a day ahead.
  const every10min = 10 * 60_000;
  stops.push(schedule(database, log, "patrol-housekeeping", every10min, () => runPatrolHousekeeping(deps)));
  stops.push(schedule(database, log, "activity-reminders", every10min, () => sendActivityReminders(deps)));
  stops.push(schedule(database, log, "sign-in-throttle-pruning", every10min, () => pruneLoginThrottle(deps)));
  if (database.pool) stops.push(schedule(database, log, "rate-limit-pruning", every10min, () => pruneRateLimits(database.pool!)));
  if (database.kind === "pglite") {
    // PGlite runs no autovacuum: refresh statistics every six hours.
    const t = setInterval(() => analyze(database.db).catch((err) => log.warn({ err }, "VACUUM ANALYZE failed")), 6 * 3600_000).unref();
    stops.push(() => clearInterval(t));
  }
  const stop = async () => {
    if (!worker) console.log("\nShutting down …");
    stops.forEach((f) => f());
    await app.close().catch(() => undefined);
    await deps.notifications.close().catch(() => undefined);
    await shutdown(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await app.listen({ host: config.host, port: config.port });
  if (worker) return;
  if (config.demoMode && !accounts) {
    const res = await app.inject({ method: "GET", url: "/api/config" });
    accounts = (res.json() as { demoAccounts: Accounts }).demoAccounts;
  }
  await printBanner(config, database.kind === "pglite" ? `embedded PGlite (${config.dataDir})` : "PostgreSQL, one process", accounts);
}

async function main(command: string | undefined) {
  const config = loadConfig();
  const log = pino(safeLoggerOptions({ level: config.logLevel }));
  if (!command || !COMMANDS.includes(command)) {
    console.log(USAGE);
    process.exitCode = command ? 2 : 0;
    return;
  }
  if (command === "start" && cluster.isWorker) return serveWorker(config, log);
  const opened = await openDatabase(config);
  const { database, cipher } = opened;
  let closing = false;
  const shutdown = async (code = 0) => {
    if (closing) return;
    closing = true;
    await opened.release().catch(() => undefined);
    process.exit(code);
  };
  try {
    await database.migrate();
    if (command === "migrate") {
      console.log("Migrations applied.");
      return shutdown(0);
    }
    if (command === "rotate-key") {
      const { rotatePersonalDataKey } = await import("./modules/registry/rotate-key");
      const { NEXT_KEY_FILE } = await import("./bootstrap");
      const key = randomBytes(32);
      const nextFile = path.join(config.dataDir, NEXT_KEY_FILE);
      if (!config.dataKey) fs.writeFileSync(nextFile, key.toString("hex") + "\n", { mode: 0o600 });
      const counts = await rotatePersonalDataKey(database.db, cipher, new PersonalDataCipher(key));
      if (config.dataKey) {
        console.log(`Personal data re-encrypted. Set DATA_KEY to the new key before the next start:\n${key.toString("hex")}`);
      } else {
        fs.renameSync(nextFile, path.join(config.dataDir, "linli.key"));
        console.log(`Personal data re-encrypted under a new key (${path.join(config.dataDir, "linli.key")}).`);
      }
      console.log(counts);
      return shutdown(0);
    }
    if (command === "purge") {
      const { purgeArchived } = await import("./modules/registry/purge-archived");
      const r = await purgeArchived(database.db, config.retentionDays);
      console.log(`Purged ${r.households} households (${r.persons} people) archived more than ${config.retentionDays} days ago.`);
      return shutdown(0);
    }
    if (command === "disable-demo") {
      const disabled = await disableDemoAccounts(database.db);
      console.log(`Disabled ${disabled.length} demo account(s); the database no longer counts as demo data.`);
      for (const a of disabled) console.log(`  ${(a.username ?? `phone ***${a.phoneTail ?? ""}`).padEnd(20)} ${a.role}`);
      return shutdown(0);
    }
    if (command === "seed") {
      // The seed drops everything: never over data the demo seed did not make.
      await checkDemoDatabase(database.db);
      await database.db.execute(sql`DROP SCHEMA public CASCADE`);
      await database.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
      await database.db.execute(sql`CREATE SCHEMA public`);
      await database.migrate();
      const summary = await loadDemo(database, cipher, config.seed);
      console.log(`Demo data loaded (seed ${config.seed}).`);
      printAccounts(summary.accounts, (await import("./seed/demo")).DEMO_PASSWORD);
      return shutdown(0);
    }

    // Demo conveniences never over real data; production never with the published demo logins.
    if (config.demoMode) await checkDemoDatabase(database.db);
    let accounts: Accounts | null = null;
    if (config.seedOnEmpty && (await isEmpty(database))) {
      console.log(`Empty database: loading the demo data (seed ${config.seed}) …`);
      const started = Date.now();
      accounts = (await loadDemo(database, cipher, config.seed)).accounts;
      console.log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    }
    if (config.env === "production") await checkProductionDatabase(database.db);
    if (database.kind === "postgres" && config.workers > 1) {
      // Several processes on one PostgreSQL: this one only forks the workers and starts them again
      // when one dies; each worker serves HTTP on the shared port (see docs/ARCHITECTURE.md).
      if (config.demoMode && !accounts) accounts = await demoAccountsOf(config, opened, log);
      await opened.release();
      return runWorkers(config, log, accounts);
    }
    if (database.kind === "pglite") log.info("embedded PGlite: one server process (WORKERS applies to PostgreSQL only)");
    await serve(config, log, opened, shutdown, accounts);
  } catch (err) {
    console.error(err instanceof StartRefusedError ? `Linli cannot start:\n${err.message}` : err instanceof Error ? err.message : err);
    await shutdown(1);
  }
}

main(process.argv[2]).catch((err) => {
  if (err instanceof DataDirLockedError) {
    console.error(`Linli cannot start: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
