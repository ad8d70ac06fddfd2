import type { ChecklistItem } from "./types";

export type AnswerValue = boolean | number | string | null;

/** Is this answer a failure of the item? The same rule the server applies (failWhen). */
export function isFailedAnswer(item: Pick<ChecklistItem, "type" | "failWhen">, value: AnswerValue | undefined): boolean {
  const fw = item.failWhen as { equals?: boolean; in?: string[]; min?: number; max?: number } | null;
  if (!fw || value === null || value === undefined || value === "") return false;
  if (item.type === "yes_no") return fw.equals !== undefined && value === fw.equals;
  if (item.type === "choice") return Array.isArray(fw.in) && fw.in.includes(value as string);
  if (item.type === "number" && typeof value === "number") return (fw.min !== undefined && value < fw.min) || (fw.max !== undefined && value > fw.max);
  return false;
}

/** Required items still without an answer (photo items count their photos). */
export function missingItems(items: ChecklistItem[], answers: Record<string, AnswerValue>, photoCount: (itemId: string) => number): ChecklistItem[] {
  return items.filter((i) => {
    if (!i.required) return false;
    if (i.type === "photo") return photoCount(i.id) === 0;
    const v = answers[i.id];
    return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  });
}
