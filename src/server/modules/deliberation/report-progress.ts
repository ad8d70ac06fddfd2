import { and, eq } from "drizzle-orm";
import { resolutions, resolutionUpdates } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { loadResolutionAccess } from "./resolution-access";
import { checkPhotos } from "./photos";

/** A progress update on an open resolution: text, photos and the percentage done, by an owner or the community's staff. */
export async function reportProgress(ctx: SignedInContext, tx: Tx, resolutionId: string, input: { text: string; percent: number; photoIds: string[]; version?: number }) {
  const a = await loadResolutionAccess(tx, ctx, resolutionId, true);
  if (a.r.status !== "open") throw new AppError("INVALID_TRANSITION", { action: "progress", status: a.r.status });
  if (!a.canUpdate) throw new AppError("FORBIDDEN", { reason: "not_owner" });
  if (input.version !== undefined && input.version !== a.r.version) throw new AppError("CONFLICT", { expected: input.version, actual: a.r.version });
  const photoIds = await checkPhotos(tx, ctx, input.photoIds);
  if (input.percent >= 100) throw new AppError("VALIDATION_FAILED", [{ path: "/percent", message: "mark the resolution done instead" }]);
  const percent = input.percent;
  const updated = await tx
    .update(resolutions)
    .set({ percent, version: a.r.version + 1 })
    .where(and(eq(resolutions.id, a.r.id), eq(resolutions.version, a.r.version)))
    .returning({ version: resolutions.version });
  if (updated.length === 0) throw new AppError("CONFLICT", { reason: "the resolution changed meanwhile" });
  const id = uuidv7();
  await tx.insert(resolutionUpdates).values({ id, resolutionId: a.r.id, authorId: ctx.user.id, text: input.text, percent, photoIds });
  await writeAudit(tx, ctx, { action: "resolution.progress", targetType: "resolution", targetId: a.r.id, areaPath: a.path, before: { percent: a.r.percent, version: a.r.version }, after: { percent, photos: photoIds.length, version: a.r.version + 1 } });
  return { id: a.r.id, updateId: id, version: a.r.version + 1 };
}
