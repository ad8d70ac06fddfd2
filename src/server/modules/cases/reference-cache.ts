import { eq } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { caseCategories, caseRoutingRules } from "../../db/schema/cases";
import type { DbOrTx } from "../../db/client";

/**
 * Reference data read by every report, kept in process memory for a short while: the categories,
 * each community's routing rules and short code. An edit made through this process clears it at
 * once (`clearCaseReferenceCache`); an edit made by another process is seen within TTL_MS.
 */
const TTL_MS = 30_000;

type Category = typeof caseCategories.$inferSelect;
type Rule = Pick<typeof caseRoutingRules.$inferSelect, "level" | "handlerId">;
type Community = { shortCode: string | null; name: string };

let categories: { at: number; byCode: Map<string, Category> } | null = null;
let everyCategory: { at: number; byCode: Map<string, Category> } | null = null;
const rules = new Map<string, { at: number; byCategory: Map<string, Rule> }>();
const communities = new Map<string, { at: number; value: Community | null }>();

const fresh = (at: number) => Date.now() - at < TTL_MS;

/** Forgets everything cached (after categories, routing rules or area codes are edited). */
export function clearCaseReferenceCache(): void {
  categories = null;
  everyCategory = null;
  rules.clear();
  communities.clear();
}

/** An active category by code, or null. */
export async function activeCategory(db: DbOrTx, code: string): Promise<Category | null> {
  if (!categories || !fresh(categories.at)) {
    const rows = await db.select().from(caseCategories).where(eq(caseCategories.active, true));
    categories = { at: Date.now(), byCode: new Map(rows.map((r) => [r.code, r])) };
  }
  return categories.byCode.get(code) ?? null;
}

/** Every category, active or not (old cases keep retired ones), by code. */
export async function allCategories(db: DbOrTx): Promise<Map<string, Category>> {
  if (!everyCategory || !fresh(everyCategory.at)) {
    const rows = await db.select().from(caseCategories);
    everyCategory = { at: Date.now(), byCode: new Map(rows.map((r) => [r.code, r])) };
  }
  return everyCategory.byCode;
}

/** The community's routing rule for a category, or null (default routing). */
export async function routingRule(db: DbOrTx, communityId: string, categoryCode: string): Promise<Rule | null> {
  let entry = rules.get(communityId);
  if (!entry || !fresh(entry.at)) {
    const rows = await db
      .select({ categoryCode: caseRoutingRules.categoryCode, level: caseRoutingRules.level, handlerId: caseRoutingRules.handlerId })
      .from(caseRoutingRules)
      .where(eq(caseRoutingRules.communityId, communityId));
    entry = { at: Date.now(), byCategory: new Map(rows.map((r) => [r.categoryCode, { level: r.level, handlerId: r.handlerId }])) };
    rules.set(communityId, entry);
  }
  return entry.byCategory.get(categoryCode) ?? null;
}

/** A community's short code (the case number prefix) and name. */
export async function communityCode(db: DbOrTx, communityId: string): Promise<Community | null> {
  const entry = communities.get(communityId);
  if (entry && fresh(entry.at)) return entry.value;
  const [row] = await db.select({ shortCode: areas.shortCode, name: areas.name }).from(areas).where(eq(areas.id, communityId)).limit(1);
  communities.set(communityId, { at: Date.now(), value: row ?? null });
  return row ?? null;
}
