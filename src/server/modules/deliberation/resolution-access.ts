import { eq } from "drizzle-orm";
import { resolutionOwners, resolutions, topics } from "../../db/schema/deliberation";
import type { DbOrTx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { can } from "../../platform/policy";
import { areaPathInScope } from "../../platform/scope";
import { pathOf } from "./access";

/**
 * Who may do what with a resolution. Owners with an account act for themselves; the community's
 * staff (those who run meetings) post progress for anyone, and may mark it done only for owners
 * that are parties without an account (a property company, a unit), which cannot sign in.
 * Others of the scope may read it; outside the scope it does not exist.
 */
export async function loadResolutionAccess(db: DbOrTx, ctx: SignedInContext, resolutionId: string, lock = false) {
  const q = db.select().from(resolutions).where(eq(resolutions.id, resolutionId)).limit(1);
  const [r] = lock ? await q.for("update") : await q;
  if (!r) throw notFound("resolution");
  const [t] = await db.select({ areaId: topics.areaId, id: topics.id, status: topics.status, title: topics.title, proposerId: topics.proposerId, source: topics.source }).from(topics).where(eq(topics.id, r.topicId)).limit(1);
  const scoped = await areaPathInScope(db, ctx.user, t.areaId);
  const path = scoped ?? (await pathOf(db, t.areaId)) ?? "";
  const owners = await db.select().from(resolutionOwners).where(eq(resolutionOwners.resolutionId, r.id));
  const isOwner = owners.some((o) => o.userId === ctx.user.id);
  const inScope = scoped !== null;
  const isStaff = inScope && can(ctx.user.role, "meeting:manage");
  if (!isOwner && !(inScope && can(ctx.user.role, "deliberation:read"))) throw notFound("resolution");
  const open = r.status === "open";
  return {
    r,
    topic: t,
    path,
    owners,
    isOwner,
    canUpdate: open && (isOwner || isStaff),
    canComplete: open && (isOwner || (isStaff && owners.some((o) => o.userId === null))),
  };
}
export type ResolutionAccess = Awaited<ReturnType<typeof loadResolutionAccess>>;
