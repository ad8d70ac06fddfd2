import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { geoPoint, polygon } from "./types";

/** 小区 / 楼院: a residential compound inside a community, placed in a microgrid. */
export const compounds = pgTable(
  "compounds",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["compound", "courtyard"] }).notNull().default("compound"),
    address: text("address").notNull(),
    location: geoPoint("location"),
    /** The compound's outline on the base map (WGS-84); staff may redraw it (`PATCH /api/map/features/:id`). */
    outline: polygon("outline"),
    /** Address search terms (name substrings, pinyin initials), computed when the row is written (`modules/maps/terms.ts`). */
    searchTerms: text("search_terms").array().notNull().default(sql`'{}'::text[]`),
    /** When the outline (or anything the base map draws of this row) last changed: part of the map's version. */
    geoUpdatedAt: timestamp("geo_updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("compounds_community_idx").on(t.communityId),
    index("compounds_area_idx").on(t.areaId),
    index("compounds_search_gin").using("gin", t.searchTerms),
  ],
);

/** 楼栋: a building of a compound. */
export const buildings = pgTable(
  "buildings",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    compoundId: uuid("compound_id").notNull().references(() => compounds.id),
    name: text("name").notNull(),
    floors: integer("floors").notNull().default(6),
    units: integer("units").notNull().default(1),
    location: geoPoint("location"),
    /** The building's footprint on the base map (WGS-84). */
    footprint: polygon("footprint"),
    /** Address search terms of "<compound><building>" (substrings, pinyin initials). */
    searchTerms: text("search_terms").array().notNull().default(sql`'{}'::text[]`),
    geoUpdatedAt: timestamp("geo_updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("buildings_compound_idx").on(t.compoundId),
    index("buildings_area_idx").on(t.areaId),
    index("buildings_search_gin").using("gin", t.searchTerms),
    index("buildings_location_gist").using("gist", t.location),
  ],
);

/** 户: a household living in a room of a building. Moved-out households are archived, not deleted. */
export const households = pgTable(
  "households",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    buildingId: uuid("building_id").notNull().references(() => buildings.id),
    unitNo: integer("unit_no").notNull().default(1),
    roomNo: text("room_no").notNull(),
    address: text("address").notNull(),
    status: text("status", { enum: ["active", "moved_out", "archived"] }).notNull().default("active"),
    movedInOn: date("moved_in_on"),
    movedOutOn: date("moved_out_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("households_building_idx").on(t.buildingId), index("households_area_idx").on(t.areaId)],
);

/**
 * 居民: a person in the registry. ID number and phone are stored encrypted (AES-256-GCM) with a
 * keyed hash (blind index) for exact lookups and the last four digits for tail search.
 */
export const persons = pgTable(
  "persons",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    householdId: uuid("household_id").references(() => households.id),
    name: text("name").notNull(),
    sex: text("sex", { enum: ["M", "F"] }).notNull(),
    birthDate: date("birth_date").notNull(),
    idNumberEnc: text("id_number_enc").notNull(),
    idNumberHash: text("id_number_hash").notNull(),
    idNumberTail: text("id_number_tail").notNull(),
    phoneEnc: text("phone_enc"),
    phoneHash: text("phone_hash"),
    phoneTail: text("phone_tail"),
    relation: text("relation", {
      enum: ["head", "spouse", "child", "parent", "grandchild", "sibling", "other"],
    })
      .notNull()
      .default("other"),
    residence: text("residence", { enum: ["registered", "resident", "floating"] }).notNull().default("registered"),
    status: text("status", { enum: ["active", "moved_out", "deceased", "archived"] }).notNull().default("active"),
    /** Every substring of the name plus the phone and ID tails, kept by a trigger; GIN-indexed for search. */
    searchTerms: text("search_terms").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("persons_search_gin").using("gin", t.searchTerms),
    index("persons_household_idx").on(t.householdId),
    index("persons_area_idx").on(t.areaId),
    index("persons_community_idx").on(t.communityId),
    index("persons_id_hash_idx").on(t.idNumberHash),
    index("persons_phone_hash_idx").on(t.phoneHash),
    index("persons_name_idx").using("btree", sql`${t.name} text_pattern_ops`),
  ],
);

/**
 * Non-residential places, one model with kinds: 公共户单位 (public unit), enterprise, shop,
 * commercial centre, rider station (驿站). Kind-specific facts (amenities, hours) live in `attrs`.
 */
export const places = pgTable(
  "places",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    kind: text("kind", {
      enum: ["public_unit", "enterprise", "shop", "commercial_centre", "rider_station", "billboard", "river_stretch"],
    }).notNull(),
    name: text("name").notNull(),
    creditCode: text("credit_code"),
    address: text("address").notNull(),
    contactName: text("contact_name"),
    contactPhoneEnc: text("contact_phone_enc"),
    contactPhoneTail: text("contact_phone_tail"),
    location: geoPoint("location"),
    attrs: jsonb("attrs").$type<Record<string, unknown>>().notNull().default({}),
    active: boolean("active").notNull().default(true),
    /** Address search terms of the name (substrings, pinyin initials). */
    searchTerms: text("search_terms").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("places_community_kind_idx").on(t.communityId, t.kind),
    index("places_area_idx").on(t.areaId),
    index("places_search_gin").using("gin", t.searchTerms),
  ],
);
