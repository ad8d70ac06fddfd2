import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idempotencyHeaders } from "../../../contracts/common";
import {
  idParams,
  okReply,
  programmeBody,
  programmeDetail,
  programmeListReply,
  recheckBody,
  recheckReply,
  rectificationBody,
  rectificationItem,
  rectificationListQuery,
  rectificationListReply,
} from "../../../contracts/enterprise";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { programmeLedgerXlsx } from "./ledger";
import { createProgramme, getProgramme, listProgrammes } from "./programmes";
import { getRectification, issueRectification, listRectifications, recheck } from "./rectifications";

const TAGS = ["inspections"];

/** Inspection programmes over places, their ledgers, and 责令整改 notices with their 复查. */
export const inspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get("/inspection-programmes", { schema: { tags: TAGS, summary: "Inspection programmes with checks, pass rate and rider participation", response: { 200: programmeListReply } }, config: { policy: "inspection:read" } }, async (request) =>
    listProgrammes(db, signedIn(request).user),
  );
  app.post(
    "/inspection-programmes",
    { schema: { tags: TAGS, summary: "Create an inspection programme over places (their patrol checklist of its kind)", headers: idempotencyHeaders, body: programmeBody, response: { 200: okReply } }, config: { policy: "inspection:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createProgramme(ctx, tx, request.body) })),
  );
  app.get("/inspection-programmes/:id", { schema: { tags: TAGS, summary: "A programme with its failed checks and their notices", params: idParams, response: { 200: programmeDetail } }, config: { policy: "inspection:read" } }, async (request) =>
    getProgramme(db, signedIn(request).user, request.params.id),
  );
  app.get("/inspection-programmes/:id/ledger.xlsx", { schema: { tags: TAGS, summary: "The programme's ledger as .xlsx", params: idParams }, config: { policy: "ledger:export" } }, async (request, reply) => {
    const { name, buffer } = await programmeLedgerXlsx(db, signedIn(request).user, request.params.id);
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="inspection-ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(buffer);
  });

  app.get("/rectifications", { schema: { tags: TAGS, summary: "责令整改 notices, open first by deadline", querystring: rectificationListQuery, response: { 200: rectificationListReply } }, config: { policy: "inspection:read" } }, async (request) =>
    listRectifications(db, signedIn(request).user, request.query),
  );
  app.post(
    "/rectifications",
    { schema: { tags: TAGS, summary: "Issue a 责令整改 notice for a failed checklist item", headers: idempotencyHeaders, body: rectificationBody, response: { 200: okReply } }, config: { policy: "inspection:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await issueRectification(ctx, tx, request.body) })),
  );
  app.get("/rectifications/:id", { schema: { tags: TAGS, summary: "One notice with its re-checks (the printable notice's data)", params: idParams, response: { 200: rectificationItem } }, config: { policy: "inspection:read" } }, async (request) =>
    getRectification(db, signedIn(request).user, request.params.id),
  );
  app.post(
    "/rectifications/:id/rechecks",
    { schema: { tags: TAGS, summary: "Record a 复查: passed closes the notice, failed on or after the deadline escalates it to the department", headers: idempotencyHeaders, params: idParams, body: recheckBody, response: { 200: recheckReply } }, config: { policy: "inspection:recheck" } },
    async (request) => runWrite(deps, request, (tx, ctx) => recheck(deps, ctx, tx, request.params.id, request.body)),
  );
};
