import fs from "node:fs";
import path from "node:path";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { eq, sql } from "drizzle-orm";
import { fileReply } from "../../../contracts/cases";
import { files } from "../../db/schema/files";
import { rowsOf } from "../../db/client";
import { signedIn } from "../../platform/http";
import { AppError, notFound } from "../../platform/errors";
import { fileUrls, MAX_UPLOAD_BYTES, readingMultipart, storeImage } from "../../platform/uploads";
import type { AuthUser } from "../../platform/context";
import { can } from "../../platform/policy";
import { areaRule, CASE_ALIAS_COLUMNS, caseRule, communityRule, patrolRule, restrictedSubjectRule } from "../../platform/access";
import { inGroup } from "../../platform/roles";

const fileParams = z.strictObject({ id: z.string().uuid() });

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.post(
    "/files",
    {
      schema: { tags: ["files"], summary: "Upload a photo (multipart field `file`); metadata is stripped", response: { 200: fileReply } },
      config: { policy: "authenticated", rateLimit: { max: 60, timeWindow: "1 minute" } },
    },
    async (request) => {
      const { user } = signedIn(request);
      if (!request.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE", { expected: "multipart/form-data" });
      // A truncated or malformed body (busboy's "Unexpected end of form", FST_* errors) answers 4xx.
      const bytes = await readingMultipart(async () => {
        const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
        if (!part) throw new AppError("VALIDATION_FAILED", [{ path: "/file", message: "missing file" }]);
        return part.toBuffer();
      });
      const row = await storeImage(db, deps.config.dataDir, { bytes, ownerId: user.id, communityId: user.communityId });
      return { id: row.id, ...fileUrls(row.id), mime: row.mime, size: row.size, width: row.width, height: row.height };
    },
  );

  /**
   * Who may read a stored file: its owner; for a case photo, whoever may read the case (`caseRule`:
   * its reporter, staff of its scope, department officers only their department's cases); for a
   * visit photo, staff of the visit's scope under the tag visibility rule on the visited person; for
   * a patrol evidence photo, staff who may read the task (`patrolRule`); for
   * a resolution's progress photo, whoever may see the resolution (staff of its scope, its owners,
   * and the residents of its community when public); for a 书记领办 milestone photo, whoever may see
   * the project (staff of its community and its residents). Anything else answers 404.
   */
  async function readable(user: AuthUser, id: string) {
    const [row] = await db.select().from(files).where(eq(files.id, id)).limit(1);
    if (!row) throw notFound("file");
    if (row.ownerId === user.id) return row;
    const caseReadable = caseRule(user, CASE_ALIAS_COLUMNS);
    const visitReadable = inGroup(user.role, "staff")
      ? sql`(${areaRule(user, { areaId: sql`v.area_id` })} AND ${restrictedSubjectRule(user, { personId: sql`v.person_id`, assigneeId: sql`v.visitor_id` })})`
      : sql`false`;
    // Patrol evidence photos: staff who may read patrols, under the same rule as the task's ledger.
    const patrolReadable = can(user.role, "patrol:read")
      ? patrolRule(user, { areaId: sql`pt.area_id`, targetKind: sql`pl.target_kind`, personId: sql`pl.person_id`, assigneeId: sql`pt.assignee_id` })
      : sql`false`;
    // Resolution progress photos: staff of the topic's scope, the resolution's owners, and, like the
    // public view of resolutions, anyone of the topic's community unless it concerns a sensitive case.
    const topicStaff = can(user.role, "deliberation:read") ? areaRule(user, { areaId: sql`t.area_id` }) : sql`false`;
    const publicTopic = sql`NOT EXISTS (
      SELECT 1 FROM topic_cases tc JOIN cases sc ON sc.id = tc.case_id JOIN case_categories k ON k.code = sc.category_code
      WHERE tc.topic_id = t.id AND k.sensitive)`;
    // 书记领办 progress photos: whoever may see the project (its public page is the community's).
    const projectReadable = communityRule(user, { communityId: sql`pp.community_id` });
    const allowed = rowsOf<{ ok: boolean }>(
      await db.execute(sql`
        SELECT EXISTS (
          SELECT 1 FROM case_photos cp JOIN cases c ON c.id = cp.case_id
          WHERE cp.file_id = ${id} AND ${caseReadable}
        ) OR EXISTS (
          SELECT 1 FROM visit_photos vp JOIN visits v ON v.id = vp.visit_id
          WHERE vp.file_id = ${id} AND ${visitReadable}
        ) OR EXISTS (
          SELECT 1 FROM patrol_photos pp JOIN patrol_submissions ps ON ps.id = pp.submission_id
            JOIN patrol_tasks pt ON pt.id = ps.task_id JOIN patrol_plans pl ON pl.id = pt.plan_id
          WHERE pp.file_id = ${id} AND ${patrolReadable}
        ) OR EXISTS (
          SELECT 1 FROM resolution_updates ru JOIN resolutions r ON r.id = ru.resolution_id JOIN topics t ON t.id = r.topic_id
          WHERE ru.photo_ids @> jsonb_build_array(${id}::text) AND (
            ${topicStaff}
            OR EXISTS (SELECT 1 FROM resolution_owners o WHERE o.resolution_id = r.id AND o.user_id = ${user.id})
            OR (t.community_id = ${user.communityId ?? null}::uuid AND t.status <> 'dropped' AND r.status <> 'cancelled' AND ${publicTopic})
          )
        ) OR EXISTS (
          SELECT 1 FROM party_project_milestones pm JOIN party_projects pp ON pp.id = pm.project_id
          WHERE pm.photo_ids @> jsonb_build_array(${id}::text) AND ${projectReadable}
        ) AS ok`),
    )[0];
    if (!allowed?.ok) throw notFound("file");
    return row;
  }

  const send = (key: string, reply: import("fastify").FastifyReply) => {
    const full = path.join(deps.config.dataDir, key);
    if (!fs.existsSync(full)) throw notFound("file");
    return reply.type("image/jpeg").header("cache-control", "private, max-age=86400").send(fs.createReadStream(full));
  };

  app.get(
    "/files/:id",
    { schema: { tags: ["files"], summary: "A stored photo", params: fileParams }, config: { policy: "authenticated" } },
    async (request, reply) => send((await readable(signedIn(request).user, request.params.id)).storageKey, reply),
  );
  app.get(
    "/files/:id/thumb",
    { schema: { tags: ["files"], summary: "A stored photo's thumbnail", params: fileParams }, config: { policy: "authenticated" } },
    async (request, reply) => {
      const row = await readable(signedIn(request).user, request.params.id);
      return send(row.thumbKey ?? row.storageKey, reply);
    },
  );
};
