import type { CpuShare } from "./cpu";
import type { Latency, LoopResult } from "./load";
import type { ProfileSummary } from "./profile";
import { MEASURE_YEAR, PERIOD } from "./generate";
import type { PlanSummary } from "./plan";

export interface RunPlan {
  quick: boolean;
  concurrency: number;
  pgCommunities: number;
  pgCases: number;
  pgliteCommunities: number;
  pgliteCases: number;
  warmupMs: number;
  durationMs: number;
  readWarmup: number;
  readIterations: number;
  /** Time budget per read path; slow paths get fewer (at least 20) timed requests. */
  readBudgetMs: number;
  profileMs: number;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  /** Length of the whole run, ms. */
  elapsedMs?: number;
}

export interface EngineResult {
  engine: string;
  settings?: Record<string, string>;
  connection?: string;
  dataset: {
    communities: number;
    grids: number;
    microgrids: number;
    cases: number;
    events: number;
    audit: number;
    notifications: number;
    dbSizeBytes: number;
    loadMs: number;
    steps: Array<{ label: string; ms: number }>;
  };
  reads: Array<{ name: string; who: string; path: string; fullPath: string; latency: Latency; targetP50: number | null; note: string; plans: PlanSummary[] }>;
  readsCpu: CpuShare;
  intake: LoopResult;
  intakeCpu: CpuShare;
  intakeRows: number;
  /** Open-loop intake at fixed arrival rates (100 req/s and shares of the saturation rate). */
  openLoop?: Array<{ label: string; rate: number; result: LoopResult }>;
  raw: LoopResult;
  rawCpu: CpuShare;
  ratio: number;
  profile?: { requests: number; cpu: ProfileSummary; statements: Array<{ query: string; calls: number; total: number; mean: number }> };
  whatIf: Array<{ change: string; read: string; before: Latency; after: Latency; buildMs: number }>;
}

/** The targets of the issue "Cases" (defined for PostgreSQL; PGlite figures are shown against them for reference). */
export const TARGETS = { intakePerSecond: 1500, ratio: 0.5, intakeP99: 50 };

const n0 = (v: number) => Math.round(v).toLocaleString("en");
const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) : "–");
const pct = (v: number) => `${(v * 100).toFixed(0)} %`;
const mark = (ok: boolean) => (ok ? "✓" : "✗");

interface Check {
  metric: string;
  figure: string;
  target: string;
  ok: boolean | null;
}

function intakeChecks(r: EngineResult): Check[] {
  return [
    { metric: "HTTP intake throughput", figure: `${n0(r.intake.perSecond)} req/s`, target: `≥ ${n0(TARGETS.intakePerSecond)} req/s`, ok: r.intake.perSecond >= TARGETS.intakePerSecond },
    { metric: "HTTP intake latency p50", figure: `${ms(r.intake.latency.p50)} ms`, target: "", ok: null },
    { metric: "HTTP intake latency p99", figure: `${ms(r.intake.latency.p99)} ms`, target: `< ${TARGETS.intakeP99} ms`, ok: r.intake.latency.p99 < TARGETS.intakeP99 },
    { metric: "HTTP intake errors", figure: `${r.intake.errors} of ${n0(r.intake.count + r.intake.errors)}`, target: "0", ok: r.intake.errors === 0 },
    { metric: "Raw insert baseline", figure: `${n0(r.raw.perSecond)} tx/s (p50 ${ms(r.raw.latency.p50)} ms, p99 ${ms(r.raw.latency.p99)} ms)`, target: "", ok: null },
    { metric: "HTTP ÷ raw baseline", figure: pct(r.ratio), target: `≥ ${pct(TARGETS.ratio)}`, ok: r.ratio >= TARGETS.ratio },
    ...(r.openLoop ?? []).map((o) => ({
      metric: `Open loop, ${o.label} (${n0(o.rate)} req/s offered)`,
      figure: `p50 ${ms(o.result.latency.p50)} ms, p99 ${ms(o.result.latency.p99)} ms, ${n0(o.result.perSecond)} req/s done, ${o.result.errors} errors`,
      target: o.label.startsWith("fixed 100") ? "p99 < 50 ms" : "",
      ok: o.label.startsWith("fixed 100") ? o.result.latency.p99 < 50 && o.result.errors === 0 : null,
    })),
  ];
}

