import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, type ErrorCode } from "./errors";
import { localeOf, messageFor } from "./messages";
import { can, isPermission, type RoutePolicy } from "./policy";
import { loadSession, SESSION_COOKIE } from "./sessions";
import type { RequestContext, SignedInContext } from "./context";
import type { AppDeps } from "./deps";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The declared authorization of the route; a route without one is refused. */
    policy?: RoutePolicy;
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
    if (token) request.ctx.user = await loadSession(app.deps.database.db, token, app.deps.config.sessionIdleMinutes);
    if (policy === "public") return;
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
      request.log.error({ err: error.cause }, "response does not match its schema");
      return send(reply, request, "INTERNAL", 500);
    }
    const status = error.statusCode ?? 500;
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE" || status === 413) return send(reply, request, "PAYLOAD_TOO_LARGE", 413);
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || status === 415) return send(reply, request, "UNSUPPORTED_MEDIA_TYPE", 415);
    if (status === 429) return send(reply, request, "RATE_LIMITED", 429);
    if (status >= 400 && status < 500) return send(reply, request, "BAD_REQUEST", status, { reason: error.message });
    request.log.error({ err: error }, "unhandled error");
    return send(reply, request, "INTERNAL", 500);
  });
});
