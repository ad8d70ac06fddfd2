import { and, asc, desc, eq, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { pointAccounts } from "../../db/schema/partners";
import type { DbOrTx, Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { userAreaPath, writeAudit } from "../../platform/audit";
import { inScope } from "../../platform/scope";
import { postEntry } from "./point-ledger";

/** A user whose record staff may see and correct: bound to an area in the staff member's subtree. */
export async function loadUserInScope(db: DbOrTx, staff: AuthUser, userId: string) {
  const [u] = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.id, userId), inScope(staff, users.areaId)))
    .limit(1);
  if (!u) throw notFound("user");
  return u;
}

/**
 * A staff correction of hours or points (a forgotten check-in, a mistaken award), with its
 * reason in the entry and in the audit log; a balance never goes below zero (409).
 */
export async function correctPoints(ctx: SignedInContext, tx: Tx, input: { userId: string; hours: number; points: number; reason: string }) {
  const u = await loadUserInScope(tx, ctx.user, input.userId);
  const r = await postEntry(tx, { userId: u.id, hours: input.hours, points: input.points, kind: "correction", reason: input.reason, createdBy: ctx.user.id });
  await writeAudit(tx, ctx, {
    action: "points.correct",
    targetType: "user",
    targetId: u.id,
    areaPath: userAreaPath(u.id),
    before: { hours: Math.round((r.balance.hours - input.hours) * 100) / 100, points: r.balance.points - input.points },
    after: r.balance,
    reason: input.reason,
  });
  return r;
}

/** Balances of the users in the staff member's scope, highest first. */
export async function listAccounts(db: DbOrTx, staff: AuthUser, q: { communityId?: string; q?: string; limit: number }) {
  const rows = await db
    .select({ id: users.id, name: users.displayName, role: users.role, hours: pointAccounts.hours, points: pointAccounts.points })
    .from(pointAccounts)
    .innerJoin(users, eq(users.id, pointAccounts.userId))
    .where(
      and(
        inScope(staff, users.areaId),
        q.communityId ? sql`${users.areaId} IN (SELECT id FROM areas WHERE community_id = ${q.communityId})` : undefined,
        q.q ? sql`${users.displayName} LIKE ${"%" + q.q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"}` : undefined,
      ),
    )
    .orderBy(desc(pointAccounts.hours), asc(users.displayName))
    .limit(q.limit);
  return rows.map((r) => ({ user: { id: r.id, name: r.name }, role: r.role, hours: r.hours, points: r.points }));
}
