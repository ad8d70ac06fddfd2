import type { Role } from "../db/schema/accounts";
import type { Locale } from "./messages";

/** The signed-in user as every use case sees it. */
export interface AuthUser {
  id: string;
  displayName: string;
  username: string | null;
  role: Role;
  department: string | null;
  personId: string | null;
  phoneEnc: string | null;
  /** Scope node; null for a user who sees only their own records. */
  areaId: string | null;
  areaPath: string | null;
  areaName: string | null;
  areaLevel: string | null;
  communityId: string | null;
  communityName: string | null;
}

/** Who is acting, from where: passed to every use case, written to every audit row. */
export interface RequestContext {
  user: AuthUser | null;
  ip: string;
  locale: Locale;
}

export interface SignedInContext extends RequestContext {
  user: AuthUser;
}
