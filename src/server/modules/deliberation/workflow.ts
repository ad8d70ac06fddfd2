import type { MeetingStatus, TopicStatus } from "../../../contracts/deliberation";
import { AppError } from "../../platform/errors";

/**
 * The life of a topic, as data: for each action, the states it may start from and where it leads.
 * proposed → on_agenda (put on a meeting's agenda) → decided (a resolution recorded) → settled (its
 * resolutions done); a proposed or scheduled topic may be dropped; a cancelled meeting returns its
 * topics to proposed.
 */
export const TOPIC_FLOW = {
  schedule: { proposed: "on_agenda", on_agenda: "on_agenda", decided: "decided" },
  unschedule: { on_agenda: "proposed" },
  link_cases: { proposed: "proposed", on_agenda: "on_agenda", decided: "decided" },
  support: { proposed: "proposed", on_agenda: "on_agenda" },
  decide: { on_agenda: "decided", decided: "decided" },
  settle: { decided: "settled" },
  drop: { proposed: "dropped", on_agenda: "dropped" },
} as const satisfies Record<string, Partial<Record<TopicStatus, TopicStatus>>>;
export type TopicAction = keyof typeof TOPIC_FLOW;

/**
 * The life of a meeting: planned → open (the sign-in QR is made) → closed; a planned meeting may
 * be cancelled. The other actions say in which states they are allowed (the state stays). A closed
 * or cancelled meeting is read-only (`assertMeetingWritable` answers 409 meeting_closed first);
 * only its resolutions' own follow-up (progress, completion) goes on.
 */
export const MEETING_FLOW = {
  open: { planned: "open" },
  close: { planned: "closed", open: "closed" },
  cancel: { planned: "cancelled" },
  edit: { planned: "planned", open: "open" },
  tick: { planned: "planned", open: "open" },
  record: { open: "open" },
} as const satisfies Record<string, Partial<Record<MeetingStatus, MeetingStatus>>>;
export type MeetingAction = keyof typeof MEETING_FLOW;

function step<S extends string>(table: Partial<Record<S, S>>, kind: string, action: string, from: S): S {
  const to = table[from];
  if (!to) throw new AppError("INVALID_TRANSITION", { [kind]: action, status: from });
  return to;
}

/** The topic's next state after `action`, or INVALID_TRANSITION. */
export function nextTopicStatus(action: TopicAction, from: TopicStatus): TopicStatus {
  return step<TopicStatus>(TOPIC_FLOW[action], "action", action, from);
}

/** The meeting's next state after `action`, or INVALID_TRANSITION. */
export function nextMeetingStatus(action: MeetingAction, from: MeetingStatus): MeetingStatus {
  return step<MeetingStatus>(MEETING_FLOW[action], "action", action, from);
}

/** A questionnaire is drafted, opened for answers, then closed. */
export const QUESTIONNAIRE_FLOW = {
  open: { draft: "open" },
  close: { open: "closed" },
  answer: { open: "open" },
} as const satisfies Record<string, Partial<Record<"draft" | "open" | "closed", "draft" | "open" | "closed">>>;

export function nextQuestionnaireStatus(action: keyof typeof QUESTIONNAIRE_FLOW, from: "draft" | "open" | "closed") {
  return step<"draft" | "open" | "closed">(QUESTIONNAIRE_FLOW[action], "action", action, from);
}
