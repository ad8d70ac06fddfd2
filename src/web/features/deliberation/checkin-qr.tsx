import { useEffect, useState } from "react";
import QRCode from "qrcode";

/** The sign-in address as a QR code, drawn in the browser (the address carries the meeting's secret code). */
export function CheckinQr({ url, size = 220 }: { url: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { width: size, margin: 1, errorCorrectionLevel: "M" })
      .then((data) => live && setSrc(data))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [url, size]);
  return <div className="dl-qr" style={{ width: size, height: size }}>{src && <img src={src} width={size} height={size} alt={url} data-testid="checkin-qr" />}</div>;
}
