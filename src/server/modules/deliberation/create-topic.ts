import { topics } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { CreateTopicBody } from "../../../contracts/deliberation";
import { areaForNew } from "./access";

/** A topic raised by staff (社区提出的议题), in an area of their scope. */
export async function createTopic(ctx: SignedInContext, tx: Tx, body: CreateTopicBody): Promise<{ id: string }> {
  const area = await areaForNew(tx, ctx, body.areaId);
  const id = uuidv7();
  const affected = [...new Set(body.affected)];
  await tx.insert(topics).values({
    id,
    communityId: area.communityId,
    areaId: area.id,
    title: body.title,
    description: body.description,
    source: "staff",
    status: "proposed",
    proposerId: ctx.user.id,
    affected,
  });
  await writeAudit(tx, ctx, { action: "topic.create", targetType: "topic", targetId: id, areaPath: area.path, after: { title: body.title, source: "staff", areaId: area.id, affected } });
  return { id };
}
