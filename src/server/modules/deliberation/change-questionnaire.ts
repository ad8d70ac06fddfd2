import { eq } from "drizzle-orm";
import { questionnaires } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { loadQuestionnaireInScope } from "./survey-queries";
import { nextQuestionnaireStatus } from "./workflow";

/** Opens a draft questionnaire for answers, or closes an open one. */
export async function changeQuestionnaire(ctx: SignedInContext, tx: Tx, questionnaireId: string, action: "open" | "close") {
  const q = await loadQuestionnaireInScope(tx, ctx, questionnaireId, true);
  const to = nextQuestionnaireStatus(action, q.status);
  const now = new Date();
  await tx
    .update(questionnaires)
    .set({ status: to, ...(action === "open" && !q.opensAt ? { opensAt: now } : {}), ...(action === "close" ? { closesAt: now } : {}) })
    .where(eq(questionnaires.id, q.id));
  await writeAudit(tx, ctx, { action: `questionnaire.${action}`, targetType: "questionnaire", targetId: q.id, areaPath: q.path, before: { status: q.status }, after: { status: to } });
  return { id: q.id, status: to };
}
