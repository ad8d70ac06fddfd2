import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { questionnaires, questions, topics } from "../../db/schema/deliberation";
import type { DbOrTx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { areaRule, findVisible } from "../../platform/access";
import { areaAlongPath } from "../../platform/scope";
import { pathOf } from "./access";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";

export type QuestionnaireRow = typeof questionnaires.$inferSelect;

export const responseCountSql = sql<number>`(SELECT count(*)::int FROM responses r WHERE r.questionnaire_id = ${questionnaires.id})`;

export function questionnaireSelect(db: DbOrTx) {
  return db
    .select({ q: questionnaires, areaName: areas.name, topicTitle: topics.title, responses: responseCountSql })
    .from(questionnaires)
    .innerJoin(areas, eq(areas.id, questionnaires.areaId))
    .leftJoin(topics, eq(topics.id, questionnaires.topicId));
}
type Row = Awaited<ReturnType<ReturnType<typeof questionnaireSelect>["execute"]>>[number];

export function presentQuestionnaire(r: Row) {
  const q = r.q;
  return {
    id: q.id,
    title: q.title,
    round: q.round,
    status: q.status,
    topic: q.topicId && r.topicTitle ? { id: q.topicId, title: r.topicTitle } : null,
    area: { id: q.areaId, name: r.areaName },
    opensAt: isoInstantOrNull(q.opensAt),
    closesAt: isoInstantOrNull(q.closesAt),
    responses: Number(r.responses),
    createdAt: isoInstant(q.createdAt),
  };
}

export function selectQuestionnaires(db: DbOrTx, where: SQL | undefined, limit: number) {
  return questionnaireSelect(db).where(where).orderBy(desc(questionnaires.createdAt), desc(questionnaires.id)).limit(limit);
}

export function selectQuestions(db: DbOrTx, questionnaireId: string) {
  return db.select().from(questions).where(eq(questions.questionnaireId, questionnaireId)).orderBy(asc(questions.seq));
}

export const presentQuestion = (q: typeof questions.$inferSelect) => ({ id: q.id, seq: q.seq, text: q.text, type: q.type, options: q.options ?? null, isVote: q.isVote, required: q.required });

/**
 * A questionnaire of the caller's scope (optionally locked), with its area path, or NOT_FOUND.
 * `overlap`: also one of an area above the caller's (a grid worker collecting for the whole community).
 */
export async function loadQuestionnaireInScope(db: DbOrTx, ctx: SignedInContext, id: string, lock = false, overlap = false): Promise<QuestionnaireRow & { path: string }> {
  const rule = overlap ? areaAlongPath(questionnaires.areaId, ctx.user.areaPath) : areaRule(ctx.user, { areaId: questionnaires.areaId });
  const row = await findVisible<QuestionnaireRow>(db, questionnaires, questionnaires.id, id, rule, "questionnaire", { lock });
  return { ...row, path: (await pathOf(db, row.areaId)) ?? "" };
}
