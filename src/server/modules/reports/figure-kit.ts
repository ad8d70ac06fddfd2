import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { Figure, FigureDrill, FigureScope, Localised, ReportSection } from "./figure-source";

/** The common units of the report. */
export const UNITS = {
  cases: { zh: "件", en: "cases" },
  times: { zh: "次", en: "times" },
  places: { zh: "处", en: "places" },
  people: { zh: "人", en: "people" },
  households: { zh: "户", en: "households" },
  units: { zh: "家", en: "units" },
  items: { zh: "个", en: "items" },
  teams: { zh: "支", en: "teams" },
  copies: { zh: "份", en: "copies" },
  hours: { zh: "小时", en: "hours" },
  points: { zh: "分", en: "points" },
  share: { zh: "%", en: "%" },
} satisfies Record<string, Localised>;

/** A figure of one section: the builder every source uses, so that keys always read `<section>.<name>`. */
export function figureMaker(section: ReportSection) {
  return (name: string, value: number | null, text: { label: Localised; definition: Localised; unit: Localised }, drill?: FigureDrill): Figure => ({
    key: `${section}.${name}`,
    section,
    label: text.label,
    definition: text.definition,
    unit: text.unit,
    value,
    ...(drill ? { drill } : {}),
  });
}

/** A share 0–1 as a percentage with one decimal, or null when there is nothing to share. */
export const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export type CommunityRow = { id: string; path: string; level: string; communityId: string | null };

/** The communities of a scope with their area paths (in the order asked). */
export async function communitiesOf(db: DbOrTx, scope: FigureScope): Promise<CommunityRow[]> {
  if (scope.communityIds.length === 0) return [];
  const rows = rowsOf<CommunityRow>(
    await db.execute(sql`SELECT a.id, a.path, a.level, a.id AS "communityId" FROM areas a WHERE a.level = 'community' AND a.id IN ${idList(scope.communityIds)}`),
  );
  const order = new Map(scope.communityIds.map((id, i) => [id, i]));
  return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** `(uuid, uuid, …)` for an IN list of community ids (ids are checked as uuids). */
export function idList(ids: string[]) {
  const clean = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  return clean.length === 0 ? sql`(NULL::uuid)` : sql`(${sql.join(clean.map((id) => sql`${id}::uuid`), sql`, `)})`;
}
