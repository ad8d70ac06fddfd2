import { eq, sql } from "drizzle-orm";
import { checklistTemplates } from "../../db/schema/patrols";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { localDay } from "./periods";
import { loadTask, presentTask } from "./task-queries";
import { presentTemplate, selectItems } from "./template-queries";
import { selectSubmissions } from "./submission-queries";

/**
 * One task with the checklist of the template version it was made with (not the family's current
 * one), so a form opened before a template change still shows and accepts the old items.
 */
export async function getTask(db: DbOrTx, user: AuthUser, id: string) {
  const row = await loadTask(db, user, id);
  if (!row) throw notFound("task");
  const [template] = await db.select().from(checklistTemplates).where(eq(checklistTemplates.id, row.task.templateId));
  const items = await selectItems(db, template.id);
  const submissions = await selectSubmissions(db, sql`s.task_id = ${id}`);
  const plan = {
    id: row.task.planId,
    frequency: row.planFrequency,
    active: row.planActive,
    target: row.personId
      ? { type: "person" as const, id: row.personId }
      : row.householdId
        ? { type: "household" as const, id: row.householdId }
        : { type: "place" as const, id: row.placeId! },
  };
  return { ...presentTask(row, localDay()), template: presentTemplate(template, items), plan, submissions };
}
