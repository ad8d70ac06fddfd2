import type { DbOrTx } from "../../db/client";

/**
 * The contract between the modules and the work report: each module that has figures to report
 * upward exports one `FigureSource`; the reports module lists them in its catalog and lays their
 * figures out as a community's (or a street's) work report, with the previous period beside them.
 */

/** The sections of a work report, in the order they are laid out. */
export const REPORT_SECTIONS = [
  "cases",
  "patrols",
  "deliberation",
  "partners",
  "party",
  "enterprise",
  "inspections",
  "registry",
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** What a figure is asked for: the communities it covers and a period of Beijing days, both ends included. */
export type FigureScope = {
  communityIds: string[];
  /** YYYY-MM-DD, first day included. */
  from: string;
  /** YYYY-MM-DD, last day included. */
  to: string;
};

export type Localised = { zh: string; en: string };

/** Where a click on the figure leads: a console route with its query, listing the records that make the figure. */
export type FigureDrill = { route: string; query: Record<string, string> };

export type Figure = {
  /** Stable key, `<section>.<name>`, e.g. `cases.disputes_resolved`. */
  key: string;
  section: ReportSection;
  label: Localised;
  /** How it is counted, in one sentence a reader of the report understands. */
  definition: Localised;
  /** 件, 人, 次, 户, %, 天 … */
  unit: Localised;
  /** The figure; null when it cannot be computed for the scope (e.g. a share of nothing). */
  value: number | null;
  drill?: FigureDrill;
};

export interface FigureSource {
  section: ReportSection;
  /** The section's figures for the scope; one query per figure group, not per community. */
  figures(db: DbOrTx, scope: FigureScope): Promise<Figure[]>;
}
