import { z } from "zod";
import { uuid } from "./common";

export const peopleQuery = z.strictObject({
  /** Name (full or part), phone tail (4 digits) or ID-number tail (4 characters). */
  q: z.string().trim().max(40).optional(),
  /** Part of the address: compound, building, room (e.g. 金水湾 3栋 502). */
  address: z.string().trim().max(60).optional(),
  /** A tag code from the dictionary (restricted ones need the right to see them). */
  tag: z.string().max(40).optional(),
  areaId: uuid.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const personItem = z.object({
  id: uuid,
  name: z.string(),
  sex: z.enum(["M", "F"]),
  age: z.number(),
  /** Masked: 138****5678 */
  phone: z.string().nullable(),
  /** Masked: 5301**********1234 */
  idNumber: z.string(),
  address: z.string().nullable(),
  communityName: z.string(),
  gridName: z.string().nullable(),
  residence: z.enum(["registered", "resident", "floating"]),
  householdId: uuid.nullable(),
  tags: z.array(z.string()),
});
export type PersonItem = z.infer<typeof personItem>;
export const peopleReply = z.object({ items: z.array(personItem), nextCursor: z.string().nullable() });
