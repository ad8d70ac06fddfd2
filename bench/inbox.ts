/**
 * Inbox and home pages benchmark (`npm run bench:inbox [-- --cases=N] [--no-docs]`): every page a
 * person opens first, p50/p99 over repeated GETs through the HTTP app (in-process inject), each with a
 * raw-SQL baseline sent in the same run (the plain statement of what the page mainly reads), and the
 * ratio of the two:
 *  1. PGlite with the demo data: the secretary's and staff's 待办 inbox and the navigation badges,
 *     the street queue, the resident's home (community, notices, own reports, meetings), the rider's
 *     home (stations), the grid worker's today list and case queue;
 *  2. on a throwaway PostgreSQL 15: the case benchmark's street of 10 communities (bench/generate.ts,
 *     as bench:street loads it), the same pages for the accounts it has (street officer, community
 *     staff, grid worker). Its patrol, notice and partner tables are empty.
 * Writes the "inbox" section of docs/BENCHMARKS.md.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startThrowawayPostgres } from "./postgres";
import { figureTable, writeSection } from "./docs-section";
import { buildDataset, BENCH_PASSWORD } from "./generate";
import { inProcessApp, seededPglite } from "./in-process";
import { openPostgres, rowsOf, type Database } from "../src/server/db/client";
import { hashPassword } from "../src/server/platform/passwords";
import { sql } from "drizzle-orm";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name: string) => argv.find((a) => a.startsWith(`${name}=`))?.split("=")[1];
const COMMUNITIES = 10;
const CASES = Number(option("--cases") ?? 200_000);
const RUNS = Number(option("--runs") ?? 40);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

type App = Awaited<ReturnType<typeof inProcessApp>>["app"];

/** One page: who opens it, the GET, and the raw statement it is compared with. */
interface Page {
  name: string;
  cookie: string;
  url: string;
  raw: string;
}
interface Figure {
  name: string;
  p50: number;
  p99: number;
  raw: number;
}

async function timeGet(app: App, cookie: string, url: string) {
  for (let i = 0; i < 3; i++) await app.inject({ method: "GET", url, headers: { cookie } });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = await app.inject({ method: "GET", url, headers: { cookie } });
    times.push(ms(t0));
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  }
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

async function timeRaw(database: Database, text: string) {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = process.hrtime.bigint();
    await database.db.execute(sql.raw(text));
    if (i >= 3) times.push(ms(t0));
  }
  return pct(times, 50);
}

async function measure(app: App, database: Database, pages: Page[]): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const p of pages) {
    const http = await timeGet(app, p.cookie, p.url);
    const raw = await timeRaw(database, p.raw);
    out.push({ name: p.name, ...http, raw });
    console.log(`  ${p.name.padEnd(44)} p50 ${http.p50.toFixed(1).padStart(7)} ms  p99 ${http.p99.toFixed(1).padStart(7)} ms  raw ${raw.toFixed(1).padStart(6)} ms  ×${(http.p50 / Math.max(raw, 0.01)).toFixed(1)}`);
  }
  return out;
}

async function one<T>(database: Database, text: string): Promise<T> {
  return rowsOf<T>(await database.db.execute(sql.raw(text)))[0];
}

/** The raw statements: what each page mainly reads, written plainly for one user and scope. */
function rawFor(userId: string, areaPath: string, communityId: string | null) {
  const scope = `(SELECT id FROM areas WHERE path LIKE '${areaPath}%')`;
  return {
    inbox: `SELECT count(*) FILTER (WHERE status = 'handled') AS verify, count(*) FILTER (WHERE status = 'reported') AS accept,
        count(*) FILTER (WHERE timer = 'red') AS overdue, count(*) FILTER (WHERE timer = 'yellow') AS soon
      FROM cases WHERE status <> 'closed' AND area_id IN ${scope}`,
    queue: `SELECT c.*, k.name FROM cases c JOIN case_categories k ON k.code = c.category_code
      WHERE c.status <> 'closed' AND c.level IN ('street', 'department') AND c.area_id IN ${scope}
      ORDER BY (c.timer = 'red') DESC, c.created_at LIMIT 50`,
    myCases: `SELECT c.*, k.name FROM cases c JOIN case_categories k ON k.code = c.category_code
      WHERE c.status <> 'closed' AND (c.handler_id = '${userId}' OR (c.level = 'grid' AND c.area_id IN ${scope})) ORDER BY c.created_at LIMIT 100`,
    tasks: `SELECT t.*, p.target_label FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id
      WHERE t.assignee_id = '${userId}' AND t.status = 'open' AND coalesce(t.planned_on, t.period_start) <= CURRENT_DATE AND t.period_end >= CURRENT_DATE LIMIT 300`,
    home: `SELECT (SELECT count(*) FROM notices WHERE community_id = ${communityId ? `'${communityId}'` : "NULL"}) AS notices,
        (SELECT count(*) FROM cases WHERE reporter_id = '${userId}' AND status <> 'closed') AS mine,
        (SELECT count(*) FROM activities WHERE community_id = ${communityId ? `'${communityId}'` : "NULL"} AND starts_at >= now()) AS upcoming`,
    stations: `SELECT * FROM places WHERE kind = 'rider_station' ORDER BY name LIMIT 100`,
  };
}

