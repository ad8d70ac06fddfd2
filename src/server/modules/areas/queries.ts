import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { areas } from "../../db/schema/areas";
import { places } from "../../db/schema/places";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { LngLat } from "../../db/schema/types";
import { rolesOf } from "../../platform/roles";
import { pathUnder, underArea } from "../../platform/scope";

/** Every node of a subtree, parents before children. */
export function selectSubtree(db: DbOrTx, rootPath: string) {
  return db
    .select({
      id: areas.id,
      parentId: areas.parentId,
      level: areas.level,
      name: areas.name,
      code: areas.code,
      communityId: areas.communityId,
      boundary: areas.boundary,
      center: areas.center,
    })
    .from(areas)
    .where(pathUnder(areas.path, rootPath))
    .orderBy(asc(areas.depth), asc(areas.code));
}

/** The active grid workers whose own area (a grid, or a micro-grid) lies in a subtree, for the area map. */
export async function selectGridWorkers(db: DbOrTx, rootPath: string) {
  const result = await db.execute(sql`
    SELECT u.id, u.display_name AS name, u.area_id FROM users u
    WHERE u.status = 'active' AND ${inArray(sql`u.role`, rolesOf("gridWorkers"))} AND ${underArea(sql`u.area_id`, rootPath)}
    ORDER BY u.display_name, u.id`);
  return rowsOf<{ id: string; name: string; area_id: string }>(result);
}

/** SQL: a boundary contains the point (values, or columns of a list of points) — the GiST-indexed bounding test, then the exact one. */
export function containsPoint(boundary: SQL, [lng, lat]: LngLat | [SQL, SQL]): SQL {
  return sql`${boundary} @> polygon(box(point(${lng}, ${lat}), point(${lng}, ${lat}))) AND ${boundary} @> point(${lng}, ${lat})`;
}

/**
 * The community, grid and microgrid containing a point, in one indexed query: the GiST index on
 * `boundary` answers the bounding test (`@>` of a degenerate polygon), the exact test follows.
 */
export async function selectAreasAtPoint(db: DbOrTx, at: LngLat) {
  const result = await db.execute(sql`
    SELECT id, name, code, level FROM areas
    WHERE ${containsPoint(sql`boundary`, at)} AND level IN ('community', 'grid', 'microgrid')
    ORDER BY depth`);
  return rowsOf<{ id: string; name: string; code: string; level: string }>(result);
}

type CountRow = Record<string, number | string>;

/** The figures of a subtree at a glance; each one a count over the subtree's area ids. */
export async function selectOverviewCounts(db: DbOrTx, rootPath: string) {
  const result = await db.execute(sql`
    WITH sub AS (SELECT id, level FROM areas WHERE ${pathUnder(sql`path`, rootPath)}),
         ids AS (SELECT id FROM sub)
    SELECT
      (SELECT count(*) FROM sub WHERE level = 'community')::int AS communities,
      (SELECT count(*) FROM sub WHERE level = 'grid')::int AS grids,
      (SELECT count(*) FROM sub WHERE level = 'microgrid')::int AS microgrids,
      (SELECT count(*) FROM compounds WHERE area_id IN (SELECT id FROM ids))::int AS compounds,
      (SELECT count(*) FROM buildings WHERE area_id IN (SELECT id FROM ids))::int AS buildings,
      (SELECT count(*) FROM households WHERE status = 'active' AND area_id IN (SELECT id FROM ids))::int AS households,
      (SELECT count(*) FROM persons WHERE status = 'active' AND area_id IN (SELECT id FROM ids))::int AS residents,
      (SELECT count(*) FROM places WHERE active AND kind = 'public_unit' AND area_id IN (SELECT id FROM ids))::int AS "publicUnits",
      (SELECT count(*) FROM places WHERE active AND kind = 'commercial_centre' AND area_id IN (SELECT id FROM ids))::int AS "commercialCentres",
      (SELECT count(*) FROM places WHERE active AND kind = 'rider_station' AND area_id IN (SELECT id FROM ids))::int AS "riderStations",
      (SELECT count(*) FROM places WHERE active AND kind IN ('enterprise', 'shop') AND area_id IN (SELECT id FROM ids))::int AS enterprises,
      (SELECT count(*) FROM party_orgs WHERE kind = 'committee' AND area_id IN (SELECT id FROM ids))::int AS "partyCommittees",
      (SELECT count(*) FROM party_orgs WHERE kind = 'branch' AND area_id IN (SELECT id FROM ids))::int AS "partyBranches",
      -- In-service members registered here (双报到) belong to their workplace's organisation.
      (SELECT count(*) FROM party_members m JOIN persons p ON p.id = m.person_id
         WHERE p.status = 'active' AND m.kind <> 'in_service' AND p.area_id IN (SELECT id FROM ids))::int AS "partyMembers"`);
  const row = rowsOf<CountRow>(result)[0];
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Record<string, number>;
}

/** Places of a subtree with the grid they lie in (a place sits on a grid or on one of its microgrids). */
export function selectPlaces(db: DbOrTx, rootPath: string, kind?: (typeof places.$inferSelect)["kind"]) {
  const inSubtree = underArea(places.areaId, rootPath);
  const parent = alias(areas, "parent");
  return db
    .select({
      id: places.id,
      kind: places.kind,
      name: places.name,
      address: places.address,
      location: places.location,
      attrs: places.attrs,
      creditCode: places.creditCode,
      contactName: places.contactName,
      contactPhoneEnc: places.contactPhoneEnc,
      gridName: sql<string | null>`CASE ${areas.level} WHEN 'grid' THEN ${areas.name} WHEN 'microgrid' THEN ${parent.name} END`,
    })
    .from(places)
    .innerJoin(areas, eq(areas.id, places.areaId))
    .leftJoin(parent, eq(parent.id, areas.parentId))
    .where(and(eq(places.active, true), inSubtree, kind ? eq(places.kind, kind) : undefined))
    .orderBy(asc(places.name))
    .limit(2000);
}
