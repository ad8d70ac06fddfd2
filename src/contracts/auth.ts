import { z } from "zod";
import { areaLevel, role, uuid } from "./common";

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const otpRequestBody = z.strictObject({
  phone: z.string().regex(/^1[3-9]\d{9}$/),
});
export const otpRequestReply = z.object({
  sent: z.literal(true),
  /** Only in demo mode: the code, shown on screen because no SMS is really sent. */
  demoCode: z.string().optional(),
});

export const otpVerifyBody = z.strictObject({
  phone: z.string().regex(/^1[3-9]\d{9}$/),
  code: z.string().regex(/^\d{6}$/),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(8).max(128),
});

export const sessionUser = z.object({
  id: uuid,
  displayName: z.string(),
  username: z.string().nullable(),
  phone: z.string().nullable(),
  role,
  department: z.string().nullable(),
  area: z
    .object({ id: uuid, name: z.string(), level: areaLevel, path: z.string(), communityId: uuid.nullable() })
    .nullable(),
  /** The community the user belongs to (their area's community), if any. */
  community: z.object({ id: uuid, name: z.string() }).nullable(),
  permissions: z.array(z.string()),
});
export type SessionUser = z.infer<typeof sessionUser>;
export const meReply = z.object({ user: sessionUser });
/** Who is signed in, without an error when nobody is. */
export const sessionReply = z.object({ user: sessionUser.nullable() });
