import { z } from "zod";
import { uuid } from "./common";
import { instant, line, paragraph, queryFlag } from "./bounded";

/**
 * Community notices (公告): community staff write them, everyone of the community reads them
 * (pinned first, then newest). Text is stored and returned as text; the web shows it inertly.
 */
export const NOTICE_TITLE_MAX = 60;
export const NOTICE_BODY_MAX = 2000;

export const noticeBody = z.strictObject({
  /** Defaults to the writer's own community. */
  communityId: uuid.optional(),
  title: line(NOTICE_TITLE_MAX),
  body: paragraph(NOTICE_BODY_MAX),
  pinned: z.boolean().default(false),
  /** After this instant residents no longer see it; null: no expiry. */
  expiresAt: instant().nullable().optional(),
});
export type NoticeBody = z.infer<typeof noticeBody>;

export const noticePatchBody = z.strictObject({
  title: line(NOTICE_TITLE_MAX).optional(),
  body: paragraph(NOTICE_BODY_MAX).optional(),
  pinned: z.boolean().optional(),
  expiresAt: instant().nullable().optional(),
});
export type NoticePatchBody = z.infer<typeof noticePatchBody>;

export const noticeParams = z.strictObject({ id: uuid });

export const noticeListQuery = z.strictObject({
  communityId: uuid.optional(),
  /** Staff: also withdrawn and expired notices. */
  all: queryFlag.optional(),
});

export const noticeItem = z.object({
  id: uuid,
  community: z.object({ id: uuid, name: z.string() }),
  title: z.string(),
  body: z.string(),
  pinned: z.boolean(),
  expiresAt: z.string().nullable(),
  status: z.enum(["published", "withdrawn"]),
  expired: z.boolean(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the caller may edit or withdraw it. */
  editable: z.boolean(),
});
export type NoticeItem = z.infer<typeof noticeItem>;
export const noticeListReply = z.object({ items: z.array(noticeItem), total: z.number() });
export const noticeCreated = z.object({ id: uuid });

/** Who a resident can turn to: their grid, its worker and the public service phone of the grid or community. */
export const myCommunityReply = z.object({
  community: z.object({ id: uuid, name: z.string() }).nullable(),
  grid: z.object({ id: uuid, name: z.string() }).nullable(),
  gridWorkers: z.array(z.object({ id: uuid, name: z.string() })),
  /** A public service number (网格/社区服务电话), never a staff member's own phone; null when none is on record. */
  servicePhone: z.string().nullable(),
});
export type MyCommunity = z.infer<typeof myCommunityReply>;
