import fs from "node:fs";
import os from "node:os";

/**
 * CPU time of processes from /proc (Linux), to show which process a throughput figure is bound by
 * (the app server, the database server, or the load generator) and how busy the machine was with
 * anything else during a measurement.
 */

const TICK_MS = 10; // USER_HZ is 100 on Linux

function readStat(pid: number): { ppid: number; cpuMs: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    // fields after ")": state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14). The time of
    // children that exited (e.g. PostgreSQL backends of closed connections) moves into their
    // parent's cutime/cstime, so a process tree keeps it when connections close mid-window.
    return { ppid: Number(f[1]), cpuMs: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** A process and all its descendants (PostgreSQL: the postmaster and its backends). */
export function treeCpuMs(rootPid: number): number {
  const all = new Map<number, { ppid: number; cpuMs: number }>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(Number(name));
    if (st) all.set(Number(name), st);
  }
  let total = 0;
  const stack = [rootPid];
  const seen = new Set<number>();
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += all.get(pid)?.cpuMs ?? 0;
    for (const [child, st] of all) if (st.ppid === pid) stack.push(child);
  }
  return total;
}

export function processCpuMs(pid: number): number {
  return readStat(pid)?.cpuMs ?? 0;
}

/** Busy CPU time of the whole machine (all cores), in ms. */
export function machineBusyMs(): number {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    return (total - idle) * TICK_MS;
  } catch {
    return 0;
  }
}

const selfMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export interface CpuShare {
  /** Percent of one core, averaged over the window (200 % = both of two cores). */
  server: number;
  database: number | null;
  loadGenerator: number;
  /** Everything else running on the machine meanwhile (other programs), same unit. */
  other: number;
  /** Cores of the machine, for scale. */
  cores: number;
  /** Length of the window, ms. */
  windowMs: number;
}

export interface CpuProbe {
  start(): void;
  stop(): CpuShare;
}

/** Measures CPU use of the server process, the database process tree and this process over a window. */
export function cpuProbe(serverPid: number, databasePid: number | null): CpuProbe {
  let t0 = 0;
  let s0 = 0;
  let d0 = 0;
  let l0 = 0;
  let m0 = 0;
  return {
    start() {
      t0 = performance.now();
      s0 = processCpuMs(serverPid);
      d0 = databasePid ? treeCpuMs(databasePid) : 0;
      l0 = selfMs();
      m0 = machineBusyMs();
    },
    stop() {
      const dt = performance.now() - t0;
      const server = processCpuMs(serverPid) - s0;
      const database = databasePid ? treeCpuMs(databasePid) - d0 : 0;
      const load = selfMs() - l0;
      const machine = machineBusyMs() - m0;
      return {
        server: (server / dt) * 100,
        database: databasePid ? (database / dt) * 100 : null,
        loadGenerator: (load / dt) * 100,
        other: Math.max(0, ((machine - server - database - load) / dt) * 100),
        cores: os.availableParallelism?.() ?? os.cpus().length,
        windowMs: dt,
      };
    },
  };
}

/**
 * Waits (at most `maxWaitMs`) until programs other than the benchmark use less than `limit` % of one
 * core for `quietSamples` consecutive seconds, so that measurements on a shared machine start in a
 * quiet moment. Returns the time waited and the last background figure.
 */
export async function waitForQuiet(ownPids: () => number[], opts: { limit?: number; quietSamples?: number; maxWaitMs?: number } = {}): Promise<{ waitedMs: number; background: number }> {
  const limit = opts.limit ?? 25;
  const need = opts.quietSamples ?? 3;
  const maxWait = opts.maxWaitMs ?? 90_000;
  const t0 = performance.now();
  let quiet = 0;
  let background = 0;
  const ours = () => ownPids().reduce((s, pid) => s + treeCpuMs(pid), 0) + selfMs();
  while (performance.now() - t0 < maxWait) {
    const m0 = machineBusyMs();
    const o0 = ours();
    const s = performance.now();
    await new Promise((r) => setTimeout(r, 1000));
    const dt = performance.now() - s;
    background = Math.max(0, ((machineBusyMs() - m0 - (ours() - o0)) / dt) * 100);
    quiet = background < limit ? quiet + 1 : 0;
    if (quiet >= need) break;
  }
  return { waitedMs: performance.now() - t0, background };
}
