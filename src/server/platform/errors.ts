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
