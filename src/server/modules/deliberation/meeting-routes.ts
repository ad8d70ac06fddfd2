import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  agendaBody,
  attendanceParams,
  cancelMeetingBody,
  checkinBody,
  checkinReply,
  closeMeetingBody,
  createMeetingBody,
  idParams,
  meetingDetail,
  meetingListQuery,
  meetingListReply,
  meetingStatus,
  minutesBody,
  openMeetingReply,
  opinionBody,
  partiesBody,
  resolutionBody,
  tickBody,
} from "../../../contracts/deliberation";
import { signedIn } from "../../platform/http";
import { areaInScope } from "../../platform/scope";
import { cancelMeeting } from "./cancel-meeting";
import { checkIn } from "./check-in";
import { closeMeeting } from "./close-meeting";
import { createMeeting } from "./create-meeting";
import { addAgenda, addParties } from "./edit-agenda";
import { getMeeting } from "./get-meeting";
import { presentMeeting, selectMeetingPage } from "./meeting-queries";
import { openMeeting } from "./open-meeting";
import { recordMinutes } from "./record-minutes";
import { recordOpinion } from "./record-opinion";
import { recordResolution } from "./record-resolution";
import { runWrite } from "../../platform/write";
import { tickAttendee, untickAttendee } from "./tick-attendee";

const TAGS = ["deliberation"];
const idReply = z.object({ id: z.string().uuid() });
const statusReply = z.object({ id: z.string().uuid(), status: meetingStatus });
const addedReply = z.object({ id: z.string().uuid(), added: z.number() });

/** Meetings: planned, opened for QR sign-in, minuted, closed; each party's opinions and a resolution per topic. */
export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/meetings",
    { schema: { tags: TAGS, summary: "Meetings of the caller's scope, latest first", querystring: meetingListQuery, response: { 200: meetingListReply } }, config: { policy: "deliberation:read" } },
    async (request) => {
      const { user } = signedIn(request);
      const areaPath = request.query.areaId ? (await areaInScope(db, user, request.query.areaId)).path : null;
      const page = await selectMeetingPage(db, user, request.query, areaPath);
      return { items: page.rows.map(presentMeeting), nextCursor: page.nextCursor, total: page.total, totalCapped: page.totalCapped };
    },
  );

  app.post(
    "/meetings",
    { schema: { tags: TAGS, summary: "Plan a meeting: kind, time, place, convener, invited parties, agenda", body: createMeetingBody, response: { 200: idReply } }, config: { policy: "meeting:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await createMeeting(ctx, tx, request.body) })),
  );

  app.get(
    "/meetings/:id",
    { schema: { tags: TAGS, summary: "A meeting with parties, agenda, sign-ins, opinions and resolutions", params: idParams, response: { 200: meetingDetail } }, config: { policy: "deliberation:read" } },
    async (request) => getMeeting(db, signedIn(request), request.params.id),
  );

  app.post(
    "/meetings/:id/agenda",
    { schema: { tags: TAGS, summary: "Add topics to the agenda", params: idParams, body: agendaBody, response: { 200: addedReply } }, config: { policy: "meeting:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await addAgenda(ctx, tx, request.params.id, request.body.topicIds) })),
  );

  app.post(
    "/meetings/:id/parties",
    { schema: { tags: TAGS, summary: "Invite parties by role", params: idParams, body: partiesBody, response: { 200: addedReply } }, config: { policy: "meeting:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await addParties(ctx, tx, request.params.id, request.body.parties) })),
  );

  app.post(
    "/meetings/:id/open",
    { schema: { tags: TAGS, summary: "Open the meeting: makes the sign-in QR code", params: idParams, response: { 200: openMeetingReply } }, config: { policy: "meeting:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await openMeeting(ctx, tx, request.params.id) })),
  );

  app.post(
    "/meetings/:id/checkin",
    {
      schema: { tags: TAGS, summary: "Sign in by the QR code (twice is harmless: already = true)", params: idParams, body: checkinBody, response: { 200: checkinReply } },
      config: { policy: "authenticated", rateLimit: { max: 60, timeWindow: "1 minute" } },
    },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await checkIn(ctx, tx, request.params.id, request.body) })),
  );

  app.post(
    "/meetings/:id/attendance",
    { schema: { tags: TAGS, summary: "Tick an attendee by name and party (staff)", params: idParams, body: tickBody, response: { 200: checkinReply } }, config: { policy: "meeting:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await tickAttendee(ctx, tx, request.params.id, request.body) })),
  );

  app.delete(
    "/meetings/:id/attendance/:attendanceId",
    { schema: { tags: TAGS, summary: "Remove a sign-in made by mistake", params: attendanceParams, response: { 200: checkinReply } }, config: { policy: "meeting:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await untickAttendee(ctx, tx, request.params.id, request.params.attendanceId) })),
  );

  app.put(
    "/meetings/:id/minutes",
    { schema: { tags: TAGS, summary: "Write the minutes", params: idParams, body: minutesBody, response: { 200: idReply } }, config: { policy: "meeting:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await recordMinutes(ctx, tx, request.params.id, request.body.minutes) })),
  );

  app.post(
    "/meetings/:id/opinions",
    { schema: { tags: TAGS, summary: "Record a party's opinion on a topic of the agenda", params: idParams, body: opinionBody, response: { 200: idReply } }, config: { policy: "meeting:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await recordOpinion(ctx, tx, request.params.id, request.body) })),
  );

  app.post(
    "/meetings/:id/close",
    { schema: { tags: TAGS, summary: "Close the meeting (QR sign-in ends)", params: idParams, body: closeMeetingBody, response: { 200: statusReply } }, config: { policy: "meeting:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await closeMeeting(ctx, tx, request.params.id, request.body.minutes) })),
  );

  app.post(
    "/meetings/:id/cancel",
    { schema: { tags: TAGS, summary: "Cancel a planned meeting", params: idParams, body: cancelMeetingBody, response: { 200: statusReply } }, config: { policy: "meeting:manage" } },
    async (request) => runWrite(deps, request, async (tx, ctx) => ({ value: await cancelMeeting(ctx, tx, request.params.id, request.body.reason) })),
  );

  app.post(
    "/meetings/:id/resolutions",
    {
      schema: { tags: TAGS, summary: "Record the resolution on a topic: owners, due date; five-party when all five parties signed in", params: idParams, body: resolutionBody, response: { 200: z.object({ id: z.string().uuid(), fiveParty: z.boolean() }) } },
      config: { policy: "meeting:manage" },
    },
    async (request) => runWrite(deps, request, (tx, ctx) => recordResolution(ctx, tx, request.params.id, request.body)),
  );
};
