import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A throwaway PostgreSQL 15 for the benchmark, started the way `.ci/run` starts the CI one
 * (initdb + pg_ctl, as the postgres user when running as root, random port, socket in a temp
 * folder), but with default durability: fsync and full-page writes stay on. Only
 * `synchronous_commit=off` is relaxed (a crash may lose the last few hundred milliseconds of
 * commits, never corrupt data), plus memory settings a production server would have.
 */

export const PGBIN = "/usr/lib/postgresql/15/bin";

/** Server settings the throwaway server is started with (also printed in the report). */
export const PG_SETTINGS: Record<string, string> = {
  listen_addresses: "127.0.0.1",
  max_connections: "200",
  synchronous_commit: "off",
  shared_buffers: "2GB",
  effective_cache_size: "8GB",
  work_mem: "32MB",
  maintenance_work_mem: "512MB",
  max_wal_size: "4GB",
  checkpoint_timeout: "15min",
  // Loaded but idle (track=none, set in postgresql.conf so that ALTER SYSTEM can switch it on);
  // it tracks statements only in the profiled pass after the measurements.
  shared_preload_libraries: "pg_stat_statements",
};

export interface ThrowawayPostgres {
  url: string;
  version: string;
  /** The postmaster's process id (its backends are its children). */
  pid: number;
  stop(): void;
  /** A streaming hot standby of this server (pg_basebackup -R), on its own port; stopped with it. */
  standby(): Promise<{ url: string; pid: number; stop(): void }>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  if (!fs.existsSync(path.join(PGBIN, "initdb"))) {
    throw new Error(`PostgreSQL 15 is not installed (${PGBIN}); install postgresql-15 or set DATABASE_URL`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linli-bench-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  const run = (bin: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(PGBIN, bin), ...args]] : [path.join(PGBIN, bin), args];
    const r = spawnSync(cmd, argv as string[], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${bin} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const data = path.join(dir, "data");
  let started = false;
  const stop = () => {
    if (started) {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      } catch {
        // already gone
      }
      started = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run("initdb", ["-D", data, "-U", "linli", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    fs.appendFileSync(path.join(data, "postgresql.conf"), "\npg_stat_statements.track = none\n");
    const port = await freePort();
    const opts = [`-p ${port}`, `-k ${dir}`, ...Object.entries(PG_SETTINGS).map(([k, v]) => `-c ${k}=${v}`)].join(" ");
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-o", opts, "start"]);
    started = true;
    const version = execFileSync(path.join(PGBIN, "postgres"), ["--version"], { encoding: "utf8" }).trim().split(" ").pop()?.replace(/\)$/, "") ?? "?";
    const pid = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
    const standbys: Array<() => void> = [];
    const standby = async () => {
      const sdata = path.join(dir, `standby${standbys.length}`);
      run("pg_basebackup", ["-D", sdata, "-R", "-h", "127.0.0.1", "-p", String(port), "-U", "linli", "-X", "stream", "-c", "fast"]);
      const sport = await freePort();
      const sopts = [`-p ${sport}`, `-k ${dir}`, ...Object.entries(PG_SETTINGS).map(([k, v]) => `-c ${k}=${v}`)].join(" ");
      run("pg_ctl", ["-D", sdata, "-l", path.join(dir, `${path.basename(sdata)}.log`), "-w", "-o", sopts, "start"]);
      let up = true;
      const stopStandby = () => {
        if (!up) return;
        up = false;
        try {
          run("pg_ctl", ["-D", sdata, "-m", "immediate", "stop"]);
        } catch {
          // already gone
        }
      };
      standbys.push(stopStandby);
      const spid = Number(fs.readFileSync(path.join(sdata, "postmaster.pid"), "utf8").split("\n")[0]);
      return { url: `postgres://linli@127.0.0.1:${sport}/postgres`, pid: spid, stop: stopStandby };
    };
    const stopAll = () => {
      for (const s of standbys) s();
      stop();
    };
    return { url: `postgres://linli@127.0.0.1:${port}/postgres`, version, pid, stop: stopAll, standby };
  } catch (err) {
    stop();
    throw err;
  }
}
