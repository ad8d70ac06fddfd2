import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { areaInScope, communitiesUnder } from "../../platform/scope";

/**
 * The filters a work report's drill-down hands to a module's list, so that the list shows the
 * records that make the figure: the report's period (the days a record's date falls in) and its area
 * (a community or a street, as the figure's `community_id IN (…)`).
 */
export type DrillPeriod = { from: string; to: string } | null;

/** The period of a list query: both days or neither, the last not before the first. */
export function drillPeriod(q: { from?: string; to?: string }): DrillPeriod {
  if (!q.from && !q.to) return null;
  if (!q.from || !q.to) throw new AppError("VALIDATION_FAILED", [{ path: q.from ? "/to" : "/from", message: "a period needs both its first and its last day" }]);
  if (q.to < q.from) throw new AppError("VALIDATION_FAILED", [{ path: "/to", message: "the period ends before it starts" }]);
  return { from: q.from, to: q.to };
}

/** SQL: a day column lies in the period (true without one). */
export function inPeriod(dayColumn: SQL, period: DrillPeriod): SQL {
  return period ? sql`${dayColumn} BETWEEN ${period.from}::date AND ${period.to}::date` : sql`true`;
}

/**
 * SQL: a community column lies in the communities of an area of the caller's scope (true without one);
 * the area is checked against the caller's scope (404 outside it), as the report checks it.
 */
export async function inAreaCommunities(db: DbOrTx, user: AuthUser, communityColumn: SQL, areaId: string | undefined): Promise<SQL> {
  if (!areaId) return sql`true`;
  const area = await areaInScope(db, user, areaId);
  return sql`${communityColumn} IN ${communitiesUnder(area)}`;
}
