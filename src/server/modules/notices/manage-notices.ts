import { and, count, desc, eq, sql } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { notices } from "../../db/schema/notices";
import type { DbOrTx, Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";
import { can } from "../../platform/policy";
import { areaPathOf } from "../../platform/scope";
import type { NoticeBody, NoticeItem, NoticePatchBody } from "../../../contracts/notices";
import { targetCommunity } from "../partners/community-scope";
import { loadNoticeForUpdate, noticeVisible } from "./notice-access";

type NoticeRow = typeof notices.$inferSelect;

const LIST_LIMIT = 100;

function present(row: NoticeRow, communityName: string, user: AuthUser, now: Date): NoticeItem {
  return {
    id: row.id,
    community: { id: row.communityId, name: communityName },
    title: row.title,
    body: row.body,
    pinned: row.pinned,
    expiresAt: isoInstantOrNull(row.expiresAt),
    status: row.status,
    expired: !!row.expiresAt && row.expiresAt.getTime() <= now.getTime(),
    authorName: row.authorName,
    createdAt: isoInstant(row.createdAt),
    updatedAt: isoInstant(row.updatedAt),
    editable: can(user.role, "notice:write"),
  };
}

/**
 * The notices a user may read: pinned first, then newest. Readers get the published, unexpired
 * ones; writers also the withdrawn and expired when they ask for `all`.
 */
export async function listNotices(
  db: DbOrTx,
  user: AuthUser,
  query: { communityId?: string; all?: "true" | "false" },
  now = new Date(),
): Promise<{ items: NoticeItem[]; total: number }> {
  const rule = noticeVisible(user, now, query.all === "true");
  const where = and(rule, query.communityId ? eq(notices.communityId, query.communityId) : undefined);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ n: notices, communityName: areas.name })
      .from(notices)
      .innerJoin(areas, eq(areas.id, notices.communityId))
      .where(where)
      .orderBy(sql`${notices.status} = 'withdrawn'`, desc(notices.pinned), desc(notices.createdAt), desc(notices.id))
      .limit(LIST_LIMIT),
    db.select({ n: count() }).from(notices).where(where),
  ]);
  return { items: rows.map((r) => present(r.n, r.communityName, user, now)), total: Number(n) };
}

export async function createNotice(ctx: SignedInContext, tx: Tx, body: NoticeBody): Promise<{ id: string }> {
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  const id = uuidv7();
  const now = new Date();
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw new AppError("VALIDATION_FAILED", [{ path: "/expiresAt", message: "must be in the future" }]);
  await tx.insert(notices).values({
    id,
    communityId: community.id,
    title: body.title,
    body: body.body,
    pinned: body.pinned,
    expiresAt,
    authorId: ctx.user.id,
    authorName: ctx.user.displayName,
    createdAt: now,
    updatedAt: now,
  });
  await writeAudit(tx, ctx, {
    action: "notice.create",
    targetType: "notice",
    targetId: id,
    areaPath: areaPathOf(community.id),
    after: { communityId: community.id, title: body.title, pinned: body.pinned, expiresAt: body.expiresAt ?? null },
  });
  return { id };
}

export async function updateNotice(ctx: SignedInContext, tx: Tx, id: string, body: NoticePatchBody): Promise<{ id: string }> {
  const row = await loadNoticeForUpdate(tx, ctx.user, id);
  if (row.status === "withdrawn") throw new AppError("CONFLICT", { reason: "withdrawn" });
  const set: Partial<NoticeRow> = { updatedAt: new Date() };
  if (body.title !== undefined) set.title = body.title;
  if (body.body !== undefined) set.body = body.body;
  if (body.pinned !== undefined) set.pinned = body.pinned;
  if (body.expiresAt !== undefined) set.expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  await tx.update(notices).set(set).where(eq(notices.id, row.id));
  await writeAudit(tx, ctx, {
    action: "notice.update",
    targetType: "notice",
    targetId: row.id,
    areaPath: areaPathOf(row.communityId),
    before: { title: row.title, pinned: row.pinned, expiresAt: isoInstantOrNull(row.expiresAt) },
    after: { title: set.title, pinned: set.pinned, expiresAt: body.expiresAt },
  });
  return { id: row.id };
}

export async function withdrawNotice(ctx: SignedInContext, tx: Tx, id: string): Promise<{ id: string }> {
  const row = await loadNoticeForUpdate(tx, ctx.user, id);
  if (row.status === "withdrawn") return { id: row.id };
  const now = new Date();
  await tx.update(notices).set({ status: "withdrawn", withdrawnAt: now, updatedAt: now }).where(and(eq(notices.id, row.id), eq(notices.status, "published")));
  await writeAudit(tx, ctx, {
    action: "notice.withdraw",
    targetType: "notice",
    targetId: row.id,
    areaPath: areaPathOf(row.communityId),
    before: { status: row.status },
    after: { status: "withdrawn" },
  });
  return { id: row.id };
}
