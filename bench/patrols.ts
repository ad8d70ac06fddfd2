/**
 * `npm run bench:patrols [-- --pg-only | --pglite-only] [--no-docs]`
 *
 * Patrols and ledgers on a street of 10 communities with ~2,000 plans each (30 % weekly, 50 %
 * monthly, 20 % quarterly): how long generating a year of tasks takes (one set-based statement per
 * call, as the server does it), and how long the monthly ledger xlsx of one community takes (query,
 * then the workbook). On PostgreSQL 15 (DATABASE_URL if set — a fresh database is created on it and
 * dropped — otherwise a throwaway server started like .ci/run starts one) and on embedded PGlite for
 * one community. Prints the figures (wall time and the CPU time of the database server) and writes
 * its section of docs/BENCHMARKS.md.
 * Options: --pg-only, --pglite-only, --communities=N, --keep (with DATABASE_URL: keep the database).
 */
import { performance } from "node:perf_hooks";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, rowsOf, type Database, type Db } from "../src/server/db/client";
import { areas, users } from "../src/server/db/schema/index";
import { uuidv7 } from "../src/server/platform/ids";
import type { AuthUser } from "../src/server/platform/context";
import { generateTasks } from "../src/server/modules/patrols/generate-tasks";
import { buildMonthlyLedger } from "../src/server/modules/patrols/monthly-ledger";
import { renderLedgerXlsx } from "../src/server/modules/patrols/ledger-xlsx";
import { SQL_UUIDV7 } from "../src/server/modules/patrols/sql-ids";
import { addDays } from "../src/server/modules/patrols/periods";
import { buildTemplates } from "../src/server/seed/patrol-templates";
import { insertJson } from "../src/server/seed/patrol-insert";
import { startThrowawayPostgres } from "./postgres";
import { figureTable, writeSection } from "./docs-section";
import { processCpuMs, treeCpuMs } from "./cpu";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name: string) => argv.find((a) => a.startsWith(`${name}=`))?.split("=")[1];
/** --keep: leave the PostgreSQL database in place (DATABASE_URL only) to inspect plans. */
const KEEP = argv.includes("--keep");
const COMMUNITIES = Number(option("--communities") ?? 10);
const PLANS_PER_COMMUNITY = 2000;
const GRIDS = 6;
const YEAR = { from: "2026-01-01", until: "2026-12-31" };
const LEDGER_MONTH = "2026-03";
const LEDGER_KIND = "special_household" as const;
/** A Wednesday: the timer's run makes this week's and next week's tasks (and the month's, the quarter's). */
const TIMER_DAY = "2026-03-04";

type Figures = Record<string, string | number>;

const ms = (t0: number) => Math.round(performance.now() - t0);

