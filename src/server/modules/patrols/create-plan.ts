import { and, eq } from "drizzle-orm";
import { patrolPlans } from "../../db/schema/patrols";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { seesRestricted } from "../../platform/access";
import { areaPathOf } from "../../platform/scope";
import type { CreatePlanBody } from "../../../contracts/patrols";
import { DEFAULT_FREQUENCY, TARGET_TYPES_OF } from "./labels";
import { localDay } from "../../platform/clock";
import { assertAssignable, gridWorkerOf, resolveTarget } from "./plan-targets";
import { loadCurrentOfFamily } from "./template-queries";
import { generateTasks } from "./generate-tasks";
import { loadPlan, presentPlan } from "./plan-queries";

/**
 * Puts one target on the differentiated list: a person, household or place of the caller's scope,
 * visited with a template's checklist at a frequency (from the care tags when not given) by a grid
 * worker (the target's grid worker when not given). The current period's task is made at once.
 * 重点人员 work is planned only by roles that may see 重点人员. Runs inside `runWrite`.
 */
export async function createPlan(tx: Tx, ctx: SignedInContext, body: CreatePlanBody) {
  const { user } = ctx;
  const template = await loadCurrentOfFamily(tx, user, body.templateFamilyId);
  if (!template) throw notFound("template");
  if (template.targetKind === "key_person" && !seesRestricted(user)) throw new AppError("FORBIDDEN", { targetKind: template.targetKind });
  if (!TARGET_TYPES_OF[template.targetKind].includes(body.target.type)) {
    throw new AppError("VALIDATION_FAILED", [{ path: "/target/type", message: `a ${template.targetKind} checklist visits a ${TARGET_TYPES_OF[template.targetKind].join(" or ")}` }]);
  }
  const target = await resolveTarget(tx, user, body.target);
  if (template.communityId && template.communityId !== target.communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/templateFamilyId", message: "a template of another community" }]);
  const targetColumn = target.type === "person" ? patrolPlans.personId : target.type === "household" ? patrolPlans.householdId : patrolPlans.placeId;
  const [dup] = await tx
    .select({ id: patrolPlans.id })
    .from(patrolPlans)
    .where(and(eq(patrolPlans.templateFamilyId, template.familyId), eq(targetColumn, target.id), eq(patrolPlans.active, true)))
    .limit(1);
  if (dup) throw new AppError("CONFLICT", { reason: "already_planned", planId: dup.id });
  const assigneeId = body.assigneeId ?? (await gridWorkerOf(tx, target.areaId));
  if (!assigneeId) throw new AppError("VALIDATION_FAILED", [{ path: "/assigneeId", message: "the target's grid has no grid worker; name one" }]);
  await assertAssignable(tx, assigneeId, target.areaId);
  const frequency = body.frequency ?? target.tagFrequency ?? DEFAULT_FREQUENCY[template.targetKind];
  const today = localDay();
  const startsOn = body.startsOn ?? today;
  const planId = uuidv7();
  await tx.insert(patrolPlans).values({
    id: planId,
    communityId: target.communityId,
    areaId: target.areaId,
    templateFamilyId: template.familyId,
    targetKind: template.targetKind,
    personId: target.type === "person" ? target.id : null,
    householdId: target.type === "household" ? target.id : null,
    placeId: target.type === "place" ? target.id : null,
    targetLabel: target.label,
    location: target.location,
    frequency,
    assigneeId,
    startsOn,
  });
  await generateTasks(tx, { from: today, until: startsOn > today ? startsOn : today, planIds: [planId] });
  await writeAudit(tx, ctx, {
    action: "patrol.plan_create",
    targetType: "patrol_plan",
    targetId: planId,
    areaPath: areaPathOf(target.areaId),
    after: { templateFamilyId: template.familyId, target: body.target, frequency, assigneeId, startsOn },
  });
  const row = await loadPlan(tx, user, planId);
  return presentPlan(row!);
}
