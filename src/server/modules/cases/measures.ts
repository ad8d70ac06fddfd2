import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { Measures } from "../../../contracts/cases";
import { dayAfter, dayStart } from "./queries";
import { CHANNEL_NAMES, CLOSURE_NAMES, GROUP_NAMES, STATUS_NAMES } from "./labels";

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * The measures of 小事不出网格、大事不出社区 for an area subtree and a period (cases reported in it):
 * counts by category, group, channel, status and closure; the share of resolved cases closed at grid
 * level, at community level and beyond (by the highest level a case reached); median hours to
 * accept and to close; overdue and satisfaction rates; riders' reports; a monthly series.
 */
export async function computeMeasures(db: DbOrTx, input: { areaPath: string; from: string; to: string }): Promise<Omit<Measures, "area">> {
  const start = dayStart(input.from);
  const end = dayAfter(input.to);
  const base = sql`FROM cases c WHERE c.area_id IN (SELECT id FROM areas WHERE path LIKE ${input.areaPath + "%"}) AND c.created_at >= ${start} AND c.created_at < ${end}`;

  const totals = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE c.status <> 'closed')::int AS open,
        count(*) FILTER (WHERE c.status = 'closed')::int AS closed,
        count(*) FILTER (WHERE c.closure_kind = 'resolved')::int AS resolved,
        count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level = 'grid')::int AS "resolvedAtGrid",
        count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level = 'community')::int AS "resolvedAtCommunity",
        count(*) FILTER (WHERE c.closure_kind = 'resolved' AND c.max_level IN ('street', 'department'))::int AS "resolvedBeyond",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.accepted_at - c.created_at)) FILTER (WHERE c.accepted_at IS NOT NULL) / 3600 AS "medianAccept",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.closed_at - c.created_at))
          FILTER (WHERE c.closure_kind IN ('resolved', 'unable', 'not_responsible')) / 3600 AS "medianClose",
        count(*) FILTER (WHERE c.was_overdue)::int AS overdue,
        count(*) FILTER (WHERE c.status <> 'closed' AND c.timer = 'red')::int AS "overdueOpen",
        count(*) FILTER (WHERE c.rating IS NOT NULL)::int AS rated,
        count(*) FILTER (WHERE c.rating IN ('satisfied', 'basic'))::int AS satisfied,
        count(*) FILTER (WHERE c.mobile_reporter)::int AS riders
      ${base}`),
  )[0];

  const grouped = rowsOf<{ dim: string; key: string | null; name: string | null; count: number; resolved: number }>(
    await db.execute(sql`
      SELECT CASE WHEN GROUPING(c.category_code) = 0 THEN 'category' WHEN GROUPING(k.group_code) = 0 THEN 'group'
                  WHEN GROUPING(c.channel) = 0 THEN 'channel' WHEN GROUPING(c.status) = 0 THEN 'status' ELSE 'closure' END AS dim,
             coalesce(c.category_code, k.group_code, c.channel, c.status, c.closure_kind) AS key,
             min(k.name) AS name,
             count(*)::int AS count,
             count(*) FILTER (WHERE c.closure_kind = 'resolved')::int AS resolved
      FROM cases c JOIN case_categories k ON k.code = c.category_code
      WHERE c.area_id IN (SELECT id FROM areas WHERE path LIKE ${input.areaPath + "%"}) AND c.created_at >= ${start} AND c.created_at < ${end}
      GROUP BY GROUPING SETS ((c.category_code), (k.group_code), (c.channel), (c.status), (c.closure_kind))`),
  );
  const dim = (d: string, names?: Record<string, string>) =>
    grouped
      .filter((g) => g.dim === d && g.key !== null)
      .map((g) => ({ key: g.key!, name: names ? (names[g.key!] ?? g.key!) : (g.name ?? g.key!), count: num(g.count), resolved: num(g.resolved) }))
      .sort((a, b) => b.count - a.count);

  const monthly = rowsOf<{ month: string; reported: number; closed: number }>(
    await db.execute(sql`
      WITH m AS (
        SELECT to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, 1 AS reported, 0 AS closed ${base}
        UNION ALL
        SELECT to_char(c.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 0, 1 ${base} AND c.closed_at IS NOT NULL AND c.closed_at < ${end}
      )
      SELECT month, sum(reported)::int AS reported, sum(closed)::int AS closed FROM m GROUP BY month ORDER BY month`),
  );

  const total = num(totals.total);
  const resolved = num(totals.resolved);
  return {
    from: input.from,
    to: input.to,
    total,
    open: num(totals.open),
    closed: num(totals.closed),
    byCategory: dim("category"),
    byGroup: dim("group", GROUP_NAMES),
    byChannel: dim("channel", CHANNEL_NAMES),
    byStatus: dim("status", STATUS_NAMES),
    byClosure: dim("closure", CLOSURE_NAMES),
    resolved,
    resolvedAtGrid: num(totals.resolvedAtGrid),
    resolvedAtCommunity: num(totals.resolvedAtCommunity),
    resolvedBeyond: num(totals.resolvedBeyond),
    shareGrid: share(num(totals.resolvedAtGrid), resolved),
    shareCommunity: share(num(totals.resolvedAtCommunity), resolved),
    shareBeyond: share(num(totals.resolvedBeyond), resolved),
    medianHoursToAccept: numOrNull(totals.medianAccept),
    medianHoursToClose: numOrNull(totals.medianClose),
    overdueRate: share(num(totals.overdue), total),
    overdueOpen: num(totals.overdueOpen),
    satisfactionRate: share(num(totals.satisfied), num(totals.rated)),
    rated: num(totals.rated),
    riderReports: num(totals.riders),
    monthly: monthly.map((m) => ({ month: m.month, reported: num(m.reported), closed: num(m.closed) })),
  };
}
