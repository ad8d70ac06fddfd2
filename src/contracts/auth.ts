import { z } from "zod";
import { areaLevel, role, uuid } from "./common";
import { line, mobilePhone, text } from "./bounded";

/** Passwords are not trimmed nor changed in any way, but hold no control character or lone surrogate. */
const password = (min: number) => text({ max: 128, min, trim: false, normalize: false });

export const loginBody = z.strictObject({
  username: line(64),
  password: password(1),
});

export const otpRequestBody = z.strictObject({
  phone: mobilePhone,
});
export const otpRequestReply = z.object({
  sent: z.literal(true),
  /** Only in demo mode: the code, shown on screen because no SMS is really sent. */
  demoCode: z.string().optional(),
});

export const otpVerifyBody = z.strictObject({
  phone: mobilePhone,
  code: z.string().regex(/^\d{6}$/),
});

export const changePasswordBody = z.strictObject({
  currentPassword: password(1),
  newPassword: password(8),
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
