import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { geoBox } from "./types";

export const MAP_FEATURE_KINDS = ["road", "river", "water", "green"] as const;
export type MapFeatureKind = (typeof MAP_FEATURE_KINDS)[number];

/** A GeoJSON geometry in WGS-84 [lng, lat]. */
export type StoredGeometry =
  | { type: "LineString"; coordinates: Array<[number, number]> }
  | { type: "Polygon"; coordinates: Array<Array<[number, number]>> }
  | { type: "Point"; coordinates: [number, number] };

/**
 * Map features the registry does not hold: roads and lanes (LineString), the river (LineString),
 * water areas and green space or squares (Polygon). The geometry is GeoJSON in `jsonb`; `bbox` is a
 * native `box` with a GiST index for "features in this box" (no PostGIS: the same on PGlite and
 * PostgreSQL 15).
 */
export const mapFeatures = pgTable(
  "map_features",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    /** The area node the feature belongs to (the community, or a grid/microgrid): the data-scope key of edits. */
    areaId: uuid("area_id").notNull().references(() => areas.id),
    kind: text("kind", { enum: MAP_FEATURE_KINDS }).notNull(),
    name: text("name").notNull(),
    geometry: jsonb("geometry").$type<StoredGeometry>().notNull(),
    bbox: geoBox("bbox").notNull(),
    searchTerms: text("search_terms").array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("map_features_community_idx").on(t.communityId, t.kind),
    index("map_features_bbox_gist").using("gist", t.bbox),
    index("map_features_search_gin").using("gin", t.searchTerms),
  ],
);
