import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { CASE_ALIAS_COLUMNS, caseRule } from "../../platform/access";
import { communitiesUnder, type AreaRow } from "../../platform/scope";
import { dayAfter, dayStart } from "../../platform/clock";
import { CASE_TOTALS } from "../cases/measures";

export type CommunityRef = { id: string; name: string; path: string; streetId: string | null; streetName: string | null };

/** The communities under the caller's area (a street's, a district's, the city's), with their street, by path. */
export async function selectCommunities(db: DbOrTx, area: Pick<AreaRow, "path" | "communityId" | "level">): Promise<CommunityRef[]> {
  return rowsOf<CommunityRef>(
    await db.execute(sql`
      SELECT c.id, c.name, c.path, s.id AS "streetId", s.name AS "streetName"
      FROM areas c LEFT JOIN areas s ON s.id = c.parent_id AND s.level = 'street'
      WHERE c.level = 'community' AND c.id IN ${communitiesUnder(area)}
      ORDER BY s.name NULLS LAST, c.name, c.id`),
  );
}

export type CaseFigures = {
  cid: string;
  total: number;
  open: number;
  resolved: number;
  resolvedAtGrid: number;
  resolvedAtCommunity: number;
  resolvedBeyond: number;
  overdue: number;
  overdueOpen: number;
  rated: number;
  satisfied: number;
  medianHoursToClose: number | null;
};

/**
 * The case figures per community under the case read rule (a department officer: their
 * department's cases only), reported in the period. Definitions as in `cases/measures.ts`:
 * resolved at the highest level reached, overdue = was ever overdue, satisfied = satisfied or
 * basic, time to close over resolved, unable and not-ours closures (to the nearest 0.1 h).
 */
export async function selectCaseFiguresByCommunity(db: DbOrTx, user: AuthUser, communityIds: string[], from: string, to: string): Promise<Map<string, CaseFigures>> {
  const out = new Map<string, CaseFigures>();
  if (communityIds.length === 0) return out;
  const rows = rowsOf<CaseFigures>(
    await db.execute(sql`
      SELECT c.community_id AS cid, ${CASE_TOTALS},
        (round((percentile_cont(0.5) WITHIN GROUP (ORDER BY floor(date_part('epoch', c.closed_at - c.created_at) / 360))
          FILTER (WHERE c.closure_kind IN ('resolved', 'unable', 'not_responsible')))::numeric * 360) / 3600)::float8 AS "medianHoursToClose"
      FROM cases c
      WHERE c.community_id IN (SELECT unnest(${`{${communityIds.join(",")}}`}::uuid[]))
        AND c.created_at >= ${dayStart(from)} AND c.created_at < ${dayAfter(to)}
        AND ${caseRule(user, CASE_ALIAS_COLUMNS)}
      GROUP BY c.community_id`),
  );
  for (const r of rows) out.set(r.cid, { ...r, medianHoursToClose: r.medianHoursToClose === null ? null : Number(r.medianHoursToClose) });
  return out;
}

/**
 * The street-level queue: open cases escalated to the street or handed to a department that the
 * caller may read, overdue first, then the soonest due; with the total.
 */
export async function selectStreetQueueIds(db: DbOrTx, user: AuthUser, limit: number): Promise<{ ids: string[]; total: number }> {
  const rule = caseRule(user, CASE_ALIAS_COLUMNS);
  const where = sql`c.status <> 'closed' AND c.level IN ('street', 'department') AND ${rule}`;
  const [ids, [count]] = await Promise.all([
    db.execute(sql`
      SELECT c.id FROM cases c WHERE ${where}
      ORDER BY (c.timer = 'red') DESC, ${dueAtSql} ASC NULLS LAST, c.created_at, c.id
      LIMIT ${limit}`),
    db.execute(sql`SELECT count(*)::int AS n FROM cases c WHERE ${where}`).then((r) => rowsOf<{ n: number }>(r)),
  ]);
  return { ids: rowsOf<{ id: string }>(ids).map((r) => r.id), total: Number(count?.n ?? 0) };
}

/** The instant the case's running clock ends: acceptance while reported, handling after. */
export const dueAtSql = sql`CASE WHEN c.status = 'reported' THEN coalesce(c.accept_due_at, c.handle_due_at) ELSE coalesce(c.handle_due_at, c.accept_due_at) END`;
