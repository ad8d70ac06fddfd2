import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  baseQuery,
  baseReply,
  createFeatureBody,
  deletedReply,
  featureIdParams,
  featureReply,
  reverseQuery,
  reverseReply,
  searchQuery,
  searchReply,
  updateFeatureBody,
} from "../../../contracts/maps";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { baseArea, baseLayerBody, baseVersion } from "./base-layer";
import { createFeature, deleteFeature, updateFeature } from "./edit-features";
import { reverseAddress } from "./reverse-address";
import { searchAddresses } from "./search-addresses";

const TAGS = ["maps"];

export const mapRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const { db } = deps.database;

  app.get(
    "/map/base",
    {
      schema: { tags: TAGS, summary: "The base map of the caller's community (or of an area in scope) as GeoJSON, cached by ETag", querystring: baseQuery, response: { 200: baseReply } },
      config: { policy: "map:read" },
    },
    async (request, reply) => {
      const { user } = signedIn(request);
      const area = await baseArea(db, user, request.query.areaId);
      const version = await baseVersion(db, area);
      const etag = `"${version}"`;
      reply.header("etag", etag).header("cache-control", "private, max-age=300").header("vary", "cookie");
      const held = String(request.headers["if-none-match"] ?? "");
      if (held && held.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return (reply as unknown as FastifyReply).code(304).send();
      const body = await baseLayerBody(db, area, version);
      // Already serialised (and cached): sent as it is.
      return reply.type("application/json; charset=utf-8").send(body as never);
    },
  );

  app.get(
    "/map/search",
    {
      schema: { tags: TAGS, summary: "Offline address search: compounds, buildings, units, places and streets by name or pinyin initials", querystring: searchQuery, response: { 200: searchReply } },
      config: { policy: "map:read" },
    },
    async (request) => {
      const { user } = signedIn(request);
      return { items: await searchAddresses(db, user, request.query.q, request.query.limit) };
    },
  );

  app.get(
    "/map/reverse",
    {
      schema: { tags: TAGS, summary: "The nearest address to a WGS-84 point (building or street), with its grid and microgrid", querystring: reverseQuery, response: { 200: reverseReply } },
      config: { policy: "map:read" },
    },
    async (request) => {
      const { user } = signedIn(request);
      return reverseAddress(db, user, request.query.lng, request.query.lat);
    },
  );

  app.post(
    "/map/features",
    { schema: { tags: TAGS, summary: "Draw a street, river, water or green area", body: createFeatureBody, response: { 200: featureReply } }, config: { policy: "map:edit" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createFeature(tx, ctx, request.body) })),
  );

  app.patch(
    "/map/features/:id",
    {
      schema: { tags: TAGS, summary: "Edit a map feature, or redraw a building footprint or compound outline", params: featureIdParams, body: updateFeatureBody, response: { 200: featureReply } },
      config: { policy: "map:edit" },
    },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await updateFeature(tx, ctx, request.params.id, request.body) })),
  );

  app.delete(
    "/map/features/:id",
    { schema: { tags: TAGS, summary: "Remove a map feature", params: featureIdParams, response: { 200: deletedReply } }, config: { policy: "map:edit" } },
    async (request) =>
      runWrite(deps, request, async (tx, ctx) => {
        await deleteFeature(tx, ctx, request.params.id);
        return { value: { ok: true as const } };
      }),
  );
};
