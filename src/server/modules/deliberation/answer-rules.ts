import type { questions } from "../../db/schema/deliberation";
import { AppError } from "../../platform/errors";
import type { AnswerInput } from "../../../contracts/deliberation";

export type QuestionRow = typeof questions.$inferSelect;
type Problem = { path: string; message: string };

export const TEXT_MAX = 500;
export const SCALE_DEFAULT_MAX = 5;

/** The highest value of a scale question: 5, or the number of its labelled steps. */
export const scaleMax = (q: Pick<QuestionRow, "options">) => (q.options && q.options.length >= 2 ? q.options.length : SCALE_DEFAULT_MAX);

/** Whether one value fits its question's type; null when it does, else why not. */
export function checkValue(q: QuestionRow, value: unknown): string | null {
  const options = q.options ?? [];
  switch (q.type) {
    case "single":
      return typeof value === "string" && options.includes(value) ? null : "must be one of the options";
    case "multi": {
      if (!Array.isArray(value) || value.length === 0) return "must be a non-empty list of options";
      if (new Set(value).size !== value.length) return "an option is repeated";
      return value.every((v) => typeof v === "string" && options.includes(v)) ? null : "must be a subset of the options";
    }
    case "scale":
      return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= scaleMax(q) ? null : `must be an integer from 1 to ${scaleMax(q)}`;
    case "text":
      return typeof value === "string" && value.trim().length > 0 && value.trim().length <= TEXT_MAX ? null : `must be text of 1–${TEXT_MAX} characters`;
  }
}

/**
 * Checks a whole response against the questionnaire: every answer to one of its questions, once,
 * of the question's type; every required question answered. Any mismatch is a 400 listing them all.
 */
export function validateAnswers(qs: QuestionRow[], answers: AnswerInput[]): Array<{ questionId: string; value: unknown }> {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const out: Array<{ questionId: string; value: unknown }> = [];
  answers.forEach((a, i) => {
    const q = qs.find((x) => x.id === a.questionId);
    if (!q) return problems.push({ path: `/answers/${i}/questionId`, message: "not a question of this questionnaire" });
    if (seen.has(q.id)) return problems.push({ path: `/answers/${i}/questionId`, message: "answered twice" });
    seen.add(q.id);
    const why = checkValue(q, a.value);
    if (why) return problems.push({ path: `/answers/${i}/value`, message: why });
    out.push({ questionId: q.id, value: q.type === "text" ? String(a.value).trim() : a.value });
  });
  for (const q of qs) if (q.required && !seen.has(q.id)) problems.push({ path: "/answers", message: `question ${q.seq} is required` });
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems);
  return out;
}

/** Checks the questions of a new questionnaire: choices need options, text takes none. */
export function validateQuestions(qs: Array<{ type: QuestionRow["type"]; options?: string[] }>) {
  const problems: Problem[] = [];
  qs.forEach((q, i) => {
    if ((q.type === "single" || q.type === "multi") && !q.options) problems.push({ path: `/questions/${i}/options`, message: "a choice needs options" });
    if (q.type === "text" && q.options) problems.push({ path: `/questions/${i}/options`, message: "a text question takes no options" });
    if (q.type === "scale" && q.options && q.options.length > 10) problems.push({ path: `/questions/${i}/options`, message: "at most 10 steps" });
    if (q.options && new Set(q.options).size !== q.options.length) problems.push({ path: `/questions/${i}/options`, message: "an option is repeated" });
  });
  if (problems.length) throw new AppError("VALIDATION_FAILED", problems);
}
