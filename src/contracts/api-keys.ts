import { z } from "zod";
import { uuid } from "./common";
import { int, line } from "./bounded";

export const API_KEY_PURPOSE_VALUES = ["open311", "hotline"] as const;
export const apiKeyPurpose = z.enum(API_KEY_PURPOSE_VALUES);
export type ApiKeyPurpose = z.infer<typeof apiKeyPurpose>;

/** The header partner systems send their key in (the Open311 POST takes the spec's `api_key` field instead). */
export const API_KEY_HEADER = "x-api-key";

/** A new key for a partner system, for one community or street of the issuer's scope. */
export const createApiKeyBody = z.strictObject({
  name: line(60),
  purpose: apiKeyPurpose,
  areaId: uuid,
  ratePerMinute: int({ min: 1, max: 600 }).default(60),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;

export const apiKeyIdParams = z.strictObject({ id: uuid });

/** The key itself is in this answer only: it is stored hashed. */
export const createdApiKey = z.object({ id: uuid, key: z.string(), prefix: z.string() });

export const apiKeyItem = z.object({
  id: uuid,
  name: z.string(),
  purpose: apiKeyPurpose,
  prefix: z.string(),
  area: z.object({ id: uuid, name: z.string(), level: z.string() }),
  ratePerMinute: z.number(),
  useCount: z.number(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyItem = z.infer<typeof apiKeyItem>;
export const apiKeyList = z.object({ items: z.array(apiKeyItem), total: z.number() });
