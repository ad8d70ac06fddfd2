import { eq, sql, type SQL, type AnyColumn } from "drizzle-orm";
import { tagDefinitions } from "../../db/schema/registry";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { can } from "../../platform/policy";

/** May this user see restricted tags (重点人员)? */
export const seesRestricted = (user: AuthUser) => can(user.role, "person:restricted");

/** The names of a person's active tags the user may see, as a SQL array expression. */
export function visibleTagsOf(user: AuthUser, personId: AnyColumn | SQL) {
  const restricted = seesRestricted(user) ? sql`` : sql` AND NOT d.restricted`;
  return sql<string[]>`ARRAY(SELECT d.name FROM person_tags pt JOIN tag_definitions d ON d.code = pt.tag_code
    WHERE pt.person_id = ${personId} AND pt.removed_at IS NULL${restricted} ORDER BY d.sort_order)`;
}

/** Refuses to search or set a tag the user may not see; an unknown tag is a validation error. */
export async function assertTagVisible(db: DbOrTx, user: AuthUser, code: string) {
  const [def] = await db.select().from(tagDefinitions).where(eq(tagDefinitions.code, code)).limit(1);
  if (!def) throw new AppError("VALIDATION_FAILED", [{ path: "/tag", message: "unknown tag" }]);
  if (def.restricted && !seesRestricted(user)) throw new AppError("FORBIDDEN", { tag: code });
  return def;
}
