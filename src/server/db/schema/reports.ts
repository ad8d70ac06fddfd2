import { date, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { users } from "./accounts";

export const MONTHLY_REPORT_STATUSES = ["produced", "submitted"] as const;

/**
 * A community's monthly report (月报) to the street. Produced (on the 1st for the month before, or on
 * demand) it holds the figures as they stood then and may be produced again; submitted it is a
 * snapshot: the database refuses any change to it afterwards.
 */
export const monthlyReports = pgTable(
  "monthly_reports",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    /** The first day of the month. */
    month: date("month").notNull(),
    status: text("status", { enum: MONTHLY_REPORT_STATUSES }).notNull(),
    /** The report's sections (figures with the previous month beside them), as reports/work-report lays them out. */
    sections: jsonb("sections").notNull(),
    charts: jsonb("charts").notNull(),
    producedAt: timestamp("produced_at", { withTimezone: true }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by").references(() => users.id),
    submittedByName: text("submitted_by_name"),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("monthly_reports_community_month_uq").on(t.communityId, t.month)],
);
