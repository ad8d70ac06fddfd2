import { and, eq, gt, isNull, or, type SQL } from "drizzle-orm";
import { notices } from "../../db/schema/notices";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { can } from "../../platform/policy";
import { communityRule, findVisible } from "../../platform/access";

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

/** Loads a notice the writer may change, locked for the update; 404 otherwise. */
export function loadNoticeForUpdate(db: DbOrTx, user: AuthUser, id: string): Promise<typeof notices.$inferSelect> {
  return findVisible(db, notices, notices.id, id, communityRule(user, { communityId: notices.communityId }), "notice", { lock: true });
}
