import type { ActivityStatus } from "./types";

export const STATUS_COLOUR: Record<ActivityStatus, string> = { planned: "default", open: "green", done: "blue", cancelled: "red" };

const time = (iso: string) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(iso));
const date = (iso: string) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso)).replace(/\//g, "-");

/** "2026-11-27 09:00–12:00" in China Standard Time (the end's day too when it differs). */
export function formatSpan(startsAt: string, endsAt: string): string {
  const sameDay = date(startsAt) === date(endsAt);
  return `${date(startsAt)} ${time(startsAt)}–${sameDay ? "" : `${date(endsAt)} `}${time(endsAt)}`;
}
