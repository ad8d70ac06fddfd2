import { and, asc, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { cases } from "../../db/schema/cases";
import { hotlineOrders } from "../../db/schema/open-interfaces";
import type { DbOrTx } from "../../db/client";
import type { PersonalDataCipher } from "../../platform/personal-data";
import { maskPhone } from "../../platform/personal-data";
import { isoInstant } from "../../platform/instants";
import type { HotlineOrderItem, HotlineReply } from "../../../contracts/hotline";
import { CLOSURE_NAMES } from "../cases/labels";
import { withinPrincipal, type HotlinePrincipal } from "./principal";

/** When the reply was last produced: the closure, or the follow-up (回访) given after it. */
const repliedAt = sql<Date>`greatest(${cases.closedAt}, coalesce(${cases.ratedAt}, ${cases.closedAt}))`;

const columns = {
  orderNumber: hotlineOrders.orderNumber,
  caseId: cases.id,
  caseNumber: cases.number,
  status: cases.status,
  closedAt: cases.closedAt,
  closureKind: cases.closureKind,
  closureNote: cases.closureNote,
  resultText: cases.resultText,
  referredTo: cases.referredTo,
  rating: cases.rating,
  ratingComment: cases.ratingComment,
  ratedAt: cases.ratedAt,
  repliedAt: sql<Date | string | null>`${repliedAt}`,
};
type Row = { [K in keyof typeof columns]: unknown } & {
  orderNumber: string;
  caseId: string;
  caseNumber: string;
  status: string;
  closedAt: Date | null;
  closureKind: string | null;
  closureNote: string | null;
  resultText: string | null;
  referredTo: string | null;
  rating: "satisfied" | "basic" | "unsatisfied" | null;
  ratingComment: string | null;
  ratedAt: Date | null;
  repliedAt: Date | string | null;
};

/** The reply of a closed case (null while it is open): 处理结果 and, when given after closure, 回访. */
export function presentReply(r: Row): HotlineReply | null {
  if (r.status !== "closed" || !r.closedAt) return null;
  const followedUp = r.ratedAt && r.ratedAt >= r.closedAt;
  return {
    orderNumber: r.orderNumber,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    closedAt: isoInstant(r.closedAt),
    closureKind: r.closureKind,
    result: r.resultText || r.closureNote || (r.closureKind ? (CLOSURE_NAMES[r.closureKind] ?? r.closureKind) : ""),
    referredTo: r.referredTo,
    satisfaction: followedUp ? r.rating : null,
    satisfactionComment: followedUp ? r.ratingComment : null,
    repliedAt: isoInstant(r.repliedAt ?? r.closedAt),
  };
}

/**
 * The replies for the hotline: the imported orders of the caller's area whose case is closed, in the
 * order they were produced, from `since` on. `next` is the `since` of the following call (the
 * instant of the last reply answered), null when the page was not full.
 */
export async function listReplies(db: DbOrTx, p: HotlinePrincipal, query: { since?: string; limit: number }) {
  const since = query.since ? new Date(query.since) : null;
  const rows = (await db
    .select(columns)
    .from(hotlineOrders)
    .innerJoin(cases, eq(cases.id, hotlineOrders.caseId))
    .where(and(withinPrincipal(p, hotlineOrders.areaId), eq(cases.status, "closed"), since ? sql`${repliedAt} > ${since}` : undefined))
    .orderBy(asc(repliedAt), asc(cases.id))
    .limit(query.limit)) as Row[];
  const items = rows.map(presentReply).filter((r): r is HotlineReply => r !== null);
  return { items, next: rows.length === query.limit && items.length ? items[items.length - 1].repliedAt : null };
}

type ListRow = Row & { community: string | null; deadlineAt: Date; importedAt: Date; source: "api" | "xlsx"; reporterName: string | null; reporterPhoneEnc: string | null; id: string };

function presentOrder(r: ListRow, cipher: PersonalDataCipher): HotlineOrderItem {
  let phone: string | null = null;
  try {
    phone = r.reporterPhoneEnc ? maskPhone(cipher.decrypt(r.reporterPhoneEnc)) : null;
  } catch {
    phone = null;
  }
  return {
    orderNumber: r.orderNumber,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    caseStatus: r.status,
    community: r.community,
    deadlineAt: isoInstant(r.deadlineAt),
    importedAt: isoInstant(r.importedAt),
    source: r.source,
    callerName: r.reporterName,
    callerPhone: phone,
    reply: presentReply(r),
  };
}

const listColumns = {
  ...columns,
  id: hotlineOrders.id,
  community: areas.name,
  deadlineAt: hotlineOrders.deadlineAt,
  importedAt: hotlineOrders.importedAt,
  source: hotlineOrders.source,
  reporterName: cases.reporterName,
  reporterPhoneEnc: cases.reporterPhoneEnc,
};

/** The imported orders of the caller's scope, newest first (keyset on import time and id); the caller's phone masked. */
export async function listOrders(db: DbOrTx, p: HotlinePrincipal, cipher: PersonalDataCipher, query: { cursor?: string; limit: number }) {
  let after: SQL | undefined;
  if (query.cursor) {
    const [at, id] = Buffer.from(query.cursor, "base64url").toString("utf8").split("|");
    const t = new Date(at);
    if (!Number.isNaN(t.getTime()) && /^[0-9a-f-]{36}$/.test(id ?? "")) after = or(lt(hotlineOrders.importedAt, t), and(eq(hotlineOrders.importedAt, t), lt(hotlineOrders.id, id)));
  }
  const scope = withinPrincipal(p, hotlineOrders.areaId);
  const rows = (await db
    .select(listColumns)
    .from(hotlineOrders)
    .innerJoin(cases, eq(cases.id, hotlineOrders.caseId))
    .leftJoin(areas, eq(areas.id, hotlineOrders.communityId))
    .where(and(scope, after))
    .orderBy(desc(hotlineOrders.importedAt), desc(hotlineOrders.id))
    .limit(query.limit)) as ListRow[];
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(hotlineOrders).where(scope)) as Array<{ n: number }>;
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) => presentOrder(r, cipher)),
    total: Number(n),
    nextCursor: rows.length === query.limit && last ? Buffer.from(`${new Date(last.importedAt).toISOString()}|${last.id}`).toString("base64url") : null,
  };
}

/** The order a case was made from, if the caller may see it (the case's own read rule applies in the route). */
export async function orderOfCase(db: DbOrTx, p: HotlinePrincipal, cipher: PersonalDataCipher, caseId: string): Promise<HotlineOrderItem | null> {
  const [row] = (await db
    .select(listColumns)
    .from(hotlineOrders)
    .innerJoin(cases, eq(cases.id, hotlineOrders.caseId))
    .leftJoin(areas, eq(areas.id, hotlineOrders.communityId))
    .where(and(eq(hotlineOrders.caseId, caseId), withinPrincipal(p, hotlineOrders.areaId)))
    .limit(1)) as ListRow[];
  return row ? presentOrder(row, cipher) : null;
}


