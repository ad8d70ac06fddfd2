import { z } from "zod";
import { listTotal, uuid } from "./common";
import { code, limit } from "./bounded";

export const auditQuery = z.strictObject({
  action: code(64).optional(),
  targetType: code(64).optional(),
  actorId: uuid.optional(),
  /** The id of the last row of the previous page. */
  cursor: z.string().regex(/^\d{1,15}$/).optional(),
  limit: limit(200, 50),
});
export const auditItem = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export const auditReply = z.object({ items: z.array(auditItem), nextCursor: z.string().nullable(), ...listTotal });
