import { inArray } from "drizzle-orm";
import { caseCategories } from "../../db/schema/cases";
import type { checklistItems } from "../../db/schema/patrols";
import type { Tx } from "../../db/client";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import type { ChecklistItemInput, TargetKind } from "../../../contracts/patrols";
import { DEFAULT_CASE_CATEGORY } from "./labels";

/**
 * The rows of a template's items. An item that opens a case needs a known case category; without
 * one it gets the usual category of the template's kind.
 */
export async function buildItemRows(tx: Tx, templateId: string, kind: TargetKind, items: ChecklistItemInput[]): Promise<Array<typeof checklistItems.$inferInsert>> {
  const rows = items.map((it, i) => ({
    id: uuidv7(),
    templateId,
    seq: i + 1,
    label: it.label,
    type: it.type,
    options: it.options ?? null,
    required: it.required,
    failWhen: (it.failWhen as Record<string, unknown> | undefined) ?? null,
    opensCase: it.opensCase,
    caseCategory: it.opensCase ? (it.caseCategory ?? DEFAULT_CASE_CATEGORY[kind]) : (it.caseCategory ?? null),
  }));
  const wanted = [...new Set(rows.map((r) => r.caseCategory).filter((c): c is string => !!c))];
  if (wanted.length) {
    const known = new Set((await tx.select({ code: caseCategories.code }).from(caseCategories).where(inArray(caseCategories.code, wanted))).map((r) => r.code));
    const problems = rows.flatMap((r, i) => (r.caseCategory && !known.has(r.caseCategory) ? [{ path: `/items/${i}/caseCategory`, message: "unknown case category" }] : []));
    if (problems.length) throw new AppError("VALIDATION_FAILED", problems);
  }
  return rows;
}
