import { and, eq, gte, ne, sql } from "drizzle-orm";
import { caseCategories, cases } from "../../db/schema/cases";
import type { DbOrTx } from "../../db/client";
import type { LngLat } from "../../db/schema/types";
import type { AuthUser } from "../../platform/context";
import { caseRule } from "../../platform/access";
import { coarsenPoint, knownNamesIn, publicText, PUBLIC_GRID_DEGREES } from "../../platform/personal-data";
import { isoInstant } from "../../platform/instants";

/**
 * Categories about a public thing (a road, a billboard, a river, the street's cleanliness): their
 * place is the thing itself, shown exactly in public. Every other case is shown on a ~50 m grid.
 */
export const PUBLIC_THING_CATEGORIES: ReadonlySet<string> = new Set(["road", "billboard", "river", "sanitation"]);

const EARTH_M = 6_371_000;

/** Great-circle distance in metres. */
export function distanceMeters([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.sqrt(a));
}

/** A case's place as shown in public: exact for a public thing, else snapped to the ~50 m grid. */
export function publicPlace(categoryCode: string, at: LngLat): LngLat {
  return PUBLIC_THING_CATEGORIES.has(categoryCode) ? at : coarsenPoint(at);
}

/**
 * Non-sensitive cases near a point, for the public view and the duplicate suggestion. A GiST-indexed
 * box test narrows the rows, the exact distance filters them; nothing personal is selected.
 *
 * What a case says and where it is are shown as in public (`publicText`, `publicPlace`; distance
 * measured to the shown place) unless `viewer` may read the case itself (`caseRule`: its reporter,
 * staff of its scope).
 */
export async function selectNearby(
  db: DbOrTx,
  input: { at: LngLat; radius: number; days: number; categoryCode?: string; openOnly?: boolean; limit?: number; textMax: number; viewer?: AuthUser },
) {
  const [lng, lat] = input.at;
  // The box is widened by the public grid, so a case whose shown place lies within the radius is found.
  const dLat = input.radius / 111_320 + PUBLIC_GRID_DEGREES;
  const dLng = input.radius / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180))) + PUBLIC_GRID_DEGREES;
  const readable = input.viewer ? caseRule(input.viewer, { areaId: cases.areaId, reporterId: cases.reporterId, department: cases.department }) : sql`false`;
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
      communityId: cases.communityId,
      readable: sql<boolean>`${readable}`,
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
  const shown = rows
    .map((r) => {
      const open = r.readable === true;
      const location = open ? r.location! : publicPlace(r.categoryCode, r.location!);
      return { r, open, location, distance: Math.round(distanceMeters(input.at, location)) };
    })
    .filter((x) => x.distance <= input.radius)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, input.limit ?? 50);
  const names = await knownNamesIn(
    db,
    shown.filter((x) => !x.open).map((x) => ({ communityId: x.r.communityId, text: x.r.description })),
  );
  return shown.map(({ r, open, location, distance }) => ({
    id: r.id,
    number: r.number,
    categoryCode: r.categoryCode,
    categoryName: r.categoryName,
    description: open ? r.description.slice(0, input.textMax) : publicText(r.description, names.get(r.communityId ?? "") ?? [], input.textMax),
    status: r.status,
    closureKind: r.closureKind,
    location,
    distance,
    createdAt: isoInstant(r.createdAt),
  }));
}
