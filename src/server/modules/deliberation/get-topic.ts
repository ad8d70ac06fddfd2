import { and, eq } from "drizzle-orm";
import { topics, topicSupports } from "../../db/schema/deliberation";
import type { DbOrTx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import type { TopicDetail } from "../../../contracts/deliberation";
import { loadTopicInScope } from "./access";
import { presentResolution, selectResolutions } from "./resolution-queries";
import { presentLinkedCase, presentTopic, selectTopicCases, selectTopicMeetings, topicSelect } from "./topic-queries";
import { isoInstant } from "../../platform/instants";
import { caseRule } from "../../platform/access";
import { cases } from "../../db/schema/cases";

/** A topic of the caller's scope with its cases, categories, meetings and resolutions. */
export async function getTopic(db: DbOrTx, ctx: SignedInContext, topicId: string): Promise<TopicDetail> {
  await loadTopicInScope(db, ctx, topicId);
  const [row] = await topicSelect(db).where(eq(topics.id, topicId)).limit(1);
  // A department officer reads only their department's cases, here as everywhere (`caseRule`).
  const linked = await selectTopicCases(db, topicId, caseRule(ctx.user, cases));
  const meetingRows = await selectTopicMeetings(db, topicId);
  const resolutionRows = await selectResolutions(db, eq(topics.id, topicId));
  const [mine] = await db
    .select({ at: topicSupports.at })
    .from(topicSupports)
    .where(and(eq(topicSupports.topicId, topicId), eq(topicSupports.userId, ctx.user.id)))
    .limit(1);
  const categories = new Map<string, { code: string; name: string; count: number }>();
  for (const c of linked) {
    const k = categories.get(c.categoryCode) ?? { code: c.categoryCode, name: c.categoryName, count: 0 };
    k.count++;
    categories.set(c.categoryCode, k);
  }
  return {
    ...presentTopic(row),
    cases: linked.map(presentLinkedCase),
    categories: [...categories.values()].sort((a, b) => b.count - a.count),
    meetings: meetingRows.map((m) => ({ ...m, startsAt: isoInstant(m.startsAt) })),
    resolutions: resolutionRows.map(presentResolution),
    supportedByMe: !!mine,
  };
}
