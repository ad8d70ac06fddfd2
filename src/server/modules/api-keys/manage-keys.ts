import { and, desc, eq, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { areas } from "../../db/schema/areas";
import { apiKeys } from "../../db/schema/open-interfaces";
import type { DbOrTx, Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { newApiKey } from "../../platform/api-keys";
import { areaInScope, inScope } from "../../platform/scope";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";
import type { ApiKeyItem, CreateApiKeyBody } from "../../../contracts/api-keys";

/** Issues a key for a community or street of the issuer's scope; the key is answered once and stored hashed. */
export async function issueApiKey(ctx: SignedInContext, tx: Tx, body: CreateApiKeyBody) {
  const area = await areaInScope(tx, ctx.user, body.areaId);
  if (area.level !== "community" && area.level !== "street") throw new AppError("VALIDATION_FAILED", [{ path: "/areaId", message: "a community or a street" }]);
  const { key, prefix, hash } = newApiKey();
  const id = uuidv7();
  await tx.insert(apiKeys).values({
    id,
    name: body.name,
    purpose: body.purpose,
    prefix,
    keyHash: hash,
    areaId: area.id,
    communityId: area.level === "community" ? area.id : null,
    ratePerMinute: body.ratePerMinute,
    createdBy: ctx.user.id,
  });
  await writeAudit(tx, ctx, { action: "apikey.issue", targetType: "api_key", targetId: id, areaPath: area.path, after: { name: body.name, purpose: body.purpose, prefix, ratePerMinute: body.ratePerMinute } });
  return { id, key, prefix };
}

/** Revokes a key of the caller's scope (404 outside); revoking twice changes nothing. */
export async function revokeApiKey(ctx: SignedInContext, tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt, prefix: apiKeys.prefix, path: areas.path })
    .from(apiKeys)
    .innerJoin(areas, eq(areas.id, apiKeys.areaId))
    .where(and(eq(apiKeys.id, id), inScope(ctx.user, apiKeys.areaId)))
    .for("update", { of: apiKeys })
    .limit(1);
  if (!row) throw notFound("api_key");
  if (!row.revokedAt) {
    await tx.update(apiKeys).set({ revokedAt: new Date(), revokedBy: ctx.user.id }).where(eq(apiKeys.id, id));
    await writeAudit(tx, ctx, { action: "apikey.revoke", targetType: "api_key", targetId: id, areaPath: row.path, after: { prefix: row.prefix } });
  }
  return { ok: true as const };
}

/** The keys of the caller's scope: active ones first, newest first; only the prefix of each key. */
export async function listApiKeys(db: DbOrTx, user: AuthUser): Promise<{ items: ApiKeyItem[]; total: number }> {
  const rows = await db
    .select({ k: apiKeys, areaName: areas.name, areaLevel: areas.level, createdByName: users.displayName })
    .from(apiKeys)
    .innerJoin(areas, eq(areas.id, apiKeys.areaId))
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(inScope(user, apiKeys.areaId))
    .orderBy(sql`${apiKeys.revokedAt} IS NOT NULL`, desc(apiKeys.createdAt))
    .limit(500);
  const items = rows.map(({ k, areaName, areaLevel, createdByName }) => ({
    id: k.id,
    name: k.name,
    purpose: k.purpose,
    prefix: k.prefix,
    area: { id: k.areaId, name: areaName, level: areaLevel },
    ratePerMinute: k.ratePerMinute,
    useCount: k.useCount,
    lastUsedAt: isoInstantOrNull(k.lastUsedAt),
    createdAt: isoInstant(k.createdAt),
    createdByName: createdByName ?? null,
    revokedAt: isoInstantOrNull(k.revokedAt),
  }));
  return { items, total: items.length };
}
