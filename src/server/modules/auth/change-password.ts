import { eq } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { hashPassword, isStrongPassword, verifyPassword } from "../../platform/passwords";
import { writeAudit } from "../../platform/audit";
import { deleteUserSessions } from "../../platform/sessions";

/** Changes the caller's password after checking the current one; other sessions are signed out. */
export async function changePassword(
  deps: AppDeps,
  ctx: SignedInContext,
  input: { currentPassword: string; newPassword: string; keepToken: string },
): Promise<void> {
  const { db } = deps.database;
  const [user] = await db.select().from(users).where(eq(users.id, ctx.user.id)).limit(1);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("INVALID_CREDENTIALS");
  }
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
