import type { FastifyError } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { open311JurisdictionQuery, open311PostBody, open311RequestParams, open311RequestsQuery, open311ServiceParams } from "../../../contracts/open311";
import { AppError } from "../../platform/errors";
import { open311ErrorOf, sendAs, sendErrors, type Format } from "./format";
import { findService, listServices } from "./services";
import { listRequests } from "./requests";
import { postRequest } from "./post-request";

const TAGS = ["open311"];
const FORMATS: Format[] = ["json", "xml"];
const SPEC = "http://wiki.open311.org/GeoReport_v2";
/** The date this endpoint last changed in a way clients should know (discovery's changeset). */
const CHANGESET = "2026-12-06T00:00:00+08:00";
/** Form bodies as the spec posts them; a bit more than the longest valid request. */
const FORM_LIMIT = 64 * 1024;

/**
 * Open311 GeoReport v2 under /open311/v2 (outside /api): discovery, services, service definitions,
 * requests (read by anyone, as the public view shows cases) and POST requests for partner systems
 * holding a key. Every resource comes as `.json` and `.xml`; errors are the spec's error array in the
 * same format, with the HTTP status.
 */
export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const { db } = deps.database;

  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: FORM_LIMIT }, (_request, body, done) => {
    const fields: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body as string)) {
      if (Object.prototype.hasOwnProperty.call(fields, k)) return done(new AppError("VALIDATION_FAILED", [{ path: `/${k}`, message: "given twice" }]), undefined);
      fields[k] = v;
    }
    done(null, fields);
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, errors } = open311ErrorOf(error as FastifyError, request);
    return sendErrors(reply, request.url, status, errors);
  });
  app.setNotFoundHandler((request, reply) => sendErrors(reply, request.url, 404, [{ code: 404, description: "no such resource" }]));

  for (const f of FORMATS) {
    app.get(
      `/discovery.${f}`,
      { schema: { tags: TAGS, summary: `Service discovery (${f})` }, config: { policy: "public" } },
      async (request, reply) => {
        const base = `${request.protocol}://${request.host}/open311/v2`;
        return sendAs(reply, f, "discovery", null, {
          changeset: CHANGESET,
          contact: request.ctx.locale === "en" ? "The community's service desk" : "社区服务窗口",
          key_service: request.ctx.locale === "en" ? "Keys are issued by the community or street office (console: 开放接口)" : "由社区或街道在管理后台“开放接口”页面签发",
          endpoints: [{ specification: SPEC, url: base, changeset: CHANGESET, type: "production", formats: ["application/json", "text/xml"] }],
        });
      },
    );

    app.get(
      `/services.${f}`,
      { schema: { tags: TAGS, summary: `The services: case categories offered to other systems (${f})`, querystring: open311JurisdictionQuery }, config: { policy: "public" } },
      async (request, reply) => sendAs(reply, f, "services", "service", await listServices(db, request.ctx.locale)),
    );

    app.get(
      `/services/:code.${f}`,
      { schema: { tags: TAGS, summary: `A service definition (no attributes: metadata is false for every service) (${f})`, params: open311ServiceParams, querystring: open311JurisdictionQuery }, config: { policy: "public" } },
      async (request, reply) => {
        const service = await findService(db, request.params.code, request.ctx.locale);
        if (!service) throw new AppError("NOT_FOUND", { reason: "service_code" });
        return sendAs(reply, f, "service_definition", null, { service_code: service.service_code, attributes: [] });
      },
    );

    app.get(
      `/requests.${f}`,
      { schema: { tags: TAGS, summary: `Service requests as the public sees them, newest first (${f})`, querystring: open311RequestsQuery }, config: { policy: "public", rateLimit: { max: 120, timeWindow: "1 minute" } } },
      async (request, reply) => sendAs(reply, f, "service_requests", "request", await listRequests(db, request.query, request.ctx.locale)),
    );

    app.get(
      `/requests/:id.${f}`,
      { schema: { tags: TAGS, summary: `One service request (${f})`, params: open311RequestParams, querystring: open311JurisdictionQuery }, config: { policy: "public", rateLimit: { max: 120, timeWindow: "1 minute" } } },
      async (request, reply) => {
        const found = await listRequests(db, {}, request.ctx.locale, request.params.id);
        if (!found.length) throw new AppError("NOT_FOUND", { reason: "service_request_id" });
        return sendAs(reply, f, "service_requests", "request", found);
      },
    );

    app.post(
      `/requests.${f}`,
      { schema: { tags: TAGS, summary: `Report a case from a partner system (api_key field) (${f})`, body: open311PostBody }, config: { policy: "public", rateLimit: { max: 600, timeWindow: "1 minute" } } },
      async (request, reply) => {
        const { created } = await postRequest(deps, request.ctx, request.body, `POST /open311/v2/requests.${f}`);
        return sendAs(reply, f, "service_requests", "request", [created]);
      },
    );
  }
};
