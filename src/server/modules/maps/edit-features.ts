import { and, eq, sql } from "drizzle-orm";
import { MAX_POINTS, type GeometryInput, type MapFeature } from "../../../contracts/maps";
import type { Tx } from "../../db/client";
import { buildings, compounds } from "../../db/schema/places";
import { mapFeatures, type MapFeatureKind, type StoredGeometry } from "../../db/schema/maps";
import type { LngLat } from "../../db/schema/types";
import type { SignedInContext } from "../../platform/context";
import { areaRule, findVisible } from "../../platform/access";
import { writeAudit } from "../../platform/audit";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { areaInScope, areaPathOf, homeArea } from "../../platform/scope";
import { bboxOf, round6, selfIntersects } from "./geometry";
import { searchTermsOf } from "./terms";

/**
 * Staff edit the features the registry does not hold (streets, the river, water and green areas),
 * and redraw a building's footprint or a compound's outline. Each edit is checked (closed rings,
 * no self-crossing line, at most 5,000 points), limited to the editor's area scope (404 outside),
 * and audited in the same transaction.
 */

const invalid = (reason: string, extra: Record<string, unknown> = {}) => new AppError("VALIDATION_FAILED", { reason, ...extra });

const roundAll = (pts: Array<[number, number]>): LngLat[] => pts.map(([x, y]) => [round6(x), round6(y)]);

/** Checks a geometry for a kind and returns it rounded to 6 decimals. */
export function checkGeometry(kind: MapFeatureKind | "building" | "compound", g: GeometryInput): StoredGeometry {
  if (kind === "road" && g.type !== "LineString") throw invalid("line_required");
  if ((kind === "water" || kind === "green" || kind === "building" || kind === "compound") && g.type !== "Polygon") throw invalid("polygon_required");
  if (g.type === "LineString") {
    const line = roundAll(g.coordinates);
    if (selfIntersects(line)) throw invalid("self_intersecting");
    return { type: "LineString", coordinates: line };
  }
  const total = g.coordinates.reduce((n, r) => n + r.length, 0);
  if (total > MAX_POINTS) throw invalid("too_many_points", { max: MAX_POINTS });
  const rings = g.coordinates.map(roundAll);
  for (const r of rings) {
    const [a, z] = [r[0], r[r.length - 1]];
    if (a[0] !== z[0] || a[1] !== z[1]) throw invalid("ring_not_closed");
    if (new Set(r.slice(0, -1).map((p) => `${p[0]},${p[1]}`)).size < 3) throw invalid("ring_too_small");
    if (selfIntersects(r)) throw invalid("self_intersecting");
  }
  if ((kind === "building" || kind === "compound") && rings.length !== 1) throw invalid("single_ring");
  return { type: "Polygon", coordinates: rings };
}

const boxOf = (g: StoredGeometry) => bboxOf(g.type === "Polygon" ? g.coordinates[0] : g.type === "LineString" ? g.coordinates : [g.coordinates]);
const termsFor = (kind: MapFeatureKind, name: string) => (kind === "road" ? searchTermsOf(name) : []);

type FeatureRow = typeof mapFeatures.$inferSelect;

export function presentFeature(f: Pick<FeatureRow, "id" | "kind" | "name" | "areaId" | "geometry">): MapFeature {
  return { type: "Feature", geometry: f.geometry, properties: { id: f.id, kind: f.kind, name: f.name, label: f.name, areaId: f.areaId } };
}

export async function createFeature(
  tx: Tx,
  ctx: SignedInContext,
  input: { kind: MapFeatureKind; name: string; geometry: GeometryInput; areaId?: string },
): Promise<MapFeature> {
  const area = input.areaId ? await areaInScope(tx, ctx.user, input.areaId) : await homeArea(tx, ctx.user);
  if (!area.communityId) throw invalid("community_required");
  if (input.kind === "river" && input.geometry.type !== "LineString" && input.geometry.type !== "Polygon") throw invalid("line_required");
  const geometry = checkGeometry(input.kind, input.geometry);
  const row = {
    id: uuidv7(),
    communityId: area.communityId,
    areaId: area.id,
    kind: input.kind,
    name: input.name,
    geometry,
    bbox: boxOf(geometry),
    searchTerms: termsFor(input.kind, input.name),
    createdBy: ctx.user.id,
  };
  await tx.insert(mapFeatures).values(row);
  await writeAudit(tx, ctx, { action: "map.feature.create", targetType: "map_feature", targetId: row.id, areaPath: area.path, after: { kind: row.kind, name: row.name, geometry: row.geometry } });
  return presentFeature(row);
}

