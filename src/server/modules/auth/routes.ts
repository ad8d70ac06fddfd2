import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  changePasswordBody,
  loginBody,
  meReply,
  sessionReply,
  otpRequestBody,
  otpRequestReply,
  otpVerifyBody,
} from "../../../contracts/auth";
import { ok } from "../../../contracts/common";
import { signedIn } from "../../platform/http";
import { deleteSession, loadSession, SESSION_COOKIE } from "../../platform/sessions";
import { AppError } from "../../platform/errors";
import { dummyPasswordHash } from "../../platform/passwords";
import { demoConveniencesFor } from "../../platform/web-security";
import { login } from "./login";
import { requestOtp, verifyOtp } from "./otp";
import { changePassword } from "./change-password";
import { presentSessionUser } from "./present-user";

const TAGS = ["auth"];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  // Secure whenever the request came over HTTPS (directly, or through a proxy with TRUST_PROXY).
  const cookieOptions = (request: FastifyRequest) => ({ path: "/", httpOnly: true, sameSite: "lax" as const, secure: request.protocol === "https" });
  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) => reply.setCookie(SESSION_COOKIE, token, cookieOptions(request));
  /** Throttle refusals say when to come back. */
  const withRetryAfter = async <T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      const seconds = err instanceof AppError && err.code === "RATE_LIMITED" ? (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
      if (seconds) reply.header("retry-after", String(seconds));
      throw err;
    }
  };
  // Unknown names are verified against this hash: make it now, not on the first unknown name.
  await dummyPasswordHash();
  const meOf = async (token: string) => {
    const user = await loadSession(deps.database, token, deps.config.sessionIdleMinutes);
    if (!user) throw new AppError("UNAUTHENTICATED");
    return { user: presentSessionUser(user, deps.cipher) };
  };

  app.post(
    "/login",
    {
      schema: { tags: TAGS, summary: "Sign in with user name and password", body: loginBody, response: { 200: meReply } },
      config: { policy: "public", rateLimit: { max: 30, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const { token } = await withRetryAfter(reply, () => login(deps, request.ctx, { ...request.body, userAgent: request.headers["user-agent"] }));
      setCookie(request, reply, token);
      return meOf(token);
    },
  );

  app.post(
    "/otp/request",
    {
      schema: { tags: TAGS, summary: "Send a one-time sign-in code by SMS", body: otpRequestBody, response: { 200: otpRequestReply } },
      config: { policy: "public", rateLimit: { max: 10, timeWindow: "1 minute" } },
    },
    async (request) => ({ sent: true as const, ...(await requestOtp(deps, request.body.phone, { showCode: demoConveniencesFor(request, deps.config) })) }),
  );

  app.post(
    "/otp/verify",
    {
      schema: { tags: TAGS, summary: "Sign in with phone and one-time code", body: otpVerifyBody, response: { 200: meReply } },
      config: { policy: "public", rateLimit: { max: 30, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const { token } = await verifyOtp(deps, request.ctx, { ...request.body, userAgent: request.headers["user-agent"] });
      setCookie(request, reply, token);
      return meOf(token);
    },
  );

  app.get(
    "/me",
    { schema: { tags: TAGS, summary: "The signed-in user", response: { 200: meReply } }, config: { policy: "authenticated" } },
    async (request) => ({ user: presentSessionUser(signedIn(request).user, deps.cipher) }),
  );

  app.get(
    "/session",
    { schema: { tags: TAGS, summary: "The signed-in user, or null", response: { 200: sessionReply } }, config: { policy: "public" } },
    async (request) => ({ user: request.ctx.user ? presentSessionUser(request.ctx.user, deps.cipher) : null }),
  );

  app.post(
    "/logout",
    { schema: { tags: TAGS, summary: "Sign out", response: { 200: ok } }, config: { policy: "authenticated" } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(deps.database.db, token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
      return { ok: true as const };
    },
  );

  app.post(
    "/password",
    {
      schema: { tags: TAGS, summary: "Change the caller's password", body: changePasswordBody, response: { 200: ok } },
      config: { policy: "authenticated", rateLimit: { max: 10, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      await withRetryAfter(reply, () => changePassword(deps, signedIn(request), { ...request.body, keepToken: request.cookies[SESSION_COOKIE] ?? "" }));
      return { ok: true as const };
    },
  );
};
