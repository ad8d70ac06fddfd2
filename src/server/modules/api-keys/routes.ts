import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ok } from "../../../contracts/common";
import { apiKeyIdParams, apiKeyList, createApiKeyBody, createdApiKey } from "../../../contracts/api-keys";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { issueApiKey, listApiKeys, revokeApiKey } from "./manage-keys";

const TAGS = ["api-keys"];

/** Keys of partner systems (Open311 clients, the 12345 hotline), issued and revoked by staff. */
export const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/api-keys",
    { schema: { tags: TAGS, summary: "Keys of the caller's scope (prefix only), active first", response: { 200: apiKeyList } }, config: { policy: "apikey:manage" } },
    async (request) => listApiKeys(db, signedIn(request).user),
  );

  app.post(
    "/api-keys",
    { schema: { tags: TAGS, summary: "Issue a key for a community or street (the key is in this answer only)", body: createApiKeyBody, response: { 200: createdApiKey } }, config: { policy: "apikey:manage", rateLimit: { max: 30, timeWindow: "1 minute" } } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await issueApiKey(ctx, tx, request.body) })),
  );

  app.post(
    "/api-keys/:id/revoke",
    { schema: { tags: TAGS, summary: "Revoke a key (its next use answers 403)", params: apiKeyIdParams, response: { 200: ok } }, config: { policy: "apikey:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await revokeApiKey(ctx, tx, request.params.id) })),
  );
};
