import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { asc, eq } from "drizzle-orm";
import { publicConfigReply } from "../../../contracts/config";
import { users } from "../../db/schema/accounts";
import { ROLES } from "../../db/schema/accounts";

export const configRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, database, cipher } = app.deps;
  app.get(
    "/config",
    { schema: { tags: ["config"], summary: "Public settings of this installation", response: { 200: publicConfigReply } }, config: { policy: "public" } },
    async () => {
      let demoAccounts: Array<{ username: string | null; phone: string | null; role: string; displayName: string }> = [];
      if (config.demoMode) {
        const rows = await database.db
          .select({ username: users.username, phoneEnc: users.phoneEnc, role: users.role, displayName: users.displayName, passwordHash: users.passwordHash })
          .from(users)
          .where(eq(users.status, "active"))
          .orderBy(asc(users.createdAt), asc(users.username))
          .limit(60);
        demoAccounts = rows
          .filter((r) => r.username || r.phoneEnc)
          .map((r) => ({
            username: r.username,
            // Demo mode only: the synthetic demo phones are shown so that phone sign-in can be tried.
            phone: !r.username && r.phoneEnc ? cipher.decrypt(r.phoneEnc) : null,
            role: r.role,
            displayName: r.displayName,
          }))
          .sort((a, b) => ROLES.indexOf(a.role as never) - ROLES.indexOf(b.role as never));
      }
      return { demoMode: config.demoMode, mapTileUrl: config.mapTileUrl, version: "0.1.0", demoAccounts };
    },
  );
};
