import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { areas } from "../db/schema/areas";
import { sessions, users } from "../db/schema/accounts";
import type { Db, DbOrTx } from "../db/client";
import type { AuthUser } from "./context";

export const SESSION_COOKIE = "linli_sid";

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Creates a session and returns the cookie token; only its hash is stored. */
export async function createSession(db: DbOrTx, userId: string, ip: string, userAgent: string | undefined): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  // Last seen by the application's clock, the one loadSession measures idleness with (not the database's).
  await db.insert(sessions).values({ id: hashToken(token), userId, ip, userAgent: userAgent?.slice(0, 300) ?? null, lastSeenAt: new Date() });
  return token;
}

export async function deleteSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

export async function deleteUserSessions(db: DbOrTx, userId: string, exceptToken?: string): Promise<void> {
  const keep = exceptToken ? hashToken(exceptToken) : null;
  await db.delete(sessions).where(keep ? sql`${sessions.userId} = ${userId} AND ${sessions.id} <> ${keep}` : eq(sessions.userId, userId));
}

/**
 * Resolves a cookie token to its user. A session idle for longer than the limit is deleted and
 * ignored; an active one has its last-seen time moved forward (at most once a minute, to keep
 * the hot path to one read).
 */
export async function loadSession(db: Db, token: string, idleMinutes: number): Promise<AuthUser | null> {
  if (token.length < 20 || token.length > 100) return null;
  const id = hashToken(token);
  const [row] = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      displayName: users.displayName,
      username: users.username,
      role: users.role,
      department: users.department,
      personId: users.personId,
      phoneEnc: users.phoneEnc,
      status: users.status,
      areaId: users.areaId,
      areaPath: areas.path,
      areaName: areas.name,
      areaLevel: areas.level,
      areaCommunityId: areas.communityId,
      communityName: sql<string | null>`(SELECT c.name FROM areas c WHERE c.id = ${areas.communityId})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(areas, eq(areas.id, users.areaId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row) return null;
  const idleMs = Date.now() - new Date(row.lastSeenAt).getTime();
  if (idleMs > idleMinutes * 60_000 || row.status !== "active") {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (idleMs > 60_000) await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
  return {
    id: row.id,
    displayName: row.displayName,
    username: row.username,
    role: row.role,
    department: row.department,
    personId: row.personId,
    phoneEnc: row.phoneEnc,
    areaId: row.areaId,
    areaPath: row.areaPath,
    areaName: row.areaName,
    areaLevel: row.areaLevel,
    communityId: row.areaCommunityId,
    communityName: row.communityName,
  };
}
