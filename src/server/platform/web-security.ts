import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config";
import { AppError } from "./errors";

/**
 * Browser-facing protections (OWASP ASVS V3/V14), written as plain hooks:
 *
 * - state-changing requests (POST/PUT/PATCH/DELETE) from another site are refused with 403
 *   FORBIDDEN {reason: "cross-site"}: `Sec-Fetch-Site: cross-site`, or an `Origin` whose host is not
 *   the request's Host. Requests with neither header (curl, scripts, tests) pass.
 * - `text/plain` bodies are refused with 415: a cross-site HTML form can send them without a CORS
 *   preflight, and no route takes one.
 * - every answer carries a Content-Security-Policy fitting the built web apps, nosniff, DENY
 *   framing and a same-origin referrer policy; answers under /api are `no-store` unless the route
 *   chose its own Cache-Control (photos keep `private, max-age`).
 */
export const webSecurity = fp(async (app: FastifyInstance) => {
  const { map } = app.deps.config;
  const csp = contentSecurityPolicy([map.tileUrl, map.annotationUrl ?? ""]);

  app.addHook("onRequest", async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    if (isCrossSite(request)) throw new AppError("FORBIDDEN", { reason: "cross-site" });
    const type = request.headers["content-type"];
    if (type && /^\s*text\/plain\b/i.test(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", { contentType: "text/plain" });
  });

  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("content-security-policy", csp);
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "same-origin");
    if (request.url.startsWith("/api/") && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });
});

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether the browser says the request comes from another site. */
export function isCrossSite(request: FastifyRequest): boolean {
  if (String(request.headers["sec-fetch-site"] ?? "").toLowerCase() === "cross-site") return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  const originHost = hostOf(origin);
  // `Origin: null` (sandboxed frames, file: pages) or garbage never matches.
  if (!originHost) return true;
  return originHost !== hostOf(`${request.protocol}://${request.host}`);
}

/** The host (with port, default ports dropped) of a URL, lower case; null when it does not parse. */
function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return u.host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The policy for the built React apps: scripts only from this server, inline styles (antd writes
 * them), images from here, data: and blob: (photos before upload, QR codes) and the map tile host.
 */
export function contentSecurityPolicy(mapTileUrls: string | string[]): string {
  const sources = [...new Set((Array.isArray(mapTileUrls) ? mapTileUrls : [mapTileUrls]).map(tileSource).filter((s): s is string => !!s))];
  const tiles = sources.join(" ");
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? " " + tiles : ""}`,
    "font-src 'self' data:",
    `connect-src 'self'${tiles ? " " + tiles : ""}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`; a leftmost label
 * with a subdomain placeholder (`t{s}.tianditu.gov.cn`, `webrd0{s}.is.autonavi.com`) becomes `*`.
 */
export function tileSource(mapTileUrl: string): string | null {
  const m = /^(https?):\/\/([^/?#]+)/i.exec(mapTileUrl.trim());
  if (!m) return null;
  const labels = m[2].split(".");
  if (labels.length > 2 && labels[0].includes("{")) labels[0] = "*";
  const host = labels.join(".").replace(/\{[^}]*\}/g, "*");
  // CSP allows a wildcard only as the whole leftmost label; anything else falls back to the scheme.
  if (/^(\*\.)?[A-Za-z0-9.-]+(:\d+)?$/.test(host)) return `${m[1].toLowerCase()}://${host.toLowerCase()}`;
  return `${m[1].toLowerCase()}:`;
}

const LOOPBACK_NAMES = /^(localhost|[a-z0-9-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether the request was made on this machine: it arrived on a loopback socket, passed no proxy
 * (a local reverse proxy adds forwarding headers), and names a loopback host (so a page that
 * rebinds its DNS name to 127.0.0.1 does not count).
 */
export function isLoopbackRequest(request: FastifyRequest): boolean {
  const address = request.socket?.remoteAddress ?? "";
  const loopbackSocket = address === "::1" || /^(::ffff:)?127\./.test(address);
  if (!loopbackSocket) return false;
  const h = request.headers;
  if (h["x-forwarded-for"] || h["forwarded"] || h["x-real-ip"] || h["x-forwarded-host"]) return false;
  const host = String(h.host ?? "").replace(/:\d+$/, "");
  return LOOPBACK_NAMES.test(host);
}

/** Demo conveniences (codes on screen, the demo account list) are answered only on this machine. */
export function demoConveniencesFor(request: FastifyRequest, config: Pick<Config, "demoMode">): boolean {
  return config.demoMode && isLoopbackRequest(request);
}
