/**
 * Street view benchmark (`npm run bench:street [-- --cases=N] [--no-docs]`):
 *  1. on a throwaway PostgreSQL 15 (as `.ci/run` starts one): the case benchmark's street of 10
 *     communities (bench/generate.ts: 3 grids each, cases spread over 2024–2025) loaded set-based;
 *     GET /api/street/compare as the street officer through the HTTP app (in-process inject) for a
 *     month and for a year, and GET /api/street/queue, p50/p95 over repeated calls; against a raw-SQL
 *     baseline sent with `pg` in the same run: the case figures of every community in one grouped
 *     statement (what the endpoint computes, without the per-module measures);
 *  2. on PGlite with the demo data: the comparison as admin (2 communities) and as hy_street, and the queue.
 * Writes the "street" section of docs/BENCHMARKS.md.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startThrowawayPostgres } from "./postgres";
import { figureTable, writeSection } from "./docs-section";
import { buildDataset, BENCH_PASSWORD } from "./generate";
import { inProcessApp, seededPglite } from "./in-process";
import { openPostgres } from "../src/server/db/client";
import { hashPassword } from "../src/server/platform/passwords";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name: string) => argv.find((a) => a.startsWith(`${name}=`))?.split("=")[1];
const COMMUNITIES = 10;
const CASES = Number(option("--cases") ?? 200_000);
const RUNS = 40;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

type App = Awaited<ReturnType<typeof inProcessApp>>["app"];

/** p50/p95 of a GET repeated RUNS times after two warm-up calls; the last answer for checks. */
async function timeGet(app: App, cookie: string, url: string) {
  let last: unknown = null;
  for (let i = 0; i < 2; i++) await app.inject({ method: "GET", url, headers: { cookie } });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = await app.inject({ method: "GET", url, headers: { cookie } });
    times.push(ms(t0));
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    last = r.json();
  }
  return { p50: pct(times, 50), p95: pct(times, 95), last: last as { items: unknown[]; total?: number } };
}

/** The raw baseline: every community's case figures for a period in one grouped statement. */
const RAW_SQL = `
  SELECT c.community_id, count(*)::int AS total,
    count(*) FILTER (WHERE c.status <> 'closed')::int AS open,
    count(*) FILTER (WHERE c.closure_kind = 'resolved')::int AS resolved,
    count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level = 'grid')::int AS grid,
    count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level = 'community')::int AS community,
    count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level IN ('street', 'department'))::int AS beyond,
    count(*) FILTER (WHERE c.was_overdue)::int AS overdue,
    count(*) FILTER (WHERE c.rating IN ('satisfied', 'basic'))::int AS satisfied,
    count(*) FILTER (WHERE c.rating IS NOT NULL)::int AS rated,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY c.closed_at - c.created_at) FILTER (WHERE c.closure_kind IN ('resolved', 'unable', 'not_responsible')) AS median
  FROM cases c
  WHERE c.community_id IN (SELECT id FROM areas WHERE level = 'community' AND path LIKE $1)
    AND c.created_at >= $2::timestamptz AND c.created_at < $3::timestamptz
  GROUP BY c.community_id`;

