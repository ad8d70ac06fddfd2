import { z } from "zod";
import { cursor, limit, line, lngLatInput } from "./bounded";

export const uuid = z.string().uuid();
/**
 * [longitude, latitude] as answered: as loose as the `point` column (a response schema must not
 * refuse what is stored). Request bodies use `lngLatInput` from ./bounded (WGS-84 ranges).
 */
export const lngLat = z.tuple([z.number(), z.number()]);
export type LngLat = z.infer<typeof lngLat>;
export { lngLatInput };

export const ROLE_VALUES = [
  "platform_admin",
  "street_officer",
  "department_officer",
  "community_secretary",
  "community_staff",
  "grid_worker",
  "branch_secretary",
  "partner_contact",
  "volunteer",
  "resident",
  "rider",
] as const;
export const role = z.enum(ROLE_VALUES);
export type RoleName = z.infer<typeof role>;

export const AREA_LEVELS = ["city", "district", "street", "community", "grid", "microgrid"] as const;
export const areaLevel = z.enum(AREA_LEVELS);
export type AreaLevel = z.infer<typeof areaLevel>;

/** The error body of every 4xx/5xx answer. */
export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const ok = z.object({ ok: z.literal(true) });

/** Keyset pagination: an opaque cursor from the previous page. */
export const pageQuery = z.strictObject({
  cursor: cursor.optional(),
  limit: limit(200, 50),
});

/**
 * The size of a list, next to its page: exact up to LIST_COUNT_CAP rows, beyond that the cap with
 * `totalCapped` (shown "1,000+"), so that counting never costs more than reading a thousand keys.
 */
export const LIST_COUNT_CAP = 1000;
export const listTotal = { total: z.number(), totalCapped: z.boolean() };

/** The optional Idempotency-Key header of a write that a retry must not repeat (its format is checked by the server's `once`). */
export const idempotencyHeaders = z.object({ "idempotency-key": line(200).optional() }).passthrough();
