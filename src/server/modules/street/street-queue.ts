import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { cases } from "../../db/schema/cases";
import type { AuthUser } from "../../platform/context";
import { isoInstantOrNull } from "../../platform/instants";
import type { StreetQueueReply } from "../../../contracts/street";
import { summarySelect } from "../cases/queries";
import { presentSummary } from "../cases/present-case";
import { selectStreetQueueIds } from "./queries";

/** The street-level queue (escalated to the street or handed to a department, not closed), overdue first, then the soonest due. */
export async function streetQueue(db: DbOrTx, user: AuthUser, limit: number): Promise<StreetQueueReply> {
  const { ids, total } = await selectStreetQueueIds(db, user, limit);
  if (ids.length === 0) return { items: [], total };
  const rows = await summarySelect(db).where(inArray(cases.id, ids));
  const byId = new Map(rows.map((r) => [r.c.id, r]));
  const items = ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const due = r.c.status === "reported" ? (r.c.acceptDueAt ?? r.c.handleDueAt) : (r.c.handleDueAt ?? r.c.acceptDueAt);
    return [{ ...presentSummary(r), dueAt: isoInstantOrNull(due), overdue: r.c.timer === "red" }];
  });
  return { items, total };
}
