import { and, asc, eq, inArray } from "drizzle-orm";
import type { RoutingRuleItem, RoutingRulesReply, RuleHandler, SetRoutingRuleBody } from "../../../contracts/case-settings";
import { areas } from "../../db/schema/areas";
import { users } from "../../db/schema/accounts";
import { caseCategories, caseRoutingRules } from "../../db/schema/cases";
import type { DbOrTx, Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { areaInScope, pathUnder, type AreaRow } from "../../platform/scope";
import { rolesOf } from "../../platform/roles";

/**
 * The community whose rules are read or written: the one asked for (inside the caller's scope, else
 * 404), or the caller's own community when none is named.
 */
export async function ruleCommunity(db: DbOrTx, ctx: SignedInContext, communityId: string | undefined): Promise<AreaRow> {
  const id = communityId ?? ctx.user.communityId;
  if (!id) throw new AppError("VALIDATION_FAILED", [{ path: "/communityId", message: "name the community" }]);
  const area = await areaInScope(db, ctx.user, id);
  if (area.level !== "community") throw notFound("community");
  return area;
}

async function handlersOf(db: DbOrTx, community: AreaRow, ids?: string[]): Promise<RuleHandler[]> {
  const rows = await db
    .select({ id: users.id, name: users.displayName, role: users.role, areaName: areas.name })
    .from(users)
    .innerJoin(areas, eq(areas.id, users.areaId))
    .where(
      and(
        eq(users.status, "active"),
        inArray(users.role, rolesOf("routingHandlers")),
        pathUnder(areas.path, community.path),
        ids ? inArray(users.id, ids) : undefined,
      ),
    )
    .orderBy(asc(users.role), asc(users.username));
  return rows;
}

async function activeCategory(db: DbOrTx, code: string) {
  const [row] = await db.select().from(caseCategories).where(and(eq(caseCategories.code, code), eq(caseCategories.active, true))).limit(1);
  return row ?? null;
}

/** Every active category of a community with its rule (or none), and the staff who may be named. */
export async function listRoutingRules(deps: AppDeps, ctx: SignedInContext, communityId: string | undefined): Promise<RoutingRulesReply> {
  const { db } = deps.database;
  const community = await ruleCommunity(db, ctx, communityId);
  const [categories, rules, handlers] = await Promise.all([
    db.select().from(caseCategories).where(eq(caseCategories.active, true)).orderBy(asc(caseCategories.sortOrder)),
    db.select().from(caseRoutingRules).where(eq(caseRoutingRules.communityId, community.id)),
    handlersOf(db, community),
  ]);
  const byCategory = new Map(rules.map((r) => [r.categoryCode, r]));
  // A named handler who has since left or been disabled is still shown, so the rule can be corrected.
  const known = new Map(handlers.map((h) => [h.id, h]));
  const missing = rules.map((r) => r.handlerId).filter((id): id is string => !!id && !known.has(id));
  if (missing.length) {
    const gone = await db.select({ id: users.id, name: users.displayName, role: users.role }).from(users).where(inArray(users.id, missing));
    for (const g of gone) known.set(g.id, { ...g, areaName: null });
  }
  const items: RoutingRuleItem[] = categories.map((c) => {
    const r = byCategory.get(c.code);
    return {
      categoryCode: c.code,
      categoryName: c.name,
      categoryNameEn: c.nameEn,
      rule: r ? { level: r.level, handler: r.handlerId ? (known.get(r.handlerId) ?? null) : null } : null,
    };
  });
  return { community: { id: community.id, name: community.name }, items, handlers };
}

/** Sets (or replaces) a community's rule for one category; the next report of that category follows it. */
export async function setRoutingRule(tx: Tx, ctx: SignedInContext, categoryCode: string, body: SetRoutingRuleBody): Promise<RoutingRuleItem> {
  const handlerId = body.handlerId ?? null;
  const community = await ruleCommunity(tx, ctx, body.communityId);
  const category = await activeCategory(tx, categoryCode);
  if (!category) throw new AppError("VALIDATION_FAILED", [{ path: "/categoryCode", message: "unknown category" }]);
  let handler: RuleHandler | null = null;
  if (handlerId) {
    [handler = null] = await handlersOf(tx, community, [handlerId]);
    if (!handler) throw new AppError("VALIDATION_FAILED", [{ path: "/handlerId", message: "not an active staff member of this community" }]);
  }
  const [before] = await tx
    .select({ level: caseRoutingRules.level, handlerId: caseRoutingRules.handlerId })
    .from(caseRoutingRules)
    .where(and(eq(caseRoutingRules.communityId, community.id), eq(caseRoutingRules.categoryCode, category.code)))
    .limit(1);
  const [row] = await tx
    .insert(caseRoutingRules)
    .values({ id: uuidv7(), communityId: community.id, categoryCode: category.code, level: body.level, handlerId })
    .onConflictDoUpdate({ target: [caseRoutingRules.communityId, caseRoutingRules.categoryCode], set: { level: body.level, handlerId } })
    .returning({ id: caseRoutingRules.id });
  await writeAudit(tx, ctx, {
    action: "case_settings.rule_set",
    targetType: "case_routing_rule",
    targetId: row!.id,
    areaPath: community.path,
    before: before ?? null,
    after: { communityId: community.id, categoryCode: category.code, level: body.level, handlerId },
  });
  return { categoryCode: category.code, categoryName: category.name, categoryNameEn: category.nameEn, rule: { level: body.level, handler } };
}

/** Removes a community's rule for one category: its cases start at their grid again. */
export async function removeRoutingRule(tx: Tx, ctx: SignedInContext, categoryCode: string, communityId: string | undefined): Promise<void> {
  const community = await ruleCommunity(tx, ctx, communityId);
  const [gone] = await tx
    .delete(caseRoutingRules)
    .where(and(eq(caseRoutingRules.communityId, community.id), eq(caseRoutingRules.categoryCode, categoryCode)))
    .returning();
  if (!gone) throw notFound("routing rule");
  await writeAudit(tx, ctx, {
    action: "case_settings.rule_remove",
    targetType: "case_routing_rule",
    targetId: gone.id,
    areaPath: community.path,
    before: { communityId: community.id, categoryCode, level: gone.level, handlerId: gone.handlerId },
  });
}
