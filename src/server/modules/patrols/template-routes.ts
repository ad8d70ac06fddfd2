import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { changeTemplateBody, createTemplateBody, idParams, templateDetail, templateListQuery, templateListReply } from "../../../contracts/patrols";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { notFound } from "../../platform/errors";
import { createTemplate } from "./create-template";
import { changeTemplate } from "./change-template";
import { loadTemplate, presentTemplate, selectItems, selectTemplates } from "./template-queries";
import { isoInstant } from "../../platform/instants";

const TAGS = ["patrols"];

export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/patrols/templates",
    { schema: { tags: TAGS, summary: "Checklist templates the caller may use (current versions unless history=true)", querystring: templateListQuery, response: { 200: templateListReply } }, config: { policy: "patrol:read" } },
    async (request) => ({
      items: (await selectTemplates(db, signedIn(request).user, request.query)).map((t) => ({ ...t, communityId: t.communityId ?? null, createdAt: isoInstant(t.createdAt) })),
    }),
  );

  app.get(
    "/patrols/templates/:id",
    { schema: { tags: TAGS, summary: "A template version with its items", params: idParams, response: { 200: templateDetail } }, config: { policy: "patrol:read" } },
    async (request) => {
      const t = await loadTemplate(db, signedIn(request).user, request.params.id);
      if (!t) throw notFound("template");
      return presentTemplate(t, await selectItems(db, t.id));
    },
  );

  app.post(
    "/patrols/templates",
    { schema: { tags: TAGS, summary: "Create a template (a new family, version 1) for the caller's community", body: createTemplateBody, response: { 200: templateDetail } }, config: { policy: "patrol:plan" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createTemplate(tx, ctx, request.body) })),
  );

  app.post(
    "/patrols/templates/:id/versions",
    {
      schema: { tags: TAGS, summary: "Change a template: makes the next version; open tasks keep theirs", params: idParams, body: changeTemplateBody, response: { 200: templateDetail } },
      config: { policy: "patrol:plan" },
    },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await changeTemplate(tx, ctx, request.params.id, request.body) })),
  );
};
