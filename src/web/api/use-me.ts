import { useQuery, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { meReply, SessionUser } from "../../contracts/auth";
import { apiGet } from "./client";
import { isApiError } from "./api-error";

export const ME_KEY = ["auth", "me"] as const;

type MeReply = z.infer<typeof meReply>;

async function fetchMe(): Promise<SessionUser | null> {
  try {
    return (await apiGet<MeReply>("/auth/me")).user;
  } catch (err) {
    if (isApiError(err) && err.status === 401) return null;
    throw err;
  }
}

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
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
