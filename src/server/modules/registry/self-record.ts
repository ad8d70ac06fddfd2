import { and, eq } from "drizzle-orm";
import { households, persons } from "../../db/schema/places";
import { correctionRequests } from "../../db/schema/registry";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { notFound, AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { presentMember } from "./present-person";
import { selectTags } from "./queries";

/** A resident's own registry record (masked like everywhere else), with their open correction requests. */
export async function getOwnRecord(deps: AppDeps, ctx: SignedInContext) {
  const { db } = deps.database;
  if (!ctx.user.personId) throw notFound("person");
  const [p] = await db.select().from(persons).where(eq(persons.id, ctx.user.personId)).limit(1);
  if (!p) throw notFound("person");
  const [h] = p.householdId ? await db.select({ address: households.address }).from(households).where(eq(households.id, p.householdId)).limit(1) : [];
  const tags = (await selectTags(db, [p.id], false)).get(p.id) ?? [];
  const requests = await db.select().from(correctionRequests).where(eq(correctionRequests.personId, p.id));
  return {
    person: { ...presentMember(p, tags, deps.cipher), birthDate: p.birthDate, address: h?.address ?? null },
    corrections: requests.map((r) => ({ id: r.id, field: r.field, proposed: r.proposed, status: r.status, createdAt: r.createdAt.toISOString() })),
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
    await tx.insert(correctionRequests).values({ id, personId: ctx.user.personId!, userId: ctx.user.id, field: input.field, proposed: input.proposed, note: input.note ?? null });
    await writeAudit(tx, ctx, { action: "person.correction_requested", targetType: "person", targetId: ctx.user.personId, after: { field: input.field } });
    return { id };
  });
}
