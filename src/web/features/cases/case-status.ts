import type { CaseDetail, CaseStatus, CaseSummary, CaseTimer } from "./types";

/** The six steps a reporter follows: 上报 → 受理 → 派遣 → 处置 → 核查 → 办结. */
export const STEPS = ["report", "accept", "dispatch", "handle", "verify", "close"] as const;
export type StepKey = (typeof STEPS)[number];

/** How many steps are complete at each status (the next one is in progress). */
const DONE: Record<CaseStatus, number> = {
  reported: 1,
  accepted: 2,
  dispatched: 3,
  in_progress: 3,
  handled: 4,
  verified: 5,
  closed: 6,
};

export type StepState = "finish" | "process" | "wait" | "error";

/**
 * The state of each step for a case. A case closed without being resolved (withdrawn, rejected,
 * merged) ends at its closing step, marked as such, with the steps it skipped left waiting.
 */
export function stepStates(c: Pick<CaseSummary, "status" | "closureKind"> & { timeline?: CaseDetail["timeline"] }): StepState[] {
  if (c.status === "closed" && c.closureKind && !["resolved", "unable", "not_responsible"].includes(c.closureKind)) {
    const reached = reachedBeforeClosing(c.timeline);
    return STEPS.map((_, i) => (i === STEPS.length - 1 ? "error" : i < reached ? "finish" : "wait"));
  }
  const done = DONE[c.status];
  return STEPS.map((_, i) => (i < done ? "finish" : i === done ? "process" : "wait"));
}

/** Steps completed before an early closure, read from the last status before "closed". */
function reachedBeforeClosing(timeline: CaseDetail["timeline"] | undefined): number {
  const last = [...(timeline ?? [])].reverse().find((e) => e.toStatus === "closed");
  const before = (last?.fromStatus ?? "reported") as CaseStatus;
  return DONE[before] ?? 1;
}

/** Tag colour of a status (antd preset colour names; the phone app maps them to its own). */
export function statusColour(status: CaseStatus): "default" | "processing" | "warning" | "success" | "error" | "purple" {
  switch (status) {
    case "reported":
      return "error";
    case "accepted":
    case "dispatched":
      return "warning";
    case "in_progress":
      return "processing";
    case "handled":
    case "verified":
      return "purple";
    case "closed":
      return "success";
  }
}

/** The colour of a time-limit state, shared by tags and map markers. */
export const TIMER_COLOURS: Record<CaseTimer, string> = {
  normal: "#52c41a",
  yellow: "#faad14",
  red: "#f5222d",
};

export const isOpen = (c: Pick<CaseSummary, "status">) => c.status !== "closed";
