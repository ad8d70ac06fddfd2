import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { users } from "./accounts";
import { cases } from "./cases";

/** What a key opens: the Open311 GeoReport v2 endpoint or the 12345 hotline exchange. */
export const API_KEY_PURPOSES = ["open311", "hotline"] as const;
export const HOTLINE_SOURCES = ["api", "xlsx"] as const;

/**
 * Keys of partner systems, issued by staff for one area (a community or a street). Only the SHA-256
 * of the key is kept (the key is shown once), with its first characters to recognise it in lists.
 * `window_start`/`window_count` count the uses of the running minute (the per-key rate limit).
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    purpose: text("purpose", { enum: API_KEY_PURPOSES }).notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    areaId: uuid("area_id")
      .notNull()
      .references(() => areas.id),
    /** The community of a community key; null for a street key. */
    communityId: uuid("community_id").references(() => areas.id),
    ratePerMinute: integer("rate_per_minute").notNull().default(60),
    windowStart: timestamp("window_start", { withTimezone: true }),
    windowCount: integer("window_count").notNull().default(0),
    useCount: integer("use_count").notNull().default(0),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
  },
  (t) => [uniqueIndex("api_keys_hash_uq").on(t.keyHash), index("api_keys_area_idx").on(t.areaId, t.createdAt)],
);

/**
 * A work order transferred from the 12345 hotline (工单) and the case made of it. The order number is
 * unique: importing it again creates nothing. The caller's name and phone live on the case
 * (`reporter_name`, `reporter_phone_enc`, encrypted); the hotline's deadline is the case's
 * `imposed_due_at`.
 */
export const hotlineOrders = pgTable(
  "hotline_orders",
  {
    id: uuid("id").primaryKey(),
    orderNumber: text("order_number").notNull(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    communityId: uuid("community_id")
      .notNull()
      .references(() => areas.id),
    areaId: uuid("area_id")
      .notNull()
      .references(() => areas.id),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }).notNull(),
    source: text("source", { enum: HOTLINE_SOURCES }).notNull(),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id),
    importedBy: uuid("imported_by").references(() => users.id),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("hotline_orders_number_uq").on(t.orderNumber), uniqueIndex("hotline_orders_case_uq").on(t.caseId), index("hotline_orders_community_idx").on(t.communityId, t.importedAt)],
);
