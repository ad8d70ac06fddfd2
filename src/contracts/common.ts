import { z } from "zod";

export const uuid = z.string().uuid();
export const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export type LngLat = z.infer<typeof lngLat>;

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
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
