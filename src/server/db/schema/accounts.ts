import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { areas } from "./areas";
import { persons } from "./places";

export const ROLES = [
  "platform_admin",
  "street_officer",
  "department_officer",
  "community_secretary",
  "community_staff",
  "grid_worker",
  "branch_secretary",
  "partner_contact",
  "volunteer",
  "resident",
  "rider",
] as const;
export type Role = (typeof ROLES)[number];

/**
 * An account. Staff sign in with user name and password; residents and riders with phone and a
 * one-time code. `areaId` is the node whose subtree the user may see (null: only their own records).
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    username: text("username"),
    passwordHash: text("password_hash"),
    phoneEnc: text("phone_enc"),
    phoneHash: text("phone_hash"),
    phoneTail: text("phone_tail"),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    areaId: uuid("area_id").references(() => areas.id),
    personId: uuid("person_id").references(() => persons.id),
    /** Department officers: which department (派出所, 消防队 …). */
    department: text("department"),
    status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
    /** Created by the demo seed (shared known password, synthetic phones): a production start refuses while one is active. */
    demo: boolean("demo").notNull().default(false),
    /** Unused since sign-in failures are counted in `login_throttle` (kept for old databases). */
    failedLogins: integer("failed_logins").notNull().default(0),
    /** Unused since sign-in failures are counted in `login_throttle` (kept for old databases). */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_uq").on(t.username),
    uniqueIndex("users_phone_hash_uq").on(t.phoneHash),
    index("users_area_idx").on(t.areaId),
  ],
);

/** A signed-in session; the id is the SHA-256 of the cookie token, never the token itself. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** One-time sign-in codes sent by SMS; stored hashed, limited in attempts and lifetime. */
export const otpCodes = pgTable(
  "otp_codes",
  {
    id: uuid("id").primaryKey(),
    phoneHash: text("phone_hash").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("otp_codes_phone_idx").on(t.phoneHash, t.createdAt)],
);

/**
 * Failed sign-in counters, keyed by `name:<blind index of the normalised user name>` (per account,
 * known or not, so unknown names behave exactly like known ones) and `ip:<address>` (per address).
 * Every attempt takes its slot with one atomic upsert before the password is verified.
 */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  /** Per-address counters: start of the current window. */
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  /** Per-account counters: locked until then. */
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row describing the installation. `demo` is true when the demo seed built the database: demo
 * mode refuses to start over a database that holds data without this mark.
 */
export const installation = pgTable(
  "installation",
  {
    id: integer("id").primaryKey().default(1),
    demo: boolean("demo").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("installation_one_row", sql`${t.id} = 1`)],
);
