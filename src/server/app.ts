import fs from "node:fs";
import path from "node:path";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from "fastify";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import fastifyStatic from "@fastify/static";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { httpPlatform } from "./platform/http";
import { webSecurity } from "./platform/web-security";
import { postgresRateLimitStore } from "./platform/rate-limit-store";
import { readRouting } from "./platform/read-routing";
import { safeLoggerOptions } from "./platform/logging";
import { healthRoutes } from "./modules/health/routes";
import { AppError } from "./platform/errors";
import { localeOf, messageFor } from "./platform/messages";
import { sendErrors } from "./modules/open311/format";
import type { AppDeps } from "./platform/deps";
import { authRoutes } from "./modules/auth/routes";
import { areaRoutes } from "./modules/areas/routes";
import { peopleRoutes } from "./modules/people/routes";
import { auditRoutes } from "./modules/audit/routes";
import { configRoutes } from "./modules/config/routes";
import { caseRoutes } from "./modules/cases/routes";
import { caseSettingsRoutes } from "./modules/cases/settings-routes";
import { fileRoutes } from "./modules/files/routes";
import { notificationRoutes } from "./modules/notifications/routes";
import { registryRoutes } from "./modules/registry/routes";
import { patrolsRoutes } from "./modules/patrols/routes";
import { deliberationRoutes } from "./modules/deliberation/routes";
import { partnersRoutes } from "./modules/partners/routes";
import { mapRoutes } from "./modules/maps/routes";
import { inboxRoutes } from "./modules/inbox/routes";
import { noticeRoutes } from "./modules/notices/routes";
import { streetRoutes } from "./modules/street/routes";
import { reportRoutes } from "./modules/reports/routes";
import { partyRoutes } from "./modules/party/routes";
import { partyCommitteeRoutes } from "./modules/party/committee-routes";
import { apiKeyRoutes } from "./modules/api-keys/routes";
import { hotlineRoutes } from "./modules/hotline/routes";
import { open311Routes } from "./modules/open311/routes";
import { enterpriseRoutes } from "./modules/enterprise/routes";
import { inspectionRoutes } from "./modules/inspections/routes";
import multipart from "@fastify/multipart";

export interface BuildOptions {
  logger?: FastifyServerOptions["logger"];
  /** Serve the built web app from `config.webDist` when it exists. */
  serveWeb?: boolean;
}

/** Builds the HTTP app: platform plugins first, then the feature modules under /api. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Redaction and scrubbing (platform/logging.ts) go on top of whatever logger options are given.
    logger: options.logger ? safeLoggerOptions(options.logger === true ? {} : options.logger) : false,
    bodyLimit: deps.config.bodyLimit,
    trustProxy: deps.config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    // A URL the router cannot take (a parameter over 200 characters, bad percent-encoding): a 4xx in
    // the error format of the interface asked, the spec's error array under /open311.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      const message = messageFor("BAD_REQUEST", localeOf(request.headers["accept-language"]));
      if (request.url.startsWith("/open311/")) return sendErrors(reply, request.url, status, [{ code: status, description: message }]);
      return (reply as FastifyReply).code(status).send({ code: "BAD_REQUEST", message, details: { reason: error.code } });
    },
  }).withTypeProvider<ZodTypeProvider>();

  // Every registered route, for the test that fails when one has no declared policy.
  const routeCatalog: Array<{ method: string | string[]; url: string; config: { policy?: string } }> = [];
  app.decorate("routeCatalog", routeCatalog);
  app.addHook("onRoute", (route) => {
    routeCatalog.push(route as unknown as (typeof routeCatalog)[number]);
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("deps", deps);

  await app.register(cookie);
  // On PostgreSQL the windows live in the database, so a limit holds across every server process.
  const pool = deps.database.kind === "postgres" ? deps.database.pool : undefined;
  await app.register(rateLimit, { global: false, ...(pool ? { store: postgresRateLimitStore(pool) } : {}) });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(httpPlatform);
  await app.register(webSecurity);
  // After the session is read (on the primary): the reads of this request may go to the standby.
  if (deps.readRouter) await app.register(readRouting, { router: deps.readRouter });

  await app.register(swagger, {
    openapi: {
      info: { title: "Linli 邻里 API", version: "0.1.0", description: "Community grid governance" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "linli_sid" } } },
    },
    transform: jsonSchemaTransform,
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(configRoutes);
      await api.register(authRoutes, { prefix: "/auth" });
      await api.register(areaRoutes);
      await api.register(peopleRoutes);
      await api.register(auditRoutes);
      await api.register(fileRoutes);
      await api.register(caseRoutes);
      await api.register(caseSettingsRoutes);
      await api.register(notificationRoutes);
      await api.register(registryRoutes);
      await api.register(patrolsRoutes);
      await api.register(deliberationRoutes);
      await api.register(partnersRoutes);
      await api.register(mapRoutes);
      await api.register(inboxRoutes);
      await api.register(noticeRoutes);
      await api.register(streetRoutes);
      await api.register(reportRoutes);
      await api.register(partyRoutes);
      await api.register(partyCommitteeRoutes);
      await api.register(apiKeyRoutes);
      await api.register(hotlineRoutes);
      await api.register(enterpriseRoutes);
      await api.register(inspectionRoutes);
    },
    { prefix: "/api" },
  );
  // Open311 GeoReport v2 lives at the path its clients expect, outside /api, with its own error format.
  await app.register(open311Routes, { prefix: "/open311/v2" });

  let spaHtml: ((url: string) => string) | null = null;
  // Documentation and the web app are public: their routes get the "public" policy here.
  await app.register(async (pub) => {
    pub.addHook("onRoute", (route) => {
      route.config = { ...(route.config as object), policy: "public" } as typeof route.config;
    });
    await pub.register(swaggerUi, { routePrefix: "/docs" });
    const dist = deps.config.webDist;
    if (options.serveWeb && fs.existsSync(path.join(dist, "index.html"))) {
      await pub.register(fastifyStatic, { root: dist, wildcard: false, index: false, maxAge: "1h" });
      const consoleHtml = fs.readFileSync(path.join(dist, "index.html"), "utf8");
      const mobileFile = path.join(dist, "m", "index.html");
      const mobileHtml = fs.existsSync(mobileFile) ? fs.readFileSync(mobileFile, "utf8") : consoleHtml;
      pub.get("/", (_req, reply) => reply.type("text/html").header("cache-control", "no-cache").send(consoleHtml));
      pub.get("/m", (_req, reply) => reply.type("text/html").header("cache-control", "no-cache").send(mobileHtml));
      pub.get("/m/*", (_req, reply) => reply.type("text/html").header("cache-control", "no-cache").send(mobileHtml));
      spaHtml = (url) => (url === "/m" || url.startsWith("/m/") ? mobileHtml : consoleHtml);
    }
  });

  // Client-side routes of the two web shells fall back to their index page; everything else is a JSON 404.
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split("?")[0];
    const isPage = request.method === "GET" && !url.startsWith("/api/") && !url.startsWith("/docs") && !path.extname(url);
    if (isPage && spaHtml) return reply.type("text/html").header("cache-control", "no-cache").send(spaHtml(url));
    throw new AppError("NOT_FOUND", { path: url });
  });

  return app;
}
