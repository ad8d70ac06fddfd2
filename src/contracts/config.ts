import { z } from "zod";

export const publicConfigReply = z.object({
  demoMode: z.boolean(),
  mapTileUrl: z.string(),
  version: z.string(),
  /** Demo logins, listed on the login page in demo mode only. */
  demoAccounts: z.array(z.object({ username: z.string().nullable(), phone: z.string().nullable(), role: z.string(), displayName: z.string() })),
});
