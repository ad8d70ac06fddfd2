import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  areaTreeReply,
  locateQuery,
  locateReply,
  overviewQuery,
  overviewReply,
  placesQuery,
  placesReply,
} from "../../../contracts/areas";
import { signedIn } from "../../platform/http";
import { areaInScope, homeArea } from "../../platform/scope";
import { can } from "../../platform/policy";
import { presentPlace } from "./present-place";
import { selectAreasAtPoint, selectGridWorkers, selectOverviewCounts, selectPlaces, selectSubtree } from "./queries";

const TAGS = ["areas"];

export const areaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;

  app.get(
    "/areas/tree",
    { schema: { tags: TAGS, summary: "The caller's area and its subtree, with boundaries", response: { 200: areaTreeReply } }, config: { policy: "area:read" } },
    async (request) => {
      const { user } = signedIn(request);
      if (!user.areaPath) return { items: [] };
      const items = await selectSubtree(db, user.areaPath);
      // Staff see who works each grid (the area map names them); other callers get the areas only.
      if (!can(user.role, "patrol:read")) return { items };
      const workers = new Map<string, Array<{ id: string; name: string }>>();
      for (const w of await selectGridWorkers(db, user.areaPath)) workers.set(w.area_id, [...(workers.get(w.area_id) ?? []), { id: w.id, name: w.name }]);
      return { items: items.map((a) => (a.level === "grid" || a.level === "microgrid" ? { ...a, workers: workers.get(a.id) ?? [] } : a)) };
    },
  );

  app.get(
    "/areas/locate",
    {
      schema: { tags: TAGS, summary: "Resolve a point to its community, grid and microgrid", querystring: locateQuery, response: { 200: locateReply } },
      config: { policy: "area:locate" },
    },
    async (request) => {
      const rows = await selectAreasAtPoint(db, [request.query.lng, request.query.lat]);
      const pick = (level: string) => {
        const r = rows.find((x) => x.level === level);
        return r ? { id: r.id, name: r.name, code: r.code } : null;
      };
      return { community: pick("community"), grid: pick("grid"), microgrid: pick("microgrid") };
    },
  );

  app.get(
    "/overview",
    {
      schema: { tags: TAGS, summary: "Counts of an area (default: the caller's) at a glance", querystring: overviewQuery, response: { 200: overviewReply } },
      config: { policy: "overview:read" },
    },
    async (request) => {
      const { user } = signedIn(request);
      const area = request.query.areaId ? await areaInScope(db, user, request.query.areaId) : await homeArea(db, user);
      const counts = await selectOverviewCounts(db, area.path);
      return { area: { id: area.id, name: area.name, level: area.level }, counts: counts as never };
    },
  );

  app.get(
    "/places",
    { schema: { tags: TAGS, summary: "Places of a kind in the caller's scope", querystring: placesQuery, response: { 200: placesReply } }, config: { policy: "place:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const area = request.query.areaId ? await areaInScope(db, user, request.query.areaId) : await homeArea(db, user);
      const showContact = can(user.role, "place:contact");
      return { items: (await selectPlaces(db, area.path, request.query.kind)).map((p) => presentPlace(p, app.deps.cipher, showContact)) };
    },
  );
};
