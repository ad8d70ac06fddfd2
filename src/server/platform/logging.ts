import type { LoggerOptions } from "pino";

/**
 * What may reach the log. Request bodies, query strings, cookies, authorization headers and the
 * parameters of failed SQL statements can hold names, phones and ID numbers, so:
 * - a request is logged as method, path (no query string), route pattern and remote address;
 * - an error is logged as its class, code, a scrubbed message and a scrubbed stack: Drizzle's
 *   "params: …" tail, `query`/`params`, and the driver's `detail`/`where`/`hint` never appear;
 * - every message string passes the same scrubber, and the usual paths are redacted besides.
 */

const REDACTED = "[redacted]";

/** Runs of digits long enough to be a phone or ID number (an ID may end in X). */
const LONG_NUMBER = /\d{6,}[\dXx]*/g;

/** Removes values from an error or log message while keeping what says what went wrong. */
export function scrubMessage(text: string): string {
  let out = text;
  let tail = "";
  // Drizzle: "Failed query: <sql>\nparams: <values>" — the statement stays (shortened), the values go.
  const params = out.search(/\n?params:/);
  if (out.startsWith("Failed query:") && params >= 0) {
    out = out.slice(0, Math.min(params, 1000)).replace(/\s+/g, " ").trim();
    tail = " [params withheld]";
  }
  // PostgreSQL details name the offending value: Key (phone_hash)=(…) already exists.
  out = out.replace(/\)=\((.*?)\)/g, ")=(…)");
  // "invalid input syntax for type uuid: "…"", "invalid input value for enum x: "…"".
  out = out.replace(/(:\s*)"[^"]*"/g, '$1"…"');
  out = out.replace(LONG_NUMBER, "…");
  return (out.length > 2000 ? out.slice(0, 2000) + "…" : out) + tail;
}

export interface SafeError {
  type: string;
  code?: string;
  message: string;
  stack?: string;
  /** Schema names of a database error: which constraint, table or column, never the value. */
  constraint?: string;
  table?: string;
  column?: string;
  cause?: SafeError;
}

/** The loggable shape of an error: class, code, scrubbed message and stack, the same for its cause. */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) {
    if (error && typeof error === "object" && "type" in error && "message" in error && !("params" in error) && !("query" in error)) {
      return error as SafeError; // already made safe
    }
    return { type: typeof error, message: scrubMessage(String(error)) };
  }
  const e = error as Error & { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown };
  const type = e.name && e.name !== "Error" ? e.name : e.constructor?.name || "Error";
  const message = scrubMessage(e.message ?? "");
  const frames = (e.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .map(scrubMessage);
  const out: SafeError = { type, message, stack: [`${type}: ${message}`, ...frames].join("\n") };
  if (typeof e.code === "string" || typeof e.code === "number") out.code = String(e.code);
  if (typeof e.constraint === "string") out.constraint = e.constraint;
  if (typeof e.table === "string") out.table = e.table;
  if (typeof e.column === "string") out.column = e.column;
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

type ReqLike = {
  method?: string;
  url?: string;
  ip?: string;
  routeOptions?: { url?: string };
  socket?: { remoteAddress?: string };
};

/** A request in the log: no query string, no headers, no body. */
function serializeRequest(req: ReqLike) {
  return {
    method: req.method,
    url: (req.url ?? "").split("?")[0],
    route: req.routeOptions?.url,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
  };
}

/** Keeps the last four digits of a phone, so the log gateway's lines stay usable. */
function maskPhone(value: unknown): string {
  const s = typeof value === "string" ? value : "";
  return s.length >= 7 ? `${s.slice(0, 3)}****${s.slice(-4)}` : REDACTED;
}

/**
 * Pino takes an error's own message as the line's message when none is given; give a scrubbed one
 * instead, and scrub every message string.
 */
function scrubArgs(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (first instanceof Error) {
    return [{ err: first }, typeof rest[0] === "string" ? scrubMessage(rest[0]) : scrubMessage(first.message), ...rest.slice(1).map(scrubArg)];
  }
  if (first && typeof first === "object" && typeof rest[0] !== "string") {
    const err = (first as { err?: unknown }).err;
    if (err instanceof Error && (first as { msg?: unknown }).msg === undefined) return [first, scrubMessage(err.message), ...rest.slice(1).map(scrubArg)];
  }
  return args.map(scrubArg);
}

const scrubArg = (a: unknown) => (typeof a === "string" ? scrubMessage(a) : a);

const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.body",
  "req.query",
  "req.params",
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  "body",
  "query",
  "params",
  "err.query",
  "err.params",
  "err.detail",
  "err.where",
  "err.hint",
  "err.cause.query",
  "err.cause.params",
  "err.cause.detail",
  "err.cause.where",
  "password",
  "*.password",
  "phone",
  "*.phone",
  "idNumber",
  "*.idNumber",
];

/**
 * Pino options with the serializers, redaction and message scrubbing above, on top of `base`
 * (level, stream …). Used for the app's Fastify logger and the CLI's logger alike.
 */
export function safeLoggerOptions<T extends object>(base: T = {} as T): T & LoggerOptions {
  const b = base as T & LoggerOptions;
  const serializers = { ...(b.serializers ?? {}), req: serializeRequest, err: (e: unknown) => safeError(e), error: (e: unknown) => safeError(e) };
  const extraPaths = Array.isArray(b.redact) ? b.redact : (b.redact?.paths ?? []);
  return {
    ...b,
    serializers,
    redact: {
      paths: [...new Set([...REDACT_PATHS, ...extraPaths])],
      censor: (value: unknown, path: string[]) => (path[path.length - 1] === "phone" ? maskPhone(value) : REDACTED),
    },
    hooks: {
      ...(b.hooks ?? {}),
      // Message strings (Fastify logs `err.message` as the message of some lines) are scrubbed too.
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, scrubArgs(args));
      },
    },
  } as T & LoggerOptions;
}
