import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { notificationsReply } from "../../../contracts/cases";
import { ok } from "../../../contracts/common";
import { notifications } from "../../db/schema/files";
import { countCapped } from "../../db/count-capped";
import { signedIn } from "../../platform/http";
import type { NotificationRow } from "../../platform/notify";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";

const present = (n: NotificationRow) => ({
  id: n.id,
  kind: n.kind.split(":")[0],
  title: n.title,
  body: n.body,
  link: n.link,
  readAt: isoInstantOrNull(n.readAt),
  createdAt: isoInstant(n.createdAt),
});

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;
  // Open event streams, ended when the server closes so shutdown does not wait on them.
  const streams = new Set<() => void>();
  app.addHook("onClose", async () => {
    for (const end of streams) end();
  });

  app.get(
    "/notifications",
    { schema: { tags: ["notifications"], summary: "The caller's latest notifications", querystring: z.strictObject({ unread: z.enum(["true", "false"]).optional() }), response: { 200: notificationsReply } }, config: { policy: "authenticated" } },
    async (request) => {
      const { user } = signedIn(request);
      const where = and(eq(notifications.userId, user.id), request.query.unread === "true" ? isNull(notifications.readAt) : undefined);
      const rows = await db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(50);
      const [u] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
      // The latest 50 are shown; the total says how many there are in all.
      const total = await countCapped(db, db.select({ one: sql`1` }).from(notifications).where(where));
      return { items: rows.map(present), unread: Number(u.n), ...total };
    },
  );

  app.post(
    "/notifications/read",
    { schema: { tags: ["notifications"], summary: "Mark notifications read (all when no ids)", body: z.strictObject({ ids: z.array(z.string().uuid()).max(200).optional() }), response: { 200: ok } }, config: { policy: "authenticated" } },
    async (request) => {
      const { user } = signedIn(request);
      const ids = request.body.ids;
      await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt), ids ? (ids.length ? inArray(notifications.id, ids) : sql`false`) : undefined));
      return { ok: true as const };
    },
  );

  app.get(
    "/notifications/stream",
    { schema: { tags: ["notifications"], summary: "Server-sent events: new notifications as they happen" }, config: { policy: "authenticated" } },
    (request, reply) => {
      const { user } = signedIn(request);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" });
      res.write(`retry: 5000\n\n`);
      const unsubscribe = deps.notifications.subscribe(user.id, (n) => res.write(`event: notification\ndata: ${JSON.stringify(present(n))}\n\n`));
      const ping = setInterval(() => res.write(`: ping\n\n`), 25_000);
      const end = () => {
        clearInterval(ping);
        unsubscribe();
        streams.delete(end);
        res.end();
      };
      streams.add(end);
      request.raw.on("close", end);
    },
  );
};
