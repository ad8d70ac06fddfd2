import { z } from "zod";
import { code, instant, latitude, line, longitude, paragraph, queryInt, queryLatitude, queryLongitude } from "./bounded";

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) as served under /open311/v2. Field
 * names are the spec's (snake_case). Requests are validated like every other route; answers are
 * shaped by the spec, in JSON or XML by the extension of the resource.
 */

/** A comma-separated list of up to `max` items matching `item`. */
const commaList = (item: RegExp, max: number, maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .refine((s) => {
      const parts = s.split(",").map((p) => p.trim());
      return parts.length <= max && parts.every((p) => item.test(p));
    }, "a comma-separated list of valid values");

const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
const SERVICE_CODE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,39}$/;

/** `jurisdiction_id` is accepted everywhere and ignored: one installation is one jurisdiction. */
const jurisdiction = line(100).optional();

export const open311JurisdictionQuery = z.strictObject({ jurisdiction_id: jurisdiction });

export const open311ServiceParams = z.strictObject({ code: z.string().max(40).regex(SERVICE_CODE, "a service code") });
export const open311RequestParams = z.strictObject({ id: z.string().max(40).regex(REQUEST_ID, "a service request id") });

/** GET requests: the spec's filters, and paging (`page`, `page_size`, at most 1,000 per page as the spec caps results). */
export const open311RequestsQuery = z.strictObject({
  jurisdiction_id: jurisdiction,
  service_request_id: commaList(REQUEST_ID, 100, 4200).optional(),
  service_code: commaList(SERVICE_CODE, 50, 2100).optional(),
  start_date: instant().optional(),
  end_date: instant().optional(),
  status: commaList(/^(open|closed)$/, 2, 20).optional(),
  page: queryInt({ min: 1, max: 100_000 }).optional(),
  page_size: queryInt({ min: 1, max: 1000 }).optional(),
});
export type Open311RequestsQuery = z.infer<typeof open311RequestsQuery>;

/** A coordinate as a form field ("25.04") or a JSON number. */
const coordinate = (json: z.ZodType<number>, form: z.ZodType<number>) => z.union([json, form]);

/**
 * POST requests (application/x-www-form-urlencoded as the spec says, or JSON). `api_key` is checked
 * by the server (403 when missing, unknown or revoked); `lat`/`long` are required here, since a case
 * is routed by its point.
 */
export const open311PostBody = z.strictObject({
  api_key: z.string().max(200).optional(),
  jurisdiction_id: jurisdiction,
  service_code: code(40),
  lat: coordinate(latitude, queryLatitude).optional(),
  long: coordinate(longitude, queryLongitude).optional(),
  address_string: line(200, 0).optional(),
  address_id: line(100, 0).optional(),
  email: line(120, 0).optional(),
  device_id: line(100, 0).optional(),
  account_id: line(100, 0).optional(),
  first_name: line(20, 0).optional(),
  last_name: line(20, 0).optional(),
  phone: z.string().max(30).regex(/^\+?[0-9 ()-]{0,30}$/, "a phone number").optional(),
  description: paragraph(2000, 0).optional(),
  media_url: line(500, 0).optional(),
});
export type Open311PostBody = z.infer<typeof open311PostBody>;

/** One error of the spec's error array. */
export type Open311Error = { code: number; description: string };