function readChecks(r: EngineResult): Check[] {
  return r.reads.map((x) => ({
    metric: x.name,
    figure: `p50 ${ms(x.latency.p50)} ms`,
    target: x.targetP50 === null ? "" : `p50 < ${x.targetP50} ms`,
    ok: x.targetP50 === null ? null : x.latency.p50 < x.targetP50,
  }));
}

function cpuLine(c: CpuShare, sameProcessDb: boolean, completed?: number): string {
  const per = (share: number) => (completed && share >= 1 ? ` (${((share / 100) * c.windowMs / completed).toFixed(2)} ms per request)` : "");
  const db = c.database === null ? (sameProcessDb ? "inside the server process" : "not measured (not on this machine)") : `${c.database.toFixed(0)} %${per(c.database)}`;
  return (
    `server process ${c.server.toFixed(0)} %${per(c.server)}, database ${db}, load generator ${c.loadGenerator.toFixed(0)} %, ` +
    `other programs on the machine ${c.other.toFixed(0)} % — of ${c.cores * 100} %`
  );
}

// ---------------------------------------------------------------- console

export function renderConsole(results: EngineResult[], plan: RunPlan): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.engine}: ${n0(r.dataset.cases)} cases in ${r.dataset.communities} communit${r.dataset.communities === 1 ? "y" : "ies"}, loaded in ${(r.dataset.loadMs / 1000).toFixed(1)} s`);
    const rows = [...intakeChecks(r), ...readChecks(r)];
    const w1 = Math.max(...rows.map((x) => x.metric.length));
    const w2 = Math.max(...rows.map((x) => x.figure.length));
    const w3 = Math.max(...rows.map((x) => x.target.length));
    for (const x of rows) lines.push(`  ${x.metric.padEnd(w1)}  ${x.figure.padEnd(w2)}  ${x.target.padEnd(w3)}  ${x.ok === null ? "" : mark(x.ok)}`);
    lines.push(`  CPU during HTTP intake (100 % = one core): ${cpuLine(r.intakeCpu, r.engine.startsWith("PGlite"), r.intake.count)}`);
    lines.push(`  CPU during raw baseline:                   ${cpuLine(r.rawCpu, r.engine.startsWith("PGlite"), r.raw.count)}`);
    lines.push("");
  }
  lines.push(
    `${plan.concurrency} concurrent clients, ${plan.warmupMs / 1000} s warm-up + ${plan.durationMs / 1000} s measured; ` +
      `reads: up to ${plan.readIterations} sequential requests each (at least 20, within ${plan.readBudgetMs / 1000} s) after ${plan.readWarmup} warm-up.`,
  );
  return lines.join("\n");
}

// ---------------------------------------------------------------- markdown

function table(head: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");
}

function checksTable(checks: Check[]): string {
  return table(
    ["measure", "figure", "target", ""],
    checks.map((c) => [c.metric, c.figure, c.target, c.ok === null ? "" : mark(c.ok)]),
  );
}

function engineSection(r: EngineResult, plan: RunPlan, isPglite: boolean): string {
  const d = r.dataset;
  const out: string[] = [];
  out.push(`## ${r.engine}${isPglite ? " (embedded)" : ""}`);
  out.push("");
  out.push(
    `Data: 1 street, ${d.communities} communit${d.communities === 1 ? "y" : "ies"}, ${d.grids} grids, ${d.microgrids} microgrids; ` +
      `${n0(d.cases)} cases, ${n0(d.events)} timeline events, ${n0(d.audit)} audit rows, ${n0(d.notifications)} notifications ` +
      `(database ${(d.dbSizeBytes / 2 ** 20).toFixed(0)} MiB), loaded in ${(d.loadMs / 1000).toFixed(1)} s ` +
      `(${d.steps.map((s) => `${s.label} ${(s.ms / 1000).toFixed(1)} s`).join(", ")}${r.engine.startsWith("PGlite") ? "" : "; timeline, audit and notifications side by side"}).`,
  );
  if (r.connection) out.push("", `Connections: ${r.connection}.`);
  if (r.settings) out.push("", `Server settings in effect: ${Object.entries(r.settings).map(([k, v]) => `\`${k}=${v}\``).join(", ")}.`);
  out.push("", "### Intake", "");
  out.push(checksTable(intakeChecks(r)));
  out.push("");
  out.push("CPU use during the measured windows (100 % = one core):", "");
  out.push(`- HTTP intake: ${cpuLine(r.intakeCpu, isPglite, r.intake.count)}.`);
  out.push(`- raw baseline: ${cpuLine(r.rawCpu, isPglite, r.raw.count)}.`);
  out.push(`- read paths: ${cpuLine(r.readsCpu, isPglite)}.`);
  out.push("");
  out.push(`Cases written by the HTTP run (warm-up included): ${n0(r.intakeRows)}.`);
  out.push("", "### Read paths", "");
  out.push(
    table(
      ["request", "as", "n", "p50", "p95", "p99", "target", "", "answer"],
      r.reads.map((x) => [
        `${x.name}<br>\`GET ${x.path}\``,
        x.who,
        String(x.latency.n),
        `${ms(x.latency.p50)} ms`,
        `${ms(x.latency.p95)} ms`,
        `${ms(x.latency.p99)} ms`,
        x.targetP50 === null ? "–" : `p50 < ${x.targetP50} ms`,
        x.targetP50 === null ? "" : mark(x.latency.p50 < x.targetP50),
        x.note,
      ]),
    ),
  );
  out.push("");
  out.push("What the database does for one request of each (the statements the app sent, captured and run again under `EXPLAIN ANALYZE`; the session lookup left out):");
  out.push("");
  for (const x of r.reads) {
    const total = x.plans.reduce((s, p) => s + p.ms, 0);
    const pages = x.plans.reduce((s, p) => s + p.pages, 0);
    const steps = x.plans.flatMap((p) => p.steps);
    out.push(
      `- ${x.name}: ${x.plans.length} statement${x.plans.length === 1 ? "" : "s"}, ${ms(total)} ms of execution, ${n0(pages)} pages (${(pages * 8 / 1024).toFixed(0)} MiB) touched` +
        (steps.length ? ` — ${steps.join("; ")}` : "") +
        ".",
    );
  }
  if (r.whatIf.length) {
    out.push("", "### What-if: indexes the product does not have", "");
    out.push(
      "After all the measurements above, each index below was created in the benchmark database only (it is not part of the product's schema), " +
        "the affected requests were measured again the same way, and the index was dropped:",
    );
    out.push("");
    out.push(
      table(
        ["change", "request", "p50 before", "p50 with the index", "p95 with the index", "index built in"],
        r.whatIf.map((w) => [w.change, w.read, `${ms(w.before.p50)} ms`, `${ms(w.after.p50)} ms`, `${ms(w.after.p95)} ms`, `${(w.buildMs / 1000).toFixed(1)} s`]),
      ),
    );
  }
  if (r.profile) {
    const p = r.profile;
    out.push("", "### Where the intake time goes (separate profiled pass)", "");
    out.push(
      `A further ${(plan.profileMs / 1000).toFixed(0)} s intake pass with the V8 sampling profiler on in the server process` +
        (p.statements.length ? " and `pg_stat_statements` tracking on" : "") +
        ` (${n0(p.requests)} requests; the profiler slows the server, so these figures are not the results above).`,
    );
    out.push("");
    out.push(`Server process: ${(p.cpu.busyMs / 1000).toFixed(1)} s busy, ${(p.cpu.idleMs / 1000).toFixed(1)} s idle.`);
    out.push("");
    out.push(
      table(
        ["self time by code", "share", "", "time on stack by code (inclusive)", "share"],
        Array.from({ length: Math.min(10, Math.max(p.cpu.selfByGroup.length, p.cpu.inclusiveByGroup.length)) }, (_, i) => {
          const a = p.cpu.selfByGroup[i];
          const b = p.cpu.inclusiveByGroup[i];
          return [a ? `\`${a.name}\`` : "", a ? pct(a.share) : "", "", b ? `\`${b.name}\`` : "", b ? pct(b.share) : ""];
        }),
      ),
    );
    out.push("");
    out.push(table(["hottest functions (self time)", "where", "share"], p.cpu.topFunctions.slice(0, 10).map((f) => [`\`${f.name}\``, `\`${f.where}\``, pct(f.share)])));
    if (p.statements.length) {
      const calls = p.statements.reduce((s, x) => s + x.calls, 0);
      const total = p.statements.reduce((s, x) => s + x.total, 0);
      // Requests = executions of the case insert (the loop's count leaves out requests still in flight at the end).
      const requests = p.requests;
      out.push("");
      out.push(
        `Statements per intake request: ${(calls / Math.max(1, requests)).toFixed(1)} ` +
          `(database execution time ${(total / Math.max(1, requests)).toFixed(2)} ms per request in total, lock waits included). The most expensive:`,
      );
      out.push("");
      out.push(
        table(
          ["statement", "calls / request", "mean", "share of DB time"],
          p.statements.slice(0, 12).map((s) => [`\`${s.query.length > 150 ? s.query.slice(0, 150) + " …" : s.query}\``, (s.calls / Math.max(1, requests)).toFixed(2), `${s.mean.toFixed(3)} ms`, pct(s.total / total)]),
        ),
      );
    }
  }
  return out.join("\n");
}

