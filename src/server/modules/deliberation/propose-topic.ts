import { and, eq, inArray } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { users } from "../../db/schema/accounts";
import { topics } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import { rolesOf } from "../../platform/roles";
import type { ProposeTopicBody } from "../../../contracts/deliberation";

/**
 * A resident's (or rider's) proposal from the phone (居民议题建议): it belongs to their home area in
 * their community, and the community's staff are told.
 */
export async function proposeTopic(ctx: SignedInContext, tx: Tx, body: ProposeTopicBody): Promise<{ value: { id: string }; notify: NotificationInput[] }> {
  const { communityId, areaId } = ctx.user;
  if (!communityId || !areaId) throw new AppError("VALIDATION_FAILED", [{ path: "/", message: "the account belongs to no community" }]);
  const [area] = await tx.select({ path: areas.path }).from(areas).where(eq(areas.id, areaId)).limit(1);
  const id = uuidv7();
  const affected = [...new Set(body.affected)];
  await tx.insert(topics).values({ id, communityId, areaId, title: body.title, description: body.description, source: "proposal", status: "proposed", proposerId: ctx.user.id, affected });
  await writeAudit(tx, ctx, { action: "topic.propose", targetType: "topic", targetId: id, areaPath: area?.path ?? null, after: { title: body.title, affected } });
  const staff = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.areaId, communityId), inArray(users.role, rolesOf("communityDispatchers")), eq(users.status, "active")));
  return {
    value: { id },
    notify: staff.map((s) => ({ userId: s.id, kind: "topic.proposed", title: `居民提出议题：${body.title.slice(0, 30)}`, body: body.description.slice(0, 80), link: `topic:${id}` })),
  };
}
