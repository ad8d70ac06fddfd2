import { eq } from "drizzle-orm";
import { topics } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import { loadTopicInScope } from "./access";
import { nextTopicStatus } from "./workflow";

/** Drops a topic that will not be deliberated (with the reason, told to its proposer). */
export async function dropTopic(ctx: SignedInContext, tx: Tx, topicId: string, reason: string): Promise<{ value: { id: string }; notify: NotificationInput[] }> {
  const t = await loadTopicInScope(tx, ctx, topicId, true);
  const to = nextTopicStatus("drop", t.status);
  await tx.update(topics).set({ status: to }).where(eq(topics.id, t.id));
  await writeAudit(tx, ctx, { action: "topic.drop", targetType: "topic", targetId: t.id, areaPath: t.path, before: { status: t.status }, after: { status: to }, reason });
  const notify: NotificationInput[] =
    t.source === "proposal" && t.proposerId ? [{ userId: t.proposerId, kind: "topic.dropped", title: `您提出的议题“${t.title.slice(0, 30)}”暂不列入议事`, body: reason, link: `topic:${t.id}` }] : [];
  return { value: { id: t.id }, notify };
}
