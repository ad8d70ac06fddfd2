import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { checklistItems, checklistTemplates } from "../../db/schema/patrols";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { inScope } from "../../platform/scope";
import type { ChecklistItem, TargetKind, TemplateDetail } from "../../../contracts/patrols";
import { isoInstant } from "../../platform/instants";

export type TemplateRow = typeof checklistTemplates.$inferSelect;
export type ItemRow = typeof checklistItems.$inferSelect;

/** Templates a user may use: the global ones, their community's, and those of communities in their subtree. */
export function visibleTemplates(user: AuthUser): SQL {
  const own = user.communityId ? sql` OR ${checklistTemplates.communityId} = ${user.communityId}` : sql``;
  return sql`(${checklistTemplates.communityId} IS NULL${own} OR ${inScope(user, checklistTemplates.communityId)})`;
}

export async function selectTemplates(db: DbOrTx, user: AuthUser, q: { targetKind?: TargetKind; history: "true" | "false" }) {
  return db
    .select({
      id: checklistTemplates.id,
      familyId: checklistTemplates.familyId,
      version: checklistTemplates.version,
      communityId: checklistTemplates.communityId,
      targetKind: checklistTemplates.targetKind,
      name: checklistTemplates.name,
      current: checklistTemplates.current,
      createdAt: checklistTemplates.createdAt,
      itemCount: sql<number>`(SELECT count(*)::int FROM checklist_items i WHERE i.template_id = ${checklistTemplates.id})`,
    })
    .from(checklistTemplates)
    .where(
      and(
        visibleTemplates(user),
        q.targetKind ? eq(checklistTemplates.targetKind, q.targetKind) : undefined,
        q.history === "true" ? undefined : eq(checklistTemplates.current, true),
      ),
    )
    .orderBy(asc(checklistTemplates.targetKind), asc(checklistTemplates.name), desc(checklistTemplates.version));
}

export async function selectItems(db: DbOrTx, templateId: string): Promise<ItemRow[]> {
  return db.select().from(checklistItems).where(eq(checklistItems.templateId, templateId)).orderBy(asc(checklistItems.seq));
}

/** A template the user may use, or null. */
export async function loadTemplate(db: DbOrTx, user: AuthUser, id: string): Promise<TemplateRow | null> {
  const [row] = await db.select().from(checklistTemplates).where(and(eq(checklistTemplates.id, id), visibleTemplates(user))).limit(1);
  return row ?? null;
}

/** The current version of a family the user may use, or null. */
export async function loadCurrentOfFamily(db: DbOrTx, user: AuthUser, familyId: string): Promise<TemplateRow | null> {
  const [row] = await db
    .select()
    .from(checklistTemplates)
    .where(and(eq(checklistTemplates.familyId, familyId), eq(checklistTemplates.current, true), visibleTemplates(user)))
    .limit(1);
  return row ?? null;
}

export function presentItem(i: ItemRow): ChecklistItem {
  return {
    id: i.id,
    seq: i.seq,
    label: i.label,
    type: i.type,
    options: i.options ?? null,
    required: i.required,
    failWhen: i.failWhen ?? null,
    opensCase: i.opensCase,
    caseCategory: i.caseCategory ?? null,
  };
}

export function presentTemplate(t: TemplateRow, items: ItemRow[]): TemplateDetail {
  return {
    id: t.id,
    familyId: t.familyId,
    version: t.version,
    communityId: t.communityId ?? null,
    targetKind: t.targetKind,
    name: t.name,
    current: t.current,
    createdAt: isoInstant(t.createdAt),
    itemCount: items.length,
    items: items.map(presentItem),
  };
}
