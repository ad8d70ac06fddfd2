import { and, eq } from "drizzle-orm";
import { cases } from "../../db/schema/cases";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import type { CaseDetail } from "../../../contracts/cases";
import { caseStaffReach } from "../../platform/access";
import { caseVisible, relationsOf } from "./access";
import { caseInScope } from "./act-on-case";
import { presentDetail } from "./present-case";
import { selectPhotos, selectTimeline, summarySelect } from "./queries";
import { isUserAction, stepPossible, TRANSITIONS, type CaseAction } from "./workflow";

/** A case with its timeline, photos and the actions the caller may take now. */
export async function getCase(deps: AppDeps, ctx: SignedInContext, caseId: string): Promise<CaseDetail> {
  const { db } = deps.database;
  const [row] = await summarySelect(db)
    .where(and(eq(cases.id, caseId), caseVisible(ctx.user)))
    .limit(1);
  if (!row) throw notFound("case");
  const inScope = await caseInScope(db, ctx, row.c);
  const rel = relationsOf(ctx.user, row.c, inScope);
  // Staff reading within their scope see the whole timeline; a reporter sees the steps meant for them.
  const staffView = caseStaffReach(ctx.user, row.c, inScope);
  const isReporter = row.c.reporterId === ctx.user.id;
  const events = await selectTimeline(db, caseId, !staffView);
  const photos = await selectPhotos(db, caseId);
  const actions: CaseAction[] = TRANSITIONS.filter((t) => t.from.includes(row.c.status) && t.by.some((r) => rel.has(r)) && stepPossible(t.action, row.c))
    .map((t) => t.action)
    .filter(isUserAction);
  return presentDetail(row, { events, photos, actions, isReporter, cipher: deps.cipher });
}
