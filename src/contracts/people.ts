import { z } from "zod";
import { listTotal, uuid } from "./common";
import { code, limit, line } from "./bounded";

export const peopleQuery = z.strictObject({
  /** Name (full or part), phone tail (4 digits) or ID-number tail (4 characters). */
  q: line(40, 0).optional(),
  /** Part of the address: compound, building, room (e.g. 金水湾 3栋 502). */
  address: line(60, 0).optional(),
  /** A tag code from the dictionary (restricted ones need the right to see them). */
  tag: code(40).optional(),
  areaId: uuid.optional(),
  /** The id of the last person of the previous page. */
  cursor: uuid.optional(),
  limit: limit(200, 20),
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
export const peopleReply = z.object({ items: z.array(personItem), nextCursor: z.string().nullable(), ...listTotal });
