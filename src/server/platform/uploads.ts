import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { and, eq, inArray, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { files } from "../db/schema/files";
import type { DbOrTx } from "../db/client";
import { AppError } from "./errors";
import { uuidv7 } from "./ids";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_EDGE = 2560;
const THUMB_EDGE = 320;

/** Recognises an image by its first bytes, never by the name or the declared type. */
export function sniffImage(buf: Buffer): "jpeg" | "png" | "webp" | "gif" | "heif" | null {
  if (buf.length < 12) return null;
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "jpeg";
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (buf.toString("ascii", 0, 4) === "RIFF" && buf.toString("ascii", 8, 12) === "WEBP") return "webp";
  if (buf.toString("ascii", 0, 4) === "GIF8") return "gif";
  if (buf.toString("ascii", 4, 8) === "ftyp" && /^(heic|heix|mif1|msf1|avif)/.test(buf.toString("ascii", 8, 12))) return "heif";
  return null;
}

export type StoredFile = typeof files.$inferSelect;

/**
 * Stores a photo: checks its type by content and its size, re-encodes it as JPEG (applying the
 * EXIF orientation, then dropping all metadata, GPS included) and writes a thumbnail.
 */
export async function storeImage(
  db: DbOrTx,
  dataDir: string,
  input: { bytes: Buffer; ownerId: string | null; communityId: string | null },
): Promise<StoredFile> {
  if (input.bytes.length > MAX_UPLOAD_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", { maxBytes: MAX_UPLOAD_BYTES });
  if (!sniffImage(input.bytes)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", { accepted: ["image/jpeg", "image/png", "image/webp", "image/gif", "image/heic"] });
  let full: { data: Buffer; info: { width: number; height: number } };
  let thumb: Buffer;
  try {
    const base = sharp(input.bytes, { failOn: "error", limitInputPixels: 80_000_000 }).rotate();
    full = await base.clone().resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true }).jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
    thumb = await base.clone().resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: "cover" }).jpeg({ quality: 75 }).toBuffer();
  } catch {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", { reason: "unreadable image" });
  }
  const id = uuidv7();
  const now = new Date();
  const dir = path.join("uploads", String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, "0"));
  await fs.mkdir(path.join(dataDir, dir), { recursive: true });
  const storageKey = path.join(dir, `${id}.jpg`);
  const thumbKey = path.join(dir, `${id}.thumb.jpg`);
  await fs.writeFile(path.join(dataDir, storageKey), full.data);
  await fs.writeFile(path.join(dataDir, thumbKey), thumb);
  const [row] = await db
    .insert(files)
    .values({
      id,
      ownerId: input.ownerId,
      communityId: input.communityId,
      mime: "image/jpeg",
      size: full.data.length,
      width: full.info.width,
      height: full.info.height,
      storageKey,
      thumbKey,
    })
    .returning();
  return row;
}

/**
 * Turns an error met while reading a multipart body into a 4xx: a truncated or malformed body
 * (busboy's "Unexpected end of form", "Malformed part header" …), a @fastify/multipart limit or
 * protocol error (FST_* codes). Anything else is passed on unchanged.
 */
export function multipartError(err: unknown, maxBytes = MAX_UPLOAD_BYTES): unknown {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as { code?: unknown; message?: unknown; statusCode?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message : "";
  if (code === "FST_REQ_FILE_TOO_LARGE" || code === "FST_ERR_CTP_BODY_TOO_LARGE" || e.statusCode === 413) return new AppError("PAYLOAD_TOO_LARGE", { maxBytes });
  if (code === "FST_INVALID_MULTIPART_CONTENT_TYPE") return new AppError("UNSUPPORTED_MEDIA_TYPE", { expected: "multipart/form-data" });
  if (code.startsWith("FST_") || /unexpected end of (form|multipart)|malformed|boundary|multipart|part terminated|premature close/i.test(message)) {
    return new AppError("BAD_REQUEST", { reason: "malformed multipart body" });
  }
  return err;
}

/** Runs a read of a multipart body, answering 4xx for a truncated or malformed one. */
export async function readingMultipart<T>(read: () => Promise<T>, maxBytes = MAX_UPLOAD_BYTES): Promise<T> {
  try {
    return await read();
  } catch (err) {
    throw multipartError(err, maxBytes);
  }
}

/** A client-given file name made storable: no control characters or lone surrogates, at most `max` characters. */
export function safeFileName(name: string | undefined, max = 120): string {
  const cleaned = (name ?? "")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .normalize("NFC")
    .trim();
  return [...cleaned].slice(0, max).join("") || "file";
}

export function fileUrls(id: string) {
  return { url: `/api/files/${id}`, thumbUrl: `/api/files/${id}/thumb` };
}

/** SQL: the file (by id column) is already attached somewhere: a case, visit, patrol, resolution update, activity or project milestone. */
export function fileAttached(fileId: SQL | AnyColumn): SQL {
  return sql`(EXISTS (SELECT 1 FROM case_photos x WHERE x.file_id = ${fileId})
    OR EXISTS (SELECT 1 FROM visit_photos x WHERE x.file_id = ${fileId})
    OR EXISTS (SELECT 1 FROM patrol_photos x WHERE x.file_id = ${fileId})
    OR EXISTS (SELECT 1 FROM resolution_updates x WHERE x.photo_ids @> jsonb_build_array(${fileId}::text))
    OR EXISTS (SELECT 1 FROM activities x WHERE x.outputs -> '_photos' @> jsonb_build_array(${fileId}::text))
    OR EXISTS (SELECT 1 FROM party_project_milestones x WHERE x.photo_ids @> jsonb_build_array(${fileId}::text)))`;
}

/**
 * The one check before photos are attached to anything: each must be the caller's own upload and
 * attached nowhere yet (a photo of a case can never reappear on an activity residents can read).
 * The file rows are locked, so two writers cannot attach the same photo at once. Answers the
 * de-duplicated ids; an unknown, foreign or used photo is a validation error naming it.
 */
export async function claimPhotos(tx: DbOrTx, ownerId: string, photoIds: readonly string[], path = "/photoIds"): Promise<string[]> {
  const ids = [...new Set(photoIds)];
  if (ids.length === 0) return ids;
  const locked = await tx.select({ id: files.id }).from(files).where(and(inArray(files.id, ids), eq(files.ownerId, ownerId))).for("update");
  const free = locked.length
    ? await tx
        .select({ id: files.id })
        .from(files)
        .where(and(inArray(files.id, locked.map((r) => r.id)), sql`NOT ${fileAttached(files.id)}`))
    : [];
  if (free.length !== ids.length) {
    const ok = new Set(free.map((r) => r.id));
    throw new AppError("VALIDATION_FAILED", ids.filter((id) => !ok.has(id)).map((fileId) => ({ path, message: "unknown photo", fileId })));
  }
  return ids;
}
