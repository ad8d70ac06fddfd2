import { and, eq } from "drizzle-orm";
import type { UnitBody } from "../../../contracts/partners";
import { users } from "../../db/schema/accounts";
import { places } from "../../db/schema/places";
import { partnerUnits } from "../../db/schema/partners";
import type { AppDeps } from "../../platform/deps";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { communityPath, targetCommunity } from "./community-scope";

/** Registers a partner unit (共建单位) of a community, optionally tied to its registered place. */
export async function createUnit(deps: AppDeps, ctx: SignedInContext, tx: Tx, body: UnitBody): Promise<{ id: string }> {
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  if (body.placeId) {
    const [p] = await tx.select({ id: places.id }).from(places).where(and(eq(places.id, body.placeId), eq(places.communityId, community.id))).limit(1);
    if (!p) throw new AppError("VALIDATION_FAILED", [{ path: "/placeId", message: "no such place in the community" }]);
  }
  if (body.contactUserId) {
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, body.contactUserId)).limit(1);
    if (!u) throw new AppError("VALIDATION_FAILED", [{ path: "/contactUserId", message: "no such user" }]);
  }
  const [dup] = await tx
    .select({ id: partnerUnits.id })
    .from(partnerUnits)
    .where(and(eq(partnerUnits.communityId, community.id), eq(partnerUnits.name, body.name)))
    .limit(1);
  if (dup) throw new AppError("CONFLICT", { reason: "a unit with this name exists", id: dup.id });
  const id = uuidv7();
  await tx.insert(partnerUnits).values({
    id,
    communityId: community.id,
    placeId: body.placeId ?? null,
    name: body.name,
    kind: body.kind,
    contactName: body.contactName ?? null,
    contactPhoneEnc: body.contactPhone ? deps.cipher.encrypt(body.contactPhone) : null,
    contactPhoneTail: body.contactPhone ? body.contactPhone.slice(-4) : null,
    partyOrg: body.partyOrg ?? null,
    bigCommittee: body.bigCommittee,
    contactUserId: body.contactUserId ?? null,
  });
  await writeAudit(tx, ctx, { action: "partner_unit.create", targetType: "partner_unit", targetId: id, areaPath: communityPath(community.id), after: body });
  return { id };
}
