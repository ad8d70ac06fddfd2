import fs from "node:fs";
import path from "node:path";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { code as codeText, line } from "../../../contracts/bounded";
import { and, asc, eq, sql } from "drizzle-orm";
import {
  buildingsReply,
  carePeopleQuery,
  carePeopleReply,
  compoundsReply,
  correctionBody,
  householdDetail,
  householdsReply,
  idParams,
  importReply,
  moveOutBody,
  newHouseholdBody,
  newPersonBody,
  ownRecordReply,
  personDetail,
  setTagBody,
  tagsReply,
  unmaskBody,
  unmaskReply,
  updatePersonBody,
  visitBody,
  visitReply,
} from "../../../contracts/registry";
import { ok } from "../../../contracts/common";
import { areas } from "../../db/schema/areas";
import { compounds, households } from "../../db/schema/places";
import { partyMembers, partyOrgs } from "../../db/schema/party";
import { importJobs, tagDefinitions } from "../../db/schema/registry";
import { signedIn } from "../../platform/http";
import { AppError, notFound } from "../../platform/errors";
import { readingMultipart, safeFileName } from "../../platform/uploads";
import { areaInScope, homeArea, inScope } from "../../platform/scope";
import { runWrite } from "../../platform/write";
import { can } from "../../platform/policy";
import { rowsOf } from "../../db/client";
import { presentMember } from "./present-person";
import { selectBuildings, selectCompounds, selectHistory, selectHouseholds, selectMembers, selectTags, selectVisits } from "./queries";
import { addMember, createHousehold, loadBuildingInScope, loadHouseholdInScope, loadPersonInScope, moveOutHousehold, moveOutPerson, removeTag, setTag, unmaskPerson, updatePerson } from "./manage-people";
import { seesRestricted } from "./tag-visibility";
import { recordVisit } from "./record-visit";
import { getOwnRecord, requestCorrection } from "./self-record";
import { settleCorrection } from "./settle-correction";
import { showProposed } from "./correction-values";
import { importPeople, importTemplate } from "./import-people";
import { exportPeople } from "./export-people";
import { listCarePeople } from "./list-care-people";
import { isoInstant } from "../../platform/instants";
import { localDay } from "../../platform/clock";

