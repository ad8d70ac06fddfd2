import { sql } from "drizzle-orm";
import { inChina, type ReverseAddress } from "../../../contracts/maps";
import { rowsOf, type DbOrTx } from "../../db/client";
import { parsePoints, type LngLat } from "../../db/schema/types";
import type { StoredGeometry } from "../../db/schema/maps";
import type { AuthUser } from "../../platform/context";
import { communityRule } from "../../platform/access";
import { AppError } from "../../platform/errors";
import { selectAreasAtPoint } from "../areas/queries";
import { distanceToLineM, distanceToPolygonM } from "./geometry";

/**
 * The nearest address to a GPS point: the building (by footprint) or street nearest to it, with the
 * compound, microgrid, grid and community it lies in. Points outside China (lng 73–135, lat 3–54)
 * answer 400 {reason: "outside_china"}; latitude and longitude given the wrong way round answer 400
 * {reason: "swapped_coordinates"}. A point in China but outside the communities the caller sees
 * answers all-null with an empty text.
 */

/** A building within this distance is named even when a street is a little nearer. */
const BUILDING_FIRST_M = 50;
/** Nothing named farther than this. */
const NEAR_M = 300;

const EMPTY: ReverseAddress = { text: "", building: null, compound: null, microgrid: null, grid: null, community: null, distance: 0 };

export function checkChinaPoint(lng: number, lat: number): void {
  if (inChina(lng, lat)) return;
  if (inChina(lat, lng)) throw new AppError("VALIDATION_FAILED", { reason: "swapped_coordinates", lng, lat });
  throw new AppError("VALIDATION_FAILED", { reason: "outside_china", lng, lat });
}

const parsePolygon = (v: unknown): LngLat[] => parsePoints(String(v ?? ""));

export async function reverseAddress(db: DbOrTx, user: AuthUser, lng: number, lat: number): Promise<ReverseAddress> {
  checkChinaPoint(lng, lat);
  const at = await selectAreasAtPoint(db, [lng, lat]);
  const community = at.find((a) => a.level === "community");
  if (!community) return EMPTY;
  const [visible] = rowsOf<{ ok: boolean }>(await db.execute(sql`SELECT ${communityRule(user, { communityId: sql`${community.id}::uuid` })} AS ok`));
  if (!visible?.ok) return EMPTY;
  const pick = (level: string) => {
    const r = at.find((a) => a.level === level);
    return r ? { id: r.id, name: r.name } : null;
  };

  const buildings = rowsOf<{ id: string; name: string; compound_id: string; compound: string; footprint: string | null; lng: number; lat: number }>(
    await db.execute(sql`
      SELECT b.id, b.name, c.id AS compound_id, c.name AS compound, b.footprint::text AS footprint, (b.location)[0] AS lng, (b.location)[1] AS lat
      FROM buildings b JOIN compounds c ON c.id = b.compound_id
      WHERE b.community_id = ${community.id} AND b.location IS NOT NULL
      ORDER BY b.location <-> point(${lng}, ${lat}) LIMIT 6`),
  );
  let best: { b: (typeof buildings)[number]; d: number } | null = null;
  for (const b of buildings) {
    const fp = parsePolygon(b.footprint);
    const d = fp.length >= 3 ? distanceToPolygonM([lng, lat], fp) : distanceToLineM([lng, lat], [[Number(b.lng), Number(b.lat)]]);
    if (!best || d < best.d) best = { b, d };
  }

  const pad = 0.004; // ≈ 400 m
  const roads = rowsOf<{ id: string; name: string; geometry: StoredGeometry }>(
    await db.execute(sql`
      SELECT id, name, geometry FROM map_features
      WHERE community_id = ${community.id} AND kind = 'road'
        AND bbox && box(point(${lng - pad}, ${lat - pad}), point(${lng + pad}, ${lat + pad}))`),
  );
  let road: { name: string; d: number } | null = null;
  for (const r of roads) {
    if (r.geometry.type !== "LineString") continue;
    const d = distanceToLineM([lng, lat], r.geometry.coordinates);
    if (!road || d < road.d) road = { name: r.name, d };
  }

  const building = best && best.d <= NEAR_M ? best : null;
  const street = road && road.d <= NEAR_M ? road : null;
  const useBuilding = building && (!street || building.d <= BUILDING_FIRST_M || building.d <= street.d);
  const named = useBuilding ? { text: `${building!.b.compound}${building!.b.name}附近`, d: building!.d } : street ? { text: `${street.name}附近`, d: street.d } : null;
  return {
    text: named?.text ?? "",
    building: building ? { id: building.b.id, name: `${building.b.compound}${building.b.name}` } : null,
    compound: building ? { id: building.b.compound_id, name: building.b.compound } : null,
    microgrid: pick("microgrid"),
    grid: pick("grid"),
    community: { id: community.id, name: community.name },
    distance: named ? Math.round(named.d * 10) / 10 : 0,
  };
}
