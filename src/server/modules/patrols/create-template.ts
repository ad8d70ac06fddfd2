import { checklistItems, checklistTemplates } from "../../db/schema/patrols";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { coversWholeTree, ROOT_AUDIT_PATH } from "../../platform/scope";
import type { CreateTemplateBody } from "../../../contracts/patrols";
import { buildItemRows } from "./item-rows";
import { presentTemplate } from "./template-queries";

/**
 * Creates a checklist template (version 1 of a new family) for the caller's community, or a global
 * one (only for those whose scope is the whole installation). Runs inside `runWrite`.
 */
export async function createTemplate(tx: Tx, ctx: SignedInContext, body: CreateTemplateBody) {
  const { user } = ctx;
  if (body.global && !coversWholeTree(user)) throw new AppError("FORBIDDEN", { reason: "global_template" });
  const communityId = body.global ? null : user.communityId;
  if (!body.global && !communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/global", message: "the caller has no community; create a global template" }]);
  const id = uuidv7();
  const [row] = await tx
    .insert(checklistTemplates)
    .values({ id, familyId: id, version: 1, communityId, targetKind: body.targetKind, name: body.name, current: true, createdBy: user.id })
    .returning();
  const items = await buildItemRows(tx, id, body.targetKind, body.items);
  const inserted = await tx.insert(checklistItems).values(items).returning();
  await writeAudit(tx, ctx, {
    action: "patrol.template_create",
    targetType: "checklist_template",
    targetId: id,
    areaPath: communityId ? undefined : ROOT_AUDIT_PATH,
    after: { name: body.name, targetKind: body.targetKind, items: items.length, global: body.global },
  });
  return presentTemplate(row, inserted);
}
