import { and, eq, sql } from "drizzle-orm";
import { checklistItems, checklistTemplates } from "../../db/schema/patrols";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { areaPathOf, coversWholeTree, ROOT_AUDIT_PATH } from "../../platform/scope";
import type { ChangeTemplateBody } from "../../../contracts/patrols";
import { buildItemRows } from "./item-rows";
import { loadTemplate, presentTemplate, selectItems } from "./template-queries";

/**
 * Changes a template by making the next version of its family. Tasks already made keep the old
 * version (and their answers stay valid against it); tasks made from now on use the new one.
 * Global templates are changed only by those whose scope is the whole installation. Runs inside `runWrite`.
 */
export async function changeTemplate(tx: Tx, ctx: SignedInContext, id: string, body: ChangeTemplateBody) {
  const { user } = ctx;
  const old = await loadTemplate(tx, user, id);
  if (!old) throw notFound("template");
  if (old.communityId === null && !coversWholeTree(user)) throw new AppError("FORBIDDEN", { reason: "global_template" });
  // Retiring the current version first serialises two concurrent changes: the second finds none.
  const retired = await tx
    .update(checklistTemplates)
    .set({ current: false })
    .where(and(eq(checklistTemplates.id, id), eq(checklistTemplates.current, true)))
    .returning({ id: checklistTemplates.id });
  if (retired.length === 0) {
    const [current] = await tx
      .select({ id: checklistTemplates.id })
      .from(checklistTemplates)
      .where(and(eq(checklistTemplates.familyId, old.familyId), eq(checklistTemplates.current, true)))
      .limit(1);
    throw new AppError("CONFLICT", { reason: "not_current", currentId: current?.id ?? null });
  }
  const [{ next }] = await tx
    .select({ next: sql<number>`max(${checklistTemplates.version})::int + 1` })
    .from(checklistTemplates)
    .where(eq(checklistTemplates.familyId, old.familyId));
  const newId = uuidv7();
  const [row] = await tx
    .insert(checklistTemplates)
    .values({
      id: newId,
      familyId: old.familyId,
      version: next,
      communityId: old.communityId,
      targetKind: old.targetKind,
      name: body.name ?? old.name,
      current: true,
      createdBy: user.id,
    })
    .returning();
  const items = await buildItemRows(tx, newId, old.targetKind, body.items);
  const inserted = await tx.insert(checklistItems).values(items).returning();
  const before = await selectItems(tx, id);
  await writeAudit(tx, ctx, {
    action: "patrol.template_change",
    targetType: "checklist_template",
    targetId: newId,
    areaPath: old.communityId ? areaPathOf(old.communityId) : ROOT_AUDIT_PATH,
    before: { id, version: old.version, items: before.map((i) => i.label) },
    after: { id: newId, version: next, items: items.map((i) => i.label) },
  });
  return presentTemplate(row, inserted);
}
