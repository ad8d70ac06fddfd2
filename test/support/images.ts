import sharp from "sharp";

/** A real JPEG carrying EXIF metadata with a GPS position, as a phone camera writes it. */
export async function jpegWithGps(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Make: "TestPhone", Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "25/1 4/1 30/1", GPSLongitudeRef: "E", GPSLongitude: "102/1 43/1 10/1" } })
    .toBuffer();
}

/** A multipart/form-data body with one file field. */
export function multipart(bytes: Buffer, filename = "photo.jpg", type = "image/jpeg") {
  const boundary = "----linli" + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
