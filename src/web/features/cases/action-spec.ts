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
      // A secondary way with a confirmation: never the big button.
      return { action, confirm: true, tone: "danger" };
    case "reopen":
      return { action, note: { kind: "reason", required: true }, tone: "danger" };
    case "rate":
      return { action, rating: true, note: { kind: "comment", required: false }, tone: "primary" };
    case "note":
      return { action, note: { kind: "note", required: true }, photos: true, tone: "default" };
    case "remind":
      return { action, immediate: true, tone: "primary" };
    case "supplement":
      // Text or photos: either is enough.
      return { action, note: { kind: "note", required: true }, photos: true, tone: "default" };
  }
}

/** Buttons in a sensible order: the next step first, side ways after, closing ways last. */
const ORDER: CaseAction[] = [
  "take", "accept", "start", "handle", "verify", "close", "dispatch", "rate", "remind", "supplement",
  "escalate", "request_delay", "approve_delay", "reject_delay", "rework", "reassign", "return", "note", "urge",
  "merge", "reject", "reopen", "withdraw",
];

/** The server offers only the steps the case's state allows (see stepPossible in the workflow). */
export function orderActions(actions: CaseAction[]): CaseAction[] {
  return [...actions].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}

/** The label key of an action's button; escalating names the level it goes to. */
export function actionLabelKey(action: CaseAction, c: Pick<CaseDetail, "level">): string {
  if (action === "escalate") {
    const next = c.level === "grid" ? "community" : c.level === "community" ? "street" : "department";
    return `cases.escalateTo.${next}`;
  }
  return `cases.action.${action}`;
}
