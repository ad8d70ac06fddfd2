import { eq } from "drizzle-orm";
import type { ApplicationBody } from "../../../contracts/partners";
import { areas } from "../../db/schema/areas";
import { recruitmentCalls, talentApplications } from "../../db/schema/partners";
import type { AppDeps } from "../../platform/deps";
import type { RequestContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { communityPath } from "./community-scope";
import { localDay } from "../../platform/clock";

export type CallRow = typeof recruitmentCalls.$inferSelect;

export const isOpen = (call: Pick<CallRow, "opensOn" | "closesOn">, today = localDay()) => call.opensOn <= today && today <= call.closesOn;

export async function loadCallBySlug(deps: AppDeps, slug: string) {
  const [row] = await deps.database.db
    .select({ call: recruitmentCalls, communityName: areas.name })
    .from(recruitmentCalls)
    .innerJoin(areas, eq(areas.id, recruitmentCalls.communityId))
    .where(eq(recruitmentCalls.slug, slug.toLowerCase()))
    .limit(1);
  if (!row) throw notFound("recruitment call");
  return row;
}

/** The public sign-up page: nothing but the call itself. */
export async function getPublicCall(deps: AppDeps, slug: string) {
  const { call, communityName } = await loadCallBySlug(deps, slug);
  return { title: call.title, body: call.body, communityName, categories: call.categories, opensOn: call.opensOn, closesOn: call.closesOn, open: isOpen(call) };
}

/**
 * Takes a sign-up from the public page. The answer never depends on who the phone belongs to:
 * accounts are not looked up here (that happens on approval), and a second application for the
 * same call and phone is dropped silently by the unique index, with the same answer.
 */
export async function applyToCall(deps: AppDeps, ctx: RequestContext, slug: string, body: ApplicationBody): Promise<{ received: true }> {
  const { call } = await loadCallBySlug(deps, slug);
  if (!isOpen(call)) throw new AppError("CONFLICT", { reason: "the call is not open" });
  if (call.categories.length && !call.categories.includes(body.category)) {
    throw new AppError("VALIDATION_FAILED", [{ path: "/category", message: `one of: ${call.categories.join(", ")}` }]);
  }
  const phoneHash = deps.cipher.blindIndex(body.phone);
  await deps.database.db.transaction(async (tx) => {
    const id = uuidv7();
    const inserted = await tx
      .insert(talentApplications)
      .values({
        id,
        callId: call.id,
        name: body.name,
        phoneEnc: deps.cipher.encrypt(body.phone),
        phoneHash,
        phoneTail: body.phone.slice(-4),
        category: body.category,
        skills: [...new Set(body.skills)],
        intro: body.intro ?? null,
      })
      .onConflictDoNothing({ target: [talentApplications.callId, talentApplications.phoneHash] })
      .returning({ id: talentApplications.id });
    if (inserted.length) {
      await writeAudit(tx, ctx, { action: "talent_application.submit", targetType: "talent_application", targetId: id, areaPath: communityPath(call.communityId), after: { callId: call.id, name: body.name, phone: body.phone, category: body.category } });
    }
  });
  return { received: true };
}
