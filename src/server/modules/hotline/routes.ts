import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  hotlineBatchBody,
  hotlineCaseAnswer,
  hotlineCaseParams,
  hotlineImportReport,
  hotlineOrderList,
  hotlineOrdersQuery,
  hotlineRepliesAnswer,
  hotlineRepliesQuery,
} from "../../../contracts/hotline";
import type { Tx } from "../../db/client";
import { AppError } from "../../platform/errors";
import { signedIn } from "../../platform/http";
import { keyOrUser } from "../../platform/api-keys";
import { readingMultipart } from "../../platform/uploads";
import { runSystemWrite, runWrite } from "../../platform/write";
import { findVisible } from "../../platform/access";
import { caseVisible } from "../cases/access";
import { cases } from "../../db/schema/cases";
import { categoryCodesByName, importOrders } from "./import-orders";
import { principalOf, type HotlinePrincipal } from "./principal";
import { listOrders, listReplies, orderOfCase } from "./replies";
import { hotlineTemplate, readHotlineWorkbook } from "./workbook";
import type { FastifyRequest } from "fastify";
import type { AppDeps } from "../../platform/deps";

const TAGS = ["hotline"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const attachment = (name: string) => `attachment; filename="12345.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
const WORKBOOK_LIMIT = 10 * 1024 * 1024;

async function principal(deps: AppDeps, request: FastifyRequest): Promise<HotlinePrincipal> {
  const who = await keyOrUser(deps.database.db, request, "hotline", "hotline:import");
  const p = principalOf(who);
  if (!p) throw new AppError("FORBIDDEN");
  return p;
}

/** The write path of the caller: a staff member's request (Idempotency-Key honoured) or a partner system's. */
function writerFor(deps: AppDeps, request: FastifyRequest, p: HotlinePrincipal) {
  return <T>(fn: (tx: Tx) => Promise<{ value: T }>): Promise<T> => (p.who.kind === "user" ? runWrite(deps, request, (tx) => fn(tx)) : runSystemWrite(deps, fn));
}

/**
 * The 12345 exchange (工单派发与回复): batches of work orders in (JSON with a key or a session, or an
 * xlsx on the console), cases out, and the replies of closed cases back to the hotline.
 */
export const hotlineRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.post(
    "/hotline/orders",
    {
      schema: { tags: TAGS, summary: "Import a batch of 12345 work orders (x-api-key of a hotline key, or a session); idempotent on the order number; 400 with the row report when a row is rejected (nothing written)", body: hotlineBatchBody, response: { 200: hotlineImportReport } },
      config: { policy: "hotline:import", apiKey: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
      bodyLimit: 4 * 1024 * 1024,
    },
    async (request) => {
      const p = await principal(deps, request);
      const rows = request.body.orders.map((input, i) => ({ row: i + 1, orderNumber: input.orderNumber, input, errors: [] }));
      const report = await importOrders(deps, p, rows, "api", writerFor(deps, request, p));
      if (!report.written) throw new AppError("VALIDATION_FAILED", { rows: report.rows.filter((r) => r.outcome === "rejected") });
      return report;
    },
  );

  app.get(
    "/hotline/replies",
    { schema: { tags: TAGS, summary: "Replies (处理结果, 回访) of the imported orders whose case closed, oldest first from `since`", querystring: hotlineRepliesQuery, response: { 200: hotlineRepliesAnswer } }, config: { policy: "hotline:import", apiKey: true } },
    async (request) => listReplies(db, await principal(deps, request), request.query),
  );

  app.get(
    "/hotline/orders",
    { schema: { tags: TAGS, summary: "Imported orders of the caller's scope, newest first, with their case and reply", querystring: hotlineOrdersQuery, response: { 200: hotlineOrderList } }, config: { policy: "hotline:import" } },
    async (request) => {
      const p = principalOf({ kind: "user", ctx: signedIn(request) });
      if (!p) throw new AppError("FORBIDDEN");
      return listOrders(db, p, deps.cipher, request.query);
    },
  );

  app.get(
    "/hotline/cases/:id",
    { schema: { tags: TAGS, summary: "The 12345 order a case was made from (null when none)", params: hotlineCaseParams, response: { 200: hotlineCaseAnswer } }, config: { policy: "case:read" } },
    async (request) => {
      const ctx = signedIn(request);
      await findVisible(db, cases, cases.id, request.params.id, caseVisible(ctx.user), "case");
      const p = principalOf({ kind: "user", ctx });
      return { order: p ? await orderOfCase(db, p, deps.cipher, request.params.id) : null };
    },
  );

  app.get("/hotline/import/template", { schema: { tags: TAGS, summary: "The 12345 work-order workbook template (.xlsx)" }, config: { policy: "hotline:import" } }, async (_request, reply) =>
    reply.type(XLSX).header("content-disposition", attachment("12345工单导入模板.xlsx")).send(await hotlineTemplate()),
  );

  app.post(
    "/hotline/import",
    {
      schema: { tags: TAGS, summary: "Import 12345 work orders from .xlsx (multipart: file): every row checked first, then all written in one transaction or none", response: { 200: hotlineImportReport } },
      config: { policy: "hotline:import", rateLimit: { max: 10, timeWindow: "1 minute" } },
      bodyLimit: WORKBOOK_LIMIT + 64 * 1024,
    },
    async (request) => {
      const p = principalOf({ kind: "user", ctx: signedIn(request) });
      if (!p) throw new AppError("FORBIDDEN");
      if (!request.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE", { expected: "multipart/form-data" });
      let bytes: Buffer | null = null;
      await readingMultipart(async () => {
        for await (const part of request.parts({ limits: { fileSize: WORKBOOK_LIMIT, files: 1 } })) {
          if (part.type === "file") bytes = await part.toBuffer();
        }
      }, WORKBOOK_LIMIT);
      if (!bytes) throw new AppError("VALIDATION_FAILED", [{ path: "/file", message: "missing file" }]);
      const rows = await readHotlineWorkbook(bytes, await categoryCodesByName(db));
      return importOrders(deps, p, rows, "xlsx", writerFor(deps, request, p));
    },
  );
};
