import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { Measures } from "../../../contracts/cases";
import { dayAfter, dayStart } from "../../platform/clock";
import { pathUnder, pathWithin, underArea } from "../../platform/scope";
import { CHANNEL_NAMES, CLOSURE_NAMES, GROUP_NAMES, STATUS_NAMES } from "./labels";
import { allCategories } from "./reference-cache";

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Medians are taken over durations rounded down to this step (0.1 h, six minutes). */
const STEP_SECONDS = 360;

/** The value at quantile q of a histogram (step → count), interpolated like percentile_cont. */
function quantile(buckets: Array<{ step: number; n: number }>, q: number): number | null {
  const total = buckets.reduce((a, b) => a + b.n, 0);
  if (total === 0) return null;
  const sorted = [...buckets].sort((a, b) => a.step - b.step);
  const rank = (total - 1) * q;
  const at = (r: number) => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.n;
      if (r < seen) return b.step;
    }
    return sorted[sorted.length - 1].step;
  };
  const lo = at(Math.floor(rank));
  const hi = at(Math.ceil(rank));
  return lo + (hi - lo) * (rank - Math.floor(rank));
}

/** Counts that add up across communities and months. */
type Totals = Record<(typeof TOTALS)[number], number>;

/**
 * The case totals over rows aliased `c`, as the measures define them (resolved at the highest level
 * reached, overdue = was ever overdue, satisfied = satisfied or basic); the street comparison counts
 * a department's cases with the same columns.
 */
export const CASE_TOTALS = sql`count(*)::int AS total,
  count(*) FILTER (WHERE c.status <> 'closed')::int AS open,
  count(*) FILTER (WHERE c.closure_kind = 'resolved')::int AS resolved,
  count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level = 'grid')::int AS "resolvedAtGrid",
  count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level = 'community')::int AS "resolvedAtCommunity",
  count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level IN ('street', 'department'))::int AS "resolvedBeyond",
  count(*) FILTER (WHERE c.was_overdue)::int AS overdue,
  count(*) FILTER (WHERE c.status <> 'closed' AND c.timer = 'red')::int AS "overdueOpen",
  count(*) FILTER (WHERE c.rating IS NOT NULL)::int AS rated,
  count(*) FILTER (WHERE c.rating IN ('satisfied', 'basic'))::int AS satisfied`;

const TOTALS = ["total", "open", "resolved", "resolvedAtGrid", "resolvedAtCommunity", "resolvedBeyond", "overdue", "overdueOpen", "rated", "satisfied", "riders"] as const;
type Breakdown = Record<string, [count: number, resolved: number]>;

/**
 * The measures of some cases in a form that adds up: two summaries of disjoint sets of cases sum
 * to the summary of their union. Kept per community and month in case_measure_months.summary.
 */
interface Summary {
  t: Totals;
  category: Breakdown;
  channel: Breakdown;
  status: Breakdown;
  closure: Breakdown;
  /** Cases closed per day (YYYY-MM-DD, Beijing time). */
  closedOn: Record<string, number>;
  /** Cases per 0.1 h step of the time to accept, and (resolved, unable, not ours) to close, as [step, count, step, count, …]. */
  accept: number[];
  close: number[];
}

/** Summaries added up; the duration histograms as step → count. */
type Sum = Omit<Summary, "accept" | "close"> & { accept: Map<number, number>; close: Map<number, number> };

const emptySummary = (): Summary => ({
  t: Object.fromEntries(TOTALS.map((k) => [k, 0])) as Totals,
  category: {},
  channel: {},
  status: {},
  closure: {},
  closedOn: {},
  accept: [],
  close: [],
});

const emptySum = (): Sum => ({ ...emptySummary(), accept: new Map(), close: new Map() });

function addInto(into: Sum, s: Summary): void {
  for (const k of TOTALS) into.t[k] += s.t[k] ?? 0;
  for (const d of ["category", "channel", "status", "closure"] as const) {
    for (const [key, [n, r]] of Object.entries(s[d])) {
      const e = (into[d][key] ??= [0, 0]);
      e[0] += n;
      e[1] += r;
    }
  }
  for (const [key, n] of Object.entries(s.closedOn)) into.closedOn[key] = (into.closedOn[key] ?? 0) + n;
  for (const d of ["accept", "close"] as const) {
    const h = into[d];
    const pairs = s[d];
    for (let i = 0; i < pairs.length; i += 2) h.set(pairs[i], (h.get(pairs[i]) ?? 0) + pairs[i + 1]);
  }
}

/** YYYY-MM of a Beijing-time day, the next month, and where a month starts. */
const monthOf = (day: string) => day.slice(0, 7);
const nextMonth = (ym: string) => {
  const [y, m] = ym.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};
