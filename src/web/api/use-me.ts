import { useQuery, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { sessionReply, SessionUser } from "../../contracts/auth";
import { apiGet } from "./client";

export const ME_KEY = ["auth", "me"] as const;

type SessionReply = z.infer<typeof sessionReply>;

/** The signed-in user, or null when nobody is signed in (asked without an error reply either way). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => (await apiGet<SessionReply>("/auth/session")).user,
    staleTime: 5 * 60_000,
  });
}

/**
 * Records a new session right after sign-in: whatever was cached for an earlier user goes
 * (the public configuration stays), then the new user is known without another round trip.
 */
export function startSession(client: QueryClient, user: SessionUser): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== "config" });
  setMe(client, user);
}

/** Records a session user, or the end of the session (null), without another round trip. */
export function setMe(client: QueryClient, user: SessionUser | null): void {
  client.setQueryData(ME_KEY, user);
}

export function hasPermission(user: SessionUser | null | undefined, permission: string): boolean {
  return !!user?.permissions.includes(permission);
}
