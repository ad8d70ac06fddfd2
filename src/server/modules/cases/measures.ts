import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { Measures } from "../../../contracts/cases";
import { dayAfter, dayStart } from "./queries";
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

/**
 * The measures of 小事不出网格、大事不出社区 for an area subtree and a period (cases reported in it):
 * counts by category, group, channel, status and closure; the share of resolved cases closed at grid
 * level, at community level and beyond (by the highest level a case reached); median hours to
 * accept and to close (to the nearest 0.1 h); overdue and satisfaction rates; riders' reports; a
 * monthly series of cases reported and closed.
 *
 * Two statements, run side by side, each one pass over an index-only scan of
 * `cases_measures_idx (community_id, created_at) INCLUDE (…)`: the totals, and one hashed GROUPING
 * SETS aggregate for the breakdowns, the months and the durations counted per 0.1 h, from which
 * the medians are taken here.
 */
export async function computeMeasures(
  db: DbOrTx,
  input: { areaPath: string; areaLevel: string; from: string; to: string },
): Promise<Omit<Measures, "area">> {
  const start = dayStart(input.from);
  const end = dayAfter(input.to);
  const path = input.areaPath;
  // The communities the area lies in or contains lead the index; below a community, the subtree
  // filter keeps the grid's own cases.
  const below = input.areaLevel === "grid" || input.areaLevel === "microgrid";
  const where = sql`c.community_id IN (SELECT id FROM areas WHERE level = 'community' AND ${below ? sql`${path} LIKE path || '%'` : sql`path LIKE ${path + "%"}`})
    ${below ? sql`AND c.area_id IN (SELECT id FROM areas WHERE path LIKE ${path + "%"})` : sql``}
    AND c.created_at >= ${start} AND c.created_at < ${end}`;

  const [totalsResult, groupsResult, categories] = await Promise.all([
    db.execute(sql`
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE c.status <> 'closed')::int AS open,
        count(*) FILTER (WHERE c.closure_kind = 'resolved')::int AS resolved,
        count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level = 'grid')::int AS "resolvedAtGrid",
        count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level = 'community')::int AS "resolvedAtCommunity",
        count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level IN ('street', 'department'))::int AS "resolvedBeyond",
        count(*) FILTER (WHERE c.was_overdue)::int AS overdue,
        count(*) FILTER (WHERE c.status <> 'closed' AND c.timer = 'red')::int AS "overdueOpen",
        count(*) FILTER (WHERE c.rating IS NOT NULL)::int AS rated,
        count(*) FILTER (WHERE c.rating IN ('satisfied', 'basic'))::int AS satisfied,
        count(*) FILTER (WHERE c.mobile_reporter)::int AS riders
      FROM cases c WHERE ${where}`),
    db.execute(sql`
      SELECT CASE WHEN GROUPING(d.category_code) = 0 THEN 'category' WHEN GROUPING(d.channel) = 0 THEN 'channel'
                  WHEN GROUPING(d.status) = 0 THEN 'status' WHEN GROUPING(d.closure_kind) = 0 THEN 'closure'
                  WHEN GROUPING(d.reported) = 0 THEN 'reported' WHEN GROUPING(d.closed) = 0 THEN 'closed'
                  WHEN GROUPING(d.accept) = 0 THEN 'accept' ELSE 'close' END AS dim,
             coalesce(d.category_code, d.channel, d.status, d.closure_kind, to_char(coalesce(d.reported, d.closed), 'YYYY-MM'), coalesce(d.accept, d.close)::text) AS key,
             count(*)::int AS n,
             count(*) FILTER (WHERE d.closure_kind = 'resolved')::int AS resolved
      FROM (
        SELECT c.category_code, c.channel, c.status, c.closure_kind,
               date_trunc('month', c.created_at AT TIME ZONE 'Asia/Shanghai') AS reported,
               CASE WHEN c.closed_at < ${end} THEN date_trunc('month', c.closed_at AT TIME ZONE 'Asia/Shanghai') END AS closed,
               floor(date_part('epoch', c.accepted_at - c.created_at) / ${STEP_SECONDS})::int AS accept,
               CASE WHEN c.closure_kind IN ('resolved', 'unable', 'not_responsible') THEN floor(date_part('epoch', c.closed_at - c.created_at) / ${STEP_SECONDS})::int END AS close
        FROM cases c WHERE ${where}
      ) d
      GROUP BY GROUPING SETS ((d.category_code), (d.channel), (d.status), (d.closure_kind), (d.reported), (d.closed), (d.accept), (d.close))`),
    allCategories(db),
  ]);

  const t = rowsOf<Record<string, number>>(totalsResult)[0];
  const groups = rowsOf<{ dim: string; key: string | null; n: number; resolved: number }>(groupsResult).filter((g) => g.key !== null);
  const of = (d: string) => groups.filter((g) => g.dim === d) as Array<{ dim: string; key: string; n: number; resolved: number }>;
  const dim = (rows: Array<{ key: string; n: number; resolved: number }>, name: (k: string) => string) =>
    rows.map((g) => ({ key: g.key, name: name(g.key), count: g.n, resolved: g.resolved })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  // Groups are made of categories here, so that a renamed group code needs no second scan.
  const byGroup = new Map<string, { key: string; n: number; resolved: number }>();
  for (const g of of("category")) {
    const key = categories.get(g.key)?.groupCode ?? "other";
    const e = byGroup.get(key) ?? { key, n: 0, resolved: 0 };
    e.n += g.n;
    e.resolved += g.resolved;
    byGroup.set(key, e);
  }
  const median = (d: "accept" | "close") => {
    const q = quantile(of(d).map((g) => ({ step: Number(g.key), n: g.n })), 0.5);
    return q === null ? null : Math.round(q * STEP_SECONDS) / 3600;
  };
  const months = new Map<string, { reported: number; closed: number }>();
  const monthOf = (m: string) => months.get(m) ?? months.set(m, { reported: 0, closed: 0 }).get(m)!;
  for (const g of of("reported")) monthOf(g.key).reported += g.n;
  for (const g of of("closed")) monthOf(g.key).closed += g.n;

  const total = t.total;
  const resolved = t.resolved;
  return {
    from: input.from,
    to: input.to,
    total,
    open: t.open,
    closed: total - t.open,
    byCategory: dim(of("category"), (k) => categories.get(k)?.name ?? k),
    byGroup: dim([...byGroup.values()], (k) => GROUP_NAMES[k] ?? k),
    byChannel: dim(of("channel"), (k) => CHANNEL_NAMES[k] ?? k),
    byStatus: dim(of("status"), (k) => STATUS_NAMES[k] ?? k),
    byClosure: dim(of("closure"), (k) => CLOSURE_NAMES[k] ?? k),
    resolved,
    resolvedAtGrid: t.resolvedAtGrid,
    resolvedAtCommunity: t.resolvedAtCommunity,
    resolvedBeyond: t.resolvedBeyond,
    shareGrid: share(t.resolvedAtGrid, resolved),
    shareCommunity: share(t.resolvedAtCommunity, resolved),
    shareBeyond: share(t.resolvedBeyond, resolved),
    medianHoursToAccept: median("accept"),
    medianHoursToClose: median("close"),
    overdueRate: share(t.overdue, total),
    overdueOpen: t.overdueOpen,
    satisfactionRate: share(t.satisfied, t.rated),
    rated: t.rated,
    riderReports: t.riders,
    monthly: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, v]) => ({ month, ...v })),
  };
}
