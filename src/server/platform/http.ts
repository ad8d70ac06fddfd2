import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, isDatabaseUnavailable, type ErrorCode } from "./errors";
import { safeError } from "./logging";
import { localeOf, messageFor } from "./messages";
import { can, isPermission, type RoutePolicy } from "./policy";
import { loadSession, SESSION_COOKIE } from "./sessions";
import type { RequestContext, SignedInContext } from "./context";
import type { AppDeps } from "./deps";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The declared authorization of the route; a route without one is refused. */
    policy?: RoutePolicy;
    /** A public route that never reads the session (health probes answer without the database). */
    sessionless?: boolean;
    /**
     * Partner systems may call the route with a key in the `x-api-key` header instead of a session;
     * the handler checks the key (`platform/api-keys.ts` `keyOrUser`). Without the header the policy applies.
     */
    apiKey?: boolean;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyInstance {
    deps: AppDeps;
    routeCatalog: Array<{ method: string | string[]; url: string; config?: { policy?: string } }>;
  }
}

/** The signed-in context of a route whose policy already required sign-in. */
export function signedIn(request: FastifyRequest): SignedInContext {
  if (!request.ctx.user) throw new AppError("UNAUTHENTICATED");
  return request.ctx as SignedInContext;
}

function send(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, status: number, details?: unknown, params?: Record<string, string | number>) {
  const locale = request.ctx?.locale ?? localeOf(request.headers["accept-language"]);
  return reply.status(status).send({ code, message: messageFor(code, locale, params), ...(details === undefined ? {} : { details }) });
}

/**
 * Platform hooks: builds the request context (language, IP, session user), enforces the route's
 * declared policy before anything else runs, and turns every error into `{code, message, details}`.
 */
export const httpPlatform = fp(async (app: FastifyInstance) => {
  app.decorateRequest("ctx", null as unknown as RequestContext);

  app.addHook("onRequest", async (request) => {
    request.ctx = { user: null, ip: request.ip, locale: localeOf(request.headers["accept-language"]) };
    const policy = request.routeOptions.config?.policy;
    if (request.is404) return;
    if (!policy) throw new AppError("FORBIDDEN", { reason: "route has no policy" });
    const token = request.cookies?.[SESSION_COOKIE];
    if (token && !request.routeOptions.config?.sessionless) request.ctx.user = await loadSession(app.deps.database, token, app.deps.config.sessionIdleMinutes);
    if (policy === "public") return;
    if (request.routeOptions.config?.apiKey && request.headers["x-api-key"] !== undefined) return;
    if (!request.ctx.user) throw new AppError("UNAUTHENTICATED");
    if (policy === "authenticated") return;
    if (!isPermission(policy) || !can(request.ctx.user.role, policy)) throw new AppError("FORBIDDEN");
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(reply, request, error.code, error.status, error.details, error.params);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({ path: v.instancePath || "/", message: v.message, where: error.validationContext }));
      return send(reply, request, "VALIDATION_FAILED", 400, details);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: safeError(error.cause), route: request.routeOptions?.url }, "response does not match its schema");
      return send(reply, request, "INTERNAL", 500);
    }
    // The database is gone for now (restart, failover, terminated connection): 503, retry later.
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: safeError(error), route: request.routeOptions?.url }, "database unavailable");
      return send(reply, request, "DATABASE_UNAVAILABLE", 503);
    }
    const status = error.statusCode ?? 500;
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE" || status === 413) return send(reply, request, "PAYLOAD_TOO_LARGE", 413);
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || status === 415) return send(reply, request, "UNSUPPORTED_MEDIA_TYPE", 415);
    if (status === 429) return send(reply, request, "RATE_LIMITED", 429);
    if (status >= 400 && status < 500) return send(reply, request, "BAD_REQUEST", status, { reason: error.message });
    // Class, code, route and a scrubbed stack: never the statement's parameters or the request's values.
    request.log.error({ err: safeError(error), route: request.routeOptions?.url, method: request.method }, "unhandled error");
    return send(reply, request, "INTERNAL", 500);
  });
});
