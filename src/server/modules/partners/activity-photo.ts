import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { files } from "../../db/schema/files";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { loadActivityRow } from "./activity-queries";
import { splitOutputs } from "./present-activity";

/**
 * The stored file of one of an activity's photos, for anyone who may see the activity (its
 * community's residents and volunteers, staff of its scope); a file that is not among the
 * activity's photos is NOT_FOUND, whoever asks.
 */
export async function activityPhotoPath(db: DbOrTx, dataDir: string, user: AuthUser, activityId: string, fileId: string, thumb: boolean): Promise<string> {
  const row = await loadActivityRow(db, user, activityId);
  if (!splitOutputs(row.a.outputs as Record<string, unknown>).photoIds.includes(fileId)) throw notFound("file");
  const [file] = await db.select().from(files).where(eq(files.id, fileId)).limit(1);
  if (!file) throw notFound("file");
  const full = path.join(dataDir, thumb ? (file.thumbKey ?? file.storageKey) : file.storageKey);
  if (!fs.existsSync(full)) throw notFound("file");
  return full;
}
