import { eq } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import type { AppDeps } from "../../platform/deps";
import type { RequestContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { dummyPasswordHash, verifyPassword } from "../../platform/passwords";
import { userAreaPath, writeAudit } from "../../platform/audit";
import { createSession } from "../../platform/sessions";
import { clearAccount, lockedError, nameKey, releaseAddressSlot, takeAccountSlot, takeAddressSlot } from "./throttle";

/**
 * Password sign-in (OWASP ASVS V2). In order:
 * 1. the address must have failed attempts left in its window (429 otherwise);
 * 2. the name takes its attempt atomically and is refused while locked (423) — the lock is decided
 *    before the password is verified, so concurrent guesses cannot slip past it;
 * 3. the password is verified against the account's hash, or against a dummy hash when the name is
 *    unknown, has no password or is disabled: unknown and known names take alike long, are counted
 *    and locked alike, and answer alike.
 */
export async function login(
  deps: AppDeps,
  ctx: RequestContext,
  input: { username: string; password: string; userAgent?: string },
): Promise<{ token: string; userId: string }> {
  const { db } = deps.database;
  const [user] = await db.select().from(users).where(eq(users.username, input.username)).limit(1);
  await takeAddressSlot(deps, ctx.ip);
  const key = nameKey(deps, input.username);
  const slot = await takeAccountSlot(deps, key);
  const usable = user && user.passwordHash && user.status === "active" ? user : null;
  const verified = await verifyPassword(usable?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const actor = { ...ctx, user: null };
  if (!usable || !verified) {
    await db.transaction(async (tx) => {
      await writeAudit(tx, actor, {
        action: slot.last ? "auth.locked" : "auth.login_failed",
        targetType: "user",
        targetId: user?.id ?? null,
        areaPath: user ? userAreaPath(user.id) : null,
        after: { failedLogins: slot.attempt },
      });
    });
    if (slot.last) throw lockedError(deps.config.loginLockMinutes);
    throw new AppError("INVALID_CREDENTIALS");
  }
  return db.transaction(async (tx) => {
    await clearAccount(tx, key);
    await releaseAddressSlot(tx, ctx.ip);
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, usable.id));
    const token = await createSession(tx, usable.id, ctx.ip, input.userAgent);
    await writeAudit(tx, { ...ctx, user: { id: usable.id, displayName: usable.displayName, role: usable.role } as RequestContext["user"] }, {
      action: "auth.login",
      targetType: "user",
      targetId: usable.id,
      areaPath: userAreaPath(usable.id),
    });
    return { token, userId: usable.id };
  });
}
