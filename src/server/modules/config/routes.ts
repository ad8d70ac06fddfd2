import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { publicConfigReply } from "../../../contracts/config";
import { users } from "../../db/schema/accounts";
import { ROLES } from "../../db/schema/accounts";
import { demoConveniencesFor } from "../../platform/web-security";

export const configRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, database, cipher } = app.deps;
  app.get(
    "/config",
    { schema: { tags: ["config"], summary: "Public settings of this installation", response: { 200: publicConfigReply } }, config: { policy: "public" } },
    async (request) => {
      // Demo conveniences are answered on this machine only; elsewhere the installation looks like production.
      const demo = demoConveniencesFor(request, config);
      let demoAccounts: Array<{ username: string | null; phone: string | null; role: string; displayName: string }> = [];
      if (demo) {
        const rows = await database.db
          .select({ username: users.username, phoneEnc: users.phoneEnc, role: users.role, displayName: users.displayName })
          .from(users)
          // Only the seeded demo accounts, never an account someone made.
          .where(and(eq(users.status, "active"), eq(users.demo, true)))
          // Sign-in names first, then the newest phone accounts (the seed's demo resident and
          // rider come after the partner data's volunteers, which carry their historic dates).
          .orderBy(sql`${users.username} IS NULL`, desc(users.createdAt), asc(users.username))
          .limit(60);
        demoAccounts = rows
          .filter((r) => r.username || r.phoneEnc)
          .map((r) => ({
            username: r.username,
            // The synthetic demo phones are shown so that phone sign-in can be tried.
            phone: !r.username && r.phoneEnc ? cipher.decrypt(r.phoneEnc) : null,
            role: r.role,
            displayName: r.displayName,
          }))
          .sort((a, b) => ROLES.indexOf(a.role as never) - ROLES.indexOf(b.role as never));
      }
      return { demoMode: demo, mapTileUrl: config.map.tileUrl, map: config.map, version: "0.1.0", demoAccounts };
    },
  );
};
