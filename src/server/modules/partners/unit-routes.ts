import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { and, eq, sql } from "drizzle-orm";
import {
  agreementBody,
  created,
  givingBody,
  idParams,
  matchQuery,
  matchReply,
  partnerMeasuresQuery,
  partnerMeasuresReply,
  unitBody,
  unitDetail,
  unitListQuery,
  unitListReply,
  unitRecordReply,
  yearQuery,
} from "../../../contracts/partners";
import { partnerUnits } from "../../db/schema/partners";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { AppError, notFound } from "../../platform/errors";
import { areaInScope, homeArea } from "../../platform/scope";
import { communityVisible } from "./community-scope";
import { localDay } from "../../platform/clock";
import { createUnit } from "./create-unit";
import { createAgreement } from "./create-agreement";
import { recordGiving } from "./record-giving";
import { matchUnits } from "./match-units";
import { unitRecord } from "./unit-record";
import { computePartnerMeasures } from "./measures";
import { presentAgreement, presentUnit } from "./present-unit";
import { selectAgreementsWithItems, selectUnits } from "./unit-queries";

const TAGS = ["partners"];

/** Partner units (共建单位), their agreements, matching, yearly record and the measures. */
export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/partners/units",
    { schema: { tags: TAGS, summary: "Partner units with the agreement in force today", querystring: unitListQuery, response: { 200: unitListReply } }, config: { policy: "partner:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const q = request.query;
      const rows = await selectUnits(
        db,
        and(
          communityVisible(user, partnerUnits.communityId),
          q.communityId ? eq(partnerUnits.communityId, q.communityId) : undefined,
          q.kind ? eq(partnerUnits.kind, q.kind) : undefined,
          q.bigCommittee ? eq(partnerUnits.bigCommittee, q.bigCommittee === "true") : undefined,
          q.q ? sql`${partnerUnits.name} LIKE ${"%" + q.q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"}` : undefined,
        ),
        localDay(),
      );
      return { items: rows.map((r) => presentUnit(r, deps.cipher)), total: rows.length, totalCapped: false };
    },
  );

  app.post(
    "/partners/units",
    { schema: { tags: TAGS, summary: "Register a partner unit", body: unitBody, response: { 200: created } }, config: { policy: "partner:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createUnit(deps, ctx, tx, request.body) })),
  );

  app.get(
    "/partners/units/:id",
    { schema: { tags: TAGS, summary: "A partner unit with its agreements and their three lists", params: idParams, response: { 200: unitDetail } }, config: { policy: "partner:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const today = localDay();
      const [row] = await selectUnits(db, and(eq(partnerUnits.id, request.params.id), communityVisible(user, partnerUnits.communityId)), today);
      if (!row) throw notFound("partner unit");
      const { agreementRows, itemRows } = await selectAgreementsWithItems(db, [row.u.id]);
      return { ...presentUnit(row, deps.cipher), agreements: agreementRows.map((a) => presentAgreement(a, itemRows, today)) };
    },
  );

  app.post(
    "/partners/units/:id/agreements",
    {
      schema: { tags: TAGS, summary: "Sign a co-building agreement (409 when it overlaps another of the unit)", params: idParams, body: agreementBody, response: { 200: created } },
      config: { policy: "partner:manage" },
    },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createAgreement(ctx, tx, request.params.id, request.body) })),
  );

  app.post(
    "/partners/units/:id/givings",
    { schema: { tags: TAGS, summary: "Record a resource the unit actually gave", params: idParams, body: givingBody, response: { 200: created } }, config: { policy: "partner:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await recordGiving(ctx, tx, request.params.id, request.body) })),
  );

  app.get(
    "/partners/units/:id/record",
    {
      schema: { tags: TAGS, summary: "The unit's yearly record: meetings attended, resources given, activities joined", params: idParams, querystring: yearQuery, response: { 200: unitRecordReply } },
      config: { policy: "partner:read" },
    },
    async (request) => unitRecord(db, signedIn(request).user, request.params.id, request.query.year ?? Number(localDay().slice(0, 4))),
  );

  app.get(
    "/partners/match",
    {
      schema: { tags: TAGS, summary: "Units whose agreements in force offer what a need or a case category asks for", querystring: matchQuery, response: { 200: matchReply } },
      config: { policy: "partner:read" },
    },
    async (request) => matchUnits(db, signedIn(request).user, request.query),
  );

  app.get(
    "/partners/measures",
    {
      schema: { tags: TAGS, summary: "Partner, talent and activity measures for an area and period", querystring: partnerMeasuresQuery, response: { 200: partnerMeasuresReply } },
      config: { policy: "partner:read" },
    },
    async (request) => {
      const { user } = signedIn(request);
      const area = request.query.areaId ? await areaInScope(db, user, request.query.areaId) : await homeArea(db, user);
      if (request.query.from > request.query.to) throw new AppError("VALIDATION_FAILED", [{ path: "/from", message: "from is after to" }]);
      const m = await computePartnerMeasures(db, { area, from: request.query.from, to: request.query.to });
      return { area: { id: area.id, name: area.name }, ...m };
    },
  );
};