export function renderMarkdown(results: EngineResult[], plan: RunPlan, m: Machine, pgSettings: Record<string, string> | null, notes: string[] = []): string {
  const pgRes = results.find((r) => !r.engine.startsWith("PGlite"));
  const pgliteRes = results.find((r) => r.engine.startsWith("PGlite"));
  const out: string[] = [];
  out.push("# Benchmarks: the case module");
  out.push("");
  out.push(
    "Linli's case module takes reports (事件上报) from residents, riders and grid workers, routes them to the right grid or community, " +
      "and gives staff a case list and the dashboard measures of 小事不出网格、大事不出社区. This page records how fast those paths are on a " +
      "realistic data volume. It is written by `npm run bench`" +
      (plan.quick ? " in its reduced `--quick` form (smaller data set, shorter runs; not the reference figures)" : "") +
      "; every figure below comes from the run stated here.",
  );
  out.push("");
  out.push(
    "Run it with `npm run bench`; `npm run bench -- --quick` is a reduced run for iterating " +
      "(100,000 cases on PostgreSQL, 20,000 on PGlite, 5 s windows). Without `DATABASE_URL` it starts and removes its own PostgreSQL 15 " +
      "(needs the `postgresql-15` package); with `DATABASE_URL` it creates a fresh database `linli_bench_<pid>` on that server and drops it at the end. " +
      "`--pg-only` / `--pglite-only` run one engine; `--out=FILE` writes this page elsewhere; `--render=results.json` writes it again from the results an earlier run saved.",
  );
  out.push("");
  out.push("## Machine and run");
  out.push("");
  out.push(
    table(
      ["", ""],
      [
        ["date", m.date.replace("T", " ").slice(0, 19) + " UTC"],
        ["CPU", `${m.cpus} × ${m.cpuModel}`],
        ["memory", `${m.memoryGiB.toFixed(1)} GiB`],
        ["OS", m.os],
        ["Node.js", m.node],
        ...results.map((r) => ["database", r.engine]),
        ["command", `\`npm run bench${plan.quick ? " -- --quick" : ""}\`${m.elapsedMs ? `, ${Math.round(m.elapsedMs / 60_000)} minutes in all` : ""}`],
      ],
    ),
  );
  out.push("");
  out.push(
    "Load generator, app server and database share this machine. The app runs in its own Node.js process " +
      "(`node --import tsx bench/serve.ts`, the real app from `createDeps` + `buildApp`, listening on 127.0.0.1) so it does not share an event loop " +
      "with the load generator; PostgreSQL runs as its own server; PGlite runs inside the app process.",
  );
  out.push("");
  out.push("## Method");
  out.push("");
  out.push(
    [
      `- **Data.** One street (街道) with ${plan.pgCommunities} communities on PostgreSQL (${plan.pgliteCommunities} on PGlite); each community has 3 grids of 2 microgrids ` +
        "(areas with paths and polygons that tile their parent, a short code per community), one grid worker per grid, one community_staff per community and a street officer. " +
        `${n0(plan.pgCases)} cases on PostgreSQL and ${n0(plan.pgliteCases)} on PGlite, spread evenly over the communities and over two years ` +
        `(${PERIOD.from} to ${PERIOD.to}, daytime hours), with a realistic mix: 68 % handled at grid level, 24 % at community level, 8 % beyond; ` +
        "about 98 % of older cases closed (84 % resolved, the rest unable / not responsible / duplicate / withdrawn / rejected), up to 45 % open in the last 30 days; " +
        "weighted categories and channels; ratings on 60 % of resolved cases. Each case has its timeline (report, accept or take, dispatch, start, handle, verify, close, rate as applicable), " +
        "an audit row and an assignment notification. The data is generated deterministically with set-based SQL (`INSERT … SELECT … FROM generate_series`, hashes of the case ordinal instead of random numbers), " +
        "after the migrations, followed by `VACUUM ANALYZE`.",
      `- **Intake over HTTP.** ${plan.concurrency} clients, each signed in through \`POST /api/auth/login\` as a grid worker or community staff member (several clients may share an account, each with its own session) ` +
        `and holding one keep-alive connection, send \`POST /api/cases\` back to back for ${plan.warmupMs / 1000} s of warm-up and then ${plan.durationMs / 1000} s measured. ` +
        "Each body is a realistic report in the reporter's own community: a weighted category, a description, an address, and a point inside one of the community's microgrids, " +
        "so the full path runs: session and policy check, body validation, locating the point (community / grid / microgrid), routing (rules, else the grid's worker), " +
        "case number (taken on its own), then case row, timeline row, audit row and notification row written by one statement (a report without photos needs no BEGIN/COMMIT around it). Every answer must be 200; latency is measured at the client.",
      "- **Rate limits.** `POST /api/cases` is limited to 600 requests per minute per client address. The app is run as it is deployed behind a reverse proxy " +
        "(`TRUST_PROXY=true`), and each request carries an `X-Forwarded-For` address from a pool of 4,096, as traffic from many residents through a proxy would; " +
        "the rate limiter still runs on every request but no address reaches its limit. Request logging is off (`logger: false`), as in the tests.",
      `- **Raw database baseline, same run.** ${plan.concurrency} concurrent clients insert the same rows directly — per report one transaction (\`BEGIN\`, the case row, the timeline row, the audit row with the same columns, \`COMMIT\`) — ` +
        `with \`pg\` (one connection each) on PostgreSQL and through the same PGlite instance on PGlite, for the same warm-up and duration. Ratio = HTTP requests/s ÷ baseline transactions/s. ` +
        "The baseline runs first, then the HTTP intake; before each, `VACUUM ANALYZE` of the written tables and a checkpoint level the field.",
      `- **Read paths over HTTP**, before the intake runs, one request at a time, ${plan.readWarmup} warm-up requests then ${plan.readIterations} timed ` +
        `(fewer, but at least 20, when a path would take more than ${plan.readBudgetMs / 1000} s; the count is in the table): ` +
        `\`GET /api/cases/measures?from=${MEASURE_YEAR.from}&to=${MEASURE_YEAR.to}\` as the staff of one community (its community-year) and as the street officer (the whole street), ` +
        "`GET /api/cases?limit=30` (first page) and page 21 of the same list through its keyset cursor as community staff, and a grid worker's work queue.",
      "- **PostgreSQL settings.** " +
        (pgSettings
          ? `A throwaway PostgreSQL 15 is started for the run (as \`.ci/run\` does) with default durability — \`fsync\` and \`full_page_writes\` on — and ` +
            Object.entries(pgSettings)
              .filter(([k]) => k !== "listen_addresses")
              .map(([k, v]) => `\`${k}=${v}\``)
              .join(", ") +
            ". `synchronous_commit=off` lets a commit return before its WAL is flushed (a crash can lose the last fraction of a second of commits, but never corrupts data); " +
            "the memory settings are what a production server of this size would have. `pg_stat_statements` is loaded but idle except in the profiled pass."
          : "The server given by `DATABASE_URL`, with its own settings (listed per engine below)."),
      "- **PGlite**: the same app and the same generator on `openPglite()` in memory, one community with its cases; PGlite is one connection inside the app process, so requests queue for it.",
      "- **Shared machine.** Before each measured phase the run waits (at most 90 s) until other programs use less than a quarter of a core for three seconds, " +
        "and the CPU used by the app server, the database, the load generator and everything else is recorded for each window from `/proc`; it is listed with the results.",
      "- **Explanations, not figures:** one request of each read path is captured and its statements run again under `EXPLAIN ANALYZE`; " +
        `after the measurements, a ${plan.profileMs / 1000} s intake pass runs with the V8 CPU profiler in the server and \`pg_stat_statements\` on; ` +
        "and on PostgreSQL two indexes the product does not have are tried (what-if) in the benchmark database only. None of this changes the figures above it.",
    ].join("\n"),
  );
  out.push("");
  if (pgRes) out.push(engineSection(pgRes, plan, false), "");
  if (pgliteRes) out.push(engineSection(pgliteRes, plan, true), "");
  if (notes.length) {
    out.push("## Notes on the targets", "");
    out.push(notes.join("\n\n"));
    out.push("");
  }
  return out.join("\n");
}