const TAGS = ["registry"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const created = z.object({ id: z.string().uuid() });
const attachment = (name: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get("/registry/tags", { schema: { tags: TAGS, summary: "The tag dictionary (restricted tags only for those allowed)", response: { 200: tagsReply } }, config: { policy: "authenticated" } }, async (request) => {
    const { user } = signedIn(request);
    const rows = await db.select().from(tagDefinitions).where(eq(tagDefinitions.active, true)).orderBy(asc(tagDefinitions.sortOrder));
    return { items: rows.filter((r) => !r.restricted || seesRestricted(user)).map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn, kind: r.kind, restricted: r.restricted, visitFrequency: r.visitFrequency })) };
  });

  app.get(
    "/registry/compounds",
    { schema: { tags: TAGS, summary: "Compounds of the caller's scope with counts", querystring: z.strictObject({ areaId: z.string().uuid().optional() }), response: { 200: compoundsReply } }, config: { policy: "person:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const area = request.query.areaId ? await areaInScope(db, user, request.query.areaId) : await homeArea(db, user);
      return { items: await selectCompounds(db, area.path) };
    },
  );

  app.get(
    "/registry/care-people",
    { schema: { tags: TAGS, summary: "People with care tags in the caller's scope, due visits first", querystring: carePeopleQuery, response: { 200: carePeopleReply } }, config: { policy: "person:read" } },
    async (request) => listCarePeople(deps, signedIn(request), request.query),
  );

  app.get(
    "/registry/compounds/:id/buildings",
    { schema: { tags: TAGS, summary: "Buildings of a compound", params: idParams, response: { 200: buildingsReply } }, config: { policy: "person:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const [c] = await db.select({ id: compounds.id, areaId: compounds.areaId }).from(compounds).where(eq(compounds.id, request.params.id)).limit(1);
      if (!c) throw notFound("compound");
      await areaInScope(db, user, c.areaId);
      return { items: await selectBuildings(db, c.id) };
    },
  );

  app.get(
    "/registry/buildings/:id/households",
    {
      schema: { tags: TAGS, summary: "Households of a building", params: idParams, querystring: z.strictObject({ archived: z.enum(["true", "false"]).optional() }), response: { 200: householdsReply } },
      config: { policy: "person:read" },
    },
    async (request) => {
      const b = await loadBuildingInScope(db, signedIn(request), request.params.id);
      return { items: await selectHouseholds(db, b.id, request.query.archived === "true") };
    },
  );

  app.get(
    "/registry/households/:id",
    { schema: { tags: TAGS, summary: "A household: members (masked), history, visits", params: idParams, response: { 200: householdDetail } }, config: { policy: "person:read" } },
    async (request) => {
      const ctx = signedIn(request);
      const h = await loadHouseholdInScope(db, ctx, request.params.id);
      const members = await selectMembers(db, h.id, true);
      const tags = await selectTags(db, members.map((m) => m.id), seesRestricted(ctx.user));
      const active = members.filter((m) => m.status === "active");
      return {
        id: h.id,
        buildingId: h.buildingId,
        unitNo: h.unitNo,
        roomNo: h.roomNo,
        address: h.address,
        status: h.status,
        movedInOn: h.movedInOn,
        movedOutOn: h.movedOutOn,
        head: active.find((m) => m.relation === "head")?.name ?? null,
        members: active.length,
        tags: [...new Set(active.flatMap((m) => (tags.get(m.id) ?? []).map((t) => t.name)))],
        people: members.map((m) => presentMember(m, tags.get(m.id) ?? [], deps.cipher)),
        history: (await selectHistory(db, h.id)).map((e) => ({ ...e, at: isoInstant(e.at) })),
        visits: await selectVisits(db, ctx.user, { householdId: h.id }),
      };
    },
  );

  app.post("/registry/households", { schema: { tags: TAGS, summary: "Register a household with its members", body: newHouseholdBody, response: { 200: created.extend({ personIds: z.array(z.string().uuid()) }) } }, config: { policy: "person:write" } }, async (request) =>
    createHousehold(deps, signedIn(request), request.body),
  );

  app.post(
    "/registry/households/:id/members",
    { schema: { tags: TAGS, summary: "A member joins a household", params: idParams, body: newPersonBody, response: { 200: created } }, config: { policy: "person:write" } },
    async (request) => addMember(deps, signedIn(request), request.params.id, request.body),
  );

  app.post(
    "/registry/households/:id/move-out",
    { schema: { tags: TAGS, summary: "The household moves out (archived, kept until purged)", params: idParams, body: moveOutBody, response: { 200: created } }, config: { policy: "person:write" } },
    async (request) => moveOutHousehold(deps, signedIn(request), request.params.id, request.body),
  );

  app.get("/registry/people/:id", { schema: { tags: TAGS, summary: "A person (masked)", params: idParams, response: { 200: personDetail } }, config: { policy: "person:read" } }, async (request) => {
    const ctx = signedIn(request);
    const p = await loadPersonInScope(db, ctx, request.params.id);
    const tags = (await selectTags(db, [p.id], seesRestricted(ctx.user))).get(p.id) ?? [];
    const [h] = p.householdId ? await db.select({ address: households.address }).from(households).where(eq(households.id, p.householdId)).limit(1) : [];
    const [community] = await db.select({ name: areas.name }).from(areas).where(eq(areas.id, p.communityId)).limit(1);
    const [org] = await db.select({ name: partyOrgs.name }).from(partyMembers).innerJoin(partyOrgs, eq(partyOrgs.id, partyMembers.orgId)).where(eq(partyMembers.personId, p.id)).limit(1);
    return { ...presentMember(p, tags, deps.cipher), birthDate: p.birthDate, householdId: p.householdId, address: h?.address ?? null, communityName: community?.name ?? "", partyOrg: org?.name ?? null };
  });

  app.patch(
    "/registry/people/:id",
    { schema: { tags: TAGS, summary: "Change a person's name, phone, relation or residence type", params: idParams, body: updatePersonBody, response: { 200: created } }, config: { policy: "person:write" } },
    async (request) => updatePerson(deps, signedIn(request), request.params.id, request.body),
  );

  app.post(
    "/registry/people/:id/move-out",
    { schema: { tags: TAGS, summary: "A member moves out of the household", params: idParams, body: moveOutBody, response: { 200: created } }, config: { policy: "person:write" } },
    async (request) => moveOutPerson(deps, signedIn(request), request.params.id, request.body),
  );

  app.post(
    "/registry/people/:id/unmask",
    { schema: { tags: TAGS, summary: "Show the full ID number and phone, for a typed reason (audited)", params: idParams, body: unmaskBody, response: { 200: unmaskReply } }, config: { policy: "person:unmask", rateLimit: { max: 30, timeWindow: "1 minute" } } },
    async (request) => unmaskPerson(deps, signedIn(request), request.params.id, request.body.reason),
  );

  app.post(
    "/registry/people/:id/tags",
    { schema: { tags: TAGS, summary: "Set a care or attention tag", params: idParams, body: setTagBody, response: { 200: created } }, config: { policy: "person:write" } },
    async (request) => {
      const r = await setTag(deps, signedIn(request), request.params.id, request.body);
      return { id: r.id };
    },
  );

  app.delete(
    "/registry/people/:id/tags/:code",
    { schema: { tags: TAGS, summary: "Remove a tag (kept as history)", params: z.strictObject({ id: z.string().uuid(), code: codeText(40) }), response: { 200: ok } }, config: { policy: "person:write" } },
    async (request) => {
      await removeTag(deps, signedIn(request), request.params.id, request.params.code);
      return { ok: true as const };
    },
  );

  app.post(
    "/registry/visits",
    { schema: { tags: TAGS, summary: "Record a home visit (走访); completes the caller's patrol task of the target (409 reassigned / already_done)", body: visitBody, response: { 200: visitReply } }, config: { policy: "visit:write" } },
    async (request) => runWrite(deps, request, (tx, ctx) => recordVisit(tx, ctx, request.body)),
  );

  app.get("/registry/import/template", { schema: { tags: TAGS, summary: "The people import template (.xlsx)" }, config: { policy: "person:import" } }, async (_request, reply) =>
    reply.type(XLSX).header("content-disposition", attachment("人口信息导入模板.xlsx")).send(await importTemplate()),
  );

  app.post(
    "/registry/import",
    {
      schema: { tags: TAGS, summary: "Import people from .xlsx (multipart: file, mode = all_or_nothing | valid_only)", response: { 200: importReply } },
      config: { policy: "person:import", rateLimit: { max: 10, timeWindow: "1 minute" } },
      bodyLimit: 30 * 1024 * 1024,
    },
    async (request) => {
      const ctx = signedIn(request);
      if (!request.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE", { expected: "multipart/form-data" });
      let mode: "all_or_nothing" | "valid_only" = "all_or_nothing";
      let file = null as { bytes: Buffer; name: string } | null;
      // A truncated or malformed body (busboy's "Unexpected end of form", FST_* errors) answers 4xx.
      await readingMultipart(async () => {
        for await (const part of request.parts({ limits: { fileSize: 30 * 1024 * 1024, files: 1 } })) {
          if (part.type === "field" && part.fieldname === "mode") {
            if (part.value !== "all_or_nothing" && part.value !== "valid_only") throw new AppError("VALIDATION_FAILED", [{ path: "/mode", message: "all_or_nothing | valid_only" }]);
            mode = part.value;
          } else if (part.type === "file") {
            file = { bytes: await part.toBuffer(), name: safeFileName(part.filename) };
          }
        }
      }, 30 * 1024 * 1024);
      if (!file) throw new AppError("VALIDATION_FAILED", [{ path: "/file", message: "missing file" }]);
      return importPeople(deps, ctx, { bytes: file.bytes, fileName: file.name, mode });
    },
  );

  app.get(
    "/registry/imports/:id/report",
    { schema: { tags: TAGS, summary: "The rejected rows of an import (only for the user who imported)", params: idParams }, config: { policy: "person:import" } },
    async (request, reply) => {
      const { user } = signedIn(request);
      const [job] = await db.select().from(importJobs).where(and(eq(importJobs.id, request.params.id), eq(importJobs.userId, user.id))).limit(1);
      if (!job?.reportKey) throw notFound("report");
      const full = path.join(deps.config.dataDir, job.reportKey);
      if (!fs.existsSync(full)) throw notFound("report");
      return reply.type(XLSX).header("content-disposition", attachment("导入结果.xlsx")).send(fs.createReadStream(full));
    },
  );

  app.get(
    "/registry/export",
    {
      schema: {
        tags: TAGS,
        summary: "Export a filtered people list (.xlsx), masked unless unmask=true with a reason",
        querystring: z.strictObject({
          q: line(40, 0).optional(),
          address: line(60, 0).optional(),
          tag: codeText(40).optional(),
          areaId: z.string().uuid().optional(),
          unmask: z.enum(["true", "false"]).optional(),
          reason: line(200, 4).optional(),
        }),
      },
      config: { policy: "person:export" },
    },
    async (request, reply) => {
      const ctx = signedIn(request);
      const { unmask, reason, ...filter } = request.query;
      let unmasked: { reason: string } | null = null;
      if (unmask === "true") {
        if (!can(ctx.user.role, "person:unmask")) throw new AppError("FORBIDDEN");
        if (!reason) throw new AppError("VALIDATION_FAILED", [{ path: "/reason", message: "required" }]);
        unmasked = { reason };
      }
      const buf = await exportPeople(deps, ctx, filter, unmasked);
      return reply.type(XLSX).header("content-disposition", attachment(`人口信息-${localDay()}.xlsx`)).send(buf);
    },
  );

  app.get(
    "/registry/corrections",
    {
      schema: { tags: TAGS, summary: "Open correction requests of residents in the caller's scope", response: { 200: z.object({ items: z.array(z.object({ id: z.string(), personId: z.string(), personName: z.string(), field: z.string(), proposed: z.string(), note: z.string().nullable(), createdAt: z.string() })) }) } },
      config: { policy: "person:write" },
    },
    async (request) => {
      const { user } = signedIn(request);
      const rows = await db.execute(sql`
        SELECT r.id, r.person_id AS "personId", p.name AS "personName", r.field, r.proposed, r.note, r.created_at AS "createdAt"
        FROM correction_requests r JOIN persons p ON p.id = r.person_id
        WHERE r.status = 'open' AND ${inScope(user, sql`p.area_id`)}
        ORDER BY r.created_at`);
      const items = rowsOf<{ id: string; personId: string; personName: string; field: string; proposed: string; note: string | null; createdAt: string | Date }>(rows);
      return { items: items.map((r) => ({ ...r, proposed: showProposed(deps.cipher, r.field, r.proposed), createdAt: isoInstant(r.createdAt) })) };
    },
  );

  app.post(
    "/registry/corrections/:id",
    { schema: { tags: TAGS, summary: "Settle a correction request", params: idParams, body: z.strictObject({ status: z.enum(["done", "rejected"]) }), response: { 200: ok } }, config: { policy: "person:write" } },
    async (request) => {
      await settleCorrection(deps, signedIn(request), request.params.id, request.body.status);
      return { ok: true as const };
    },
  );

  app.get(
    "/me/person",
    {
      schema: {
        tags: TAGS,
        summary: "The caller's own registry record (residents)",
        response: { 200: ownRecordReply },
      },
      config: { policy: "authenticated" },
    },
    async (request) => getOwnRecord(deps, signedIn(request)),
  );

  app.post("/me/person/corrections", { schema: { tags: TAGS, summary: "Ask for a correction of one's own record", body: correctionBody, response: { 200: created } }, config: { policy: "authenticated", rateLimit: { max: 10, timeWindow: "1 minute" } } }, async (request) =>
    requestCorrection(deps, signedIn(request), request.body),
  );
};