const monthStart = (ym: string) => dayStart(`${ym}-01`);

/** A stretch of one community's cases to count from the cases themselves, by report time. */
interface Range {
  cid: string;
  ym: string;
  from: Date;
  to: Date;
}

/**
 * Counts the cases of `ranges` (and below a community, only those in the area subtree `below`):
 * one summary per community and month, from two statements run side by side over index-only
 * scans of `cases_measures_idx (community_id, created_at) INCLUDE (…)`: the totals, and one hashed
 * GROUPING SETS aggregate for the breakdowns, the closing days and the durations per 0.1 h.
 */
async function countCases(db: DbOrTx, ranges: Range[], below: string | null): Promise<Map<string, Summary>> {
  const out = new Map<string, Summary>();
  if (ranges.length === 0) return out;
  // Neighbouring months of one community are read as one stretch.
  const stretches: Array<{ cid: string; f: string; t: string }> = [];
  for (const r of [...ranges].sort((a, b) => a.cid.localeCompare(b.cid) || a.from.getTime() - b.from.getTime())) {
    const last = stretches[stretches.length - 1];
    if (last && last.cid === r.cid && last.t === r.from.toISOString()) last.t = r.to.toISOString();
    else stretches.push({ cid: r.cid, f: r.from.toISOString(), t: r.to.toISOString() });
  }
  // OFFSET 0 keeps the lateral subquery whole: one index-only range scan per stretch, where a
  // flattened join would be planned as a scan of the whole table.
  const from = sql`jsonb_to_recordset(${JSON.stringify(stretches)}::jsonb) AS r(cid uuid, f timestamptz, t timestamptz)
      CROSS JOIN LATERAL (
        SELECT c.community_id, c.created_at, c.category_code, c.channel, c.status, c.closure_kind, c.max_level, c.accepted_at, c.closed_at,
               c.was_overdue, c.timer, c.rating, c.mobile_reporter
        FROM cases c WHERE c.community_id = r.cid AND c.created_at >= r.f AND c.created_at < r.t
        ${below ? sql`AND ${underArea(sql`c.area_id`, below)}` : sql``}
        OFFSET 0) c`;
  const ym = sql`to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
  const [totalsResult, groupsResult] = await Promise.all([
    db.execute(sql`
      SELECT c.community_id AS cid, ${ym} AS ym, ${CASE_TOTALS},
        count(*) FILTER (WHERE c.mobile_reporter)::int AS riders
      FROM ${from} GROUP BY 1, 2`),
    // Category with channel and status with closure are grouped together (few pairs each) and
    // split here: five hash tables per row instead of seven. The groups come back as one JSON
    // array per community, month and kind (a few hundred rows, not a row per duration step).
    db.execute(sql`
      SELECT g.cid, g.ym, g.dim, json_agg(json_build_array(g.key, g.key2, g.n, g.resolved)) AS items FROM (
      SELECT d.cid, d.ym,
             CASE WHEN GROUPING(d.category_code) = 0 THEN 'category' WHEN GROUPING(d.status) = 0 THEN 'status'
                  WHEN GROUPING(d.closed_on) = 0 THEN 'closedOn' WHEN GROUPING(d.accept) = 0 THEN 'accept' ELSE 'close' END AS dim,
             coalesce(d.category_code, d.status, d.closed_on, coalesce(d.accept, d.close)::text) AS key,
             coalesce(d.channel, d.closure_kind) AS key2,
             count(*)::int AS n,
             count(*) FILTER (WHERE d.closure_kind = 'resolved')::int AS resolved
      FROM (
        SELECT c.community_id AS cid, ${ym} AS ym, c.category_code, c.channel, c.status, c.closure_kind,
               to_char(c.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS closed_on,
               floor(date_part('epoch', c.accepted_at - c.created_at) / ${STEP_SECONDS})::int AS accept,
               CASE WHEN c.closure_kind IN ('resolved', 'unable', 'not_responsible') THEN floor(date_part('epoch', c.closed_at - c.created_at) / ${STEP_SECONDS})::int END AS close
        FROM ${from}
      ) d
      GROUP BY GROUPING SETS ((d.cid, d.ym, d.category_code, d.channel), (d.cid, d.ym, d.status, d.closure_kind),
                              (d.cid, d.ym, d.closed_on), (d.cid, d.ym, d.accept), (d.cid, d.ym, d.close))
      ) g GROUP BY 1, 2, 3`),
  ]);
  const summaryOf = (cid: string, month: string) => out.get(`${cid}|${month}`) ?? out.set(`${cid}|${month}`, emptySummary()).get(`${cid}|${month}`)!;
  for (const row of rowsOf<Totals & { cid: string; ym: string }>(totalsResult)) {
    const s = summaryOf(row.cid, row.ym);
    for (const k of TOTALS) s.t[k] = row[k];
  }
  const add = (b: Breakdown, key: string, n: number, resolved: number) => {
    const e = (b[key] ??= [0, 0]);
    e[0] += n;
    e[1] += resolved;
  };
  type Item = [key: string | null, key2: string | null, n: number, resolved: number];
  for (const g of rowsOf<{ cid: string; ym: string; dim: string; items: Item[] | string }>(groupsResult)) {
    const s = summaryOf(g.cid, g.ym);
    const items: Item[] = typeof g.items === "string" ? JSON.parse(g.items) : g.items;
    for (const [key, key2, n, resolved] of items) {
      if (g.dim === "category") {
        add(s.category, key!, n, resolved);
        add(s.channel, key2!, n, resolved);
      } else if (g.dim === "status") {
        add(s.status, key!, n, resolved);
        // Open cases have no closure kind.
        if (key2 !== null) add(s.closure, key2, n, resolved);
      } else if (key === null) continue;
      else if (g.dim === "closedOn") s.closedOn[key] = n;
      else if (g.dim === "accept" || g.dim === "close") s[g.dim].push(Number(key), n);
    }
  }
  return out;
}

/**
 * The measures of 小事不出网格、大事不出社区 for an area subtree and a period (cases reported in it):
 * counts by category, group, channel, status and closure; the share of resolved cases closed at grid
 * level, at community level and beyond (by the highest level a case reached); median hours to
 * accept and to close (to the nearest 0.1 h); overdue and satisfaction rates; riders' reports; a
 * monthly series of cases reported and closed.
 *
 * A community or a larger area is counted per community and month. A month that ended more than a
 * day ago and lies wholly in the period is read from case_measure_months when its summary is kept;
 * otherwise it is counted from the cases, and kept if no case of it changed meanwhile (the version
 * read before counting still stands). Partial months at the ends of the period, the running month
 * and the day after it, and grids and micro-grids are always counted from the cases.
 */
export async function computeMeasures(
  db: DbOrTx,
  input: { areaPath: string; areaLevel: string; from: string; to: string },
  now = new Date(),
): Promise<Omit<Measures, "area">> {
  const start = dayStart(input.from);
  const end = dayAfter(input.to);
  const path = input.areaPath;
  // The communities the area lies in or contains; below a community, the subtree filter keeps the grid's own cases.
  const below = input.areaLevel === "grid" || input.areaLevel === "microgrid" ? path : null;
  const months: string[] = [];
  for (let ym = monthOf(input.from); ym <= monthOf(input.to); ym = nextMonth(ym)) months.push(ym);
  // Kept only a day after the month ended: by then every write that began inside it has finished.
  const keepable = (ym: string) =>
    !below && monthStart(ym) >= start && monthStart(nextMonth(ym)) <= end && monthStart(nextMonth(ym)).getTime() + 24 * 3600_000 <= now.getTime();

  const readKept = async () => {
    const rows = rowsOf<{ cid: string; ym: string | null; version: number | string | null; summary: string | null }>(
      await db.execute(sql`
        SELECT a.id AS cid, to_char(m.month, 'YYYY-MM') AS ym, m.version, m.summary
        FROM areas a LEFT JOIN case_measure_months m
          ON ${below ? sql`false` : sql`m.community_id = a.id AND m.month >= ${`${months[0]}-01`}::date AND m.month <= ${`${months[months.length - 1]}-01`}::date`}
        WHERE a.level = 'community' AND ${below ? pathWithin(sql`${path}::text`, sql`a.path`) : pathUnder(sql`a.path`, path)}`),
    );
    return { communities: [...new Set(rows.map((r) => r.cid))], byKey: new Map(rows.filter((r) => r.ym !== null).map((r) => [`${r.cid}|${r.ym}`, r])) };
  };
  let [{ communities, byKey }, categories] = await Promise.all([readKept(), allCategories(db)]);
  // A month that may be kept but has no row yet (no write since it ended) gets one, at version 0.
  const missing = communities.flatMap((cid) => months.filter((ym) => keepable(ym) && !byKey.has(`${cid}|${ym}`)).map((ym) => ({ cid, month: `${ym}-01` })));
  if (missing.length > 0) {
    await db.execute(sql`
      INSERT INTO case_measure_months (community_id, month)
      SELECT k.cid, k.month FROM jsonb_to_recordset(${JSON.stringify(missing)}::jsonb) AS k(cid uuid, month date)
      ON CONFLICT DO NOTHING`);
    ({ communities, byKey } = await readKept());
  }

  const parts = new Map<string, Summary>();
  const ranges: Range[] = [];
  const toKeep = new Map<string, { cid: string; month: string; version: number }>();
  for (const cid of communities) {
    for (const ym of months) {
      const key = `${cid}|${ym}`;
      const row = byKey.get(key);
      if (keepable(ym) && row?.summary) {
        parts.set(key, JSON.parse(row.summary) as Summary);
        continue;
      }
      const from = new Date(Math.max(start.getTime(), monthStart(ym).getTime()));
      const to = new Date(Math.min(end.getTime(), monthStart(nextMonth(ym)).getTime()));
      ranges.push({ cid, ym, from, to });
      if (keepable(ym) && row) toKeep.set(key, { cid, month: `${ym}-01`, version: Number(row.version) });
    }
  }
  const counted = await countCases(db, ranges, below);
  for (const r of ranges) parts.set(`${r.cid}|${r.ym}`, counted.get(`${r.cid}|${r.ym}`) ?? emptySummary());
  if (toKeep.size > 0) {
    const keep = [...toKeep].map(([key, k]) => ({ ...k, summary: JSON.stringify(parts.get(key)) }));
    // Kept only where no write has touched the month since its version was read.
    await db.execute(sql`
      UPDATE case_measure_months m SET summary = k.summary
      FROM jsonb_to_recordset(${JSON.stringify(keep)}::jsonb) AS k(cid uuid, month date, version bigint, summary text)
      WHERE m.community_id = k.cid AND m.month = k.month AND m.version = k.version`);
  }

  const all = emptySum();
  const reportedIn = new Map<string, number>();
  for (const [key, s] of parts) {
    addInto(all, s);
    const ym = key.slice(key.indexOf("|") + 1);
    reportedIn.set(ym, (reportedIn.get(ym) ?? 0) + s.t.total);
  }
  const t = all.t;
  const dim = (b: Breakdown, name: (k: string) => string) =>
    Object.entries(b)
      .map(([key, [count, resolved]]) => ({ key, name: name(key), count, resolved }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  // Groups are made of categories here, so that a renamed group code needs no second count.
  const byGroup: Breakdown = {};
  for (const [code, [n, r]] of Object.entries(all.category)) {
    const e = (byGroup[categories.get(code)?.groupCode ?? "other"] ??= [0, 0]);
    e[0] += n;
    e[1] += r;
  }
  const median = (h: Map<number, number>) => {
    const q = quantile([...h].map(([step, n]) => ({ step, n })), 0.5);
    return q === null ? null : Math.round(q * STEP_SECONDS) / 3600;
  };
  const monthly = new Map<string, { reported: number; closed: number }>();
  const monthRow = (ym: string) => monthly.get(ym) ?? monthly.set(ym, { reported: 0, closed: 0 }).get(ym)!;
  for (const [ym, n] of reportedIn) if (n > 0) monthRow(ym).reported += n;
  for (const [day, n] of Object.entries(all.closedOn)) if (day <= input.to) monthRow(monthOf(day)).closed += n;

  const total = t.total;
  const resolved = t.resolved;
  return {
    from: input.from,
    to: input.to,
    total,
    open: t.open,
    closed: total - t.open,
    byCategory: dim(all.category, (k) => categories.get(k)?.name ?? k),
    byGroup: dim(byGroup, (k) => GROUP_NAMES[k] ?? k),
    byChannel: dim(all.channel, (k) => CHANNEL_NAMES[k] ?? k),
    byStatus: dim(all.status, (k) => STATUS_NAMES[k] ?? k),
    byClosure: dim(all.closure, (k) => CLOSURE_NAMES[k] ?? k),
    resolved,
    resolvedAtGrid: t.resolvedAtGrid,
    resolvedAtCommunity: t.resolvedAtCommunity,
    resolvedBeyond: t.resolvedBeyond,
    shareGrid: share(t.resolvedAtGrid, resolved),
    shareCommunity: share(t.resolvedAtCommunity, resolved),
    shareBeyond: share(t.resolvedBeyond, resolved),
    medianHoursToAccept: median(all.accept),
    medianHoursToClose: median(all.close),
    overdueRate: share(t.overdue, total),
    overdueOpen: t.overdueOpen,
    satisfactionRate: share(t.satisfied, t.rated),
    rated: t.rated,
    riderReports: t.riders,
    monthly: [...monthly].sort(([a], [b]) => a.localeCompare(b)).map(([month, v]) => ({ month, ...v })),
  };
}
