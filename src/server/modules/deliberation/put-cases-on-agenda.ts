import { and, eq, inArray, notInArray } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { caseCategories, cases } from "../../db/schema/cases";
import { topicCases, topics } from "../../db/schema/deliberation";
import { caseLinks } from "../../db/schema/patrols";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { TopicFromCasesBody } from "../../../contracts/deliberation";
import { caseStaffReach } from "../../platform/access";
import { inGroup } from "../../platform/roles";
import { inScope } from "../../platform/scope";
import { loadTopicInScope } from "./access";
import { nextTopicStatus } from "./workflow";

/** The deepest area all the paths lie under (paths are "/id/id/…/"). */
function commonAreaId(paths: string[]): string {
  const lists = paths.map((p) => p.split("/").filter(Boolean));
  let n = 0;
  while (lists.every((l) => n < l.length && l[n] === lists[0][n])) n++;
  return lists[0][n - 1];
}

/**
 * "Put on the agenda" (提交议事): one call with one or more cases of the caller's scope makes a
 * topic that gathers them, their places and categories — or adds them to an existing topic.
 * A case outside the scope answers 404 and nothing is written; a case already on another live
 * topic answers 409.
 */
export async function putCasesOnAgenda(ctx: SignedInContext, tx: Tx, body: TopicFromCasesBody): Promise<{ id: string; added: number }> {
  const ids = [...new Set(body.caseIds)];
  if (!inGroup(ctx.user.role, "staff")) throw notFound("case");
  const rows = await tx
    .select({ id: cases.id, number: cases.number, communityId: cases.communityId, description: cases.description, address: cases.address, categoryName: caseCategories.name, areaName: areas.name, path: areas.path, department: cases.department })
    .from(cases)
    .innerJoin(areas, eq(areas.id, cases.areaId))
    .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
    .where(and(inArray(cases.id, ids), inScope(ctx.user, cases.areaId)))
    .orderBy(cases.createdAt);
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length || rows.some((r) => !caseStaffReach(ctx.user, r, true))) throw new AppError("NOT_FOUND", { resource: "case", caseIds: missing });
  const communityId = rows[0].communityId!;
  if (rows.some((r) => r.communityId !== communityId)) throw new AppError("VALIDATION_FAILED", [{ path: "/caseIds", message: "cases of different communities" }]);

  const target = body.topicId ? await loadTopicInScope(tx, ctx, body.topicId, true) : null;
  const taken = await tx
    .select({ caseId: topicCases.caseId, topicId: topicCases.topicId })
    .from(topicCases)
    .innerJoin(topics, eq(topics.id, topicCases.topicId))
    .where(and(inArray(topicCases.caseId, ids), notInArray(topics.status, ["dropped"])));
  const elsewhere = taken.filter((x) => x.topicId !== target?.id);
  if (elsewhere.length) throw new AppError("CONFLICT", { reason: "already_on_agenda", caseIds: elsewhere.map((x) => x.caseId), topicIds: [...new Set(elsewhere.map((x) => x.topicId))] });
  const fresh = rows.filter((r) => !taken.some((x) => x.caseId === r.id));

  const places = [...new Set(rows.flatMap((r) => [r.areaName, r.address].filter((x): x is string => !!x)))];
  let topicId: string;
  let areaPath: string;
  if (target) {
    if (target.communityId !== communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/topicId", message: "the topic is in another community" }]);
    nextTopicStatus("link_cases", target.status);
    topicId = target.id;
    areaPath = target.path;
    const affected = [...new Set([...target.affected, ...places])].slice(0, 30);
    await tx.update(topics).set({ affected }).where(eq(topics.id, topicId));
  } else {
    const areaId = commonAreaId(rows.map((r) => r.path));
    const [area] = await tx.select({ name: areas.name, path: areas.path, communityId: areas.communityId }).from(areas).where(eq(areas.id, areaId)).limit(1);
    if (!area?.communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/caseIds", message: "cases of different communities" }]);
    const categories = [...new Set(rows.map((r) => r.categoryName))];
    topicId = uuidv7();
    areaPath = area.path;
    await tx.insert(topics).values({
      id: topicId,
      communityId,
      areaId,
      title: body.title ?? `${area.name}${categories.join("、")}问题${rows.length > 1 ? `（${rows.length}件）` : ""}`.slice(0, 100),
      description: body.description ?? rows.map((r) => `${r.number}：${r.description.slice(0, 120)}`).join("\n"),
      source: "case",
      status: "proposed",
      proposerId: ctx.user.id,
      affected: places.slice(0, 30),
    });
  }
  if (fresh.length) {
    await tx.insert(topicCases).values(fresh.map((r) => ({ topicId, caseId: r.id })));
    await tx.insert(caseLinks).values(fresh.map((r) => ({ caseId: r.id, kind: "topic" as const, refId: topicId }))).onConflictDoNothing();
  }
  await writeAudit(tx, ctx, {
    action: target ? "topic.link_cases" : "topic.create_from_cases",
    targetType: "topic",
    targetId: topicId,
    areaPath,
    after: { cases: fresh.map((r) => r.number), affected: places },
  });
  return { id: topicId, added: fresh.length };
}

