import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { addDays, daysBetween } from "../../platform/clock";
import { AppError } from "../../platform/errors";
import { areaInScope, homeArea, pathUnder, type AreaRow } from "../../platform/scope";
import { REPORT_MAX_YEARS, type ReportCharts, type ReportSectionBody, type WorkReport } from "../../../contracts/reports";
import { caseMeasuresOf } from "../cases/figures";
import { FIGURE_SOURCES } from "./catalog";
import { REPORT_SECTIONS, type Figure, type FigureScope } from "./figure-source";

/** A period is at most ten years long and does not end before it starts. */
export function checkPeriod(from: string, to: string): void {
  if (to < from) throw new AppError("VALIDATION_FAILED", [{ path: "/to", message: "the period ends before it starts" }]);
  const [y, m, d] = from.split("-");
  if (to >= `${Number(y) + REPORT_MAX_YEARS}-${m}-${d}`) throw new AppError("VALIDATION_FAILED", [{ path: "/to", message: `a period of at most ${REPORT_MAX_YEARS} years` }]);
}

/** The period of the same length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = daysBetween(from, to);
  const prevTo = addDays(from, -1);
  return { from: addDays(prevTo, -length), to: prevTo };
}

/** The area a report is about: a community or a street of the caller's scope (a grid worker's own grid reports as its community). */
export async function reportArea(db: DbOrTx, user: AuthUser, areaId: string | undefined): Promise<AreaRow> {
  let area = areaId ? await areaInScope(db, user, areaId) : await homeArea(db, user);
  if (!areaId && area.level !== "community" && area.level !== "street" && area.communityId) area = await areaInScope(db, user, area.communityId);
  if (area.level !== "community" && area.level !== "street") throw new AppError("VALIDATION_FAILED", [{ path: "/areaId", message: "a community or a street" }]);
  return area;
}

/** The communities a report area covers, by name. */
export async function communitiesOfArea(db: DbOrTx, area: AreaRow): Promise<Array<{ id: string; name: string }>> {
  if (area.level === "community") return [{ id: area.id, name: area.name }];
  return rowsOf<{ id: string; name: string }>(
    await db.execute(sql`SELECT a.id, a.name FROM areas a WHERE a.level = 'community' AND ${pathUnder(sql`a.path`, area.path)} ORDER BY a.name`),
  );
}

/** Every source's figures for a scope, in section order. */
export async function figuresOf(db: DbOrTx, scope: FigureScope): Promise<Figure[]> {
  const lists = await Promise.all(FIGURE_SOURCES.map((s) => s.figures(db, scope)));
  return lists.flat().sort((a, b) => REPORT_SECTIONS.indexOf(a.section) - REPORT_SECTIONS.indexOf(b.section));
}

/** Figures laid out by section, each with its previous value and a drill-down to the report's area and period. */
export function layOut(current: Figure[], previous: Figure[], drillScope: { areaId: string; from: string; to: string }): ReportSectionBody[] {
  const before = new Map(previous.map((f) => [f.key, f.value]));
  const sections: ReportSectionBody[] = [];
  for (const f of current) {
    let s = sections.find((x) => x.section === f.section);
    if (!s) sections.push((s = { section: f.section, figures: [] }));
    s.figures.push({
      key: f.key,
      label: f.label,
      definition: f.definition,
      unit: f.unit,
      value: f.value,
      previous: before.get(f.key) ?? null,
      drill: f.drill ? { route: f.drill.route, query: { ...drillScope, ...f.drill.query } } : null,
    });
  }
  return sections;
}

/** The charts of a report: cases by month, resolved per level, categories. */
export async function chartsOf(db: DbOrTx, scope: FigureScope): Promise<ReportCharts> {
  const m = await caseMeasuresOf(db, scope);
  return {
    monthly: m.monthly,
    levels: { grid: m.resolvedAtGrid, community: m.resolvedAtCommunity, beyond: m.resolvedBeyond },
    categories: m.byCategory.map((c) => ({ key: c.key, name: c.name, count: c.count, resolved: c.resolved })),
  };
}

/** The work report of a community or a street for a period, with the previous period beside each figure. */
export async function workReport(db: DbOrTx, user: AuthUser, q: { areaId?: string; from: string; to: string }): Promise<WorkReport> {
  checkPeriod(q.from, q.to);
  const area = await reportArea(db, user, q.areaId);
  const communities = await communitiesOfArea(db, area);
  const ids = communities.map((c) => c.id);
  const previous = previousPeriod(q.from, q.to);
  const scope: FigureScope = { communityIds: ids, from: q.from, to: q.to };
  const [current, before, charts] = await Promise.all([
    figuresOf(db, scope),
    figuresOf(db, { communityIds: ids, ...previous }),
    chartsOf(db, scope),
  ]);
  return {
    area: { id: area.id, name: area.name, level: area.level },
    communities,
    from: q.from,
    to: q.to,
    previous,
    sections: layOut(current, before, { areaId: area.id, from: q.from, to: q.to }),
    charts,
  };
}
