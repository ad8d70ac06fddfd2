import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { and, desc, eq, lt, or, isNull, sql } from "drizzle-orm";
import { countCapped } from "../../db/count-capped";
import { auditQuery, auditReply } from "../../../contracts/audit";
import { auditLog } from "../../db/schema/audit";
import { signedIn } from "../../platform/http";
import { coversWholeTree, pathInScope, ROOT_AUDIT_PATH } from "../../platform/scope";
import { isoInstant } from "../../platform/instants";
import { auditRowRule } from "../../platform/access";

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
      // Rows of the caller's subtree. Rows of the whole installation (city-wide settings, timers) and
      // rows without an area (sign-ins of users bound to none) only to someone whose scope is the whole tree.
      const scope = coversWholeTree(user)
        ? or(pathInScope(user, auditLog.areaPath), eq(auditLog.areaPath, ROOT_AUDIT_PATH), isNull(auditLog.areaPath))
        : pathInScope(user, auditLog.areaPath);
      const where = and(
        scope,
        auditRowRule(user, { targetType: auditLog.targetType, targetId: auditLog.targetId, before: auditLog.before, after: auditLog.after }),
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
        q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
      );
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(where, cursor ? lt(auditLog.id, cursor) : undefined))
        .orderBy(desc(auditLog.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      // The log grows without end: counted up to the cap ("1,000+" beyond).
      const total = await countCapped(db, db.select({ one: sql`1` }).from(auditLog).where(where));
      return {
        items: page.map((r) => ({ ...r, at: isoInstant(r.at) })),
        nextCursor: rows.length > q.limit ? String(page[page.length - 1].id) : null,
        ...total,
      };
    },
  );
};
