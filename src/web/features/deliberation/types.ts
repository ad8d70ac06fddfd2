import type { z } from "zod";
import type {
  candidateGroup,
  candidatesReply,
  deliberationMeasures,
  householdsReply,
  linkedCase,
  meetingDetail,
  meetingListReply,
  meetingSummary,
  publicMeeting,
  publicQuestionnaire,
  publicResolution,
  publicTopic,
  questionnaireDetail,
  questionnaireSummary,
  resolutionDetail,
  resolutionSummary,
  resultsReply,
  topicDetail,
  topicListReply,
  topicSummary,
} from "../../../contracts/deliberation";

export type {
  CreateMeetingBody,
  CreateQuestionnaireBody,
  MeetingKind,
  MeetingStatus,
  PartyKind,
  ResolutionBody,
  TopicStatus,
} from "../../../contracts/deliberation";
export { FIVE_PARTY_KINDS, MEETING_KIND_VALUES, PARTY_KIND_VALUES, QUESTION_TYPE_VALUES, TOPIC_SOURCE_VALUES, TOPIC_STATUS_VALUES } from "../../../contracts/deliberation";

export type TopicSummary = z.infer<typeof topicSummary>;
export type TopicListReply = z.infer<typeof topicListReply>;
export type TopicDetail = z.infer<typeof topicDetail>;
export type LinkedCase = z.infer<typeof linkedCase>;
export type CandidateGroup = z.infer<typeof candidateGroup>;
export type CandidatesReply = z.infer<typeof candidatesReply>;
export type MeetingSummary = z.infer<typeof meetingSummary>;
export type MeetingListReply = z.infer<typeof meetingListReply>;
export type MeetingDetail = z.infer<typeof meetingDetail>;
export type ResolutionSummary = z.infer<typeof resolutionSummary>;
export type ResolutionDetail = z.infer<typeof resolutionDetail>;
export type QuestionnaireSummary = z.infer<typeof questionnaireSummary>;
export type QuestionnaireDetail = z.infer<typeof questionnaireDetail>;
export type Results = z.infer<typeof resultsReply>;
export type Households = z.infer<typeof householdsReply>["items"];
export type Measures = z.infer<typeof deliberationMeasures>;
export type PublicTopic = z.infer<typeof publicTopic>;
export type PublicResolution = z.infer<typeof publicResolution>;
export type PublicMeeting = z.infer<typeof publicMeeting>;
export type PublicQuestionnaire = z.infer<typeof publicQuestionnaire>;
export type Question = QuestionnaireDetail["questions"][number];
export type AnswerValue = string | number | string[];
