import { and, asc, eq } from "drizzle-orm";
import { MAX_LIMIT_HOURS, type SetTimeLimitBody, type TimeLimitsReply } from "../../../contracts/case-settings";
import { CASE_LEVELS, caseCategories, caseTimeLimits } from "../../db/schema/cases";
import type { Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { AppError } from "../../platform/errors";
import { coversWholeTree, ROOT_AUDIT_PATH } from "../../platform/scope";
import type { CaseLevel } from "./workflow";

/** The time limits of every active category at every level, in working hours. */
export async function listTimeLimits(deps: AppDeps): Promise<TimeLimitsReply> {
  const { db } = deps.database;
  const [categories, rows] = await Promise.all([
    db.select().from(caseCategories).where(eq(caseCategories.active, true)).orderBy(asc(caseCategories.sortOrder)),
    db.select().from(caseTimeLimits),
  ]);
  const byKey = new Map(rows.map((r) => [`${r.categoryCode}:${r.level}`, r]));
  return {
    maxHours: MAX_LIMIT_HOURS,
    items: categories.map((c) => ({
      categoryCode: c.code,
      categoryName: c.name,
      categoryNameEn: c.nameEn,
      levels: CASE_LEVELS.map((level) => {
        const r = byKey.get(`${c.code}:${level}`);
        return { level, acceptHours: r?.acceptHours ?? null, handleHours: r?.handleHours ?? null };
      }),
    })),
  };
}

/** A city-wide setting (time limits, the working calendar) is changed only by someone whose scope is the whole city. */
export function requireCityWide(ctx: SignedInContext): void {
  if (!coversWholeTree(ctx.user)) throw new AppError("FORBIDDEN", { reason: "city_wide_setting" });
}

/** Sets the time to accept and to handle of one category at one level; clocks started from now on use it. */
export async function setTimeLimit(tx: Tx, ctx: SignedInContext, categoryCode: string, level: CaseLevel, body: SetTimeLimitBody) {
  requireCityWide(ctx);
  const [category] = await tx.select({ code: caseCategories.code }).from(caseCategories).where(and(eq(caseCategories.code, categoryCode), eq(caseCategories.active, true))).limit(1);
  if (!category) throw new AppError("VALIDATION_FAILED", [{ path: "/categoryCode", message: "unknown category" }]);
  const [before] = await tx
    .select({ acceptHours: caseTimeLimits.acceptHours, handleHours: caseTimeLimits.handleHours })
    .from(caseTimeLimits)
    .where(and(eq(caseTimeLimits.categoryCode, categoryCode), eq(caseTimeLimits.level, level)))
    .limit(1);
  const values = { acceptHours: body.acceptHours, handleHours: body.handleHours };
  await tx
    .insert(caseTimeLimits)
    .values({ categoryCode, level, ...values })
    .onConflictDoUpdate({ target: [caseTimeLimits.categoryCode, caseTimeLimits.level], set: values });
  await writeAudit(tx, ctx, {
    action: "case_settings.time_limit_set",
    targetType: "case_time_limit",
    targetId: `${categoryCode}:${level}`,
    areaPath: ROOT_AUDIT_PATH,
    before: before ?? null,
    after: { categoryCode, level, ...values },
  });
  return { categoryCode, level, ...values };
}
