/**
 * The closed set of error codes, mapped to HTTP in one place. Messages are translated by code
 * (see messages.ts); 5xx answers never carry internals.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  IDEMPOTENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The database cannot be reached (restart, failover, connection dropped); retry shortly. */
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  /** Message parameters, interpolated into the translated message. */
  readonly params?: Record<string, string | number>;

  constructor(code: ErrorCode, details?: unknown, params?: Record<string, string | number>) {
    super(code);
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
    this.params = params;
  }
}

export const notFound = (what?: string) => new AppError("NOT_FOUND", what ? { resource: what } : undefined);
export const forbidden = () => new AppError("FORBIDDEN");
export const conflict = (details?: unknown) => new AppError("CONFLICT", details);
export const badRequest = (details?: unknown) => new AppError("BAD_REQUEST", details);

/** SQLSTATE codes that mean the connection or the server is gone, not that the statement was wrong. */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300", "53000"]);
/** Socket errors of a connection to the database. */
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** Messages of node-postgres / pg-pool for a lost or unobtainable connection. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /is not currently accepting connections/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /cannot use a pool after calling end/i,
];

/**
 * Whether an error means "the database is not there right now" (connection refused, reset or
 * terminated, server shutting down or starting, pool connect timeout) rather than a bad statement.
 * Follows `cause` (Drizzle wraps the driver's error) and the members of an AggregateError.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; severity?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08") || UNAVAILABLE_ERRNOS.has(code)) return true;
  // A FATAL or PANIC from the server ends the session: the connection is gone whatever the cause.
  if (e.severity === "FATAL" || e.severity === "PANIC") return true;
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) {
    // Drizzle repeats the statement in its message; only the driver's own text counts.
    if (!(e.message as string).startsWith("Failed query:")) return true;
  }
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
