import { visitPhotos, visits } from "../../db/schema/registry";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { claimPhotos } from "../../platform/uploads";
import { loadHouseholdInScope, loadPersonInScope } from "./manage-people";

/** Records a home visit (走访) to a household or person of the caller's scope, with notes and photos. Runs inside `runWrite`. */
export async function recordVisit(
  tx: Tx,
  ctx: SignedInContext,
  input: { householdId?: string; personId?: string; notes: string; visitedAt?: string; location?: [number, number]; photoIds: string[] },
) {
  if (!input.householdId && !input.personId) throw new AppError("VALIDATION_FAILED", [{ path: "/householdId", message: "a household or a person is required" }]);
  const person = input.personId ? await loadPersonInScope(tx, ctx, input.personId) : null;
  const household = input.householdId ? await loadHouseholdInScope(tx, ctx, input.householdId) : person?.householdId ? await loadHouseholdInScope(tx, ctx, person.householdId) : null;
  if (person && household && person.householdId !== household.id) throw new AppError("VALIDATION_FAILED", [{ path: "/personId", message: "not a member of this household" }]);
  const target = household ?? person!;
  const visitedAt = input.visitedAt ? new Date(input.visitedAt) : new Date();
  if (visitedAt.getTime() > Date.now() + 5 * 60_000) throw new AppError("VALIDATION_FAILED", [{ path: "/visitedAt", message: "in the future" }]);
  const photoIds = await claimPhotos(tx, ctx.user.id, input.photoIds, "/photoIds");
  const id = uuidv7();
  await tx.insert(visits).values({
    id,
    communityId: target.communityId,
    areaId: target.areaId,
    householdId: household?.id ?? null,
    personId: person?.id ?? null,
    visitorId: ctx.user.id,
    visitedAt,
    notes: input.notes,
    location: input.location ?? null,
  });
  if (photoIds.length) await tx.insert(visitPhotos).values(photoIds.map((fileId) => ({ visitId: id, fileId })));
  await writeAudit(tx, ctx, { action: "visit.create", targetType: "visit", targetId: id, areaPath: target.path, after: { householdId: household?.id ?? null, personId: person?.id ?? null, photos: photoIds.length } });
  return { id };
}
