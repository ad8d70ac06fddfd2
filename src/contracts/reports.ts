import { z } from "zod";
import { uuid } from "./common";
import { day, month } from "./bounded";

export const REPORT_SECTION_VALUES = ["cases", "patrols", "deliberation", "partners", "party", "enterprise", "inspections", "registry"] as const;
/** The longest period a report covers. */
export const REPORT_MAX_YEARS = 10;

/** The work report of a community or a street for a period of Beijing days (both ends included). */
export const workReportQuery = z.strictObject({
  /** A community or a street of the caller's scope; the caller's own area when left out. */
  areaId: uuid.optional(),
  from: day(),
  to: day(),
});
export type WorkReportQuery = z.infer<typeof workReportQuery>;

const localised = z.object({ zh: z.string(), en: z.string() });
export const reportFigure = z.object({
  key: z.string(),
  label: localised,
  definition: localised,
  unit: localised,
  value: z.number().nullable(),
  /** The same figure for the period of the same length just before. */
  previous: z.number().nullable(),
  drill: z.object({ route: z.string(), query: z.record(z.string(), z.string()) }).nullable(),
});
export type ReportFigure = z.infer<typeof reportFigure>;
export const reportSection = z.object({ section: z.enum(REPORT_SECTION_VALUES), figures: z.array(reportFigure) });
export type ReportSectionBody = z.infer<typeof reportSection>;

const named = z.object({ id: uuid, name: z.string() });
export const reportCharts = z.object({
  monthly: z.array(z.object({ month: z.string(), reported: z.number(), closed: z.number() })),
  levels: z.object({ grid: z.number(), community: z.number(), beyond: z.number() }),
  categories: z.array(z.object({ key: z.string(), name: z.string(), count: z.number(), resolved: z.number() })),
});
export type ReportCharts = z.infer<typeof reportCharts>;

export const workReportReply = z.object({
  area: named.extend({ level: z.string() }),
  communities: z.array(named),
  from: z.string(),
  to: z.string(),
  previous: z.object({ from: z.string(), to: z.string() }),
  sections: z.array(reportSection),
  charts: reportCharts,
});
export type WorkReport = z.infer<typeof workReportReply>;

// ---------------------------------------------------------------- 月报

export const MONTHLY_STATUS_VALUES = ["none", "produced", "submitted"] as const;

export const monthlyListQuery = z.strictObject({
  /** A street or a community of the caller's scope; the caller's own area when left out. */
  areaId: uuid.optional(),
  month,
});
/** One community's month. */
export const monthlyQuery = z.strictObject({ communityId: uuid, month });
export const monthlyBody = z.strictObject({ communityId: uuid, month });

/** One community's month beside the others: its status and its headline figures (the snapshot once submitted). */
export const monthlyRow = z.object({
  community: named,
  status: z.enum(MONTHLY_STATUS_VALUES),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  figures: z.record(z.string(), z.number().nullable()),
});
export const monthlyListReply = z.object({
  month: z.string(),
  area: named,
  /** The figure keys shown side by side, with their labels. */
  columns: z.array(z.object({ key: z.string(), label: localised, unit: localised })),
  items: z.array(monthlyRow),
  total: z.number(),
  submitted: z.number(),
});

export const monthlyDifference = z.object({ key: z.string(), label: localised, snapshot: z.number().nullable(), live: z.number().nullable() });
export const monthlyReply = z.object({
  community: named,
  month: z.string(),
  status: z.enum(MONTHLY_STATUS_VALUES),
  producedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  /** The report as shown: the snapshot once submitted, else the live figures. */
  sections: z.array(reportSection),
  charts: reportCharts,
  /** Once submitted: the figures whose live value now differs from the snapshot (late entries, reopened cases). */
  differences: z.array(monthlyDifference),
  canSubmit: z.boolean(),
});
export type MonthlyReport = z.infer<typeof monthlyReply>;
