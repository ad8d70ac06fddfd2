import { eq } from "drizzle-orm";
import { cases } from "../../db/schema/cases";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import type { CaseDetail } from "../../../contracts/cases";
import { canRead, relationsOf } from "./access";
import { caseInScope } from "./act-on-case";
import { presentDetail } from "./present-case";
import { selectPhotos, selectTimeline, summarySelect } from "./queries";
import { stepPossible, TRANSITIONS, type CaseAction } from "./workflow";

/** A case with its timeline, photos and the actions the caller may take now. */
export async function getCase(deps: AppDeps, ctx: SignedInContext, caseId: string): Promise<CaseDetail> {
  const { db } = deps.database;
  const [row] = await summarySelect(db).where(eq(cases.id, caseId)).limit(1);
  if (!row) throw notFound("case");
  const inScope = await caseInScope(db, ctx, row.c);
  if (!canRead(ctx.user, row.c, inScope)) throw notFound("case");
  const rel = relationsOf(ctx.user, row.c, inScope);
  // Staff reading within their scope see the whole timeline; a reporter sees the steps meant for them.
  const staffView = inScope && canRead(ctx.user, { ...row.c, reporterId: null }, true);
  const isReporter = row.c.reporterId === ctx.user.id;
  const events = await selectTimeline(db, caseId, !staffView);
  const photos = await selectPhotos(db, caseId);
  const actions: CaseAction[] = TRANSITIONS.filter((t) => t.from.includes(row.c.status) && t.by.some((r) => rel.has(r)) && stepPossible(t.action, row.c)).map(
    (t) => t.action,
  );
  return presentDetail(row, { events, photos, actions, isReporter, cipher: deps.cipher });
}
