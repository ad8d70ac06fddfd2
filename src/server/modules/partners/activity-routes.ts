import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import fs from "node:fs";
import { z } from "zod";
import { inArray } from "drizzle-orm";
import {
  activityBody,
  activityDetail,
  activityListQuery,
  activityListReply,
  activityPatchBody,
  activityUnitBody,
  boothBody,
  checkinBody,
  checkinCodeReply,
  checkinReply,
  created,
  createActivitiesReply,
  idParams,
  outputsBody,
  signupListReply,
  signupReply,
} from "../../../contracts/partners";
import { ok, uuid } from "../../../contracts/common";
import { activities } from "../../db/schema/partners";
import { signedIn } from "../../platform/http";
import { runWrite } from "../../platform/write";
import { createActivities } from "./create-activities";
import { listActivities, loadActivityRow, selectActivities } from "./activity-queries";
import { presentActivity } from "./present-activity";
import { getActivity, listSignups } from "./get-activity";
import { cancelSignup, signUp } from "./sign-up";
import { checkIn } from "./check-in";
import { checkinUrl } from "./checkin-code";
import { updateActivity } from "./update-activity";
import { addActivityUnit, addBooth, recordOutputs } from "./record-outputs";
import { activityPhotoPath } from "./activity-photo";

const TAGS = ["activities"];

/** Activities and services: series and one-offs, sign-up with a waiting list, QR check-in, outputs. */
export const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.get(
    "/activities",
    { schema: { tags: TAGS, summary: "Activities of the caller's communities (upcoming=true for the phone app)", querystring: activityListQuery, response: { 200: activityListReply } }, config: { policy: "authenticated" } },
    async (request) => {
      const list = await listActivities(db, signedIn(request).user, request.query);
      return { items: list.rows.map(presentActivity), total: list.total, totalCapped: list.totalCapped };
    },
  );

  app.post(
    "/activities",
    { schema: { tags: TAGS, summary: "Create a one-off activity or a recurring series", body: activityBody, response: { 200: createActivitiesReply } }, config: { policy: "activity:manage" } },
    async (request) => {
      const { seriesId, ids } = await runWrite(deps, request, async (tx, ctx) => ({ value: await createActivities(ctx, tx, request.body) }));
      const rows = await selectActivities(db, signedIn(request).user.id).where(inArray(activities.id, ids)).orderBy(activities.startsAt);
      return { seriesId, items: rows.map(presentActivity) };
    },
  );

  app.get(
    "/activities/:id",
    { schema: { tags: TAGS, summary: "An activity with units, booths, outputs, photos and the caller's sign-up", params: idParams, response: { 200: activityDetail } }, config: { policy: "authenticated" } },
    async (request) => getActivity(db, signedIn(request).user, request.params.id),
  );

  app.patch(
    "/activities/:id",
    { schema: { tags: TAGS, summary: "Change status, capacity or texts (more room confirms the waiting list)", params: idParams, body: activityPatchBody, response: { 200: activityDetail } }, config: { policy: "activity:manage" } },
    async (request) => {
      await runWrite(deps, request, async (tx, ctx) => ({ value: null, notify: await updateActivity(ctx, tx, request.params.id, request.body) }));
      return getActivity(db, signedIn(request).user, request.params.id);
    },
  );

  app.post(
    "/activities/:id/signups",
    { schema: { tags: TAGS, summary: "Sign the caller up; beyond capacity onto the waiting list", params: idParams, response: { 200: signupReply } }, config: { policy: "authenticated", rateLimit: { max: 600, timeWindow: "1 minute" } } },
    async (request) => {
      return runWrite(deps, request, async (tx, ctx) => ({ value: await signUp(ctx, tx, request.params.id) }));
    },
  );

  app.post(
    "/activities/:id/signups/cancel",
    { schema: { tags: TAGS, summary: "Cancel the caller's sign-up; the first on the waiting list moves up and is told", params: idParams, response: { 200: ok } }, config: { policy: "authenticated" } },
    async (request) => {
      await runWrite(deps, request, async (tx, ctx) => ({ value: null, notify: await cancelSignup(ctx, tx, request.params.id) }));
      return { ok: true as const };
    },
  );

  app.get(
    "/activities/:id/signups",
    { schema: { tags: TAGS, summary: "Sign-ups: confirmed, then the waiting list in order", params: idParams, response: { 200: signupListReply } }, config: { policy: "activity:manage" } },
    async (request) => ({ items: await listSignups(db, signedIn(request).user, request.params.id) }),
  );

  app.get(
    "/activities/:id/checkin-code",
    { schema: { tags: TAGS, summary: "The check-in QR code content to show at the venue", params: idParams, response: { 200: checkinCodeReply } }, config: { policy: "activity:manage" } },
    async (request) => {
      const row = await loadActivityRow(db, signedIn(request).user, request.params.id);
      const code = row.a.checkinCode ?? "";
      return { code, url: checkinUrl(row.a.id, code) };
    },
  );

  app.post(
    "/activities/:id/checkin",
    {
      schema: { tags: TAGS, summary: "Check in by the venue's QR code; earns hours and points once (again: already=true)", params: idParams, body: checkinBody, response: { 200: checkinReply } },
      config: { policy: "authenticated", rateLimit: { max: 600, timeWindow: "1 minute" } },
    },
    async (request) => {
      return runWrite(deps, request, async (tx, ctx) => ({ value: await checkIn(ctx, tx, request.params.id, request.body.code) }));
    },
  );

  app.post(
    "/activities/:id/outputs",
    { schema: { tags: TAGS, summary: "Record people served, leaflets, legal questions … and photos", params: idParams, body: outputsBody, response: { 200: activityDetail } }, config: { policy: "activity:manage" } },
    async (request) => {
      await runWrite(deps, request, async (tx, ctx) => ({ value: await recordOutputs(ctx, tx, request.params.id, request.body) }));
      return getActivity(db, signedIn(request).user, request.params.id);
    },
  );

  const photoParams = z.strictObject({ id: uuid, fileId: uuid });
  for (const thumb of [false, true]) {
    app.get(
      `/activities/:id/photos/:fileId${thumb ? "/thumb" : ""}`,
      { schema: { tags: TAGS, summary: thumb ? "A thumbnail of an activity photo" : "An activity photo, for whoever may see the activity", params: photoParams }, config: { policy: "authenticated" } },
      async (request, reply) => {
        const file = await activityPhotoPath(db, deps.config.dataDir, signedIn(request).user, request.params.id, request.params.fileId, thumb);
        return reply.type("image/jpeg").header("cache-control", "private, max-age=86400").send(fs.createReadStream(file));
      },
    );
  }

  app.post(
    "/activities/:id/booths",
    { schema: { tags: TAGS, summary: "Add a market booth run by a unit or a team", params: idParams, body: boothBody, response: { 200: created } }, config: { policy: "activity:manage" } },
    async (request) => {
      return runWrite(deps, request, async (tx, ctx) => ({ value: await addBooth(ctx, tx, request.params.id, request.body) }));
    },
  );

  app.post(
    "/activities/:id/units",
    { schema: { tags: TAGS, summary: "Add a partner unit taking part", params: idParams, body: activityUnitBody, response: { 200: ok } }, config: { policy: "activity:manage" } },
    async (request) => {
      await runWrite(deps, request, async (tx, ctx) => ({ value: await addActivityUnit(ctx, tx, request.params.id, request.body) }));
      return { ok: true as const };
    },
  );
};
