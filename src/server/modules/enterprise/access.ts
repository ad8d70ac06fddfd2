import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { places } from "../../db/schema/places";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { areaRule, findVisible } from "../../platform/access";

/** The registry place kinds that are enterprise records (企业, 个体商户). */
export const ENTERPRISE_KINDS = ["enterprise", "shop"] as const;

export type PlaceRow = typeof places.$inferSelect;

/**
 * An enterprise record is a registry place of kind enterprise or shop, read under the area rule of
 * places: staff of the community see all of them, a grid worker those of their grid; anything else
 * answers 404 (a visit to an enterprise outside the worker's grid included).
 */
export function enterpriseRule(user: AuthUser): SQL {
  return and(areaRule(user, { areaId: places.areaId }), inArray(places.kind, [...ENTERPRISE_KINDS]))!;
}

/** The same rule over raw SQL rows of `places p`. */
export function enterpriseAliasRule(user: AuthUser): SQL {
  return sql`(${areaRule(user, { areaId: sql`p.area_id` })} AND p.kind IN ('enterprise', 'shop'))`;
}

/** Any registry place of the user's scope (inspection programmes cover food businesses, fire points, billboards). */
export function placeRule(user: AuthUser): SQL {
  return areaRule(user, { areaId: places.areaId });
}

export function loadEnterprise(db: DbOrTx, user: AuthUser, id: string, opts: { lock?: boolean } = {}): Promise<PlaceRow> {
  return findVisible<PlaceRow>(db, places, places.id, id, enterpriseRule(user), "enterprise", opts);
}

/** Places of the user's scope among the ids given (the others are left out; the caller compares counts). */
export async function visiblePlaces(db: DbOrTx, user: AuthUser, ids: string[], rule: SQL): Promise<PlaceRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(places).where(and(inArray(places.id, [...new Set(ids)]), rule, eq(places.active, true)));
}
