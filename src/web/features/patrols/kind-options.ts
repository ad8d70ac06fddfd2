import type { TFunction } from "i18next";
import { FREQUENCY_VALUES, TARGET_KIND_VALUES } from "./types";

export const kindOptions = (t: TFunction) => TARGET_KIND_VALUES.map((k) => ({ value: k, label: t(`patrols.kind.${k}`) }));
export const frequencyOptions = (t: TFunction) => FREQUENCY_VALUES.map((f) => ({ value: f, label: t(`patrols.frequency.${f}`) }));

/** Grids (and the community) of the caller's area tree, for area selects. */
export function areaOptions(areas: Array<{ id: string; name: string; level: string }>) {
  return areas.filter((a) => a.level === "community" || a.level === "grid").map((a) => ({ value: a.id, label: a.level === "community" ? a.name : `· ${a.name}` }));
}

/** This month in China Standard Time, YYYY-MM. */
export function thisMonth(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

export const TASK_STATUS_COLORS: Record<string, string> = { open: "processing", done: "success", missed: "error", cancelled: "default" };