// ---------------------------------------------------------------- notes on missed targets

const share = (list: Array<{ name: string; share: number }> | undefined, name: string) => list?.find((g) => g.name === name)?.share ?? 0;

/** Explanations for each missed target, from the figures of the run (profile, plans, CPU, what-if). */
/** How the intake path reaches its figures (every run): what one report costs and why. */
function intakeDesign(r: EngineResult, isPglite: boolean): string {
  return (
    `**How the intake is written (${r.engine}).** Reports that arrive while earlier ones are on their way to the database are written together (group commit, \`Coalescer\` in src/server/db/coalesce.ts): ` +
    "one statement looks up the areas and grid workers at all their points, and one data-modifying statement takes the day's numbers (one counter update per community and day, in a fixed order) and writes the cases, their first timeline entries, audit rows and notifications; " +
    "the session reads and the rate-limit counts of requests arriving together are one statement each as well. Under light load a report goes out alone at once (no timer, no added wait); under heavy load one round trip serves many requests. " +
    "A group whose statement fails is written again one report at a time, so a bad report fails alone. Reports with photos or an Idempotency-Key keep their own transaction. " +
    `The raw baseline writes each report in its own transaction (BEGIN, three INSERTs, COMMIT), as a plain application would; the HTTP path reaches ${pct(r.ratio)} of it because of the grouping` +
    (isPglite ? "." : ", while each request still goes through the whole product (session, policy, validation, routing, audit, notifications).")
  );
}

