import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { and, eq } from "drizzle-orm";
import {
  createQuestionnaireBody,
  doorResponseBody,
  householdsQuery,
  householdsReply,
  idParams,
  onlineResponseBody,
  questionnaireDetail,
  questionnaireListQuery,
  questionnaireListReply,
  responseReply,
  resultsReply,
} from "../../../contracts/deliberation";
import { questionnaires } from "../../db/schema/deliberation";
import { signedIn } from "../../platform/http";
import { areaAlongPath, areaInScope, underArea } from "../../platform/scope";
import { changeQuestionnaire } from "./change-questionnaire";
import { copyNextRound, createQuestionnaire } from "./create-questionnaire";
import { listSurveyHouseholds } from "./list-survey-households";
import { runWrite } from "../../platform/write";
import { submitDoorResponse, submitOnlineResponse } from "./submit-response";
import { computeResults } from "./survey-results";
import { loadQuestionnaireInScope, presentQuestion, presentQuestionnaire, questionnaireSelect, selectQuestionnaires, selectQuestions } from "./survey-queries";

const TAGS = ["deliberation"];
const roundReply = z.object({ id: z.string().uuid(), round: z.number() });
const statusReply = z.object({ id: z.string().uuid(), status: z.enum(["draft", "open", "closed"]) });

/** 征集民意: questionnaires in rounds, filled door to door (one per household) or online (one per resident); results for charts. */
export const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/questionnaires",
    { schema: { tags: TAGS, summary: "Questionnaires of the caller's area (and of the areas above it, to collect for)", querystring: questionnaireListQuery, response: { 200: questionnaireListReply } }, config: { policy: "deliberation:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const q = request.query;
      const areaPath = q.areaId ? (await areaInScope(db, user, q.areaId)).path : null;
      const rows = await selectQuestionnaires(
        db,
        and(
          areaAlongPath(questionnaires.areaId, user.areaPath),
          areaPath ? underArea(questionnaires.areaId, areaPath) : undefined,
          q.topicId ? eq(questionnaires.topicId, q.topicId) : undefined,
          q.status ? eq(questionnaires.status, q.status) : undefined,
        ),
        q.limit,
      );
      return { items: rows.map(presentQuestionnaire) };
    },
  );

  app.post(
    "/questionnaires",
    { schema: { tags: TAGS, summary: "Draft a questionnaire (the next round of its topic unless given)", body: createQuestionnaireBody, response: { 200: roundReply } }, config: { policy: "survey:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createQuestionnaire(ctx, tx, request.body) })),
  );

  app.get(
    "/questionnaires/:id",
    { schema: { tags: TAGS, summary: "A questionnaire with its questions", params: idParams, response: { 200: questionnaireDetail } }, config: { policy: "deliberation:read" } },
    async (request) => {
      const q = await loadQuestionnaireInScope(db, signedIn(request), request.params.id, false, true);
      const [row] = await questionnaireSelect(db).where(eq(questionnaires.id, q.id)).limit(1);
      return { ...presentQuestionnaire(row), questions: (await selectQuestions(db, q.id)).map(presentQuestion) };
    },
  );

  for (const action of ["open", "close"] as const) {
    app.post(
      `/questionnaires/:id/${action}`,
      { schema: { tags: TAGS, summary: action === "open" ? "Open for answers" : "Close", params: idParams, response: { 200: statusReply } }, config: { policy: "survey:manage" } },
      async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await changeQuestionnaire(ctx, tx, request.params.id, action) })),
    );
  }

  app.post(
    "/questionnaires/:id/next-round",
    { schema: { tags: TAGS, summary: "Draft the next round with the same questions", params: idParams, response: { 200: roundReply } }, config: { policy: "survey:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await copyNextRound(ctx, tx, request.params.id) })),
  );

  app.get(
    "/questionnaires/:id/households",
    { schema: { tags: TAGS, summary: "Households to visit, with whether each answered", params: idParams, querystring: householdsQuery, response: { 200: householdsReply } }, config: { policy: "survey:collect" } },
    async (request) => ({ items: await listSurveyHouseholds(db, signedIn(request), request.params.id, request.query) }),
  );

  app.post(
    "/questionnaires/:id/door-responses",
    { schema: { tags: TAGS, summary: "Record a household's answers at the door (one per household)", params: idParams, body: doorResponseBody, response: { 200: responseReply } }, config: { policy: "survey:collect" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await submitDoorResponse(ctx, tx, request.params.id, request.body) })),
  );

  app.post(
    "/questionnaires/:id/responses",
    {
      schema: { tags: TAGS, summary: "Answer online (one per resident; vote questionnaires one per household)", params: idParams, body: onlineResponseBody, response: { 200: responseReply } },
      config: { policy: "authenticated", rateLimit: { max: 30, timeWindow: "1 minute" } },
    },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await submitOnlineResponse(ctx, tx, request.params.id, request.body) })),
  );

  app.get(
    "/questionnaires/:id/results",
    { schema: { tags: TAGS, summary: "Results per question, and by compound and building", params: idParams, response: { 200: resultsReply } }, config: { policy: "deliberation:read" } },
    async (request) => {
      const q = await loadQuestionnaireInScope(db, signedIn(request), request.params.id, false, true);
      return computeResults(db, q.id);
    },
  );
};
