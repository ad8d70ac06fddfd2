import { eq, max } from "drizzle-orm";
import { questionnaires, questions } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { CreateQuestionnaireBody } from "../../../contracts/deliberation";
import { areaForNew, loadTopicInScope } from "./access";
import { validateQuestions } from "./answer-rules";
import { loadQuestionnaireInScope, selectQuestions } from "./survey-queries";

async function nextRound(tx: Tx, topicId: string | null | undefined): Promise<number> {
  if (!topicId) return 1;
  const [{ last }] = await tx.select({ last: max(questionnaires.round) }).from(questionnaires).where(eq(questionnaires.topicId, topicId));
  return (last ?? 0) + 1;
}

/**
 * A questionnaire (征集民意) for an area, optionally about a topic, as a draft. Without a round
 * given, it is the topic's next round (入户走访第N轮).
 */
export async function createQuestionnaire(ctx: SignedInContext, tx: Tx, body: CreateQuestionnaireBody): Promise<{ id: string; round: number }> {
  const topic = body.topicId ? await loadTopicInScope(tx, ctx, body.topicId, true) : null;
  const area = await areaForNew(tx, ctx, body.areaId ?? topic?.areaId);
  if (topic && topic.communityId !== area.communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/topicId", message: "a topic of another community" }]);
  if (body.opensAt && body.closesAt && new Date(body.closesAt) <= new Date(body.opensAt)) throw new AppError("VALIDATION_FAILED", [{ path: "/closesAt", message: "must be after the opening" }]);
  validateQuestions(body.questions);
  const id = uuidv7();
  const round = body.round ?? (await nextRound(tx, topic?.id));
  await tx.insert(questionnaires).values({
    id,
    communityId: area.communityId,
    areaId: area.id,
    topicId: topic?.id ?? null,
    title: body.title,
    round,
    status: "draft",
    opensAt: body.opensAt ? new Date(body.opensAt) : null,
    closesAt: body.closesAt ? new Date(body.closesAt) : null,
  });
  await tx.insert(questions).values(body.questions.map((q, i) => ({ id: uuidv7(), questionnaireId: id, seq: i + 1, text: q.text, type: q.type, options: q.options ?? null, isVote: q.isVote, required: q.required })));
  await writeAudit(tx, ctx, { action: "questionnaire.create", targetType: "questionnaire", targetId: id, areaPath: area.path, after: { title: body.title, round, topicId: topic?.id ?? null, questions: body.questions.length } });
  return { id, round };
}

/** The next round of a questionnaire: the same questions, as a new draft one round later. */
export async function copyNextRound(ctx: SignedInContext, tx: Tx, questionnaireId: string): Promise<{ id: string; round: number }> {
  const src = await loadQuestionnaireInScope(tx, ctx, questionnaireId, true);
  const qs = await selectQuestions(tx, src.id);
  const id = uuidv7();
  const round = src.topicId ? await nextRound(tx, src.topicId) : src.round + 1;
  await tx.insert(questionnaires).values({ id, communityId: src.communityId, areaId: src.areaId, topicId: src.topicId, title: src.title, round, status: "draft" });
  await tx.insert(questions).values(qs.map((q) => ({ id: uuidv7(), questionnaireId: id, seq: q.seq, text: q.text, type: q.type, options: q.options, isVote: q.isVote, required: q.required })));
  await writeAudit(tx, ctx, { action: "questionnaire.next_round", targetType: "questionnaire", targetId: id, areaPath: src.path, after: { from: src.id, round } });
  return { id, round };
}