/** The street: city > district > street > 10 communities > 6 grids > 2 microgrids, a grid worker per grid, staff per community. */
async function buildStreet(db: Db, communities: number) {
  const rows: Array<typeof areas.$inferInsert> = [];
  const node = (parent: (typeof rows)[number] | null, level: (typeof rows)[number]["level"], name: string, communityId: string | null, rect: [number, number, number, number]) => {
    const id = uuidv7();
    const [w, s, e, n] = rect;
    const row = {
      id,
      parentId: parent?.id ?? null,
      level,
      name,
      code: `B${rows.length}`,
      path: `${parent?.path ?? "/"}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      communityId: level === "community" ? id : communityId,
      boundary: [[w, s], [e, s], [e, n], [w, n]] as Array<[number, number]>,
      center: [(w + e) / 2, (s + n) / 2] as [number, number],
      shortCode: level === "community" ? `B${rows.length}` : null,
    };
    rows.push(row);
    return row;
  };
  const city = node(null, "city", "基准市", null, [102, 25, 103, 26]);
  const district = node(city, "district", "基准区", null, [102, 25, 103, 26]);
  const street = node(district, "street", "基准街道", null, [102.6, 25.0, 102.7, 25.1]);
  const people: Array<typeof users.$inferInsert> = [];
  const community = [] as Array<(typeof rows)[number]>;
  for (let c = 0; c < communities; c++) {
    const w = 102.6 + c * 0.01;
    const cm = node(street, "community", `基准${c + 1}社区`, null, [w, 25.0, w + 0.01, 25.006]);
    community.push(cm);
    people.push({ id: uuidv7(), username: `bench_staff_${c}`, displayName: `社区工作者${c}`, role: "community_staff", areaId: cm.id });
    for (let g = 0; g < GRIDS; g++) {
      const gw = w + (g * 0.01) / GRIDS;
      const grid = node(cm, "grid", `基准${c + 1}社区第${g + 1}网格`, cm.id, [gw, 25.0, gw + 0.01 / GRIDS, 25.006]);
      people.push({ id: uuidv7(), username: `bench_grid_${c}_${g}`, displayName: `网格员${c}-${g}`, role: "grid_worker", areaId: grid.id });
      for (let m = 0; m < 2; m++) node(grid, "microgrid", `${grid.name}${m + 1}号微网格`, cm.id, [gw, 25.0 + m * 0.003, gw + 0.01 / GRIDS, 25.003 + m * 0.003]);
    }
  }
  await db.transaction(async (tx) => {
    await insertJson(tx, areas, rows);
    await insertJson(tx, users, people);
  });
  const { templates, items, families } = buildTemplates(uuidv7);
  await db.transaction(async (tx) => {
    const { checklistItems, checklistTemplates } = await import("../src/server/db/schema/patrols");
    await insertJson(tx, checklistTemplates, templates);
    await insertJson(tx, checklistItems, items);
  });
  return { community, families, staff: people.filter((p) => p.role === "community_staff") };
}

/**
 * ~2,000 places and plans per community in two set-based statements: every 10 targets are 3
 * households visited weekly, 3 monthly, 2 food businesses monthly and 2 enterprises quarterly.
 */
async function buildPlans(db: Db, communityIds: string[], families: Map<string, { familyId: string }>) {
  const ids = sql.join(communityIds.map((id) => sql`${id}::uuid`), sql`, `);
  await db.execute(sql`
    INSERT INTO places (id, community_id, area_id, kind, name, address, location, attrs, active)
    SELECT ${SQL_UUIDV7}, mg.community_id, mg.id, 'enterprise', '基准单位' || mg.community_id || '-' || g, '基准路' || g || '号',
           point(mg.center[0] + (random() - 0.5) * 0.001, mg.center[1] + (random() - 0.5) * 0.002), '{}'::jsonb, true
    FROM generate_series(0, ${PLANS_PER_COMMUNITY - 1}) g
    JOIN (SELECT id, community_id, center, row_number() OVER (PARTITION BY community_id ORDER BY code) - 1 AS k FROM areas
          WHERE level = 'microgrid' AND community_id IN (${ids})) mg ON mg.k = g % ${GRIDS * 2}`);
  const family = (k: string) => families.get(k)!.familyId;
  await db.execute(sql`
    INSERT INTO patrol_plans (id, community_id, area_id, template_family_id, target_kind, place_id, target_label, location, frequency, assignee_id, active, starts_on)
    SELECT ${SQL_UUIDV7}, p.community_id, p.area_id, f.family_id, f.kind, p.id, p.name, p.location, f.frequency, u.id, true, '2025-01-01'
    FROM (SELECT pl.*, row_number() OVER (PARTITION BY pl.community_id ORDER BY pl.id) % 10 AS n FROM places pl WHERE pl.community_id IN (${ids})) p
    JOIN areas mg ON mg.id = p.area_id
    JOIN users u ON u.area_id = mg.parent_id AND u.role = 'grid_worker'
    JOIN (VALUES (0, 'special_household', 'weekly', ${family("special_household")}::uuid), (1, 'special_household', 'weekly', ${family("special_household")}::uuid),
                 (2, 'special_household', 'weekly', ${family("special_household")}::uuid), (3, 'special_household', 'monthly', ${family("special_household")}::uuid),
                 (4, 'special_household', 'monthly', ${family("special_household")}::uuid), (5, 'special_household', 'monthly', ${family("special_household")}::uuid),
                 (6, 'food_business', 'monthly', ${family("food_business")}::uuid), (7, 'food_business', 'monthly', ${family("food_business")}::uuid),
                 (8, 'key_enterprise', 'quarterly', ${family("key_enterprise")}::uuid), (9, 'key_enterprise', 'quarterly', ${family("key_enterprise")}::uuid))
         AS f(n, kind, frequency, family_id) ON f.n = p.n`);
}

/** Visits for one community's month of one kind: 95 % of the tasks done inside the month, 3 % with a finding. */
async function fillMonth(db: Db, communityId: string, month: string, families: Map<string, { familyId: string; versions: Array<{ items: Array<{ id: string; type: string; options?: unknown }> }> }>) {
  const tpl = families.get(LEDGER_KIND)!.versions.at(-1)!;
  const answers: Record<string, unknown> = {};
  for (const i of tpl.items) {
    if (i.type === "yes_no") answers[i.id] = true;
    if (i.type === "choice") answers[i.id] = (i.options as string[])[0];
  }
  const failing = tpl.items.find((i) => i.type === "yes_no")!.id;
  const [y, m] = month.split("-").map(Number);
  const start = `${month}-01`;
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  await db.execute(sql`
    INSERT INTO patrol_submissions (id, client_id, task_id, community_id, area_id, submitted_by, filled_at, received_at, answers, failures, location, companions)
    SELECT ${SQL_UUIDV7}, 'bench-' || t.id, t.id, t.community_id, t.area_id, t.assignee_id, x.at, x.at + interval '1 minute',
           ${JSON.stringify(answers)}::jsonb || CASE WHEN x.fail THEN jsonb_build_object(${failing}::text, false) ELSE '{}'::jsonb END,
           CASE WHEN x.fail THEN jsonb_build_array(${failing}::text) ELSE '[]'::jsonb END, p.location, '[]'::jsonb
    FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id
    CROSS JOIN LATERAL (
      SELECT ((greatest(t.period_start, ${start}::date) + floor(random() * (least(t.period_end, ${end}::date) - greatest(t.period_start, ${start}::date) + 1))::int)::timestamp
               + interval '9 hours' + random() * interval '8 hours') AT TIME ZONE 'Asia/Shanghai' AS at,
             random() < 0.03 AS fail
    ) x
    WHERE t.community_id = ${communityId} AND p.target_kind = ${LEDGER_KIND} AND t.period_start <= ${end}::date AND t.period_end >= ${start}::date AND random() < 0.95`);
  await db.execute(sql`
    UPDATE patrol_tasks t SET status = 'done', done_at = s.filled_at, version = t.version + 1
    FROM patrol_submissions s WHERE s.task_id = t.id AND s.client_id LIKE 'bench-%' AND t.status = 'open'`);
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  return rowsOf<{ n: number }>(await db.execute(query))[0].n;
}

async function ledger(db: Db, staff: { id?: string }, community: { id: string; path: string; name: string }) {
  const user: AuthUser = {
    id: staff.id!,
    displayName: "基准社区工作者",
    username: null,
    role: "community_staff",
    department: null,
    personId: null,
    phoneEnc: null,
    areaId: community.id,
    areaPath: community.path,
    areaName: community.name,
    areaLevel: "community",
    communityId: community.id,
    communityName: community.name,
  };
  const t0 = performance.now();
  const data = await buildMonthlyLedger(db, user, { month: LEDGER_MONTH, targetKind: LEDGER_KIND });
  const query = ms(t0);
  const t1 = performance.now();
  const buf = await renderLedgerXlsx(data);
  return { query, render: ms(t1), total: ms(t0), rows: data.totals.visits, sheets: data.sheets.length, bytes: buf.length };
}

/**
 * CPU time spent by the database: for PostgreSQL the postmaster's live backends plus the backends it
 * has already reaped (cutime/cstime of the postmaster); for PGlite this process (it runs in it).
 */
function databaseCpuMs(kind: Database["kind"], dbPid: number | null): number {
  if (kind === "postgres" && !dbPid) return NaN;
  if (kind === "pglite") {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
  try {
    const f = fs.readFileSync(`/proc/${dbPid}/stat`, "utf8").split(") ")[1].split(" ");
    return treeCpuMs(dbPid!) + (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return processCpuMs(dbPid!);
  }
}

async function runEngine(database: Database, communities: number, dbPid: number | null): Promise<Figures> {
  const { db } = database;
  const cpu = () => databaseCpuMs(database.kind, dbPid);
  const cpuLabel = (what: string) => `${what}: ${database.kind === "pglite" ? "process" : "database"} CPU ms`;
  await database.migrate();
  const street = await buildStreet(db, communities);
  const ids = street.community.map((c) => c.id!);
  let t0 = performance.now();
  await buildPlans(db, ids, street.families);
  const planMs = ms(t0);
  const plans = await count(db, sql`SELECT count(*)::int AS n FROM patrol_plans`);
  if (database.kind === "postgres") await db.execute(sql`VACUUM ANALYZE`);

  // What the server's timer does: the current and the next week of every plan of the street.
  let c0 = cpu();
  t0 = performance.now();
  const timerCreated = await db.transaction((tx) => generateTasks(tx, { from: TIMER_DAY, until: addDays(TIMER_DAY, 7), communityIds: ids }));
  const timerMs = ms(t0);
  const timerCpu = cpu() - c0;
  await db.execute(sql`DELETE FROM patrol_tasks`);
  if (database.kind === "postgres") await db.execute(sql`VACUUM ANALYZE patrol_tasks`);

  // The street: one statement per community (as the server's "generate for this community" does),
  // as many at a time as the machine has cores.
  const parallel = database.kind === "postgres" ? Math.min(os.cpus().length, ids.length) : 1;
  c0 = cpu();
  t0 = performance.now();
  const queue = [...ids];
  const made: number[] = [];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const communityId = id;
        made.push(await db.transaction((tx) => generateTasks(tx, { from: YEAR.from, until: YEAR.until, communityIds: [communityId] })));
      }
    }),
  );
  const created = made.reduce((a, b) => a + b, 0);
  const genMs = ms(t0);
  const genCpu = cpu() - c0;
  t0 = performance.now();
  const again = await db.transaction((tx) => generateTasks(tx, { from: YEAR.from, until: YEAR.until, communityIds: ids }));
  const againMs = ms(t0);
  // One community alone, one statement: its tasks removed and made again.
  await db.execute(sql`DELETE FROM patrol_tasks WHERE community_id = ${ids[0]}`);
  if (database.kind === "postgres") await db.execute(sql`VACUUM ANALYZE patrol_tasks`);
  c0 = cpu();
  t0 = performance.now();
  const one = await db.transaction((tx) => generateTasks(tx, { from: YEAR.from, until: YEAR.until, communityIds: [ids[0]] }));
  const oneMs = ms(t0);
  const oneCpu = cpu() - c0;

  await fillMonth(db, ids[0], LEDGER_MONTH, street.families as never);
  await db.execute(sql`VACUUM ANALYZE`);
  const c = street.community[0];
  await ledger(db, street.staff[0], { id: c.id!, path: c.path!, name: c.name! }); // warm-up
  c0 = cpu();
  const l = await ledger(db, street.staff[0], { id: c.id!, path: c.path!, name: c.name! });
  const ledgerCpu = cpu() - c0;
  return {
    communities,
    plans,
    "plans (set-based insert) ms": planMs,
    "timer run (current + next week): tasks": timerCreated,
    "timer run ms": timerMs,
    [cpuLabel("timer run")]: timerCpu,
    "tasks generated for a year": created,
    "statements at a time": parallel,
    "generate a year ms": genMs,
    [cpuLabel("generate")]: genCpu,
    "generate again (idempotent) ms": againMs,
    "generate again: tasks created": again,
    "one community alone: tasks": one,
    "one community alone ms": oneMs,
    [cpuLabel("one community")]: oneCpu,
    "ledger visits (rows)": l.rows,
    "ledger sheets": l.sheets,
    "ledger query ms": l.query,
    "ledger xlsx render ms": l.render,
    "monthly ledger xlsx total ms": l.total,
    [cpuLabel("ledger")]: ledgerCpu,
    "xlsx bytes": l.bytes,
  };
}

function print(title: string, f: Figures) {
  console.log(`\n${title}`);
  for (const [k, v] of Object.entries(f)) console.log(`  ${k.padEnd(42)} ${typeof v === "number" ? (Number.isNaN(v) ? "n/a" : Math.round(v).toLocaleString("en-US")) : v}`);
}

const sections: Array<{ title: string; figures: Figures }> = [];

/** Its section of docs/BENCHMARKS.md: the method, then each engine's figures against the targets. */
function writeDocs() {
  const n = (v: string | number | undefined) => (typeof v === "number" ? (Number.isNaN(v) ? "n/a" : Math.round(v).toLocaleString("en-US")) : String(v ?? ""));
  const out = [
    "# Benchmarks: patrols and ledgers",
    "",
    `Written by \`npm run bench:patrols\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node.js ${process.version}, load average ${os.loadavg()[0].toFixed(1)} when it ended.`,
    "",
    `- **Data**: a street of ${COMMUNITIES} communities (one on PGlite) with ${GRIDS} grids each and ${PLANS_PER_COMMUNITY.toLocaleString("en")} patrol plans per community (care-tag households weekly or monthly, places monthly or quarterly, per the templates of the product), inserted set-based.`,
    "- **Generate a year of tasks**: `generateTasks` (the same function the server's timer and the console's \"generate\" button run) for 2026, one statement per community, as many at a time as the machine has cores; then again (nothing new: idempotent), and one community alone. The timer's own run (this week and next) is timed separately.",
    `- **Monthly ledger**: ${LEDGER_MONTH} of one community (${LEDGER_KIND} visits filled in for the month), the query and the xlsx workbook rendered, as \`GET /api/patrols/ledger\` does.`,
    "",
  ];
  for (const s of sections) {
    const f = s.figures;
    const gen = Number(f["generate a year ms"]);
    const ledger = Number(f["monthly ledger xlsx total ms"]);
    out.push(`## ${s.title}`, "");
    out.push(
      figureTable([
        [`a year of tasks for ${f.communities} communit${f.communities === 1 ? "y" : "ies"} (${n(f["tasks generated for a year"])} tasks from ${n(f.plans)} plans)`, `${(gen / 1000).toFixed(2)} s`, "< 10 s", gen < 10_000],
        ["the same again (idempotent, 0 new)", `${n(f["generate again (idempotent) ms"])} ms`],
        [`one community alone (${n(f["one community alone: tasks"])} tasks)`, `${n(f["one community alone ms"])} ms`],
        [`the timer's run: this week and next (${n(f["timer run (current + next week): tasks"])} tasks)`, `${n(f["timer run ms"])} ms`],
        [`monthly ledger xlsx, one community (${n(f["ledger visits (rows)"])} visits, ${n(f["ledger sheets"])} sheets)`, `${(ledger / 1000).toFixed(2)} s`, "< 3 s", ledger < 3000],
        ["of which the query / the workbook", `${n(f["ledger query ms"])} / ${n(f["ledger xlsx render ms"])} ms`],
      ]),
      "",
    );
  }
  writeSection(path.join(ROOT, "docs", "BENCHMARKS.md"), "patrols", out.join("\n"));
}

async function main() {
  console.log(`Patrols benchmark — ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  if (!argv.includes("--pglite-only")) {
    const url = process.env.DATABASE_URL;
    let stop = () => {};
    let base = url;
    let pid: number | null = null;
    let version = "";
    if (!url) {
      const pg = await startThrowawayPostgres();
      base = pg.url;
      pid = pg.pid;
      version = pg.version;
      stop = pg.stop;
    }
    const name = `linli_bench_patrols_${process.pid}`;
    const admin = await openPostgres(base!, 1);
    await admin.pool.query(`CREATE DATABASE ${name}`);
    const u = new URL(base!);
    u.pathname = `/${name}`;
    const database = await openPostgres(u.toString(), Math.max(2, os.cpus().length));
    try {
      if (!version) version = rowsOf<{ v: string }>(await database.db.execute(sql`SELECT current_setting('server_version') AS v`))[0].v;
      const title = `PostgreSQL ${version} (${url ? "DATABASE_URL" : "throwaway server"}), a street of ${COMMUNITIES} communities`;
      const figures = await runEngine(database, COMMUNITIES, pid);
      print(title, figures);
      sections.push({ title, figures });
    } finally {
      await database.close();
      if (KEEP && url) console.log(`kept database ${name}`);
      else await admin.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
      stop();
    }
  }
  if (!argv.includes("--pg-only")) {
    const database = await openPglite();
    try {
      const title = "PGlite (embedded, in memory), one community";
      const figures = await runEngine(database, 1, null);
      print(title, figures);
      sections.push({ title, figures });
    } finally {
      await database.close();
    }
  }
}

main()
  .then(() => {
    if (!argv.includes("--no-docs")) writeDocs();
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
