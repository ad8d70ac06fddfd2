import { z } from "zod";

/**
 * Bounded input types: every request schema (body, query, params) is built from these, so no
 * input reaches a use case or the database that PostgreSQL or JavaScript cannot hold or compute
 * with: no NUL or other control characters, no lone UTF-16 surrogates, no endless strings, no
 * dates in year 0001 or 9999, no sub-normal or astronomic numbers.
 *
 * Response schemas are NOT built from these: they describe what the database may hold and stay
 * as loose as its columns.
 */

/** C0 controls and DEL; single-line text allows none of them. */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Multi-line text keeps line feeds and tabs (carriage returns are turned into line feeds first). */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True for a string that PostgreSQL text and JSON can hold: no NUL, no lone surrogate. */
export function storable(s: string): boolean {
  return !s.includes("\u0000") && !LONE_SURROGATE.test(s);
}

export interface TextOptions {
  /** Required upper bound, in UTF-16 code units after normalisation. */
  max: number;
  /** Lower bound after trimming; default 1 (an empty text is refused). Use 0 to allow "". */
  min?: number;
  /** Keeps line feeds and tabs (descriptions, notes, minutes); single-line text allows no control character. */
  multiline?: boolean;
  /** Leading and trailing white space is dropped; default true. Passwords set it to false. */
  trim?: boolean;
  /** Unicode NFC normalisation; default true. Passwords set it to false (their bytes are hashed as typed). */
  normalize?: boolean;
}

/**
 * Free text: refuses control characters (except \n and \t in multi-line text) and lone surrogates,
 * normalises to NFC, trims, and bounds the length.
 */
export function text(opts: TextOptions) {
  const { max, min = 1, multiline = false, trim = true, normalize = true } = opts;
  let s = z.string().max(max * 4 + 64);
  if (multiline) s = s.overwrite((v) => v.replace(/\r\n?/g, "\n"));
  s = s
    .refine((v) => !(multiline ? CONTROL_MULTILINE : CONTROL).test(v), multiline ? "control characters are not allowed" : "control characters and line breaks are not allowed")
    .refine((v) => !LONE_SURROGATE.test(v), "not well-formed Unicode (lone surrogate)");
  if (normalize) s = s.normalize("NFC");
  if (trim) s = s.trim();
  if (min > 0) s = s.min(min);
  return s.max(max);
}

/** Shorthand for a required single-line text of at most `max` characters. */
export const line = (max: number, min = 1) => text({ max, min });
/** Shorthand for a required multi-line text of at most `max` characters. */
export const paragraph = (max: number, min = 1) => text({ max, min, multiline: true });

/** A code from a dictionary or an identifier made of ASCII letters, digits and `_ . : -` (category, tag, action). */
export const code = (max = 40) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "letters, digits and _ . : - only");

/** A UUID (any version; the nil UUID too, it simply finds nothing). */
export const id = z.string().uuid();

/** An opaque keyset cursor (base64url of the last row's key). */
export const cursor = z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, "not a cursor");

/** Phone numbers of mainland China mobile lines. */
export const mobilePhone = z.string().regex(/^1[3-9]\d{9}$/);

// ---------------------------------------------------------------- dates and instants

export const DATE_MIN = "1900-01-01";
export const DATE_MAX = "2100-12-31";
/**
 * Instants start in 1901: before that PostgreSQL writes Asia/Shanghai times with the local mean time
 * offset (+08:05:43), which JavaScript cannot parse.
 */
export const INSTANT_MIN = "1901-01-01T00:00:00+08:00";
export const INSTANT_MAX = "2100-12-31T23:59:59+08:00";

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

function realDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export interface DayOptions {
  /** Earliest day allowed (YYYY-MM-DD); default 1900-01-01. */
  min?: string;
  /** Latest day allowed (YYYY-MM-DD); default 2100-12-31. */
  max?: string;
  /** Not after today (Asia/Shanghai): a birth date, a move-in date, a visit. */
  notFuture?: boolean;
}

/** A calendar day as YYYY-MM-DD that exists (no 2024-02-30) within a sane window. */
export function day(opts: DayOptions = {}) {
  const { min = DATE_MIN, max = DATE_MAX, notFuture = false } = opts;
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
    .refine(realDay, "not a calendar day")
    .refine((s) => s >= min && s <= max, `a day from ${min} to ${max}`)
    .refine((s) => !notFuture || s <= todayInShanghai(), "a day in the future");
}

export interface InstantOptions {
  /** Not later than now (plus `toleranceMinutes` of clock drift). */
  notFuture?: boolean;
  toleranceMinutes?: number;
}

/** An ISO 8601 instant with an offset (2025-03-14T09:30:00+08:00 or …Z) within 1901–2100. */
export function instant(opts: InstantOptions = {}) {
  const { notFuture = false, toleranceMinutes = 10 } = opts;
  const lo = Date.parse(INSTANT_MIN);
  const hi = Date.parse(INSTANT_MAX);
  return z
    .string()
    .datetime({ offset: true })
    .refine((s) => {
      const t = Date.parse(s);
      return Number.isFinite(t) && t >= lo && t <= hi;
    }, "an instant from 1901 to 2100")
    .refine((s) => !notFuture || Date.parse(s) <= Date.now() + toleranceMinutes * 60_000, "an instant in the future");
}

/** A month as YYYY-MM within the date window. */
export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM")
  .refine((s) => s >= DATE_MIN.slice(0, 7) && s <= DATE_MAX.slice(0, 7), "a month from 1900 to 2100");

/** A year within the date window. */
export const year = (min = 1900, max = 2100) => queryInt({ min, max });

// ---------------------------------------------------------------- numbers

/** Smallest non-zero magnitude of a fraction: below it a number is noise (and underflows `real` columns). */
export const MIN_MAGNITUDE = 1e-9;
const notTiny = (n: number) => n === 0 || Math.abs(n) >= MIN_MAGNITUDE;

export interface NumberOptions {
  min: number;
  max: number;
}

/** A finite number within [min, max]; sub-normal magnitudes such as 1e-320 are refused. */
export const num = ({ min, max }: NumberOptions) => z.number().min(min).max(max).refine(notTiny, "number too small");

/** An integer within [min, max] (both within the 32-bit range of integer columns unless said). */
export const int = ({ min, max }: NumberOptions) => z.number().int().min(min).max(max);

/** A number in a query string ("12", "25.04"); "NaN", "Infinity", "" and sub-normal ones are refused. */
export const queryNum = ({ min, max }: NumberOptions) =>
  z
    .string()
    .max(40)
    .regex(/^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/, "not a number")
    .pipe(z.coerce.number<string>().min(min).max(max).refine(notTiny, "number too small"));

/** An integer in a query string. */
export const queryInt = ({ min, max }: NumberOptions) =>
  z
    .string()
    .max(20)
    .regex(/^\s*[-+]?\d+\s*$/, "not an integer")
    .pipe(z.coerce.number<string>().int().min(min).max(max));

export const longitude = num({ min: -180, max: 180 });
export const latitude = num({ min: -90, max: 90 });
/** WGS-84 [longitude, latitude]. */
export const lngLatInput = z.tuple([longitude, latitude]);
export const queryLongitude = queryNum({ min: -180, max: 180 });
export const queryLatitude = queryNum({ min: -90, max: 90 });

/** A page size in a query string. */
export const limit = (max: number, fallback: number) => queryInt({ min: 1, max }).default(fallback);

/** "true" / "false" in a query string. */
export const queryFlag = z.enum(["true", "false"]);
