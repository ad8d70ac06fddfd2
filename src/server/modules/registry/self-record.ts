import { and, desc, eq } from "drizzle-orm";
import { households, persons } from "../../db/schema/places";
import { correctionRequests } from "../../db/schema/registry";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { notFound, AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { presentMember } from "./present-person";
import { selectTags } from "./queries";
import { sealProposed, showProposed } from "./correction-values";
import type { CORRECTION_FIELDS } from "../../../contracts/registry";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";

type CorrectionField = (typeof CORRECTION_FIELDS)[number];

/**
 * A resident's own registry record (masked like everywhere else) with their correction requests, newest
 * first. An account the register does not know (no matching phone when it was made) is an ordinary
 * answer, `person: null`, not an error: the phone app explains it.
 */
export async function getOwnRecord(deps: AppDeps, ctx: SignedInContext) {
  const { db } = deps.database;
  const [p] = ctx.user.personId ? await db.select().from(persons).where(eq(persons.id, ctx.user.personId)).limit(1) : [];
  if (!p) return { person: null, corrections: [] };
  const [h] = p.householdId ? await db.select({ address: households.address }).from(households).where(eq(households.id, p.householdId)).limit(1) : [];
  // Restricted tags stay hidden, and so does which staff member set a tag.
  const tags = ((await selectTags(db, [p.id], false)).get(p.id) ?? []).map((tag) => ({ ...tag, setBy: null }));
  const requests = await db.select().from(correctionRequests).where(eq(correctionRequests.personId, p.id)).orderBy(desc(correctionRequests.createdAt));
  return {
    person: { ...presentMember(p, tags, deps.cipher), birthDate: p.birthDate, address: h?.address ?? null },
    corrections: requests.map((r) => ({
      id: r.id,
      field: r.field as CorrectionField,
      proposed: showProposed(deps.cipher, r.field, r.proposed),
      note: r.note,
      status: r.status,
      createdAt: isoInstant(r.createdAt),
      handledAt: isoInstantOrNull(r.handledAt),
    })),
  };
}

/** A resident asks for a correction of their own record; staff of the community see and settle it. */
export async function requestCorrection(deps: AppDeps, ctx: SignedInContext, input: { field: string; proposed: string; note?: string }) {
  if (!ctx.user.personId) throw notFound("person");
  return deps.database.db.transaction(async (tx) => {
    const open = await tx
      .select({ id: correctionRequests.id })
      .from(correctionRequests)
      .where(and(eq(correctionRequests.personId, ctx.user.personId!), eq(correctionRequests.field, input.field), eq(correctionRequests.status, "open")));
    if (open.length) throw new AppError("CONFLICT", { reason: "a request for this field is open" });
    const id = uuidv7();
    const proposed = sealProposed(deps.cipher, input.field, input.proposed);
    await tx.insert(correctionRequests).values({ id, personId: ctx.user.personId!, userId: ctx.user.id, field: input.field, proposed, note: input.note ?? null });
    await writeAudit(tx, ctx, { action: "person.correction_requested", targetType: "person", targetId: ctx.user.personId, after: { field: input.field } });
    return { id };
  });
}