export async function updateFeature(
  tx: Tx,
  ctx: SignedInContext,
  id: string,
  input: { kind?: MapFeatureKind; name?: string; geometry?: GeometryInput },
): Promise<MapFeature> {
  const user = ctx.user;
  const [feature] = await tx
    .select()
    .from(mapFeatures)
    .where(and(eq(mapFeatures.id, id), areaRule(user, { areaId: mapFeatures.areaId })))
    .for("update")
    .limit(1);
  if (feature) {
    const kind = input.kind ?? feature.kind;
    const name = input.name ?? feature.name;
    if (!name) throw invalid("name_required");
    const geometry = input.geometry ? checkGeometry(kind, input.geometry) : feature.geometry;
    if (!input.geometry && input.kind) checkGeometry(kind, geometry as GeometryInput);
    const next = { kind, name, geometry, bbox: boxOf(geometry), searchTerms: termsFor(kind, name), updatedAt: sql`now()` };
    await tx.update(mapFeatures).set(next).where(eq(mapFeatures.id, id));
    await writeAudit(tx, ctx, {
      action: "map.feature.update",
      targetType: "map_feature",
      targetId: id,
      areaPath: areaPathOf(feature.areaId),
      before: { kind: feature.kind, name: feature.name, geometry: feature.geometry },
      after: { kind, name, geometry },
    });
    return presentFeature({ id, kind, name, areaId: feature.areaId, geometry });
  }

  // A building's footprint or a compound's outline: the geometry only (names belong to the registry).
  const [building] = await tx.select().from(buildings).where(and(eq(buildings.id, id), areaRule(user, { areaId: buildings.areaId }))).for("update").limit(1);
  const compound = building
    ? null
    : ((await tx.select().from(compounds).where(and(eq(compounds.id, id), areaRule(user, { areaId: compounds.areaId }))).for("update").limit(1))[0] ?? null);
  const target = building ?? compound;
  // Outside the scope or unknown: the same answer.
  if (!target) throw notFound("map_feature");
  if (input.kind !== undefined || input.name !== undefined) throw invalid("geometry_only");
  if (!input.geometry) throw invalid("geometry_required");
  const kind = building ? "building" : "compound";
  const g = checkGeometry(kind, input.geometry) as Extract<StoredGeometry, { type: "Polygon" }>;
  const ring = g.coordinates[0].slice(0, -1);
  if (building) {
    await tx.update(buildings).set({ footprint: ring, geoUpdatedAt: sql`now()` }).where(eq(buildings.id, id));
  } else {
    await tx.update(compounds).set({ outline: ring, geoUpdatedAt: sql`now()` }).where(eq(compounds.id, id));
  }
  const before = building ? building.footprint : compound!.outline;
  await writeAudit(tx, ctx, {
    action: `map.${kind}.reshape`,
    targetType: kind,
    targetId: id,
    areaPath: areaPathOf(target.areaId),
    before: { geometry: before ? { type: "Polygon", coordinates: [[...before, before[0]]] } : null },
    after: { geometry: g },
  });
  const name = building ? `${(await tx.select({ n: compounds.name }).from(compounds).where(eq(compounds.id, building.compoundId)))[0]?.n ?? ""}${building.name}` : compound!.name;
  return { type: "Feature", geometry: g, properties: { id, kind, name, label: building ? building.name : name, areaId: target.areaId } };
}

export async function deleteFeature(tx: Tx, ctx: SignedInContext, id: string): Promise<void> {
  const feature = await findVisible<FeatureRow>(tx, mapFeatures, mapFeatures.id, id, areaRule(ctx.user, { areaId: mapFeatures.areaId }), "map_feature", { lock: true });
  await tx.delete(mapFeatures).where(eq(mapFeatures.id, id));
  await writeAudit(tx, ctx, {
    action: "map.feature.delete",
    targetType: "map_feature",
    targetId: id,
    areaPath: areaPathOf(feature.areaId),
    before: { kind: feature.kind, name: feature.name, geometry: feature.geometry },
  });
}
