import { and, eq, sql } from "drizzle-orm";
import { partyMembers, partyOrgs, partyProjects } from "../../db/schema/party";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { communityRule, findVisible } from "../../platform/access";
import { AppError } from "../../platform/errors";

/**
 * Party records belong to a community: the party-work roles (`party:read`, checked on the route)
 * reach those of the communities `communityRule` gives them; anything else answers 404.
 */

export type OrgRow = typeof partyOrgs.$inferSelect;
export type MemberRow = typeof partyMembers.$inferSelect;
export type ProjectRow = typeof partyProjects.$inferSelect;

export function loadOrg(db: DbOrTx, user: AuthUser, id: string, lock = false): Promise<OrgRow> {
  return findVisible(db, partyOrgs, partyOrgs.id, id, communityRule(user, { communityId: partyOrgs.communityId }), "party_org", { lock });
}

export function loadMember(db: DbOrTx, user: AuthUser, id: string, lock = false): Promise<MemberRow> {
  return findVisible(db, partyMembers, partyMembers.id, id, communityRule(user, { communityId: partyMembers.communityId }), "party_member", { lock });
}

export function loadProject(db: DbOrTx, user: AuthUser, id: string, lock = false): Promise<ProjectRow> {
  return findVisible(db, partyProjects, partyProjects.id, id, communityRule(user, { communityId: partyProjects.communityId }), "party_project", { lock });
}

/** The committee of a community (the root of its tree); 409 when the community has none yet. */
export async function committeeOf(db: DbOrTx, communityId: string): Promise<OrgRow> {
  const [row] = await db.select().from(partyOrgs).where(and(eq(partyOrgs.communityId, communityId), eq(partyOrgs.kind, "committee"))).limit(1);
  if (!row) throw new AppError("CONFLICT", { reason: "no_committee" });
  return row;
}

/** A validation error on one field. */
export function invalid(path: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError("VALIDATION_FAILED", [{ path, message, ...extra }]);
}

/** SQL: the grid (level grid) of an area id: the area itself or its grid ancestor. */
export function gridOf(areaId: unknown) {
  return sql`(SELECT CASE WHEN a.level = 'microgrid' THEN a.parent_id ELSE a.id END FROM areas a WHERE a.id = ${areaId})`;
}
