import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { sessions } from "../db/schema/accounts";
import { rowsOf, type Database, type DbOrTx } from "../db/client";
import { Coalescer } from "../db/coalesce";
import { executeHot } from "../db/prepared";
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

type SessionRow = {
  sid: string;
  seen_ms: number;
  id: string;
  display_name: string;
  username: string;
  role: AuthUser["role"];
  department: string | null;
  person_id: string | null;
  phone_enc: string | null;
  status: string;
  area_id: string | null;
  area_path: string | null;
  area_name: string | null;
  area_level: string | null;
  area_community_id: string | null;
  community_name: string | null;
};

/** The sessions of a group of tokens (hashed), with their users and areas: one statement. */
async function sessionsByIds(database: Database, ids: string[]): Promise<Array<SessionRow | null>> {
  const result = await executeHot(database, database.db, sql`
    SELECT s.id AS sid, (extract(epoch FROM s.last_seen_at) * 1000)::float8 AS seen_ms,
      u.id, u.display_name, u.username, u.role, u.department, u.person_id, u.phone_enc, u.status, u.area_id,
      a.path AS area_path, a.name AS area_name, a.level AS area_level, a.community_id AS area_community_id,
      (SELECT c.name FROM areas c WHERE c.id = a.community_id) AS community_name
    FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN areas a ON a.id = u.area_id
    WHERE s.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
  const byId = new Map(rowsOf<SessionRow>(result).map((r) => [r.sid, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

const lookups = new WeakMap<Database, Coalescer<string, SessionRow | null>>();

/**
 * Resolves a cookie token to its user. A session idle for longer than the limit is deleted and
 * ignored; an active one has its last-seen time moved forward (at most once a minute, to keep
 * the hot path to one read). Requests arriving together share that read (`Coalescer`): every
 * request still sees its session as it is in the database, with no cache in between.
 */
export async function loadSession(database: Database, token: string, idleMinutes: number): Promise<AuthUser | null> {
  if (token.length < 20 || token.length > 100) return null;
  const id = hashToken(token);
  let lookup = lookups.get(database);
  if (!lookup) {
    lookup = new Coalescer((ids) => sessionsByIds(database, ids), { maxGroup: 100, maxInFlight: 2 });
    lookups.set(database, lookup);
  }
  const row = await lookup.submit(id);
  const db = database.db;
  if (!row) return null;
  const idleMs = Date.now() - Number(row.seen_ms);
  if (idleMs > idleMinutes * 60_000 || row.status !== "active") {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (idleMs > 60_000) await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
  return {
    id: row.id,
    displayName: row.display_name,
    username: row.username,
    role: row.role,
    department: row.department,
    personId: row.person_id,
    phoneEnc: row.phone_enc,
    areaId: row.area_id,
    areaPath: row.area_path,
    areaName: row.area_name,
    areaLevel: row.area_level,
    communityId: row.area_community_id,
    communityName: row.community_name,
  };
}