export function buildNotes(results: EngineResult[], plan: RunPlan): string[] {
  const notes: string[] = [];
  for (const r of results) {
    const isPglite = r.engine.startsWith("PGlite");
    const c = r.intakeCpu;
    const perReq = (pctOfCore: number | null, n: number) => (pctOfCore === null || n === 0 ? null : ((pctOfCore / 100) * c.windowMs) / n);
    const serverMs = perReq(c.server, r.intake.count);
    const dbMs = perReq(c.database, r.intake.count);
    const missed = [
      r.intake.perSecond < TARGETS.intakePerSecond ? `throughput (target ≥ ${n0(TARGETS.intakePerSecond)} requests/s)` : null,
      r.intake.latency.p99 >= TARGETS.intakeP99 ? `p99 latency (target < ${TARGETS.intakeP99} ms)` : null,
      r.ratio < TARGETS.ratio ? `ratio to the raw baseline (target ≥ ${pct(TARGETS.ratio)})` : null,
      r.intake.errors > 0 ? `errors (target 0; first: ${r.intake.firstError ?? "?"})` : null,
    ].filter((x): x is string => x !== null);
    const head = isPglite ? `**${r.engine}.**` : "**Intake.**";
    if (missed.length) {
      const parts: string[] = [];
      parts.push(
        `${head} Missed: ${missed.join(", ")}. The HTTP intake reached ${n0(r.intake.perSecond)} requests/s ` +
          `(p50 ${ms(r.intake.latency.p50)} ms, p99 ${ms(r.intake.latency.p99)} ms) while the raw inserts reached ${n0(r.raw.perSecond)} transactions/s in the same run — ${pct(r.ratio)}.`,
      );
      const machine: string[] = [`This machine has ${c.cores} cores for the load generator, the app server${isPglite ? " (with PGlite inside)" : " and PostgreSQL"}`];
      if (c.other >= 20) machine.push(`and other programs used ${c.other.toFixed(0)} % of a core on average during the measured window (${r.rawCpu.other.toFixed(0)} % during the raw baseline), so all figures here are lower than on a dedicated machine`);
      parts.push(machine.join(" ") + ".");
      if (!isPglite && r.raw.perSecond < TARGETS.intakePerSecond) {
        parts.push(`Even the raw baseline stays below ${n0(TARGETS.intakePerSecond)} transactions/s here, so the absolute target cannot be met on this hardware; the ratio to the baseline is the measure that carries over.`);
      }
      if (serverMs !== null) {
        parts.push(
          `The server process used ${serverMs.toFixed(1)} ms of CPU per request${dbMs !== null ? ` and the database ${dbMs.toFixed(1)} ms` : ""}; one Node.js process therefore tops out near ${n0(1000 / serverMs)} requests/s at this cost.`,
        );
      }
      const p = r.profile;
      if (p) {
        const drizzle = share(p.cpu.inclusiveByGroup, "drizzle-orm");
        const pgDriver = share(p.cpu.inclusiveByGroup, "pg");
        const writev = p.cpu.topFunctions.find((f) => f.name === "writev")?.share ?? 0;
        const statements = p.statements;
        const requests = p.requests;
        const calls = statements.reduce((sum, x) => sum + x.calls, 0);
        const profileBits: string[] = [];
        if (statements.length) profileBits.push(`The requests sent ${(calls / Math.max(1, requests)).toFixed(1)} statements per request (a statement of a group counts once for the whole group)`);
        else profileBits.push(`Each report alone sends ${isPglite ? "3 statements (session, the areas at its point, the write; rate limits are counted in memory on PGlite)" : "4 statements (session, rate-limit count, the areas at its point, the write)"}; reports arriving together share them`);
        if (!isPglite)
          profileBits.push(
            `in the server's CPU profile, Drizzle code (query building, result mapping) is on the stack in ${pct(drizzle)} of the busy samples and the \`pg\` driver in ${pct(pgDriver)}, ` +
              `and ${pct(writev)} of the samples are inside socket writes (\`writev\`, one per statement)`,
          );
        parts.push(profileBits.join("; ") + ".");
      }
      if (isPglite) {
        parts.push(
          "PGlite is one connection inside the app process: every statement of every request queues for it and runs as WebAssembly on the app's own thread, so the app's CPU and the database's add up on one core. " +
            "At low arrival rates the reports arrive one by one and each pays the statements' full cost (a few milliseconds each as WebAssembly); as the rate rises they share groups and the cost per report falls, which is why the latency hardly changes between 100 requests/s and saturation. " +
            "PGlite is the engine for a small single-community installation (its busiest hour is a few reports a minute); a street-sized deployment belongs on PostgreSQL.",
        );
      }
      notes.push(parts.join(" "));
    }
    notes.push(intakeDesign(r, isPglite));

    // Read paths.
    const readNote = (names: string[], title: string, why: string, fix: string) => {
      const rs = r.reads.filter((x) => names.includes(x.name) && x.targetP50 !== null && x.latency.p50 >= x.targetP50);
      if (!rs.length) return;
      const figures = rs.map((x) => `${x.name.toLowerCase()} p50 ${ms(x.latency.p50)} ms (target < ${x.targetP50} ms)`).join(", ");
      const plans = rs.map((x) => {
        const exec = x.plans.reduce((sum, pl) => sum + pl.ms, 0);
        const seq = x.plans.filter((pl) => pl.steps.some((st) => st.startsWith("Seq Scan") && st.includes("on cases"))).length;
        return `${x.name.toLowerCase()}: ${x.plans.length} statement${x.plans.length === 1 ? "" : "s"}, ${ms(exec)} ms of execution${seq ? `, ${seq} of them with a sequential scan of \`cases\`` : ""}`;
      });
      const wi = r.whatIf.filter((w) => names.includes(w.read));
      const whatIf = wi.length ? ` Measured in this run with the index in place (what-if table above): ${wi.map((w) => `${w.read.toLowerCase()} ${ms(w.before.p50)} → ${ms(w.after.p50)} ms`).join("; ")}.` : "";
      notes.push(`**${isPglite ? `${r.engine}, ` : ""}${title}** Missed: ${figures}. In the database (plans listed under the read paths above) — ${plans.join("; ")}. ${why}${whatIf} ${fix}`);
    };
    readNote(
      ["Dashboard measures, one community-year", "Dashboard measures, whole street, one year"],
      "Dashboard measures.",
      "`computeMeasures` adds up one summary per community and month: months that are over and kept in `case_measure_months` are read from there, the rest (partial months at the ends of the period, the running month, months changed since they were kept) is counted from the cases over the covering index `cases_measures_idx`. " +
        "The figures are the p50 after warm-up, so the months of a past year are kept; the first reading after a month changed counts that month again.",
      "Next step: count the months not kept side by side on several connections, and keep summaries per grid as well so that grids read kept months too.",
    );
    readNote(
      ["Case list, first page (30 rows)", "Case list, keyset page 21 (30 rows)"],
      "Case list.",
      "The staff list filters by `area_id IN (the user's subtree) OR reporter_id = me` and orders urgent first (overdue, then the deadline that runs, closed last, newest first within), walking the expression index `cases_urgent_idx` from the cursor until 30 rows match; " +
        "the time left is the request's own (session, joins, JSON) and the capped count of the list's total.",
      "For a scope whose cases are rare among all (a grid in a large street), the same index led by `community_id` would let the scan skip other communities' entries.",
    );
  }
  if (plan.quick) notes.push("_This is a `--quick` run: smaller data set and shorter windows; run `npm run bench` for the reference figures._");
  return notes;
}
