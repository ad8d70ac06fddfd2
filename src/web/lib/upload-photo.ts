import type { z } from "zod";
import type { fileReply } from "../../contracts/cases";
import { apiUpload } from "../api/client";

export type UploadedFile = z.infer<typeof fileReply>;

/** Uploads one image to /api/files (the server re-encodes it and strips its metadata). */
export function uploadPhoto(file: File, onProgress?: (fraction: number) => void): Promise<UploadedFile> {
  return apiUpload<UploadedFile>("/files", file, file.name || "photo.jpg", onProgress);
}
