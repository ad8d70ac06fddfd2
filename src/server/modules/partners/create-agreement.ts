import { and, eq, gte, lte } from "drizzle-orm";
import type { AgreementBody } from "../../../contracts/partners";
import { caseCategories } from "../../db/schema/cases";
import { agreementItems, agreements } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { communityPath } from "./community-scope";
import { loadUnit } from "./unit-queries";

/**
 * Signs a co-building agreement (共驻共建协议) with its three lists. A unit never has two agreements
 * whose periods overlap: the unit row is locked (`FOR UPDATE`) while the check and the insert run,
 * so two concurrent requests for the same unit are serialised and the second sees the first.
 */
export async function createAgreement(ctx: SignedInContext, tx: Tx, unitId: string, body: AgreementBody): Promise<{ id: string }> {
  if (body.endsOn < body.startsOn) throw new AppError("VALIDATION_FAILED", [{ path: "/endsOn", message: "ends before it starts" }]);
  const lists = [
    ["offer", body.offers],
    ["need", body.needs],
    ["project", body.projects],
  ] as const;
  const codes = [...new Set(lists.flatMap(([, items]) => items.flatMap((i) => i.categories)))];
  if (codes.length) {
    const known = new Set((await tx.select({ code: caseCategories.code }).from(caseCategories)).map((c) => c.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw new AppError("VALIDATION_FAILED", [{ path: "/offers", message: `unknown case categories: ${unknown.join(", ")}` }]);
  }
  const unit = await loadUnit(tx, ctx.user, unitId, true);
  const overlapping = await tx
    .select({ id: agreements.id, startsOn: agreements.startsOn, endsOn: agreements.endsOn })
    .from(agreements)
    .where(and(eq(agreements.unitId, unit.id), lte(agreements.startsOn, body.endsOn), gte(agreements.endsOn, body.startsOn)));
  if (overlapping.length) throw new AppError("CONFLICT", { reason: "overlapping agreement", agreements: overlapping });
  const id = uuidv7();
  await tx.insert(agreements).values({
    id,
    unitId: unit.id,
    communityId: unit.communityId,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    signedOn: body.signedOn ?? null,
    signatories: body.signatories,
    partTimeMember: body.partTimeMember ?? null,
  });
  const items = lists.flatMap(([list, rows]) =>
    rows.map((i) => ({
      id: uuidv7(),
      agreementId: id,
      list,
      resourceKind: i.resourceKind ?? null,
      categories: i.categories,
      description: i.description,
      quantity: i.quantity ?? null,
      unit: i.unit ?? null,
    })),
  );
  if (items.length) await tx.insert(agreementItems).values(items);
  await writeAudit(tx, ctx, { action: "agreement.create", targetType: "agreement", targetId: id, areaPath: communityPath(unit.communityId), after: { unitId: unit.id, ...body } });
  return { id };
}
