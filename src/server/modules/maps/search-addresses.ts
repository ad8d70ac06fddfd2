import { sql, type SQL } from "drizzle-orm";
import type { SearchItem } from "../../../contracts/maps";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { communityRule } from "../../platform/access";
import { MAX_TERM, queryPieces } from "./terms";

/**
 * Offline address search over compounds, buildings (and their units), places and streets of the
 * communities the caller sees (`communityRule`: their subtree's communities and their own). Every
 * piece of the query must be one of the row's stored search terms (name substrings or pinyin
 * initials), so the GIN indexes answer it; exact names come first, then prefixes, then the rest by
 * length. The terms are computed when rows are written (`terms.ts`), never here.
 */

const KIND_ORDER = { compound: 0, road: 1, place: 2, building: 3, unit: 4 } as const;

type Hit = { kind: keyof typeof KIND_ORDER; id: string; name: string; area_id: string; community_id: string; lng: number; lat: number; rank: number; units?: number };

const arr = (items: string[]): SQL => sql`ARRAY[${sql.join(items.map((i) => sql`${i}`), sql`, `)}]::text[]`;

export async function searchAddresses(db: DbOrTx, user: AuthUser, q: string, limit: number): Promise<SearchItem[]> {
  let pieces = queryPieces(q);
  // "2单元": a unit of the buildings the other pieces find.
  const unitPiece = pieces.find((p) => /^\d+单元$/.test(p));
  const unitNo = unitPiece ? Number(unitPiece.replace("单元", "")) : null;
  if (unitPiece) pieces = pieces.filter((p) => p !== unitPiece);
  if (!pieces.length) return [];
  const whole = Array.from(pieces.join("")).slice(0, MAX_TERM).join("");
  const first = pieces[0];
  const terms = arr(pieces);
  const rank = (col: SQL) =>
    sql`CASE WHEN ${col} @> ${arr(["=" + whole])} THEN 0 WHEN ${col} @> ${arr(["^" + whole])} THEN 1 WHEN ${col} @> ${arr(["^" + first])} THEN 2 ELSE 3 END`;
  const scope = (col: SQL) => communityRule(user, { communityId: col });
  const per = limit;

  const buildingQuery = sql`SELECT 'building' AS kind, b.id::text AS id, c.name || b.name AS name, b.area_id, b.community_id,
      (b.location)[0] AS lng, (b.location)[1] AS lat, ${rank(sql`b.search_terms`)} AS rank, b.units
    FROM buildings b JOIN compounds c ON c.id = b.compound_id
    WHERE b.search_terms @> ${terms} AND b.location IS NOT NULL AND ${scope(sql`b.community_id`)}
      ${unitNo !== null ? sql`AND b.units >= ${unitNo}` : sql``}
    ORDER BY 8, length(c.name || b.name), 3 LIMIT ${per}`;

  const parts: SQL[] = unitNo !== null
    ? [buildingQuery]
    : [
        sql`SELECT 'compound' AS kind, c.id::text AS id, c.name, c.area_id, c.community_id, (c.location)[0] AS lng, (c.location)[1] AS lat,
            ${rank(sql`c.search_terms`)} AS rank, NULL::int AS units
          FROM compounds c WHERE c.search_terms @> ${terms} AND c.location IS NOT NULL AND ${scope(sql`c.community_id`)}
          ORDER BY 8, length(c.name), 3 LIMIT ${per}`,
        buildingQuery,
        sql`SELECT 'place' AS kind, p.id::text AS id, p.name, p.area_id, p.community_id, (p.location)[0] AS lng, (p.location)[1] AS lat,
            ${rank(sql`p.search_terms`)} AS rank, NULL::int AS units
          FROM places p WHERE p.search_terms @> ${terms} AND p.active AND p.location IS NOT NULL AND ${scope(sql`p.community_id`)}
          ORDER BY 8, length(p.name), 3 LIMIT ${per}`,
        sql`SELECT 'road' AS kind, f.id::text AS id, f.name, f.area_id, f.community_id,
            (f.geometry->'coordinates'->(jsonb_array_length(f.geometry->'coordinates') / 2)->>0)::float8 AS lng,
            (f.geometry->'coordinates'->(jsonb_array_length(f.geometry->'coordinates') / 2)->>1)::float8 AS lat,
            ${rank(sql`f.search_terms`)} AS rank, NULL::int AS units
          FROM map_features f WHERE f.search_terms @> ${terms} AND f.kind = 'road' AND f.geometry->>'type' = 'LineString' AND ${scope(sql`f.community_id`)}
          ORDER BY 8, length(f.name), 3 LIMIT ${per}`,
      ];

  const union = sql.join(parts.map((p) => sql`(${p})`), sql` UNION ALL `);
  const rows = rowsOf<Hit & { community: string; grid: string | null; level: string }>(
    await db.execute(sql`
      SELECT u.*, cm.name AS community, a.level,
        CASE a.level WHEN 'microgrid' THEN pa.name WHEN 'grid' THEN a.name END AS grid
      FROM (${union}) u
      JOIN areas a ON a.id = u.area_id
      LEFT JOIN areas pa ON pa.id = a.parent_id
      JOIN areas cm ON cm.id = u.community_id`),
  );
  rows.sort(
    (x, y) =>
      Number(x.rank) - Number(y.rank) ||
      KIND_ORDER[x.kind] - KIND_ORDER[y.kind] ||
      Array.from(x.name).length - Array.from(y.name).length ||
      (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
  );
  return rows.slice(0, limit).map((r) => ({
    kind: unitNo !== null ? "unit" : r.kind,
    id: unitNo !== null ? `${r.id}:${unitNo}` : r.id,
    name: unitNo !== null ? `${r.name}${unitNo}单元` : r.name,
    detail: [r.community, r.grid].filter(Boolean).join(" · "),
    location: [Number(r.lng), Number(r.lat)],
    areaId: r.level === "grid" || r.level === "microgrid" ? r.area_id : null,
  }));
}
