import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import type { TargetKind } from "../../contracts/patrols";
import { dayStart, localDay, periodOf } from "../modules/patrols/periods";
import { haversine } from "../modules/patrols/track";
import type { HistTask } from "./patrol-history";
import type { Rng } from "./random";

/**
 * Ties the history's patrol findings to the cases already in it: a case a grid worker reported
 * (channel grid_patrol) about a fire hazard, a billboard, the river or food safety becomes the
 * finding of one of that worker's visits of the same kind in the same period — the visit is
 * moved to just before the report and the matching item fails. Both directions are linked as the
 * live submission links them (case_links and the item on the case's report event).
 */

const KINDS_OF_CATEGORY: Record<string, TargetKind[]> = {
  fire_hazard: ["fire_point", "key_enterprise"],
  billboard: ["billboard"],
  river: ["river"],
  food_safety: ["food_business"],
};
const FREQUENCIES = ["weekly", "monthly", "quarterly"] as const;
const MIN = 60_000;

type CaseRow = { id: string; category_code: string; reporter_id: string; created_at: string | Date; location: string | null };

function point(text: string | null): [number, number] | null {
  const m = text?.match(/-?\d+(?:\.\d+)?/g);
  return m && m.length >= 2 ? [Number(m[0]), Number(m[1])] : null;
}

export async function linkHistoryCases(tx: Tx, rng: Rng, tasks: HistTask[]): Promise<number> {
  const cases = rowsOf<CaseRow>(
    await tx.execute(sql`
      SELECT id, category_code, reporter_id, created_at, location::text AS location FROM cases
      WHERE channel = 'grid_patrol' AND reporter_id IS NOT NULL AND category_code IN ('fire_hazard', 'billboard', 'river', 'food_safety')
      ORDER BY created_at, id`),
  );
  const index = new Map<string, HistTask[]>();
  for (const t of tasks) {
    const key = `${t.plan.targetKind}|${t.plan.assigneeId}|${t.period.start}`;
    index.set(key, [...(index.get(key) ?? []), t]);
  }
  let linked = 0;
  for (const c of cases) {
    const at = new Date(c.created_at).getTime();
    const day = localDay(new Date(at));
    const where = point(c.location);
    const candidates = (KINDS_OF_CATEGORY[c.category_code] ?? []).flatMap((kind) =>
      FREQUENCIES.flatMap((f) => index.get(`${kind}|${c.reporter_id}|${periodOf(day, f).start}`) ?? []).filter((t) => t.period.start <= day && day <= t.period.end && !t.forced),
    );
    const usable = candidates.filter((t) => t.template.items.some((i) => i.opensCase && i.caseCategory === c.category_code));
    if (!usable.length) continue;
    const best = where && usable.every((t) => t.plan.location) ? usable.sort((a, b) => haversine(where, a.plan.location!) - haversine(where, b.plan.location!))[0] : rng.pick(usable);
    const items = best.template.items.filter((i) => i.opensCase && i.caseCategory === c.category_code);
    const earliest = dayStart(best.period.start).getTime() + 8 * 3600_000;
    best.forced = { caseId: c.id, itemId: rng.pick(items).id };
    best.status = "done";
    best.filledAt = Math.max(earliest, at - rng.int(10, 40) * MIN);
    if (best.filledAt >= at) best.filledAt = at - MIN;
    linked++;
  }
  return linked;
}