async function userOf(database: Database, where: string) {
  return one<{ id: string; path: string; community_id: string | null }>(
    database,
    `SELECT u.id, a.path, coalesce(a.community_id, CASE WHEN a.level = 'community' THEN a.id END) AS community_id FROM users u JOIN areas a ON a.id = u.area_id WHERE ${where} LIMIT 1`,
  );
}

async function main() {
  const load0 = os.loadavg();
  // 1. PGlite with the demo data.
  const lite = await seededPglite();
  const demo = await inProcessApp(lite, `/tmp/linli-bench-inbox-lite-${process.pid}`);
  const c = {
    secretary: await demo.cookieOf("hk_secretary"),
    staff: await demo.cookieOf("hk_staff"),
    street: await demo.cookieOf("hy_street"),
    grid: await demo.cookieOf("hk_grid1"),
    resident: await demo.phoneCookieOf("13900000001"),
    rider: await demo.phoneCookieOf("13900000002"),
  };
  const u = {
    secretary: await userOf(lite, `u.username = 'hk_secretary'`),
    street: await userOf(lite, `u.username = 'hy_street'`),
    grid: await userOf(lite, `u.username = 'hk_grid1'`),
  };
  const rs = rawFor(u.secretary.id, u.secretary.path, u.secretary.community_id);
  const rst = rawFor(u.street.id, u.street.path, null);
  const rg = rawFor(u.grid.id, u.grid.path, u.grid.community_id);
  const rr = rawFor(u.grid.id, u.grid.path, u.grid.community_id);
  console.log("PGlite, demo data:");
  const demoFigures = await measure(demo.app, lite, [
    { name: "secretary: 待办 inbox (GET /api/inbox)", cookie: c.secretary, url: "/api/inbox", raw: rs.inbox },
    { name: "staff: 待办 inbox", cookie: c.staff, url: "/api/inbox", raw: rs.inbox },
    { name: "navigation badges (GET /api/inbox/counts)", cookie: c.secretary, url: "/api/inbox/counts", raw: rs.inbox },
    { name: "street officer: street queue", cookie: c.street, url: "/api/street/queue", raw: rst.queue },
    { name: "resident: home (GET /api/my-community)", cookie: c.resident, url: "/api/my-community", raw: rr.home },
    { name: "resident: my reports (cases?scope=reported)", cookie: c.resident, url: "/api/cases?scope=reported&limit=20", raw: rr.home },
    { name: "resident: community meetings", cookie: c.resident, url: "/api/community/meetings", raw: rr.home },
    { name: "rider: stations (GET /api/riders/friendly)", cookie: c.rider, url: "/api/riders/friendly?everywhere=true", raw: rr.stations },
    { name: "grid worker: today (patrols/my/tasks)", cookie: c.grid, url: "/api/patrols/my/tasks?view=today", raw: rg.tasks },
    { name: "grid worker: case queue (cases?scope=queue)", cookie: c.grid, url: "/api/cases?scope=queue&limit=100", raw: rg.myCases },
    { name: "grid worker: home (GET /api/my-community)", cookie: c.grid, url: "/api/my-community", raw: rg.home },
  ]);
  await demo.app.close();
  await lite.close();

  // 2. PostgreSQL 15: the street of 10 communities.
  let version = "";
  let caseCount = 0;
  let loadS = 0;
  let streetFigures: Figure[] = [];
  const pg = await startThrowawayPostgres();
  process.on("SIGINT", () => (pg.stop(), process.exit(130)));
  try {
    const database = await openPostgres(pg.url, 10);
    await database.migrate();
    version = (await database.pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    const dataset = buildDataset({ communities: COMMUNITIES, cases: CASES }, await hashPassword(BENCH_PASSWORD));
    const t0 = process.hrtime.bigint();
    for (const st of dataset.statements) await database.pool.query(`SET session_replication_role = replica; ${st.sql}; RESET session_replication_role`);
    await database.pool.query("VACUUM ANALYZE");
    loadS = ms(t0) / 1000;
    caseCount = (await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows[0].n;
    console.log(`street of ${COMMUNITIES} communities, ${caseCount} cases, loaded in ${loadS.toFixed(0)} s`);
    const { app, cookieOf } = await inProcessApp(database, `/tmp/linli-bench-inbox-${process.pid}`);
    const officer = dataset.accounts.find((a) => a.role === "street_officer")!;
    const staff = dataset.accounts.find((a) => a.role === "community_staff")!;
    const grid = dataset.accounts.find((a) => a.role === "grid_worker")!;
    const co = { officer: await cookieOf(officer.username, BENCH_PASSWORD), staff: await cookieOf(staff.username, BENCH_PASSWORD), grid: await cookieOf(grid.username, BENCH_PASSWORD) };
    const us = await userOf(database, `u.username = '${staff.username}'`);
    const uo = await userOf(database, `u.username = '${officer.username}'`);
    const ug = await userOf(database, `u.username = '${grid.username}'`);
    const r1 = rawFor(us.id, us.path, us.community_id);
    const ro = rawFor(uo.id, uo.path, null);
    const rg2 = rawFor(ug.id, ug.path, ug.community_id);
    console.log(`PostgreSQL ${version}, street of ${COMMUNITIES} communities:`);
    streetFigures = await measure(app, database, [
      { name: "community staff: 待办 inbox", cookie: co.staff, url: "/api/inbox", raw: r1.inbox },
      { name: "street officer: 待办 inbox (10 communities)", cookie: co.officer, url: "/api/inbox", raw: ro.inbox },
      { name: "navigation badges, street officer", cookie: co.officer, url: "/api/inbox/counts", raw: ro.inbox },
      { name: "street officer: street queue", cookie: co.officer, url: "/api/street/queue", raw: ro.queue },
      { name: "grid worker: today (patrols/my/tasks)", cookie: co.grid, url: "/api/patrols/my/tasks?view=today", raw: rg2.tasks },
      { name: "grid worker: case queue", cookie: co.grid, url: "/api/cases?scope=queue&limit=100", raw: rg2.myCases },
      { name: "grid worker: home (GET /api/my-community)", cookie: co.grid, url: "/api/my-community", raw: rg2.home },
      { name: "staff: stations (GET /api/riders/friendly)", cookie: co.staff, url: "/api/riders/friendly?everywhere=true", raw: r1.stations },
    ]);
    await app.close();
    await database.close();
  } finally {
    pg.stop();
  }

  if (argv.includes("--no-docs")) return;
  const f = (v: number) => `${v.toFixed(1)} ms`;
  const rows = (figures: Figure[], target: number): Array<[string, string, string, boolean]> =>
    figures.map((x) => [x.name, `${f(x.p50)} / ${f(x.p99)} (raw ${f(x.raw)}, ×${(x.p50 / Math.max(x.raw, 0.01)).toFixed(1)})`, `p50 < ${target} ms`, x.p50 < target]);
  writeSection(
    path.join(ROOT, "docs/BENCHMARKS.md"),
    "inbox",
    [
      "## Inbox and home pages",
      "",
      `Written by \`npm run bench:inbox\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node.js ${process.version}, PGlite and PostgreSQL ${version} (a throwaway server); load average (1/5/15 min, as \`uptime\` shows it) ${load0.map((x) => x.toFixed(1)).join(" / ")} when it started and ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" / ")} when it ended (the machine is shared with other work).`,
      "",
      `Each figure is p50 / p99 of ${RUNS} GETs through the HTTP app in-process (\`inject\`) after three warm-up calls, then the p50 of a raw-SQL baseline sent in the same run (the plain statement of what the page mainly reads: the open cases of the scope counted by kind for the inbox, the first 50 street cases, the worker's open tasks of today, …) and the ratio of the two. ` +
        `The street is the case benchmark's (bench/generate.ts): ${COMMUNITIES} communities, ${caseCount.toLocaleString("en")} cases over 2024–2025, loaded in ${loadS.toFixed(0)} s; its patrol, notice, deliberation and partner tables are empty, so there their share is the cost of the statements.`,
      "",
      "### Demo data (PGlite)",
      "",
      figureTable(rows(demoFigures, 150)),
      "",
      `### Street of ${COMMUNITIES} communities (PostgreSQL)`,
      "",
      figureTable(rows(streetFigures, 300)),
    ].join("\n"),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
