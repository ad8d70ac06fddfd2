import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { and, desc, eq, like, lt, or, isNull } from "drizzle-orm";
import { auditQuery, auditReply } from "../../../contracts/audit";
import { auditLog } from "../../db/schema/audit";
import { signedIn } from "../../platform/http";

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps.database;
  app.get(
    "/audit",
    {
      schema: { tags: ["audit"], summary: "Browse the audit log of the caller's scope, newest first", querystring: auditQuery, response: { 200: auditReply } },
      config: { policy: "audit:read" },
    },
    async (request) => {
      const { user } = signedIn(request);
      const q = request.query;
      const cursor = q.cursor && /^\d+$/.test(q.cursor) ? Number(q.cursor) : undefined;
      // Rows without an area (sign-ins of users bound to none) are visible to the platform admin only.
      const scope =
        user.role === "platform_admin"
          ? or(like(auditLog.areaPath, (user.areaPath ?? "") + "%"), isNull(auditLog.areaPath))
          : like(auditLog.areaPath, (user.areaPath ?? "\u0000") + "%");
      const rows = await db
        .select()
        .from(auditLog)
        .where(
          and(
            scope,
            q.action ? eq(auditLog.action, q.action) : undefined,
            q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
            q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
            cursor ? lt(auditLog.id, cursor) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({ ...r, at: r.at.toISOString() })),
        nextCursor: rows.length > q.limit ? String(page[page.length - 1].id) : null,
      };
    },
  );
};
