import { eq, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx, type Tx } from "../../db/client";
import { enterpriseProfiles } from "../../db/schema/enterprise";
import { places } from "../../db/schema/places";
import type { AppDeps } from "../../platform/deps";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { maskPhone } from "../../platform/personal-data";
import { areaPathOf } from "../../platform/scope";
import type { EnterpriseDetail } from "../../../contracts/enterprise";
import type { z } from "zod";
import type { enterprisePatchBody } from "../../../contracts/enterprise";
import { enterpriseAliasRule, loadEnterprise } from "./access";
import { ENTERPRISE_COLUMNS, presentEnterprise, type EnterpriseRowSql } from "./list-enterprises";
import { NEED_KIND_NAMES, NEED_STATUS_NAMES, RECTIFICATION_STATUS_NAMES } from "./labels";

type History = EnterpriseDetail["history"];

/** The engagement history of one place: visits, needs, checks, 责令整改, events and briefings, newest first. */
async function historyOf(db: DbOrTx, placeId: string): Promise<History> {
  const rows = rowsOf<{ kind: History[number]["kind"]; on: string; title: string; detail: string | null; ref_id: string; code: string | null }>(
    await db.execute(sql`
      SELECT * FROM (
        SELECT 'visit' AS kind, v.visited_on::text AS on, coalesce(c.name, '日常走访') AS title,
               nullif(concat_ws('；', v.notes, CASE WHEN v.problems IS NOT NULL AND v.problems <> '' THEN '问题：' || v.problems END), '') AS detail, v.id AS ref_id, NULL AS code
          FROM enterprise_visits v LEFT JOIN visit_campaigns c ON c.id = v.campaign_id WHERE v.place_id = ${placeId}
        UNION ALL
        SELECT 'need', n.raised_on::text, n.kind, n.description, n.id, n.status FROM enterprise_needs n WHERE n.place_id = ${placeId}
        UNION ALL
        SELECT 'inspection', to_char(s.filled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), t.name,
               CASE WHEN jsonb_array_length(s.failures) > 0 THEN 'fail' ELSE 'pass' END, s.id, NULL
          FROM patrol_submissions s JOIN patrol_tasks k ON k.id = s.task_id JOIN patrol_plans pl ON pl.id = k.plan_id
          JOIN checklist_templates t ON t.id = k.template_id
          WHERE pl.place_id = ${placeId} AND s.outcome = 'visited'
        UNION ALL
        SELECT 'rectification', r.issued_on::text, r.number, r.finding, r.id, r.status FROM rectifications r WHERE r.place_id = ${placeId}
        UNION ALL
        SELECT 'event', e.held_on::text, e.title, e.venue, e.id, NULL FROM business_events e JOIN business_event_places ep ON ep.event_id = e.id WHERE ep.place_id = ${placeId}
        UNION ALL
        SELECT 'briefing', b.held_on::text, b.topic, NULL, b.id, NULL FROM enterprise_briefings b JOIN briefing_places bp ON bp.briefing_id = b.id WHERE bp.place_id = ${placeId}
      ) h ORDER BY h.on DESC, h.kind LIMIT 200`),
  );
  return rows.map((r) => {
    let title = r.title;
    let detail = r.detail;
    if (r.kind === "need") title = `${NEED_KIND_NAMES[r.title as keyof typeof NEED_KIND_NAMES] ?? r.title}（${NEED_STATUS_NAMES[r.code as keyof typeof NEED_STATUS_NAMES] ?? r.code}）`;
    if (r.kind === "inspection") detail = r.detail === "fail" ? "不合格" : "合格";
    if (r.kind === "rectification") title = `${r.title}（${RECTIFICATION_STATUS_NAMES[r.code as keyof typeof RECTIFICATION_STATUS_NAMES] ?? r.code}）`;
    return { kind: r.kind, on: r.on, title, detail, refId: r.ref_id };
  });
}

