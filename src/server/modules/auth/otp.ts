import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { otpCodes, users } from "../../db/schema/accounts";
import { areas } from "../../db/schema/areas";
import { persons } from "../../db/schema/places";
import type { AppDeps } from "../../platform/deps";
import type { RequestContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { userAreaPath, writeAudit } from "../../platform/audit";
import { createSession } from "../../platform/sessions";
import { SELF_REGISTERED_ROLE } from "../../platform/roles";

const CODE_TTL_MS = 5 * 60_000;
const RESEND_GAP_MS = 60_000;
const MAX_PER_DAY = 10;
const MAX_ATTEMPTS = 5;

function codeHash(deps: AppDeps, phoneHash: string, code: string): string {
  return createHmac("sha256", deps.cipher.blindIndex("otp:" + phoneHash)).update(code).digest("base64url");
}

/**
 * Sends a sign-in code. The answer is the same whether or not an account exists for the phone,
 * so the endpoint cannot be used to find out who is registered. `showCode` (demo mode, asked from
 * this machine) also returns the code, so the product can be tried without a phone.
 */
export async function requestOtp(deps: AppDeps, phone: string, opts: { showCode: boolean }): Promise<{ demoCode?: string }> {
  const { db } = deps.database;
  const phoneHash = deps.cipher.blindIndex(phone);
  const now = Date.now();
  const recent = await db
    .select({ createdAt: otpCodes.createdAt })
    .from(otpCodes)
    .where(and(eq(otpCodes.phoneHash, phoneHash), gt(otpCodes.createdAt, new Date(now - 24 * 3600_000))))
    .orderBy(desc(otpCodes.createdAt));
  if (recent.length >= MAX_PER_DAY || (recent[0] && now - recent[0].createdAt.getTime() < RESEND_GAP_MS)) {
    throw new AppError("RATE_LIMITED");
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db.insert(otpCodes).values({
    id: uuidv7(),
    phoneHash,
    codeHash: codeHash(deps, phoneHash, code),
    expiresAt: new Date(now + CODE_TTL_MS),
  });
  await deps.sms.send(phone, `【邻里】您的登录验证码是 ${code}，5分钟内有效。`);
  return deps.config.demoMode && opts.showCode ? { demoCode: code } : {};
}

/**
 * Checks a code and signs the phone in. A phone without an account gets a resident account,
 * bound to the home area of the registered person with that phone if there is one.
 */
export async function verifyOtp(
  deps: AppDeps,
  ctx: RequestContext,
  input: { phone: string; code: string; userAgent?: string },
): Promise<{ token: string; userId: string }> {
  const { db } = deps.database;
  const phoneHash = deps.cipher.blindIndex(input.phone);
  const [otp] = await db
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.phoneHash, phoneHash), isNull(otpCodes.consumedAt), gt(otpCodes.expiresAt, new Date())))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1);
  if (!otp || otp.attempts >= MAX_ATTEMPTS) throw new AppError("INVALID_CREDENTIALS");
  const expected = Buffer.from(otp.codeHash);
  const given = Buffer.from(codeHash(deps, phoneHash, input.code));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    await db.update(otpCodes).set({ attempts: sql`${otpCodes.attempts} + 1` }).where(eq(otpCodes.id, otp.id));
    throw new AppError("INVALID_CREDENTIALS");
  }
  return db.transaction(async (tx) => {
    const consumed = await tx
      .update(otpCodes)
      .set({ consumedAt: new Date() })
      .where(and(eq(otpCodes.id, otp.id), isNull(otpCodes.consumedAt)))
      .returning({ id: otpCodes.id });
    if (consumed.length === 0) throw new AppError("INVALID_CREDENTIALS");
    let [user] = await tx.select().from(users).where(eq(users.phoneHash, phoneHash)).limit(1);
    if (user && user.status !== "active") throw new AppError("INVALID_CREDENTIALS");
    if (!user) {
      const [person] = await tx
        .select({ id: persons.id, name: persons.name, areaId: persons.areaId })
        .from(persons)
        .innerJoin(areas, eq(areas.id, persons.areaId))
        .where(and(eq(persons.phoneHash, phoneHash), eq(persons.status, "active")))
        .limit(1);
      [user] = await tx
        .insert(users)
        .values({
          id: uuidv7(),
          displayName: person?.name ?? `居民${input.phone.slice(-4)}`,
          role: SELF_REGISTERED_ROLE,
          phoneEnc: deps.cipher.encrypt(input.phone),
          phoneHash,
          phoneTail: input.phone.slice(-4),
          areaId: person?.areaId ?? null,
          personId: person?.id ?? null,
          // Made while trying the demo: part of the demo data (listed, and disabled with it).
          demo: deps.config.demoMode,
        })
        .returning();
      await writeAudit(tx, ctx, { action: "user.self_register", targetType: "user", targetId: user.id, areaPath: userAreaPath(user.id), after: { role: SELF_REGISTERED_ROLE, phone: input.phone } });
    }
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
    const token = await createSession(tx, user.id, ctx.ip, input.userAgent);
    await writeAudit(tx, { ...ctx, user: null }, { action: "auth.login_otp", targetType: "user", targetId: user.id, areaPath: userAreaPath(user.id) });
    return { token, userId: user.id };
  });
}
