import type { SQL, AnyColumn } from "drizzle-orm";
import type { KeyOrUser } from "../../platform/api-keys";
import { inScope, underArea } from "../../platform/scope";

/** Where the caller of the 12345 exchange may act: a key's community or street, or a staff member's scope. */
export interface HotlinePrincipal {
  who: KeyOrUser;
  /** The area path the orders must lie in. */
  areaPath: string;
  /** The community an order without a point goes to, when the caller's area is one community (or lies in one). */
  communityId: string | null;
  /** Who the timeline names when no staff member is signed in. */
  actorName: string;
}

export function principalOf(who: KeyOrUser): HotlinePrincipal | null {
  if (who.kind === "key") return { who, areaPath: who.key.areaPath, communityId: who.key.communityId, actorName: `12345热线 · ${who.key.name}` };
  const u = who.ctx.user;
  if (!u.areaPath) return null;
  return { who, areaPath: u.areaPath, communityId: u.communityId, actorName: u.displayName };
}

/** SQL: an area column lies in the caller's area (the key's area, or the user's scope). */
export function withinPrincipal(p: HotlinePrincipal, column: AnyColumn | SQL): SQL {
  return p.who.kind === "key" ? underArea(column, p.areaPath) : inScope(p.who.ctx.user, column);
}
