import { eq } from "drizzle-orm";
import { persons } from "../../db/schema/places";
import { correctionRequests, residenceEvents } from "../../db/schema/registry";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { localDay } from "../../platform/clock";
import { loadPersonInScope } from "./manage-people";
import { openProposed } from "./correction-values";


/**
 * Staff settle a resident's correction request. Accepting ("done") a name or phone writes the value
 * into the record in the same transaction (with a history entry); other fields (ID number, address,
 * residence …) need the staff member to check papers and edit the record themselves.
 */
export async function settleCorrection(deps: AppDeps, ctx: SignedInContext, id: string, status: "done" | "rejected") {
  await deps.database.db.transaction(async (tx) => {
    const [r] = await tx.select().from(correctionRequests).where(eq(correctionRequests.id, id)).limit(1).for("update");
    if (!r) throw notFound("correction");
    const p = await loadPersonInScope(tx, ctx, r.personId);
    if (r.status !== "open") throw new AppError("INVALID_TRANSITION", { status: r.status });
    let applied = false;
    if (status === "done" && (r.field === "phone" || r.field === "name")) {
      if (p.status !== "active") throw new AppError("INVALID_TRANSITION", { reason: "person is not active" });
      const value = openProposed(deps.cipher, r.field, r.proposed);
      const set: Partial<typeof persons.$inferInsert> =
        r.field === "phone" ? { phoneEnc: deps.cipher.encrypt(value), phoneHash: deps.cipher.blindIndex(value), phoneTail: value.slice(-4) } : { name: value };
      await tx.update(persons).set(set).where(eq(persons.id, p.id));
      if (p.householdId) {
        await tx.insert(residenceEvents).values({ id: uuidv7(), householdId: p.householdId, personId: p.id, kind: "update", on: localDay(), note: `correction:${r.field}`, actorId: ctx.user.id });
      }
      applied = true;
    }
    await tx.update(correctionRequests).set({ status, handledBy: ctx.user.id, handledAt: new Date() }).where(eq(correctionRequests.id, r.id));
    const before = applied ? (r.field === "phone" ? { phone: p.phoneEnc ? deps.cipher.decrypt(p.phoneEnc) : null } : { name: p.name }) : undefined;
    const after = applied ? { field: r.field, status, [r.field]: openProposed(deps.cipher, r.field, r.proposed) } : { field: r.field, status };
    await writeAudit(tx, ctx, { action: "person.correction_settled", targetType: "person", targetId: p.id, areaPath: p.path, before, after });
  });
}
