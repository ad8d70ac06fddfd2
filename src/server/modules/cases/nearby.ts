import { and, eq, gte, ne, sql } from "drizzle-orm";
import { caseCategories, cases } from "../../db/schema/cases";
import type { DbOrTx } from "../../db/client";
import type { LngLat } from "../../db/schema/types";

const EARTH_M = 6_371_000;

/** Great-circle distance in metres. */
export function distanceMeters([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.sqrt(a));
}

/**
 * Non-sensitive cases near a point, for the public view and the duplicate suggestion. A GiST-indexed
 * box test narrows the rows, the exact distance filters them; nothing personal is selected.
 */
export async function selectNearby(db: DbOrTx, input: { at: LngLat; radius: number; days: number; categoryCode?: string; openOnly?: boolean; limit?: number }) {
  const [lng, lat] = input.at;
  const dLat = input.radius / 111_320;
  const dLng = input.radius / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  const rows = await db
    .select({
      id: cases.id,
      number: cases.number,
      categoryCode: cases.categoryCode,
      categoryName: caseCategories.name,
      description: cases.description,
      status: cases.status,
      closureKind: cases.closureKind,
      location: cases.location,
      createdAt: cases.createdAt,
    })
    .from(cases)
    .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
    .where(
      and(
        sql`${cases.location} <@ box(point(${lng - dLng}, ${lat - dLat}), point(${lng + dLng}, ${lat + dLat}))`,
        eq(caseCategories.sensitive, false),
        gte(cases.createdAt, new Date(Date.now() - input.days * 24 * 3600_000)),
        input.categoryCode ? eq(cases.categoryCode, input.categoryCode) : undefined,
        input.openOnly ? ne(cases.status, "closed") : sql`coalesce(${cases.closureKind}, '') NOT IN ('withdrawn', 'rejected', 'duplicate')`,
      ),
    )
    .limit(500);
  return rows
    .map((r) => ({ ...r, location: r.location!, distance: Math.round(distanceMeters(input.at, r.location!)), createdAt: r.createdAt.toISOString() }))
    .filter((r) => r.distance <= input.radius)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, input.limit ?? 50);
}
