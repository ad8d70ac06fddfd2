import { checklistItems, checklistTemplates } from "../../db/schema/patrols";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { CreateTemplateBody } from "../../../contracts/patrols";
import { buildItemRows } from "./item-rows";
import { presentTemplate } from "./template-queries";

/** Creates a checklist template (version 1 of a new family) for the caller's community, or a global one. */
export async function createTemplate(deps: AppDeps, ctx: SignedInContext, body: CreateTemplateBody) {
  const { user } = ctx;
  if (body.global && user.role !== "platform_admin") throw new AppError("FORBIDDEN", { reason: "global_template" });
  const communityId = body.global ? null : user.communityId;
  if (!body.global && !communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/global", message: "the caller has no community; create a global template" }]);
  return deps.database.db.transaction(async (tx) => {
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
      areaPath: communityId ? undefined : "/",
      after: { name: body.name, targetKind: body.targetKind, items: items.length, global: body.global },
    });
    return presentTemplate(row, inserted);
  });
}
