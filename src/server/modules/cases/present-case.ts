import type { CaseDetail, CaseSummary } from "../../../contracts/cases";
import type { SummaryRow } from "./queries";
import { maskPhone, type PersonalDataCipher } from "../../platform/personal-data";
import { fileUrls } from "../../platform/uploads";
import type { caseEvents } from "../../db/schema/cases";
import { remindAllowedAt, type CaseAction } from "./workflow";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";

const iso = (d: Date | null) => isoInstantOrNull(d);

export function presentSummary(r: SummaryRow): CaseSummary {
  const c = r.c;
  return {
    id: c.id,
    number: c.number,
    categoryCode: c.categoryCode,
    categoryName: r.categoryName,
    description: c.description,
    status: c.status,
    level: c.level,
    channel: c.channel,
    mobileReporter: c.mobileReporter,
    timer: c.timer,
    closureKind: c.closureKind,
    location: c.location,
    address: c.address,
    community: c.communityId && r.communityName ? { id: c.communityId, name: r.communityName } : null,
    grid: c.gridId && r.gridName ? { id: c.gridId, name: r.gridName } : null,
    handler: c.handlerId && r.handlerName ? { id: c.handlerId, name: r.handlerName } : null,
    department: c.department,
    acceptDueAt: iso(c.acceptDueAt),
    handleDueAt: iso(c.handleDueAt),
    createdAt: isoInstant(c.createdAt),
    closedAt: iso(c.closedAt),
    rating: c.rating,
    urgeCount: c.urgeCount,
    remindCount: c.remindCount,
  };
}

type EventRow = typeof caseEvents.$inferSelect;

/** The full case. The reporter's phone is masked; staff see the reporter's name even if anonymous toward the public. */
export function presentDetail(
  r: SummaryRow,
  input: {
    events: EventRow[];
    photos: Array<{ fileId: string; stage: "report" | "result" | "note"; eventId?: string | null }>;
    actions: CaseAction[];
    isReporter: boolean;
    cipher: PersonalDataCipher;
  },
): CaseDetail {
  const c = r.c;
  const levelsPassed = input.events
    .filter((e) => e.action === "report" || e.action === "escalate" || e.action === "return" || (e.action === "dispatch" && e.level === "department"))
    .map((e) => ({ level: e.level as CaseDetail["level"], at: isoInstant(e.at), reason: e.action === "report" ? null : e.note }))
    .filter((l, i, all) => i === 0 || l.level !== all[i - 1].level);
  return {
    ...presentSummary(r),
    version: c.version,
    reporterName: c.reporterName,
    reporterPhone: c.reporterPhoneEnc ? maskPhone(input.cipher.decrypt(c.reporterPhoneEnc)) : null,
    anonymous: c.anonymous,
    resultText: c.resultText,
    closureNote: c.closureNote,
    referredTo: c.referredTo,
    duplicateOfId: c.duplicateOfId,
    closedByRef: c.closedByRef,
    ratingComment: c.ratingComment,
    delayRequestedHours: c.delayRequestedHours,
    levelsPassed,
    photos: input.photos.map((p) => ({ id: p.fileId, ...fileUrls(p.fileId), stage: p.stage, eventId: p.eventId ?? null })),
    timeline: input.events.map((e) => ({
      id: e.id,
      at: isoInstant(e.at),
      action: e.action,
      actorName: e.actorName,
      actorRole: e.actorRole,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      level: e.level,
      note: e.note,
      data: e.data ?? null,
    })),
    actions: input.actions,
    isReporter: input.isReporter,
    remindAllowedAt: iso(remindAllowedAt(c.remindedAt)),
  };
}
