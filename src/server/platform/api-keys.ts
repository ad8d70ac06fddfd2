import { createHash, randomBytes } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../db/client";
import type { ApiKeyPurpose } from "../../contracts/api-keys";
import { API_KEY_HEADER } from "../../contracts/api-keys";
import type { RequestContext, SignedInContext } from "./context";
import { AppError } from "./errors";
import { auditInsert } from "./audit";
import { can, type Permission } from "./policy";

/**
 * Keys of partner systems (Open311 clients, the 12345 hotline). A key is 32 random bytes shown once
 * at issue; only its SHA-256 is stored, with its first characters to recognise it in lists. A key
 * belongs to one area (a community or a street) and opens one purpose; it is rate-limited per minute
 * (the count is kept on its row, so every server process shares it), revocable, and every use writes
 * an audit row, refused ones too.
 */

export const API_KEY_PREFIX_LENGTH = 10;

/** A fresh key: `ll_` and 43 base64url characters. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `ll_${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX_LENGTH), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The system a key stands for, with the area it may act in. */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  prefix: string;
  purpose: ApiKeyPurpose;
  areaId: string;
  areaPath: string;
  /** The community of a community key; null for a street key. */
  communityId: string | null;
}

/**
 * Checks a presented key for a purpose and counts the use against its per-minute limit, in one
 * statement that also writes the audit row (committed at once, whatever the request does next).
 * A missing, unknown or revoked key answers 403, one over the limit 429.
 */
export async function authenticateApiKey(db: DbOrTx, ctx: RequestContext, presented: string | undefined, purpose: ApiKeyPurpose, route: string): Promise<ApiKeyPrincipal> {
  if (!presented) throw new AppError("FORBIDDEN", { reason: "api_key_missing" });
  const hash = hashApiKey(presented);
  const used = rowsOf<{ id: string; name: string; prefix: string; purpose: ApiKeyPurpose; area_id: string; path: string; community_id: string | null; window_count: number; rate_per_minute: number }>(
    await db.execute(sql`
      WITH k AS (
        UPDATE api_keys SET
          window_count = CASE WHEN window_start = date_trunc('minute', now()) THEN window_count + 1 ELSE 1 END,
          window_start = date_trunc('minute', now()),
          use_count = use_count + 1,
          last_used_at = now()
        WHERE key_hash = ${hash} AND revoked_at IS NULL AND purpose = ${purpose}
        RETURNING id, name, prefix, purpose, area_id, community_id, window_count, rate_per_minute
      )
      SELECT k.*, a.path FROM k JOIN areas a ON a.id = k.area_id`),
  );
  const key = used[0];
  if (!key) {
    // A revoked key (or one of another purpose) is known: its refusal is audited under its area.
    const [known] = rowsOf<{ id: string; path: string; revoked: boolean }>(
      await db.execute(sql`SELECT k.id, a.path, k.revoked_at IS NOT NULL AS revoked FROM api_keys k JOIN areas a ON a.id = k.area_id WHERE k.key_hash = ${hash}`),
    );
    if (known) {
      await auditInsert(db, ctx, { action: "apikey.refused", targetType: "api_key", targetId: known.id, areaPath: known.path, after: { route, reason: known.revoked ? "revoked" : "purpose" } });
      throw new AppError("FORBIDDEN", { reason: known.revoked ? "api_key_revoked" : "api_key_purpose" });
    }
    throw new AppError("FORBIDDEN", { reason: "api_key_invalid" });
  }
  const limited = Number(key.window_count) > Number(key.rate_per_minute);
  await auditInsert(db, ctx, { action: limited ? "apikey.limited" : "apikey.use", targetType: "api_key", targetId: key.id, areaPath: key.path, after: { route, purpose } });
  if (limited) throw new AppError("RATE_LIMITED", { reason: "api_key_rate" });
  return { id: key.id, name: key.name, prefix: key.prefix, purpose: key.purpose, areaId: key.area_id, areaPath: key.path, communityId: key.community_id };
}

/** Who calls a route open to both partner systems and staff: a key (header) or a signed-in user with the permission. */
export type KeyOrUser = { kind: "key"; key: ApiKeyPrincipal; ctx: RequestContext } | { kind: "user"; ctx: SignedInContext };

/**
 * For routes declared with `config.apiKey`: a request that carries the key header is a partner
 * system's (the key is checked here); any other must be signed in with the route's permission
 * (`platform/http.ts` has already enforced it).
 */
export async function keyOrUser(db: DbOrTx, request: FastifyRequest, purpose: ApiKeyPurpose, permission: Permission): Promise<KeyOrUser> {
  const header = request.headers[API_KEY_HEADER];
  if (header !== undefined) {
    const presented = Array.isArray(header) ? header[0] : header;
    const key = await authenticateApiKey(db, request.ctx, presented, purpose, `${request.method} ${request.routeOptions.url}`);
    return { kind: "key", key, ctx: { ...request.ctx, user: null } };
  }
  const user = request.ctx.user;
  if (!user) throw new AppError("UNAUTHENTICATED");
  if (!can(user.role, permission)) throw new AppError("FORBIDDEN");
  return { kind: "user", ctx: request.ctx as SignedInContext };
}
