import { z } from "zod";
import { uuid } from "./common";

export const auditQuery = z.strictObject({
  action: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  actorId: uuid.optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
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
export const auditReply = z.object({ items: z.array(auditItem), nextCursor: z.string().nullable() });
