import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { Results } from "../../../contracts/deliberation";
import { presentQuestion, selectQuestions } from "./survey-queries";
import type { QuestionRow } from "./answer-rules";

type Tally = { questionId: string; answered: number; counts: Array<{ value: string; count: number }>; average: number | null };
type CountRow = { key: string | null; question_id: string; val: string | null; n: number };

/** The household a response speaks for: the one visited, or the online respondent's own. */
const RESPONSE_HOUSEHOLDS = (questionnaireId: string) => sql`
  rh AS (
    SELECT r.id, r.channel, coalesce(r.household_id, (SELECT p.household_id FROM users u JOIN persons p ON p.id = u.person_id WHERE u.id = r.user_id)) AS hid
    FROM responses r WHERE r.questionnaire_id = ${questionnaireId}
  ),
  rb AS (
    SELECT rh.id, b.id AS building_id FROM rh JOIN households h ON h.id = rh.hid JOIN buildings b ON b.id = h.building_id
  )`;

/** Each answer's values: the options of a multiple choice one by one, else the value as text. */
const ANSWER_VALUES = sql`CROSS JOIN LATERAL (
    SELECT jsonb_array_elements_text(a.value) AS val WHERE jsonb_typeof(a.value) = 'array'
    UNION ALL SELECT a.value #>> '{}' WHERE jsonb_typeof(a.value) <> 'array'
  ) v`;

function tallies(qs: QuestionRow[], rows: CountRow[], answered: Map<string, number>): Tally[] {
  return qs.map((q) => {
    const mine = rows.filter((r) => r.question_id === q.id && r.val !== null);
    const order = q.type === "scale" ? Array.from({ length: q.options?.length && q.options.length >= 2 ? q.options.length : 5 }, (_, i) => String(i + 1)) : (q.options ?? []);
    const counts = q.type === "text" ? [] : order.map((value) => ({ value, count: Number(mine.find((r) => r.val === value)?.n ?? 0) }));
    const total = counts.reduce((s, c) => s + c.count, 0);
    const average = q.type === "scale" && total > 0 ? counts.reduce((s, c) => s + Number(c.value) * c.count, 0) / total : null;
    return { questionId: q.id, answered: answered.get(q.id) ?? 0, counts, average: average === null ? null : Math.round(average * 100) / 100 };
  });
}

/**
 * Results of a questionnaire: responses by channel, counts per option (scale: per step, with the
 * average), the latest text answers, and the same counts by compound and by building (households →
 * buildings → compounds) for charts.
 */
export async function computeResults(db: DbOrTx, questionnaireId: string): Promise<Results> {
  const qs = await selectQuestions(db, questionnaireId);
  const channels = rowsOf<{ channel: string; n: number }>(
    await db.execute(sql`SELECT channel, count(*)::int AS n FROM responses WHERE questionnaire_id = ${questionnaireId} GROUP BY channel`),
  );
  const answeredRows = rowsOf<{ key: string; question_id: string; n: number }>(
    await db.execute(sql`
      WITH ${RESPONSE_HOUSEHOLDS(questionnaireId)}
      SELECT coalesce(rb.building_id::text, '') AS key, a.question_id, count(*)::int AS n
      FROM rh JOIN answers a ON a.response_id = rh.id LEFT JOIN rb ON rb.id = rh.id
      GROUP BY 1, 2`),
  );
  const countRows = rowsOf<CountRow>(
    await db.execute(sql`
      WITH ${RESPONSE_HOUSEHOLDS(questionnaireId)}
      SELECT coalesce(rb.building_id::text, '') AS key, a.question_id, v.val, count(*)::int AS n
      FROM rh JOIN answers a ON a.response_id = rh.id
      JOIN questions q ON q.id = a.question_id AND q.type <> 'text'
      ${ANSWER_VALUES}
      LEFT JOIN rb ON rb.id = rh.id
      GROUP BY 1, 2, 3`),
  );
  const perBuilding = rowsOf<{ building_id: string; building: string; compound_id: string; compound: string; n: number }>(
    await db.execute(sql`
      WITH ${RESPONSE_HOUSEHOLDS(questionnaireId)}
      SELECT b.id AS building_id, b.name AS building, c.id AS compound_id, c.name AS compound, count(*)::int AS n
      FROM rb JOIN buildings b ON b.id = rb.building_id JOIN compounds c ON c.id = b.compound_id
      GROUP BY b.id, b.name, c.id, c.name ORDER BY c.name, b.name`),
  );
  const texts = rowsOf<{ question_id: string; text: string }>(
    await db.execute(sql`
      SELECT a.question_id, a.value #>> '{}' AS text
      FROM answers a JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id
      WHERE r.questionnaire_id = ${questionnaireId} AND q.type = 'text'
      ORDER BY r.created_at DESC, r.id DESC LIMIT 500`),
  );

  const sumBy = <T extends { n: number }>(rows: T[], keep: (r: T) => boolean, key: (r: T) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) if (keep(r)) m.set(key(r), (m.get(key(r)) ?? 0) + Number(r.n));
    return m;
  };
  const merge = (rows: CountRow[]): CountRow[] => {
    const m = new Map<string, CountRow>();
    for (const r of rows) {
      const k = `${r.question_id}|${r.val}`;
      const prev = m.get(k);
      m.set(k, { ...r, n: (prev ? Number(prev.n) : 0) + Number(r.n) });
    }
    return [...m.values()];
  };

  const overall = tallies(qs, merge(countRows), sumBy(answeredRows, () => true, (r) => r.question_id));
  const buildingIds = (ids: Set<string>) => (r: { key: string | null }) => ids.has(r.key ?? "");
  const byBuilding = perBuilding.map((b) => {
    const only = buildingIds(new Set([b.building_id]));
    return {
      id: b.building_id,
      name: b.building,
      compound: { id: b.compound_id, name: b.compound },
      responses: Number(b.n),
      questions: tallies(qs, merge(countRows.filter(only)), sumBy(answeredRows, only, (r) => r.question_id)),
    };
  });
  const compounds = new Map<string, { id: string; name: string; buildings: Set<string>; n: number }>();
  for (const b of perBuilding) {
    const c = compounds.get(b.compound_id) ?? { id: b.compound_id, name: b.compound, buildings: new Set<string>(), n: 0 };
    c.buildings.add(b.building_id);
    c.n += Number(b.n);
    compounds.set(b.compound_id, c);
  }
  const byCompound = [...compounds.values()].map((c) => {
    const only = buildingIds(c.buildings);
    return { id: c.id, name: c.name, responses: c.n, questions: tallies(qs, merge(countRows.filter(only)), sumBy(answeredRows, only, (r) => r.question_id)) };
  });

  const channel = (k: string) => Number(channels.find((c) => c.channel === k)?.n ?? 0);
  return {
    questionnaireId,
    responses: channel("door") + channel("online"),
    byChannel: { door: channel("door"), online: channel("online") },
    questions: qs.map((q, i) => ({
      ...presentQuestion(q),
      answered: overall[i].answered,
      counts: overall[i].counts,
      average: overall[i].average,
      texts: q.type === "text" ? texts.filter((t) => t.question_id === q.id).slice(0, 50).map((t) => t.text) : [],
    })),
    byCompound,
    byBuilding,
  };
}
