import { currentLanguage } from "../i18n/i18n";

/** 20563 → "20,563" in both languages. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(currentLanguage()).format(value);
}

/** An ISO timestamp shown in China Standard Time, e.g. 2026-05-01 14:03:22. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}`;
}

/** "MM-DD HH:mm" in China Standard Time, for compact lists. */
export function formatShortDateTime(iso: string): string {
  const full = formatDateTime(iso);
  return full.length >= 16 ? full.slice(5, 16) : full;
}

/** A calendar day (YYYY-MM-DD) in China Standard Time, `offsetDays` from today. */
export function chinaDay(offsetDays = 0, from: Date = new Date()): string {
  const shifted = new Date(from.getTime() + offsetDays * 24 * 3600_000);
  return formatDateTime(shifted.toISOString()).slice(0, 10);
}

/** 0.8632 → "86.3%"; null (nothing to divide by) → "—". */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return `${(value * 100).toFixed(digits)}%`;
}
