import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { geoPoint, polygon } from "./types";

/**
 * The area tree: city > district > street > community > grid (四级网格) > microgrid (五级网格).
 * `path` lists the ids from the root down to this node, each followed by "/", so a subtree is a
 * prefix match; it is the data-scope key of every row that belongs to an area.
 */
export const areas = pgTable(
  "areas",
  {
    id: uuid("id").primaryKey(),
    parentId: uuid("parent_id"),
    level: text("level", { enum: ["city", "district", "street", "community", "grid", "microgrid"] }).notNull(),
    name: text("name").notNull(),
    code: text("code").notNull().unique(),
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    /** The community this node is in (itself for a community), null above the community level. */
    communityId: uuid("community_id"),
    boundary: polygon("boundary"),
    center: geoPoint("center"),
    /** Short prefix of case numbers and other readable codes, e.g. HK. */
    shortCode: text("short_code"),
    /** Public service phone of a community or grid (what residents may call; never a staff member's own phone). */
    servicePhone: text("service_phone"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("areas_parent_idx").on(t.parentId),
    index("areas_path_idx").using("btree", sql`${t.path} text_pattern_ops`),
    index("areas_boundary_gist").using("gist", t.boundary),
    index("areas_community_idx").on(t.communityId),
  ],
);
