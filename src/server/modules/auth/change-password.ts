import { eq } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { dummyPasswordHash, hashPassword, isStrongPassword, verifyPassword } from "../../platform/passwords";
import { writeAudit } from "../../platform/audit";
import { deleteUserSessions } from "../../platform/sessions";
import { clearAccount, lockedError, nameKey, releaseAddressSlot, takeAccountSlot, takeAddressSlot, userKey } from "./throttle";

/**
 * Changes the caller's password after checking the current one; other sessions are signed out.
 * A wrong current password counts toward the sign-in lockout of the account (and the address's
 * window), so a stolen session cannot be used to guess the password.
 */
export async function changePassword(
  deps: AppDeps,
  ctx: SignedInContext,
  input: { currentPassword: string; newPassword: string; keepToken: string },
): Promise<void> {
  const { db } = deps.database;
  const [user] = await db.select().from(users).where(eq(users.id, ctx.user.id)).limit(1);
  await takeAddressSlot(deps, ctx.ip);
  const key = user?.username ? nameKey(deps, user.username) : userKey(ctx.user.id);
  const slot = await takeAccountSlot(deps, key);
  const verified = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.currentPassword);
  if (!user?.passwordHash || !verified) {
    if (slot.last) {
      await db.transaction((tx) => writeAudit(tx, ctx, { action: "auth.locked", targetType: "user", targetId: ctx.user.id, after: { failedLogins: slot.attempt } }));
      throw lockedError(deps.config.loginLockMinutes);
    }
    throw new AppError("INVALID_CREDENTIALS");
  }
  await clearAccount(db, key);
  await releaseAddressSlot(db, ctx.ip);
  if (!isStrongPassword(input.newPassword) || input.newPassword === input.currentPassword) {
    throw new AppError("VALIDATION_FAILED", [{ path: "/newPassword", message: "weak_password" }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    await deleteUserSessions(tx, user.id, input.keepToken);
    await writeAudit(tx, ctx, { action: "auth.password_changed", targetType: "user", targetId: user.id });
  });
}
