import type { ChecklistItem } from "../../../contracts/patrols";
import { AppError } from "../../platform/errors";

/**
 * The rules of a filled checklist: every answer must fit its item's type, required items must be
 * answered, and `failWhen` decides which answers are failures. Answers are checked against the
 * version of the template the task was made with, so a later change never invalidates them.
 */
export type ItemRule = Pick<ChecklistItem, "id" | "label" | "type" | "options" | "required" | "failWhen">;

export type CheckedAnswers = {
  answers: Record<string, unknown>;
  failures: string[];
  /** Photo items: itemId → file ids. */
  photos: Map<string, string[]>;
};

type Problem = { path: string; message: string; itemId?: string; label?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const EXPECTED: Record<ItemRule["type"], string> = {
  yes_no: "expected true or false",
  choice: "expected one of the options",
  number: "expected a number",
  text: "expected text",
  photo: "expected photo file ids",
};

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}

function fits(item: ItemRule, value: unknown): boolean {
  switch (item.type) {
    case "yes_no":
      return typeof value === "boolean";
    case "choice":
      return typeof value === "string" && (item.options ?? []).includes(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "text":
      return typeof value === "string";
    case "photo":
      return (typeof value === "string" && UUID.test(value)) || (Array.isArray(value) && value.every((v) => typeof v === "string" && UUID.test(v)));
  }
}

/** Is this answer a failure of the item? */
export function isFailure(item: Pick<ItemRule, "type" | "failWhen">, value: unknown): boolean {
  const fw = item.failWhen as { equals?: boolean; in?: string[]; min?: number; max?: number } | null;
  if (!fw || isBlank(value)) return false;
  if (item.type === "yes_no") return fw.equals !== undefined && value === fw.equals;
  if (item.type === "choice") return Array.isArray(fw.in) && fw.in.includes(value as string);
  if (item.type === "number" && typeof value === "number") return (fw.min !== undefined && value < fw.min) || (fw.max !== undefined && value > fw.max);
  return false;
}

/** Checks answers against the items; throws VALIDATION_FAILED listing every problem at once. */
export function checkAnswers(items: ItemRule[], raw: Record<string, unknown>): CheckedAnswers {
  const problems: Problem[] = [];
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const id of Object.keys(raw)) {
    if (!byId.has(id)) problems.push({ path: `/answers/${id}`, message: "not an item of this checklist", itemId: id });
  }
  const answers: Record<string, unknown> = {};
  const failures: string[] = [];
  const photos = new Map<string, string[]>();
  for (const item of items) {
    const value = raw[item.id];
    if (isBlank(value)) {
      if (item.required) problems.push({ path: `/answers/${item.id}`, message: "required", itemId: item.id, label: item.label });
      continue;
    }
    if (!fits(item, value)) {
      problems.push({ path: `/answers/${item.id}`, message: EXPECTED[item.type], itemId: item.id, label: item.label });
      continue;
    }
    if (item.type === "photo") {
      const ids = [...new Set(Array.isArray(value) ? (value as string[]) : [value as string])];
      photos.set(item.id, ids);
      answers[item.id] = ids;
    } else answers[item.id] = typeof value === "string" ? value.trim() : value;
    if (isFailure(item, answers[item.id])) failures.push(item.id);
  }
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems);
  return { answers, failures, photos };
}

/** How an answer reads in a ledger (zh-CN). */
export function displayAnswer(item: Pick<ItemRule, "type">, value: unknown): string {
  if (isBlank(value)) return "未填";
  switch (item.type) {
    case "yes_no":
      return value === true ? "是" : "否";
    case "photo":
      return `照片${Array.isArray(value) ? value.length : 1}张`;
    default:
      return String(value);
  }
}
