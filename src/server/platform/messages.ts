import type { ErrorCode } from "./errors";

export type Locale = "zh-CN" | "en";

const MESSAGES: Record<Locale, Record<ErrorCode, string>> = {
  "zh-CN": {
    VALIDATION_FAILED: "请求内容不符合要求",
    BAD_REQUEST: "请求无法处理",
    UNAUTHENTICATED: "请先登录",
    INVALID_CREDENTIALS: "用户名或密码错误",
    FORBIDDEN: "没有权限执行此操作",
    NOT_FOUND: "未找到相关内容",
    CONFLICT: "操作与当前状态冲突，请刷新后重试",
    INVALID_TRANSITION: "当前状态下不能执行此操作",
    IDEMPOTENCY_CONFLICT: "同一请求标识已用于不同的内容",
    PAYLOAD_TOO_LARGE: "提交的内容过大",
    UNSUPPORTED_MEDIA_TYPE: "不支持的内容类型",
    ACCOUNT_LOCKED: "登录失败次数过多，账号已锁定，请{minutes}分钟后再试",
    RATE_LIMITED: "操作过于频繁，请稍后再试",
    INTERNAL: "服务器内部错误",
    UNAVAILABLE: "服务暂不可用",
    DATABASE_UNAVAILABLE: "数据库暂时无法连接，请稍后重试",
  },
  en: {
    VALIDATION_FAILED: "The request is not valid",
    BAD_REQUEST: "The request cannot be processed",
    UNAUTHENTICATED: "Please sign in first",
    INVALID_CREDENTIALS: "Wrong user name or password",
    FORBIDDEN: "You are not allowed to do this",
    NOT_FOUND: "Not found",
    CONFLICT: "This conflicts with the current state; refresh and try again",
    INVALID_TRANSITION: "This action is not allowed in the current state",
    IDEMPOTENCY_CONFLICT: "This idempotency key was used for a different request",
    PAYLOAD_TOO_LARGE: "The request is too large",
    UNSUPPORTED_MEDIA_TYPE: "Unsupported content type",
    ACCOUNT_LOCKED: "Too many failed sign-ins; the account is locked for {minutes} minutes",
    RATE_LIMITED: "Too many requests; try again later",
    INTERNAL: "Internal server error",
    UNAVAILABLE: "Service unavailable",
    DATABASE_UNAVAILABLE: "The database cannot be reached right now; try again shortly",
  },
};

/** Picks the caller's language from Accept-Language; Simplified Chinese unless English comes first. */
export function localeOf(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return "zh-CN";
  const first = acceptLanguage.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "zh-CN";
}

export function messageFor(code: ErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  let text = MESSAGES[locale][code] ?? MESSAGES["zh-CN"][code];
  for (const [k, v] of Object.entries(params ?? {})) text = text.replace(`{${k}}`, String(v));
  return text;
}
