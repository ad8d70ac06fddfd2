import { asc, inArray, sql } from "drizzle-orm";
import { checklistItems } from "../../db/schema/patrols";
import { cases } from "../../db/schema/cases";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { caseRule, findVisible } from "../../platform/access";
import { displayAnswer } from "./answers";
import { submissionVisible } from "./submission-queries";
import { isoInstant } from "../../platform/instants";

/**
 * The other direction of a case link: the patrol visits a case came from, with the failed items.
 * A case the caller may not read answers 404 (the same rule as the case itself); of a readable case,
 * only the visits the caller may see are shown (`submissionVisible`); a case without any answers an
 * empty list.
 */
export async function caseSource(db: DbOrTx, user: AuthUser, caseId: string) {
  await findVisible(db, cases, cases.id, caseId, caseRule(user, { areaId: cases.areaId, reporterId: cases.reporterId, department: cases.department }), "case");
  const rows = rowsOf<{
    submission_id: string;
    task_id: string;
    target_kind: string;
    target_label: string;
    template_name: string;
    template_id: string;
    filled_at: string | Date;
    submitted_by: string;
    submitter: string;
    answers: Record<string, unknown>;
    failures: string[];
  }>(
    await db.execute(sql`
      SELECT s.id AS submission_id, s.task_id, p.target_kind, p.target_label, tp.name AS template_name, tp.id AS template_id,
             s.filled_at, s.submitted_by, u.display_name AS submitter, s.answers, s.failures
      FROM case_links l
      JOIN patrol_submissions s ON s.id = l.ref_id
      JOIN patrol_tasks t ON t.id = s.task_id
      JOIN patrol_plans p ON p.id = t.plan_id
      JOIN checklist_templates tp ON tp.id = t.template_id
      JOIN users u ON u.id = s.submitted_by
      WHERE l.case_id = ${caseId} AND l.kind = 'patrol_submission'
        AND ${submissionVisible(user)}
      ORDER BY s.filled_at`),
  );
  const templateIds = [...new Set(rows.map((r) => r.template_id))];
  const items = templateIds.length ? await db.select().from(checklistItems).where(inArray(checklistItems.templateId, templateIds)).orderBy(asc(checklistItems.seq)) : [];
  return {
    items: rows.map((r) => ({
      submissionId: r.submission_id,
      taskId: r.task_id,
      targetKind: r.target_kind as never,
      targetLabel: r.target_label,
      templateName: r.template_name,
      filledAt: isoInstant(r.filled_at),
      submittedBy: { id: r.submitted_by, name: r.submitter },
      failures: items
        .filter((i) => i.templateId === r.template_id && r.failures.includes(i.id))
        .map((i) => ({ itemId: i.id, label: i.label, answer: displayAnswer(i, r.answers[i.id]) })),
    })),
  };
}
