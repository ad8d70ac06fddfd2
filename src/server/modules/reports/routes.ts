import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idempotencyHeaders } from "../../../contracts/common";
import { monthlyBody, monthlyListQuery, monthlyListReply, monthlyQuery, monthlyReply, workReportQuery, workReportReply } from "../../../contracts/reports";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { getMonthly, listMonthly, produceOnDemand, submitMonthly } from "./monthly";
import { monthlyPdf, monthlyXlsx } from "./monthly-files";
import { workReport } from "./work-report";

const TAGS = ["reports"];
const done = z.object({ ok: z.literal(true) });

const attachment = (base: string, ext: string, title: string) => `attachment; filename="${base}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${title}.${ext}`)}`;

/** The work report of a community or a street for any period, and the monthly reports (月报) to the street. */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const { db } = deps.database;

  app.get(
    "/reports/work",
    {
      schema: { tags: TAGS, summary: "The work report of a community or a street for a period: every module's figures beside the previous period, with drill-downs and charts", querystring: workReportQuery, response: { 200: workReportReply } },
      config: { policy: "report:read" },
    },
    async (request) => workReport(db, signedIn(request).user, request.query),
  );

  app.get(
    "/reports/monthly",
    {
      schema: { tags: TAGS, summary: "A month's reports of the communities of a street side by side: who has submitted, the headline figures", querystring: monthlyListQuery, response: { 200: monthlyListReply } },
      config: { policy: "report:read" },
    },
    async (request) => listMonthly(db, signedIn(request).user, request.query),
  );

  app.get(
    "/reports/monthly/one",
    {
      schema: { tags: TAGS, summary: "A community's monthly report: the snapshot once submitted (with where live data now differ), else the live figures", querystring: monthlyQuery, response: { 200: monthlyReply } },
      config: { policy: "report:read" },
    },
    async (request) => getMonthly(db, signedIn(request).user, request.query.communityId, request.query.month),
  );

  app.get(
    "/reports/monthly/xlsx",
    { schema: { tags: TAGS, summary: "The monthly report as an xlsx workbook: a sheet per area of work, the previous month beside each figure", querystring: monthlyQuery }, config: { policy: "report:read" } },
    async (request, reply) => {
      const report = await getMonthly(db, signedIn(request).user, request.query.communityId, request.query.month);
      const buf = await monthlyXlsx(report);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", attachment(`monthly-${report.month}`, "xlsx", `${report.community.name}${report.month}月报`))
        .send(buf);
    },
  );

  app.get(
    "/reports/monthly/pdf",
    { schema: { tags: TAGS, summary: "The monthly report as an A4 PDF with its charts, Chinese fonts embedded", querystring: monthlyQuery }, config: { policy: "report:read" } },
    async (request, reply) => {
      const report = await getMonthly(db, signedIn(request).user, request.query.communityId, request.query.month);
      const buf = await monthlyPdf(report);
      return reply.type("application/pdf").header("content-disposition", attachment(`monthly-${report.month}`, "pdf", `${report.community.name}${report.month}月报`)).send(buf);
    },
  );

  app.post(
    "/reports/monthly/produce",
    { schema: { tags: TAGS, summary: "Produce a month's report now (a submitted month stays as it is)", headers: idempotencyHeaders, body: monthlyBody, response: { 200: done } }, config: { policy: "report:submit" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await produceOnDemand(ctx, tx, request.body.communityId, request.body.month) })),
  );

  app.post(
    "/reports/monthly/submit",
    { schema: { tags: TAGS, summary: "Submit a month's report to the street: its figures are kept as they are now and never change", headers: idempotencyHeaders, body: monthlyBody, response: { 200: done } }, config: { policy: "report:submit" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await submitMonthly(ctx, tx, request.body.communityId, request.body.month) })),
  );
};
