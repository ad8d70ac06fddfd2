import { and, eq, gt, isNull, or, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { notices } from "../../db/schema/notices";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { can } from "../../platform/policy";
import { communityRule } from "../../platform/access";

/**
 * Who sees which notice. A notice belongs to a community; a user reads those of the communities
 * they see community-wide things of (their own, or those under a street or city scope:
 * `communityRule`). Only published notices that have not expired, unless a writer
 * (`notice:write`) asks for the withdrawn and expired ones too. Anything else answers 404.
 */
export function noticeVisible(user: AuthUser, now: Date, includeHidden = false): SQL {
  const scope = communityRule(user, { communityId: notices.communityId });
  if (includeHidden && can(user.role, "notice:write")) return scope;
  return and(scope, eq(notices.status, "published"), or(isNull(notices.expiresAt), gt(notices.expiresAt, now)))!;
}

/** The community a new notice goes to: the one given (if the writer sees it) or the writer's own. */
export async function noticeCommunity(db: DbOrTx, user: AuthUser, communityId: string | undefined): Promise<{ id: string; name: string }> {
  const id = communityId ?? user.communityId;
  if (!id) throw new AppError("VALIDATION_FAILED", [{ path: "/communityId", message: "a community is required" }]);
  const [row] = await db
    .select({ id: areas.id, name: areas.name })
    .from(areas)
    .where(and(eq(areas.id, id), eq(areas.level, "community"), communityRule(user, { communityId: areas.id })))
    .limit(1);
  if (!row) throw notFound("community");
  return row;
}

/** Loads a notice the writer may change, locked for the update; 404 otherwise. */
export async function loadNoticeForUpdate(db: DbOrTx, user: AuthUser, id: string) {
  const [row] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.id, id), communityRule(user, { communityId: notices.communityId })))
    .for("update")
    .limit(1);
  if (!row) throw notFound("notice");
  return row;
}
