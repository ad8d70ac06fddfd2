const LONGEST_SIDE = 1920;
const REENCODE_ABOVE = 1024 * 1024;

/**
 * A photo kept on the phone until the form is sent: large camera pictures are scaled down first,
 * so the outbox stays small and the upload later stays under the server's limit.
 */
export async function preparePhoto(file: File): Promise<Blob> {
  if (file.size <= REENCODE_ABOVE || typeof createImageBitmap !== "function") return file;
  try {
    const image = await createImageBitmap(file);
    const ratio = Math.min(1, LONGEST_SIDE / Math.max(image.width, image.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(image.width * ratio));
    canvas.height = Math.max(1, Math.round(image.height * ratio));
    canvas.getContext("2d")?.drawImage(image, 0, 0, canvas.width, canvas.height);
    image.close();
    const out = await new Promise<Blob | null>((done) => canvas.toBlob(done, "image/jpeg", 0.82));
    return out && out.size < file.size ? out : file;
  } catch {
    return file;
  }
}
