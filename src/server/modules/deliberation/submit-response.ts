import { and, eq, sql } from "drizzle-orm";
import { persons, households } from "../../db/schema/places";
import { answers, questionnaires, responses } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { AnswerInput } from "../../../contracts/deliberation";
import { findVisible } from "../../platform/access";
import { areaPathOf, inScope, pathWithin, underArea } from "../../platform/scope";
import { pathOf } from "./access";
import { validateAnswers } from "./answer-rules";
import { loadQuestionnaireInScope, selectQuestions, type QuestionnaireRow } from "./survey-queries";
import { nextQuestionnaireStatus } from "./workflow";

function assertAnswerable(q: QuestionnaireRow, now: Date) {
  nextQuestionnaireStatus("answer", q.status);
  if ((q.opensAt && now < q.opensAt) || (q.closesAt && now > q.closesAt)) throw new AppError("INVALID_TRANSITION", { reason: "outside the answering period" });
}

async function insertResponse(tx: Tx, row: typeof responses.$inferInsert, values: Array<{ questionId: string; value: unknown }>) {
  await tx.insert(responses).values(row);
  if (values.length) await tx.insert(answers).values(values.map((v) => ({ responseId: row.id!, questionId: v.questionId, value: v.value })));
}

/**
 * Door to door (入户走访): staff on the phone record one household's answers. The household must be
 * of the caller's scope and the questionnaire's area; a second response for it is 409.
 */
export async function submitDoorResponse(ctx: SignedInContext, tx: Tx, questionnaireId: string, input: { householdId: string; answers: AnswerInput[] }) {
  const q = await loadQuestionnaireInScope(tx, ctx, questionnaireId, true, true);
  assertAnswerable(q, new Date());
  const [h] = await tx
    .select({ id: households.id, areaId: households.areaId, address: households.address })
    .from(households)
    .where(and(eq(households.id, input.householdId), inScope(ctx.user, households.areaId), underArea(households.areaId, q.path)))
    .limit(1);
  if (!h) throw notFound("household");
  const hPath = (await pathOf(tx, h.areaId)) ?? q.path;
  const [taken] = await tx
    .select({ id: responses.id, channel: responses.channel })
    .from(responses)
    .where(and(eq(responses.questionnaireId, q.id), eq(responses.householdId, h.id)))
    .limit(1);
  if (taken) throw new AppError("CONFLICT", { reason: "household_answered", channel: taken.channel });
  const values = validateAnswers(await selectQuestions(tx, q.id), input.answers);
  const id = uuidv7();
  await insertResponse(tx, { id, questionnaireId: q.id, householdId: h.id, userId: null, channel: "door", collectedBy: ctx.user.id }, values);
  await writeAudit(tx, ctx, { action: "questionnaire.door_response", targetType: "questionnaire", targetId: q.id, areaPath: hPath, after: { responseId: id, householdId: h.id, answers: values.length } });
  return { id, questionnaireId: q.id, channel: "door" as const };
}

/**
 * Online by a resident: one response per person (a second is 409). When the questionnaire has
 * vote questions it counts for the household too, so a household already answered (at the door
 * or by a housemate) is refused (409): no double voting.
 */
export async function submitOnlineResponse(ctx: SignedInContext, tx: Tx, questionnaireId: string, input: { answers: AnswerInput[] }) {
  // Residents answer what is asked of their own area (or an area above it).
  const ownArea = pathWithin(sql`${ctx.user.areaPath ?? null}::text`, areaPathOf(questionnaires.areaId));
  const q = await findVisible<QuestionnaireRow>(tx, questionnaires, questionnaires.id, questionnaireId, ownArea, "questionnaire", { lock: true });
  assertAnswerable(q, new Date());
  const [mine] = await tx
    .select({ id: responses.id })
    .from(responses)
    .where(and(eq(responses.questionnaireId, q.id), eq(responses.userId, ctx.user.id)))
    .limit(1);
  if (mine) throw new AppError("CONFLICT", { reason: "already_answered" });
  const qs = await selectQuestions(tx, q.id);
  const vote = qs.some((x) => x.isVote);
  const [home] = ctx.user.personId
    ? await tx.select({ householdId: persons.householdId }).from(persons).where(eq(persons.id, ctx.user.personId)).limit(1)
    : [];
  const householdId = home?.householdId ?? null;
  if (vote && householdId) {
    const [taken] = await tx
      .select({ id: responses.id, channel: responses.channel })
      .from(responses)
      .where(and(eq(responses.questionnaireId, q.id), eq(responses.householdId, householdId)))
      .limit(1);
    if (taken) throw new AppError("CONFLICT", { reason: "household_answered", channel: taken.channel });
  }
  const values = validateAnswers(qs, input.answers);
  const id = uuidv7();
  await insertResponse(tx, { id, questionnaireId: q.id, householdId: vote ? householdId : null, userId: ctx.user.id, channel: "online", collectedBy: null }, values);
  await writeAudit(tx, ctx, { action: "questionnaire.online_response", targetType: "questionnaire", targetId: q.id, areaPath: areaPathOf(q.areaId), after: { responseId: id, answers: values.length } });
  return { id, questionnaireId: q.id, channel: "online" as const };
}
