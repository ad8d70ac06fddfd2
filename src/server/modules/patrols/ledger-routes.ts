import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { coverageQuery, coverageReply, monthlyLedgerQuery, monthlyLedgerReply, targetLedgerQuery, targetLedgerReply } from "../../../contracts/patrols";
import { signedIn } from "../../platform/http";
import { targetLedger } from "./target-ledger";
import { buildMonthlyLedger } from "./monthly-ledger";
import { renderLedgerXlsx } from "./ledger-xlsx";
import { measureCoverage } from "./measure-coverage";

const TAGS = ["patrols"];

export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/patrols/ledger/target",
    { schema: { tags: TAGS, summary: "The ledger of one target: every visit, finding and case", querystring: targetLedgerQuery, response: { 200: targetLedgerReply } }, config: { policy: "patrol:read" } },
    async (request) => targetLedger(db, signedIn(request).user, request.query),
  );

  app.get(
    "/patrols/ledger/monthly",
    { schema: { tags: TAGS, summary: "The monthly ledger of one kind of work (the data of the xlsx)", querystring: monthlyLedgerQuery, response: { 200: monthlyLedgerReply } }, config: { policy: "patrol:read" } },
    async (request) => buildMonthlyLedger(db, signedIn(request).user, request.query),
  );

  app.get(
    "/patrols/ledger/monthly.xlsx",
    { schema: { tags: TAGS, summary: "The monthly ledger as .xlsx: one sheet per grid, Chinese headers, signature column", querystring: monthlyLedgerQuery }, config: { policy: "ledger:export" } },
    async (request, reply) => {
      const ledger = await buildMonthlyLedger(db, signedIn(request).user, request.query);
      const buf = await renderLedgerXlsx(ledger);
      const name = encodeURIComponent(`${ledger.title.replace(/\s+/g, "")}.xlsx`);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="ledger-${request.query.month}.xlsx"; filename*=UTF-8''${name}`)
        .send(buf);
    },
  );

  app.get(
    "/patrols/coverage",
    { schema: { tags: TAGS, summary: "Coverage and timeliness per grid worker, grid and kind for a month", querystring: coverageQuery, response: { 200: coverageReply } }, config: { policy: "patrol:read" } },
    async (request) => measureCoverage(db, signedIn(request).user, request.query),
  );
};
