import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { Open311Error } from "../../../contracts/open311";
import { AppError, isDatabaseUnavailable } from "../../platform/errors";
import { safeError } from "../../platform/logging";
import { localeOf, messageFor } from "../../platform/messages";

/**
 * The two formats of GeoReport v2: JSON, and XML (which the spec requires), chosen by the extension
 * of the resource (`services.json`, `services.xml`). XML is written by hand: every text is escaped
 * and characters XML 1.0 cannot carry are dropped.
 */
export type Format = "json" | "xml";

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** Element names of the items of a list inside an element (`<formats><format>…`). */
const ITEM_OF: Record<string, string> = { formats: "format", endpoints: "endpoint", attributes: "attribute", values: "value" };

/** Characters XML 1.0 cannot carry: C0 controls but tab, LF and CR; U+FFFE/U+FFFF; lone surrogates. */
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML character data (also safe inside attribute values). */
export function xmlEscape(value: string): string {
  return value
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_OF[name] ?? "item";
    return `<${name}>${value.map((v) => element(item, v)).join("")}</${name}>`;
  }
  if (typeof value === "object") return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join("")}</${name}>`;
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/** An XML document: the declaration, then the root element with one child per item (or the fields of one object). */
export function xmlDocument(root: string, item: string | null, body: XmlValue[] | Record<string, XmlValue>): string {
  const inner = Array.isArray(body) ? body.map((b) => element(item ?? "item", b)).join("") : Object.entries(body).map(([k, v]) => element(k, v)).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>${inner}</${root}>\n`;
}

/** The format a request asked for, from the extension of its path. */
export function formatOf(url: string): Format {
  return /\.xml$/i.test(url.split("?")[0]) ? "xml" : "json";
}

/** Sends a list (or one object) in the format of the request. */
export function sendAs(reply: FastifyReply, format: Format, root: string, item: string | null, body: Array<Record<string, XmlValue>> | Record<string, XmlValue>, status = 200) {
  reply.status(status);
  if (format === "xml") return reply.type("text/xml; charset=utf-8").send(xmlDocument(root, item, body));
  return reply.type("application/json; charset=utf-8").send(JSON.stringify(body));
}

/** An error of the spec's error array, for an AppError or a validation failure. */
export function open311ErrorOf(error: FastifyError, request: FastifyRequest): { status: number; errors: Open311Error[] } {
  const locale = request.ctx?.locale ?? localeOf(request.headers["accept-language"]);
  if (error instanceof AppError) {
    const reason = (error.details as { reason?: unknown } | undefined)?.reason;
    const fields = Array.isArray(error.details) ? (error.details as Array<{ path?: string; message?: string }>) : [];
    const base = messageFor(error.code, locale, error.params);
    if (fields.length) return { status: error.status, errors: fields.map((f) => ({ code: error.status, description: `${base}: ${f.path ?? ""} ${f.message ?? ""}`.trim() })) };
    return { status: error.status, errors: [{ code: error.status, description: typeof reason === "string" ? `${base} (${reason})` : base }] };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const base = messageFor("VALIDATION_FAILED", locale);
    return { status: 400, errors: error.validation.map((v) => ({ code: 400, description: `${base}: ${v.instancePath || "/"} ${v.message ?? ""}`.trim() })) };
  }
  if (isDatabaseUnavailable(error)) return { status: 503, errors: [{ code: 503, description: messageFor("DATABASE_UNAVAILABLE", locale) }] };
  const status = error.statusCode ?? 500;
  if (status === 413) return { status, errors: [{ code: status, description: messageFor("PAYLOAD_TOO_LARGE", locale) }] };
  if (status === 415) return { status, errors: [{ code: status, description: messageFor("UNSUPPORTED_MEDIA_TYPE", locale) }] };
  if (status === 429) return { status, errors: [{ code: status, description: messageFor("RATE_LIMITED", locale) }] };
  if (status >= 400 && status < 500) return { status, errors: [{ code: status, description: messageFor("BAD_REQUEST", locale) }] };
  request.log.error({ err: safeError(error), route: request.routeOptions?.url, method: request.method }, "unhandled error");
  return { status: 500, errors: [{ code: 500, description: messageFor("INTERNAL", locale) }] };
}

/** Answers an error as the spec says: `[{code, description}]`, or `<errors><error>…` in XML. */
export function sendErrors(reply: FastifyReply, url: string, status: number, errors: Open311Error[]) {
  return sendAs(reply, formatOf(url), "errors", "error", errors, status);
}
