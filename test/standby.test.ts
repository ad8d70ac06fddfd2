import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { eventually, freePort, HttpSession, ServerProc, wait } from "./support/processes";

/**
 * A primary and a streaming standby (pg_basebackup) of PostgreSQL 15, started here on random ports in
 * a temp folder and stopped at the end: the reads of lists go to the standby, the writer reads their
 * own writes from the primary, a lagging or stopped standby falls back to the primary (with a log
 * line), and a primary restart answers 503 meanwhile and recovers, with no process exiting.
 * PostgreSQL only (CI's second run); skipped when the server binaries are missing.
 */
const PGBIN = "/usr/lib/postgresql/15/bin";
const onPostgres = Boolean(process.env.DATABASE_URL);
const haveBinaries = fs.existsSync(path.join(PGBIN, "pg_basebackup")) && fs.existsSync(path.join(PGBIN, "initdb"));
if (onPostgres && !haveBinaries) console.warn(`standby test skipped: no PostgreSQL 15 binaries in ${PGBIN}`);

const asRoot = process.getuid?.() === 0;
function run(bin: string, args: string[]) {
  const cmd = path.join(PGBIN, bin);
  return asRoot ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" }) : execFileSync(cmd, args, { stdio: "pipe" });
}

describe.skipIf(!onPostgres || !haveBinaries)("reads from a hot standby", () => {
  let dir: string;
  let primaryPort: number;
  let standbyPort: number;
  let server: ServerProc;
  let primary: pg.Pool;
  let standby: pg.Pool;
  const settings = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60`;
  const ctl = (data: string, action: string, port: number) => run("pg_ctl", ["-D", path.join(dir, data), "-l", path.join(dir, `${data}.log`), "-w", "-m", "fast", "-o", settings(port), action]);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "linli-standby-"));
    if (asRoot) fs.chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), Number(execFileSync("id", ["-g", "postgres"]).toString().trim()));
    [primaryPort, standbyPort] = [await freePort(), await freePort()];
    run("initdb", ["-D", path.join(dir, "primary"), "-U", "linli", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    ctl("primary", "start", primaryPort);
    run("pg_basebackup", ["-D", path.join(dir, "standby"), "-R", "-h", "127.0.0.1", "-p", String(primaryPort), "-U", "linli", "-X", "stream"]);
    ctl("standby", "start", standbyPort);
    const url = (port: number) => `postgres://linli@127.0.0.1:${port}/postgres`;
    primary = new pg.Pool({ connectionString: url(primaryPort), max: 2 });
    standby = new pg.Pool({ connectionString: url(standbyPort), max: 2 });
    primary.on("error", () => undefined);
    standby.on("error", () => undefined);
    // The server migrates and loads the demo data into the empty primary; the standby follows.
    server = await ServerProc.start({ DATABASE_URL: url(primaryPort), DATABASE_READ_URL: url(standbyPort), SEED_ON_EMPTY: "true", LOG_LEVEL: "info" });
    await eventually(async () => server.output.includes("standby is back"), 20_000, "the standby in use");
  }, 180_000);

  afterAll(async () => {
    await server?.kill("SIGTERM");
    await primary?.end().catch(() => undefined);
    await standby?.end().catch(() => undefined);
    for (const data of ["standby", "primary"]) {
      try {
        run("pg_ctl", ["-D", path.join(dir, data), "-m", "immediate", "stop"]);
      } catch {
        /* not running */
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const listed = async (s: HttpSession, marker: string) =>
    ((await s.json("GET", `/api/cases?q=${encodeURIComponent(marker)}&limit=30`)).items as Array<{ description: string }>).some((c) => c.description.includes(marker));

  it("lists from the standby; the writer reads their own write from the primary", async () => {
    const staff = await HttpSession.login(server.base, "hk_staff");
    await wait(RECENT_WRITE_MS); // the sign-in is a write: its read-your-writes window ends first
    // Hold the standby's replay: a row written on the primary now is not on the standby.
    await standby.query("SELECT pg_wal_replay_pause()");
    const marker = `standby-${Date.now()}`;
    await primary.query(`UPDATE cases SET description = description || ' ' || $1 WHERE id = (SELECT id FROM cases WHERE area_id IS NOT NULL ORDER BY created_at DESC LIMIT 1)`, [marker]);
    expect((await primary.query("SELECT 1 FROM cases WHERE description LIKE $1", [`%${marker}%`])).rowCount).toBe(1);
    expect(await listed(staff, marker)).toBe(false); // read on the standby
    // The same person writes: their next reads go to the primary for a few seconds.
    const res = await staff.send("POST", "/api/cases", { categoryCode: "noise", description: `${marker} mine` });
    expect(res.status).toBe(200);
    expect(await listed(staff, `${marker} mine`)).toBe(true);
    // A standby that falls behind is left: after the lag limit, everyone reads from the primary.
    await eventually(async () => server.output.includes("reads fall back to the primary"), 15_000, "lag noticed");
    expect(await listed(staff, marker)).toBe(true);
    await standby.query("SELECT pg_wal_replay_resume()");
    await eventually(async () => server.output.split("standby is back").length > 2, 15_000, "standby back after replay resumed");
  }, 60_000);

  it("falls back to the primary when the standby stops, and comes back to it", async () => {
    const staff = await HttpSession.login(server.base, "hk_staff");
    const before = server.output.split("reads fall back to the primary").length;
    ctl("standby", "stop", standbyPort);
    await eventually(async () => (await staff.send("GET", "/api/cases?limit=5")).status === 200 && server.output.split("reads fall back to the primary").length > before, 15_000, "fallback with a log line");
    expect((await staff.send("GET", "/api/cases?limit=5")).status).toBe(200);
    ctl("standby", "start", standbyPort);
    await eventually(async () => server.output.split("standby is back").length > 2, 20_000, "standby used again");
    expect(server.exited).toBeNull();
  }, 60_000);

  it("answers 503 while the primary restarts, and serves again after, without the process exiting", async () => {
    const staff = await HttpSession.login(server.base, "hk_staff");
    ctl("primary", "stop", primaryPort);
    const during = await staff.send("POST", "/api/cases", { categoryCode: "noise", description: "primary down" });
    expect(during.status).toBe(503);
    expect(((await during.json()) as { code: string }).code).toBe("DATABASE_UNAVAILABLE");
    ctl("primary", "start", primaryPort);
    await eventually(async () => (await staff.send("POST", "/api/cases", { categoryCode: "noise", description: "primary back" })).status === 200, 20_000, "writes after the restart");
    expect(server.exited).toBeNull();
  }, 60_000);
});

const RECENT_WRITE_MS = 5_500;
