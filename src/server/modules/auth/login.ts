import { eq, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import type { AppDeps } from "../../platform/deps";
import type { RequestContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { hashPassword, verifyPassword, DUMMY_HASH_INPUT } from "../../platform/passwords";
import { userAreaPath, writeAudit } from "../../platform/audit";
import { createSession } from "../../platform/sessions";

let dummyHash: Promise<string> | null = null;

/**
 * Password sign-in. Unknown user and wrong password answer alike (and take alike long); every
 * failure counts, and the configured number of failures in a row locks the account for a while.
 */
export async function login(
  deps: AppDeps,
  ctx: RequestContext,
  input: { username: string; password: string; userAgent?: string },
): Promise<{ token: string; userId: string }> {
  const { db } = deps.database;
  const { loginMaxFailures, loginLockMinutes } = deps.config;
  const [user] = await db.select().from(users).where(eq(users.username, input.username)).limit(1);
  if (!user || !user.passwordHash || user.status !== "active") {
    dummyHash ??= hashPassword(DUMMY_HASH_INPUT);
    await verifyPassword(await dummyHash, input.password);
    throw new AppError("INVALID_CREDENTIALS");
  }
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now) / 60_000);
    throw new AppError("ACCOUNT_LOCKED", { lockedUntil: user.lockedUntil.toISOString() }, { minutes });
  }
  const actor = { ...ctx, user: null };
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const locked = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failedLogins: users.failedLogins });
      const lock = row.failedLogins >= loginMaxFailures;
      if (lock) {
        await tx
          .update(users)
          .set({ failedLogins: 0, lockedUntil: new Date(now + loginLockMinutes * 60_000) })
          .where(eq(users.id, user.id));
      }
      await writeAudit(tx, actor, {
        action: lock ? "auth.locked" : "auth.login_failed",
        targetType: "user",
        targetId: user.id,
        areaPath: userAreaPath(user.id),
        after: { failedLogins: lock ? loginMaxFailures : row.failedLogins },
      });
      return lock;
    });
    if (locked) throw new AppError("ACCOUNT_LOCKED", undefined, { minutes: loginLockMinutes });
    throw new AppError("INVALID_CREDENTIALS");
  }
  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id));
    const token = await createSession(tx, user.id, ctx.ip, input.userAgent);
    await writeAudit(tx, { ...ctx, user: { id: user.id, displayName: user.displayName, role: user.role } as RequestContext["user"] }, {
      action: "auth.login",
      targetType: "user",
      targetId: user.id,
      areaPath: userAreaPath(user.id),
    });
    return { token, userId: user.id };
  });
}
