import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { inScope, underArea } from "../../platform/scope";
import { loadQuestionnaireInScope } from "./survey-queries";

/**
 * Households a collector may visit for a questionnaire (its area ∩ the caller's scope), with
 * whether each has answered — the door-to-door worklist on the phone.
 */
export async function listSurveyHouseholds(db: DbOrTx, ctx: SignedInContext, questionnaireId: string, input: { buildingId?: string; compoundId?: string; limit: number }) {
  const q = await loadQuestionnaireInScope(db, ctx, questionnaireId, false, true);
  const rows = rowsOf<{ id: string; address: string; building_id: string; building: string; compound_id: string; compound: string; answered: boolean }>(
    await db.execute(sql`
      SELECT h.id, h.address, b.id AS building_id, b.name AS building, c.id AS compound_id, c.name AS compound,
             EXISTS (SELECT 1 FROM responses r WHERE r.questionnaire_id = ${q.id} AND r.household_id = h.id) AS answered
      FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id
      WHERE h.status = 'active'
        AND ${underArea(sql`h.area_id`, q.path)} AND ${inScope(ctx.user, sql`h.area_id`)}
        ${input.buildingId ? sql`AND b.id = ${input.buildingId}` : sql``}
        ${input.compoundId ? sql`AND c.id = ${input.compoundId}` : sql``}
      ORDER BY c.name, b.name, h.unit_no, h.room_no
      LIMIT ${input.limit}`),
  );
  return rows.map((r) => ({ id: r.id, address: r.address, building: { id: r.building_id, name: r.building }, compound: { id: r.compound_id, name: r.compound }, answered: Boolean(r.answered) }));
}
