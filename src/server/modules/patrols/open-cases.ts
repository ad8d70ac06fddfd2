import { and, eq, sql } from "drizzle-orm";
import { caseEvents, casePhotos } from "../../db/schema/cases";
import { caseLinks } from "../../db/schema/patrols";
import type { Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import type { NotificationRow } from "../../platform/notify";
import type { LngLat } from "../../db/schema/types";
import type { TargetKind } from "../../../contracts/patrols";
import { reportCase } from "../cases/report-case";
import { displayAnswer } from "./answers";
import { DEFAULT_CASE_CATEGORY } from "./labels";
import type { ItemRow } from "./template-queries";

export type FailedVisit = {
  submissionId: string;
  taskId: string;
  targetKind: TargetKind;
  targetLabel: string;
  address: string | null;
  templateName: string;
  location: LngLat | null;
  notes: string | null;
  answers: Record<string, unknown>;
  /** Items that failed and open a case, in checklist order. */
  items: ItemRow[];
  /** The visit's photos; one tied to an item goes only to that item's case when the item opens one. */
  photos: Array<{ itemId: string | null; fileId: string }>;
};

/**
 * Turns each failed item that opens a case into a case, reported by the grid worker through the
 * cases module (channel grid_patrol, routed like any report), with the answers in the description
 * and the visit's photos attached (those of another failed item go to that item's case), and links case and submission both ways (case_links, and the
 * item on the case's report event). Runs inside the submission's transaction.
 */
export async function openCasesForFailures(deps: AppDeps, ctx: SignedInContext, tx: Tx, visit: FailedVisit) {
  const created: Array<{ id: string; number: string; itemId: string }> = [];
  const notified: NotificationRow[] = [];
  for (const item of visit.items) {
    const answer = displayAnswer(item, visit.answers[item.id]);
    // A case is read by every staff member of its scope; a 重点人员 visit must not name its person there
    // (nor their address or the worker's notes): the case points to the patrol record, which keeps
    // the tag visibility rule.
    const restricted = visit.targetKind === "key_person";
    const description = (
      restricted
        ? [`【巡查发现】重点人员走访（对象见巡查台账）`, `${visit.templateName}「${item.label}」：${answer}`]
        : [`【巡查发现】${visit.targetLabel}`, `${visit.templateName}「${item.label}」：${answer}`, visit.notes ? `备注：${visit.notes}` : ""]
    )
      .filter(Boolean)
      .join("；")
      .slice(0, 2000);
    const r = await reportCase(deps, ctx, tx, {
      categoryCode: item.caseCategory ?? DEFAULT_CASE_CATEGORY[visit.targetKind],
      description,
      location: visit.location ?? undefined,
      address: restricted ? undefined : (visit.address?.slice(0, 200) ?? undefined),
      photoIds: [],
      anonymous: false,
    });
    const opening = new Set(visit.items.map((i) => i.id));
    const photoIds = visit.photos.filter((p) => p.itemId === item.id || p.itemId === null || !opening.has(p.itemId)).map((p) => p.fileId);
    if (photoIds.length) {
      await tx.insert(casePhotos).values(photoIds.map((fileId) => ({ caseId: r.created.id, fileId, stage: "report" as const })));
    }
    await tx.insert(caseLinks).values({ caseId: r.created.id, kind: "patrol_submission", refId: visit.submissionId });
    await tx
      .update(caseEvents)
      .set({ data: sql`coalesce(${caseEvents.data}, '{}'::jsonb) || ${JSON.stringify({ source: "patrol", patrolSubmissionId: visit.submissionId, patrolTaskId: visit.taskId, patrolItemId: item.id })}::jsonb` })
      .where(and(eq(caseEvents.caseId, r.created.id), eq(caseEvents.action, "report")));
    created.push({ ...r.created, itemId: item.id });
    notified.push(...r.notified);
  }
  return { created, notified };
}
