import { formatDateTime } from "../../lib/format";

/** Minutes since midnight in China Standard Time (the stations' hours are local). */
function chinaMinutes(at: Date): number {
  const [hour, minute] = formatDateTime(at.toISOString()).slice(11, 16).split(":").map(Number);
  return (hour % 24) * 60 + minute;
}

/**
 * Whether a station is open at `at` from its hours text: "08:00-22:00", "8:00～22:00", an
 * overnight "20:00-02:00", "24小时" / "00:00-24:00". Unknown when the text says nothing readable.
 */
export function openNow(hours: string | null | undefined, at: Date = new Date()): boolean | null {
  if (!hours) return null;
  if (/24\s*(小时|h)/i.test(hours)) return true;
  const m = /(\d{1,2})[:：](\d{2})\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2})/.exec(hours);
  if (!m) return null;
  const from = Number(m[1]) * 60 + Number(m[2]);
  const to = Number(m[3]) * 60 + Number(m[4]);
  const now = chinaMinutes(at);
  if (from === to) return true;
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/**
 * A link that opens the phone's map app to ride there: 高德's URI API, which hands over to the
 * 高德 app when it is installed (`callnative=1`) and otherwise opens its web page. Positions are
 * WGS-84 as stored, and `coordinate=wgs84` tells 高德 to convert them. (A `geo:` URI is not
 * understood on iPhones nor by most map apps sold in China.)
 */
export function navigateUrl(at: [number, number], name: string): string {
  const to = `${at[0].toFixed(6)},${at[1].toFixed(6)},${encodeURIComponent(name)}`;
  return `https://uri.amap.com/navigation?to=${to}&mode=ride&coordinate=wgs84&callnative=1&src=linli`;
}
