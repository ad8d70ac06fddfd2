import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { areaInScope, homeArea, underArea } from "../../platform/scope";
import { writeAudit } from "../../platform/audit";
import { generateTasks } from "./generate-tasks";
import { addDays, localDay } from "../../platform/clock";

/** How far ahead staff may make tasks in one go. */
const MAX_AHEAD_DAYS = 400;

/** Staff: make the tasks of a community's (or grid's) plans from the current period up to a day. Runs inside `runWrite`. */
export async function generateForArea(tx: Tx, ctx: SignedInContext, input: { until: string; areaId?: string }) {
  const area = input.areaId ? await areaInScope(tx, ctx.user, input.areaId) : await homeArea(tx, ctx.user);
  if (!area.communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/areaId", message: "choose a community or a grid" }]);
  const from = localDay();
  if (input.until < from) throw new AppError("VALIDATION_FAILED", [{ path: "/until", message: "in the past" }]);
  if (input.until > addDays(from, MAX_AHEAD_DAYS)) throw new AppError("VALIDATION_FAILED", [{ path: "/until", message: `at most ${MAX_AHEAD_DAYS} days ahead` }]);
  const created = await generateTasks(tx, { from, until: input.until, areaPath: area.path });
  const [{ plans }] = rowsOf<{ plans: number }>(
    await tx.execute(sql`SELECT count(*)::int AS plans FROM patrol_plans WHERE active AND ${underArea(sql`area_id`, area.path)}`),
  );
  await writeAudit(tx, ctx, { action: "patrol.generate", targetType: "patrol_task", areaPath: area.path, after: { from, until: input.until, created } });
  return { created, plans, from, until: input.until };
}
