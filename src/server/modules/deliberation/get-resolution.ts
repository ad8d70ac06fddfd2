import { and, eq } from "drizzle-orm";
import { resolutions, topicCases } from "../../db/schema/deliberation";
import { cases } from "../../db/schema/cases";
import type { DbOrTx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { caseRule } from "../../platform/access";
import { fileUrls } from "../../platform/uploads";
import type { ResolutionDetail } from "../../../contracts/deliberation";
import { loadResolutionAccess } from "./resolution-access";
import { presentResolution, selectResolutions, selectUpdates } from "./resolution-queries";
import { linkedCaseSelect, presentLinkedCase } from "./topic-queries";
import { isoInstant } from "../../platform/instants";

/** A resolution with its progress updates, linked cases and what the caller may do. */
export async function getResolution(db: DbOrTx, ctx: SignedInContext, resolutionId: string): Promise<ResolutionDetail> {
  const a = await loadResolutionAccess(db, ctx, resolutionId);
  const [row] = await selectResolutions(db, eq(resolutions.id, resolutionId), 1);
  const updates = await selectUpdates(db, resolutionId);
  // A department officer reads only their department's cases, here as everywhere (`caseRule`).
  const linked = await linkedCaseSelect(db)
    .innerJoin(topicCases, eq(topicCases.caseId, cases.id))
    .where(and(eq(topicCases.topicId, a.topic.id), caseRule(ctx.user, cases)))
    .orderBy(cases.createdAt);
  return {
    ...presentResolution(row),
    updates: updates.map(({ u, authorName }) => ({
      id: u.id,
      text: u.text,
      percent: u.percent,
      photos: u.photoIds.map((id) => ({ id, ...fileUrls(id) })),
      authorName,
      at: isoInstant(u.at),
    })),
    cases: linked.map(presentLinkedCase),
    canUpdate: a.canUpdate,
    canComplete: a.canComplete,
  };
}
