/**
 * Work report benchmark (`npm run bench:reports [-- --cases=N] [--no-docs]`), built like bench/street.ts:
 * on a throwaway PostgreSQL 15, the case benchmark's street of 10 communities (bench/generate.ts) loaded
 * set-based; through the HTTP app in-process, as the street officer: GET /api/reports/work for one
 * community and for the street over a year, and the monthly PDF of one community; beside them a
 * raw-SQL baseline (the case figures in one grouped statement) in the same run. Writes the "reports"
 * section of docs/BENCHMARKS.md.
 *
 * (Street view benchmark (`npm run bench:street [-- --cases=N] [--no-docs]`):
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
import { inProcessApp } from "./in-process";
import { openPostgres } from "../src/server/db/client";
import { hashPassword } from "../src/server/platform/passwords";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name: string) => argv.find((a) => a.startsWith(`${name}=`))?.split("=")[1];
const COMMUNITIES = 10;
const CASES = Number(option("--cases") ?? 200_000);
const RUNS = 10;

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
  const pg = await startThrowawayPostgres();
  process.on("SIGINT", () => (pg.stop(), process.exit(130)));
  try {
    const database = await openPostgres(pg.url, 10);
    await database.migrate();
    version = (await database.pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    const dataset = buildDataset({ communities: COMMUNITIES, cases: CASES }, await hashPassword(BENCH_PASSWORD));
    let t0 = process.hrtime.bigint();
    for (const st of dataset.statements) await database.pool.query(`SET session_replication_role = replica; ${st.sql}; RESET session_replication_role`);
    await database.pool.query("VACUUM ANALYZE");
    figures.loadS = ms(t0) / 1000;
    const [{ n }] = (await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows;
    figures.cases = n;
    console.log(`street of ${COMMUNITIES} communities, ${n} cases, loaded in ${figures.loadS.toFixed(0)} s`);

    const { app, cookieOf } = await inProcessApp(database, `/tmp/linli-bench-reports-${process.pid}`);
    const officer = dataset.accounts.find((a) => a.role === "street_officer")!;
    const cookie = await cookieOf(officer.username, BENCH_PASSWORD);
    const [street] = (await database.pool.query<{ id: string; path: string }>("SELECT id, path FROM areas WHERE level = 'street'")).rows;
    const [community] = (await database.pool.query<{ id: string; path: string }>("SELECT id, path FROM areas WHERE level = 'community' ORDER BY path LIMIT 1")).rows;
    const [from, to] = ["2025-01-01", "2025-12-31"];
    for (const [name, area] of [["community", community], ["street", street]] as const) {
      const http = await timeGet(app, cookie, `/api/reports/work?areaId=${area.id}&from=${from}&to=${to}`);
      const raw: number[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        t0 = process.hrtime.bigint();
        await database.pool.query(RAW_SQL, [`${area.path}%`, `${from}T00:00:00+08:00`, `${to}T24:00:00+08:00`]);
        if (i >= 2) raw.push(ms(t0));
      }
      figures[`${name}P50`] = http.p50;
      figures[`${name}P95`] = http.p95;
      figures[`${name}Raw`] = pct(raw, 50);
      console.log(`work report, ${name}, a year: p50 ${http.p50.toFixed(1)} ms, p95 ${http.p95.toFixed(1)} ms; raw SQL p50 ${pct(raw, 50).toFixed(1)} ms`);
    }
    const pdf: number[] = [];
    for (let i = 0; i < 5; i++) {
      t0 = process.hrtime.bigint();
      const r = await app.inject({ method: "GET", url: `/api/reports/monthly/pdf?communityId=${community.id}&month=2025-11`, headers: { cookie } });
      if (r.statusCode !== 200) throw new Error(`pdf: ${r.statusCode} ${r.body.slice(0, 200)}`);
      pdf.push(ms(t0));
    }
    figures.pdfFirst = pdf[0];
    figures.pdfP50 = pct(pdf.slice(1), 50);
    console.log(`monthly PDF: first ${pdf[0].toFixed(0)} ms (font read), then p50 ${figures.pdfP50.toFixed(0)} ms`);
    await app.close();
    await database.close();
  } finally {
    pg.stop();
  }

  if (argv.includes("--no-docs")) return;
  const f = (v: number) => `${v.toFixed(1)} ms`;
  writeSection(
    path.join(ROOT, "docs/BENCHMARKS.md"),
    "reports",
    [
      "## Work reports",
      "",
      `Written by \`npm run bench:reports\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node.js ${process.version}, PostgreSQL ${version} (a throwaway server); load average ${load0.toFixed(1)} when it started and ${os.loadavg()[0].toFixed(1)} when it ended (the machine is shared with other work).`,
      "",
      `The street is the case benchmark's (bench/generate.ts): ${COMMUNITIES} communities, ${figures.cases.toLocaleString("en")} cases over 2024–2025, loaded in ${figures.loadS.toFixed(0)} s. ` +
        "`GET /api/reports/work` runs every figure source of the catalog for the period and for the previous period of the same length, plus the charts; the raw baseline is one grouped statement with the case figures, sent with `pg`. The generated street has cases only: its patrol, deliberation, partner, party, enterprise and inspection tables are empty, so those sources add the cost of their statements, not of data.",
      "",
      figureTable([
        ["work report, one community, a year (2025): p50 / p95", `${f(figures.communityP50)} / ${f(figures.communityP95)}`, "< 1 s", figures.communityP50 < 1000],
        ["raw SQL baseline, one community, a year: p50", f(figures.communityRaw)],
        ["work report, the street (10 communities), a year: p50 / p95", `${f(figures.streetP50)} / ${f(figures.streetP95)}`, "< 3 s", figures.streetP50 < 3000],
        ["raw SQL baseline, the street, a year: p50", f(figures.streetRaw)],
        ["monthly PDF of one community: first call / p50 after", `${f(figures.pdfFirst)} / ${f(figures.pdfP50)}`, "< 5 s", figures.pdfFirst < 5000],
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
