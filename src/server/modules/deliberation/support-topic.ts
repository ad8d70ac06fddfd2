import { and, eq, sql } from "drizzle-orm";
import { topics, topicSupports } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { writeAudit } from "../../platform/audit";
import { areaPathInScope, areaPathOf } from "../../platform/scope";
import { nextTopicStatus } from "./workflow";

/**
 * A neighbour's support (附议) for a topic of their community: one per person (a second is 409),
 * never for one's own proposal (403), only while the topic is still to be decided.
 */
export async function supportTopic(ctx: SignedInContext, tx: Tx, topicId: string): Promise<{ topicId: string; supportCount: number }> {
  const [t] = await tx.select().from(topics).where(eq(topics.id, topicId)).for("update").limit(1);
  const path = t ? await areaPathInScope(tx, ctx.user, t.areaId) : null;
  if (!t || t.status === "dropped" || (t.communityId !== ctx.user.communityId && !path)) throw notFound("topic");
  nextTopicStatus("support", t.status);
  if (t.proposerId === ctx.user.id) throw new AppError("FORBIDDEN", { reason: "own_proposal" });
  const [already] = await tx
    .select({ at: topicSupports.at })
    .from(topicSupports)
    .where(and(eq(topicSupports.topicId, topicId), eq(topicSupports.userId, ctx.user.id)))
    .limit(1);
  if (already) throw new AppError("CONFLICT", { reason: "already_supported" });
  await tx.insert(topicSupports).values({ topicId, userId: ctx.user.id });
  const [row] = await tx
    .update(topics)
    .set({ supportCount: sql`${topics.supportCount} + 1` })
    .where(eq(topics.id, topicId))
    .returning({ supportCount: topics.supportCount });
  await writeAudit(tx, ctx, { action: "topic.support", targetType: "topic", targetId: topicId, areaPath: areaPathOf(t.areaId), after: { supportCount: row.supportCount } });
  return { topicId, supportCount: row.supportCount };
}