async function main() {
  const load0 = os.loadavg()[0];
  const figures: Record<string, number> = {};
  let version = "";
  // 1. PostgreSQL 15: a street of 10 communities with cases.
  const pg = await startThrowawayPostgres();
  process.on("SIGINT", () => (pg.stop(), process.exit(130)));
  try {
    const database = await openPostgres(pg.url, 10);
    await database.migrate();
    version = (await database.pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    const dataset = buildDataset({ communities: COMMUNITIES, cases: CASES }, await hashPassword(BENCH_PASSWORD));
    let t0 = process.hrtime.bigint();
    for (const st of dataset.statements) {
      const s0 = process.hrtime.bigint();
      await database.pool.query(`SET session_replication_role = replica; ${st.sql}; RESET session_replication_role`);
      console.log(`  ${st.label.padEnd(16)} ${(ms(s0) / 1000).toFixed(1)} s`);
    }
    await database.pool.query("VACUUM ANALYZE");
    figures.loadS = ms(t0) / 1000;
    const [{ n }] = (await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows;
    figures.cases = n;
    console.log(`street of ${COMMUNITIES} communities, ${n} cases, loaded in ${figures.loadS.toFixed(0)} s`);

    const { app, cookieOf } = await inProcessApp(database, `/tmp/linli-bench-street-${process.pid}`);
    const officer = dataset.accounts.find((a) => a.role === "street_officer")!;
    const cookie = await cookieOf(officer.username, BENCH_PASSWORD);
    const periods = { month: ["2025-11-01", "2025-11-30"], year: ["2025-01-01", "2025-12-31"] } as const;
    const [{ path: streetPath }] = (await database.pool.query<{ path: string }>("SELECT path FROM areas WHERE level = 'street'")).rows;
    for (const [name, [from, to]] of Object.entries(periods)) {
      const http = await timeGet(app, cookie, `/api/street/compare?from=${from}&to=${to}`);
      if (http.last.items.length !== COMMUNITIES) throw new Error(`expected ${COMMUNITIES} rows, got ${http.last.items.length}`);
      const raw: number[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        t0 = process.hrtime.bigint();
        await database.pool.query(RAW_SQL, [`${streetPath}%`, `${from}T00:00:00+08:00`, `${to}T24:00:00+08:00`]);
        if (i >= 2) raw.push(ms(t0));
      }
      figures[`${name}P50`] = http.p50;
      figures[`${name}P95`] = http.p95;
      figures[`${name}Raw`] = pct(raw, 50);
      console.log(`compare ${name}: p50 ${http.p50.toFixed(1)} ms, p95 ${http.p95.toFixed(1)} ms; raw SQL p50 ${pct(raw, 50).toFixed(1)} ms`);
    }
    // The default period (this month) holds no generated case; still the figure a page load costs.
    const def = await timeGet(app, cookie, `/api/street/compare`);
    figures.defaultP50 = def.p50;
    const queue = await timeGet(app, cookie, `/api/street/queue`);
    figures.queueP50 = queue.p50;
    figures.queueTotal = queue.last.total ?? 0;
    console.log(`compare (this month) p50 ${def.p50.toFixed(1)} ms; queue p50 ${queue.p50.toFixed(1)} ms (${figures.queueTotal} open street/department cases)`);
    await app.close();
    await database.close();
  } finally {
    pg.stop();
  }

  // 2. PGlite with the demo data.
  const lite = await seededPglite();
  const { app, cookieOf } = await inProcessApp(lite, `/tmp/linli-bench-street-lite-${process.pid}`);
  const admin = await cookieOf("admin");
  const street = await cookieOf("hy_street");
  figures.demoAdminP50 = (await timeGet(app, admin, "/api/street/compare")).p50;
  figures.demoStreetP50 = (await timeGet(app, street, "/api/street/compare")).p50;
  figures.demoQueueP50 = (await timeGet(app, street, "/api/street/queue")).p50;
  console.log(`PGlite demo: compare as admin ${figures.demoAdminP50.toFixed(1)} ms, as hy_street ${figures.demoStreetP50.toFixed(1)} ms, queue ${figures.demoQueueP50.toFixed(1)} ms`);
  await app.close();
  await lite.close();

  if (argv.includes("--no-docs")) return;
  const f = (v: number) => `${v.toFixed(1)} ms`;
  writeSection(
    path.join(ROOT, "docs/BENCHMARKS.md"),
    "street",
    [
      "## Street view",
      "",
      `Written by \`npm run bench:street\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node.js ${process.version}, PostgreSQL ${version} (a throwaway server) and PGlite; load average ${load0.toFixed(1)} when it started and ${os.loadavg()[0].toFixed(1)} when it ended (the machine is shared with other work).`,
      "",
      `The street is the case benchmark's (bench/generate.ts): ${COMMUNITIES} communities, ${figures.cases.toLocaleString("en")} cases over 2024–2025, loaded in ${figures.loadS.toFixed(0)} s. ` +
        "`GET /api/street/compare` runs, per community, the cases measures (kept monthly summaries for whole past months, counted otherwise), the patrol coverage per month, the deliberation and the partner measures; " +
        "the raw baseline is one grouped statement with the case figures of all communities, sent with `pg`. Requests go through the HTTP app in-process (`inject`), as the street officer. " +
        "Patrol, deliberation and partner tables are empty in this data set, so their share of the time is the cost of the statements, not of their rows.",
      "",
      figureTable([
        ["compare, a month (Nov 2025), 10 communities: p50 / p95", `${f(figures.monthP50)} / ${f(figures.monthP95)}`, "p50 < 300 ms", figures.monthP50 < 300],
        ["raw SQL baseline, a month: p50", f(figures.monthRaw)],
        ["compare, a year (2025), 10 communities: p50 / p95", `${f(figures.yearP50)} / ${f(figures.yearP95)}`, "p50 < 300 ms", figures.yearP50 < 300],
        ["raw SQL baseline, a year: p50", f(figures.yearRaw)],
        ["compare, this month (default), 10 communities: p50", f(figures.defaultP50), "p50 < 300 ms", figures.defaultP50 < 300],
        [`street queue (${figures.queueTotal.toLocaleString("en")} open street/department cases, first 50): p50`, f(figures.queueP50), "p50 < 300 ms", figures.queueP50 < 300],
        ["PGlite, demo data: compare as admin (2 communities), this month: p50", f(figures.demoAdminP50), "p50 < 150 ms", figures.demoAdminP50 < 150],
        ["PGlite, demo data: compare as hy_street (1 community): p50", f(figures.demoStreetP50), "p50 < 150 ms", figures.demoStreetP50 < 150],
        ["PGlite, demo data: street queue as hy_street: p50", f(figures.demoQueueP50), "p50 < 150 ms", figures.demoQueueP50 < 150],
      ]),
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
