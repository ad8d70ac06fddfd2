import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { casePhotos } from "../../db/schema/cases";
import { files } from "../../db/schema/files";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";

/** Photos of a progress update must be the caller's own uploads, not yet used elsewhere. */
export async function checkPhotos(tx: Tx, ctx: SignedInContext, photoIds: string[]): Promise<string[]> {
  const ids = [...new Set(photoIds)];
  if (ids.length === 0) return ids;
  const owned = await tx
    .select({ id: files.id })
    .from(files)
    .leftJoin(casePhotos, eq(casePhotos.fileId, files.id))
    .where(
      and(
        inArray(files.id, ids),
        eq(files.ownerId, ctx.user.id),
        isNull(casePhotos.caseId),
        sql`NOT EXISTS (SELECT 1 FROM resolution_updates ru WHERE ru.photo_ids @> jsonb_build_array(${files.id}::text))`,
      ),
    );
  if (owned.length !== ids.length) throw new AppError("VALIDATION_FAILED", [{ path: "/photoIds", message: "unknown photo" }]);
  return ids;
}
