/**
 * The life of an assignment as data: a case or topic handed to a team or a person is open until
 * they solve it (counted as a problem solved) or hand it back; staff may reopen either.
 */
export type AssignmentStatus = "open" | "solved" | "returned";
export type AssignmentAction = "solve" | "return" | "reopen";

export const ASSIGNMENT_TRANSITIONS: Record<AssignmentAction, { from: AssignmentStatus[]; to: AssignmentStatus }> = {
  solve: { from: ["open"], to: "solved" },
  return: { from: ["open"], to: "returned" },
  reopen: { from: ["solved", "returned"], to: "open" },
};
