import { useEffect, useState } from "react";
import QRCode from "qrcode";

/** The absolute address of an app path, as a phone that scans it needs it. */
export function absoluteUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}

/**
 * A QR code drawn in the browser (nothing leaves the page, e.g. a check-in address with its secret
 * code) as an image, so that it can be saved and printed; `testId` goes on the image, which carries
 * the encoded text in `data-value`.
 */
export function QrCode({ value, size = 220, testId, className }: { value: string; size?: number; testId?: string; className?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(value, { width: size, margin: 1, errorCorrectionLevel: "M" })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [value, size]);
  if (!src) return <div style={{ width: size, height: size }} />;
  return <img src={src} width={size} height={size} alt={value} data-testid={testId} data-value={value} className={className} />;
}