/** One enterprise record with its profile, masked contact, 入库 pipeline and engagement history (404 outside scope). */
export async function getEnterprise(deps: AppDeps, user: AuthUser, id: string): Promise<EnterpriseDetail> {
  const { db } = deps.database;
  const [row] = rowsOf<EnterpriseRowSql & { community_id: string; contact_name: string | null; contact_phone_enc: string | null; cu: Record<string, unknown> | null }>(
    await db.execute(sql`SELECT ${ENTERPRISE_COLUMNS}, p.community_id, p.contact_name, p.contact_phone_enc, to_jsonb(cu) AS cu
      FROM places p LEFT JOIN enterprise_profiles ep ON ep.place_id = p.id LEFT JOIN cultivations cu ON cu.place_id = p.id
      WHERE p.id = ${id} AND ${enterpriseAliasRule(user)}`),
  );
  if (!row) await loadEnterprise(db, user, id); // throws the 404
  const cu = row.cu as Record<string, string | null | Record<string, boolean>> | null;
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  let phone: string | null = null;
  try {
    phone = row.contact_phone_enc ? maskPhone(deps.cipher.decrypt(row.contact_phone_enc)) : null;
  } catch {
    phone = null;
  }
  return {
    ...presentEnterprise(row),
    communityId: row.community_id,
    contactName: row.contact_name,
    contactPhone: phone,
    cultivation: cu
      ? {
          stage: cu.stage as NonNullable<EnterpriseDetail["cultivation"]>["stage"],
          thresholds: String(cu.thresholds ?? ""),
          documents: (cu.documents as Record<string, boolean>) ?? {},
          candidateOn: String(cu.candidate_on),
          coachedOn: s(cu.coached_on),
          documentsOn: s(cu.documents_on),
          declaredOn: s(cu.declared_on),
          decidedOn: s(cu.decided_on),
          decisionNote: s(cu.decision_note),
        }
      : null,
    history: await historyOf(db, id),
  };
}

/** Edits the profile (industry, size, key flag, complex), the credit code (checked by the contract) and the contact. */
export async function updateEnterprise(deps: AppDeps, ctx: SignedInContext, tx: Tx, id: string, body: z.infer<typeof enterprisePatchBody>) {
  const place = await loadEnterprise(tx, ctx.user, id, { lock: true });
  const placeSet: Partial<typeof places.$inferInsert> = {};
  if (body.creditCode !== undefined) placeSet.creditCode = body.creditCode;
  if (body.contactName !== undefined) placeSet.contactName = body.contactName;
  if (body.contactPhone !== undefined) {
    placeSet.contactPhoneEnc = body.contactPhone ? deps.cipher.encrypt(body.contactPhone) : null;
    placeSet.contactPhoneTail = body.contactPhone ? body.contactPhone.slice(-4) : null;
  }
  if (Object.keys(placeSet).length) await tx.update(places).set(placeSet).where(eq(places.id, place.id));
  const profile: Partial<typeof enterpriseProfiles.$inferInsert> = {};
  if (body.industry !== undefined) profile.industry = body.industry;
  if (body.sizeBand !== undefined) profile.sizeBand = body.sizeBand;
  if (body.keyEnterprise !== undefined) profile.keyEnterprise = body.keyEnterprise;
  if (body.complexName !== undefined) profile.complexName = body.complexName;
  const now = new Date();
  await tx
    .insert(enterpriseProfiles)
    .values({ placeId: place.id, communityId: place.communityId, ...profile, updatedAt: now, updatedBy: ctx.user.id })
    .onConflictDoUpdate({ target: enterpriseProfiles.placeId, set: { ...profile, updatedAt: now, updatedBy: ctx.user.id } });
  await writeAudit(tx, ctx, {
    action: "enterprise.update",
    targetType: "place",
    targetId: place.id,
    areaPath: areaPathOf(place.areaId),
    before: { creditCode: place.creditCode, contactName: place.contactName },
    after: { ...profile, creditCode: body.creditCode, contactName: body.contactName, contactPhone: body.contactPhone ? maskPhone(body.contactPhone) : body.contactPhone },
  });
  return { id: place.id };
}

/** The contact's full phone, for a typed reason (audited). */
export async function unmaskContact(deps: AppDeps, ctx: SignedInContext, id: string, reason: string) {
  return deps.database.db.transaction(async (tx) => {
    const place = await loadEnterprise(tx, ctx.user, id);
    await writeAudit(tx, ctx, { action: "enterprise.unmask", targetType: "place", targetId: place.id, areaPath: areaPathOf(place.areaId), reason });
    return { contactPhone: place.contactPhoneEnc ? deps.cipher.decrypt(place.contactPhoneEnc) : null };
  });
}
