import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { users } from "./accounts";

export const NOTICE_STATUSES = ["published", "withdrawn"] as const;

/** A community's notice (公告), written by its staff and read by its residents. */
export const notices = pgTable(
  "notices",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    pinned: boolean("pinned").notNull().default(false),
    /** After this instant residents no longer see it (staff still do, marked expired). */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    status: text("status", { enum: NOTICE_STATUSES }).notNull().default("published"),
    authorId: uuid("author_id").references(() => users.id),
    authorName: text("author_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [index("notices_community_idx").on(t.communityId, t.pinned, t.createdAt)],
);
