import type { CaseAction, CaseDetail } from "./types";

/** Which kind of text an action asks for, and whether it must be given. */
export type NoteKind = "reason" | "result" | "note" | "comment" | "delayReason" | "closureNote";

/** What an action needs from the user before it is sent; drives the phone popups and console modals alike. */
export interface ActionSpec {
  action: CaseAction;
  note?: { kind: NoteKind; required: boolean };
  photos?: boolean;
  /** dispatch/reassign at grid or community level: a person from /handlers. */
  handler?: boolean;
  /** dispatch/reassign at street level, or escalate from the street: a department. */
  department?: boolean;
  closure?: boolean;
  delay?: boolean;
  rating?: boolean;
  /** merge: the number of the case this one duplicates. */
  duplicate?: boolean;
  /** Sent at once, without a form. */
  immediate?: boolean;
  /** Asks "are you sure?" first (no fields). */
  confirm?: boolean;
  tone: "primary" | "default" | "danger";
}

const atStreet = (c: Pick<CaseDetail, "level">) => c.level === "street" || c.level === "department";

/** The form of an action for this case (the workflow table says whether it is allowed at all). */
export function specOf(action: CaseAction, c: Pick<CaseDetail, "level">): ActionSpec {
  switch (action) {
    case "accept":
    case "take":
    case "start":
    case "verify":
      return { action, immediate: true, tone: "primary" };
    case "approve_delay":
      return { action, immediate: true, tone: "default" };
    case "reject_delay":
      return { action, confirm: true, tone: "default" };
    case "reject":
      return { action, note: { kind: "reason", required: true }, tone: "danger" };
    case "dispatch":
    case "reassign":
      return atStreet(c)
        ? { action, department: true, note: { kind: "note", required: false }, tone: action === "dispatch" ? "primary" : "default" }
        : { action, handler: true, note: { kind: "note", required: false }, tone: action === "dispatch" ? "primary" : "default" };
    case "return":
      return { action, note: { kind: "reason", required: true }, tone: "default" };
    case "handle":
      return { action, note: { kind: "result", required: true }, photos: true, tone: "primary" };
    case "rework":
      return { action, note: { kind: "reason", required: true }, tone: "default" };
    case "close":
      return { action, closure: true, note: { kind: "closureNote", required: false }, tone: "primary" };
    case "escalate":
      return { action, note: { kind: "reason", required: true }, department: c.level === "street", tone: "default" };
    case "request_delay":
      return { action, delay: true, note: { kind: "delayReason", required: true }, tone: "default" };
    case "urge":
      return { action, note: { kind: "note", required: false }, tone: "default" };
    case "merge":
      return { action, duplicate: true, note: { kind: "note", required: false }, tone: "default" };
    case "withdraw":
      return { action, note: { kind: "reason", required: false }, tone: "danger" };
    case "reopen":
      return { action, note: { kind: "reason", required: true }, tone: "danger" };
    case "rate":
      return { action, rating: true, note: { kind: "comment", required: false }, tone: "primary" };
    case "note":
      return { action, note: { kind: "note", required: true }, photos: true, tone: "default" };
  }
}

/** Buttons in a sensible order: the next step first, side ways after, closing ways last. */
const ORDER: CaseAction[] = [
  "take", "accept", "start", "handle", "verify", "close", "dispatch", "rate",
  "escalate", "request_delay", "approve_delay", "reject_delay", "rework", "reassign", "return", "note", "urge",
  "merge", "reject", "reopen", "withdraw",
];

export function orderActions(actions: CaseAction[]): CaseAction[] {
  return [...actions].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}

const REOPEN_DAYS = 7;
const REOPENABLE = ["resolved", "unable", "not_responsible"];

/**
 * The actions to offer: the server's list, less the steps its workflow table cannot rule out but
 * the step itself would refuse (the server checks these when acted on): rating a closure twice,
 * reopening one rated as satisfied, closed as something not to reopen, or too long ago; deciding
 * a delay nobody asked for, or asking for a second one.
 */
export function offeredActions(
  c: Pick<CaseDetail, "actions" | "timeline" | "closureKind" | "closedAt" | "rating" | "delayRequestedHours">,
  now = Date.now(),
): CaseAction[] {
  const lastClose = c.timeline.reduce((at, e) => (e.toStatus === "closed" ? e.at : at), "");
  const ratedSince = !!lastClose && c.timeline.some((e) => e.action === "rate" && e.at >= lastClose);
  const reopenable =
    REOPENABLE.includes(c.closureKind ?? "") &&
    !!c.closedAt &&
    now - new Date(c.closedAt).getTime() <= REOPEN_DAYS * 24 * 3600_000 &&
    !(ratedSince && c.rating !== "unsatisfied");
  return orderActions(
    c.actions.filter((a) => {
      if (a === "rate") return !ratedSince && REOPENABLE.includes(c.closureKind ?? "");
      if (a === "reopen") return reopenable;
      // A delay is decided only while one is asked for, and asked for only once at a time.
      if (a === "approve_delay" || a === "reject_delay") return !!c.delayRequestedHours;
      if (a === "request_delay") return !c.delayRequestedHours;
      return true;
    }),
  );
}

/** The label key of an action's button; escalating names the level it goes to. */
export function actionLabelKey(action: CaseAction, c: Pick<CaseDetail, "level">): string {
  if (action === "escalate") {
    const next = c.level === "grid" ? "community" : c.level === "community" ? "street" : "department";
    return `cases.escalateTo.${next}`;
  }
  return `cases.action.${action}`;
}
