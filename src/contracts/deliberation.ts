import { z } from "zod";
import { listTotal, lngLat, lngLatInput, uuid } from "./common";
import { cursor, day as boundedDay, instant as boundedInstant, int, limit, line, num, paragraph, queryInt, text as boundedText } from "./bounded";

/** 议事协商: topics, meetings with sign-in, resolutions followed until done, opinion collection, measures. */

export const MEETING_KIND_VALUES = ["residents_council", "bench", "party_joint", "grid_governance", "public_talk", "resident_meeting", "five_party"] as const;
export const PARTY_KIND_VALUES = ["party_committee", "partner_unit", "property_committee", "property_company", "resident_rep", "department", "other"] as const;
/** The five parties of 五方联动. */
export const FIVE_PARTY_KINDS = ["party_committee", "partner_unit", "property_committee", "property_company", "resident_rep"] as const;
export const TOPIC_STATUS_VALUES = ["proposed", "on_agenda", "decided", "settled", "dropped"] as const;
export const TOPIC_SOURCE_VALUES = ["case", "proposal", "staff"] as const;
export const MEETING_STATUS_VALUES = ["planned", "open", "closed", "cancelled"] as const;
export const RESOLUTION_STATUS_VALUES = ["open", "done", "cancelled"] as const;
export const QUESTION_TYPE_VALUES = ["single", "multi", "scale", "text"] as const;
export const QUESTIONNAIRE_STATUS_VALUES = ["draft", "open", "closed"] as const;

export const meetingKind = z.enum(MEETING_KIND_VALUES);
export const partyKind = z.enum(PARTY_KIND_VALUES);
export const topicStatus = z.enum(TOPIC_STATUS_VALUES);
export const topicSource = z.enum(TOPIC_SOURCE_VALUES);
export const meetingStatus = z.enum(MEETING_STATUS_VALUES);
export const resolutionStatus = z.enum(RESOLUTION_STATUS_VALUES);
export const questionType = z.enum(QUESTION_TYPE_VALUES);
export type MeetingKind = z.infer<typeof meetingKind>;
export type PartyKind = z.infer<typeof partyKind>;
export type TopicStatus = z.infer<typeof topicStatus>;
export type MeetingStatus = z.infer<typeof meetingStatus>;

/** Single-line text (titles, names, places) and multi-line text (descriptions, minutes, opinions). */
const text = (max: number) => line(max);
const longText = (max: number) => paragraph(max);
const instant = boundedInstant();
const day = boundedDay();
const named = z.object({ id: uuid, name: z.string() });
export const idParams = z.strictObject({ id: uuid });
const version = int({ min: 1, max: 2_000_000_000 }).optional();

// ---------- topics ----------

export const createTopicBody = z.strictObject({
  title: text(100),
  description: longText(2000),
  /** Community, grid or microgrid the topic belongs to; default the caller's own area. */
  areaId: uuid.optional(),
  affected: z.array(text(60)).max(30).default([]),
});
export type CreateTopicBody = z.infer<typeof createTopicBody>;

/** "Put on the agenda": one or more cases of the caller's scope become (or join) a topic. */
export const topicFromCasesBody = z.strictObject({
  caseIds: z.array(uuid).min(1).max(50),
  /** Add the cases to this existing topic instead of making a new one. */
  topicId: uuid.optional(),
  title: text(100).optional(),
  description: longText(2000).optional(),
});
export type TopicFromCasesBody = z.infer<typeof topicFromCasesBody>;

export const proposeTopicBody = z.strictObject({
  title: text(100),
  description: longText(2000),
  affected: z.array(text(60)).max(10).default([]),
});
export type ProposeTopicBody = z.infer<typeof proposeTopicBody>;

export const dropTopicBody = z.strictObject({ reason: longText(500) });

export const topicListQuery = z.strictObject({
  status: topicStatus.optional(),
  source: topicSource.optional(),
  areaId: uuid.optional(),
  /** A report's period (both or neither): the day settled with status=settled, else the day raised. */
  from: day.optional(),
  to: day.optional(),
  /** Settled by a resolution of this kind of meeting (its last one done), as the report counts it. */
  settledBy: meetingKind.optional(),
  q: line(60, 0).optional(),
  cursor: cursor.optional(),
  limit: limit(200, 30),
});
export type TopicListQuery = z.infer<typeof topicListQuery>;

export const candidateQuery = z.strictObject({
  areaId: uuid.optional(),
  days: queryInt({ min: 7, max: 365 }).default(90),
  min: queryInt({ min: 2, max: 20 }).default(3),
  /** The day the window ends (default today). */
  asOf: day.optional(),
});

export const topicSummary = z.object({
  id: uuid,
  title: z.string(),
  description: z.string(),
  source: topicSource,
  status: topicStatus,
  area: named,
  community: named,
  supportCount: z.number(),
  caseCount: z.number(),
  affected: z.array(z.string()),
  fiveParty: z.boolean(),
  proposer: named.nullable(),
  settledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TopicSummary = z.infer<typeof topicSummary>;
export const topicListReply = z.object({ items: z.array(topicSummary), nextCursor: z.string().nullable(), ...listTotal });

export const linkedCase = z.object({
  id: uuid,
  number: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  status: z.string(),
  level: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  area: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedByRef: z.string().nullable(),
});

export const owner = z.object({ id: uuid, userId: uuid.nullable(), partyKind: partyKind, name: z.string() });

export const resolutionSummary = z.object({
  id: uuid,
  topic: z.object({ id: uuid, title: z.string(), status: topicStatus }),
  meeting: z.object({ id: uuid, title: z.string(), kind: meetingKind, startsAt: z.string() }),
  text: z.string(),
  dueOn: z.string(),
  status: resolutionStatus,
  percent: z.number(),
  doneAt: z.string().nullable(),
  fiveParty: z.boolean(),
  /** Open and its due date has passed. */
  overdue: z.boolean(),
  version: z.number(),
  owners: z.array(owner),
  createdAt: z.string(),
});
export type ResolutionSummary = z.infer<typeof resolutionSummary>;

export const topicDetail = topicSummary.extend({
  cases: z.array(linkedCase),
  categories: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
  meetings: z.array(z.object({ id: uuid, kind: meetingKind, title: z.string(), startsAt: z.string(), status: meetingStatus })),
  resolutions: z.array(resolutionSummary),
  supportedByMe: z.boolean(),
});
export type TopicDetail = z.infer<typeof topicDetail>;

export const candidateGroup = z.object({
  reason: z.enum(["repeated", "escalated"]),
  categoryCode: z.string(),
  categoryName: z.string(),
  area: named,
  caseCount: z.number(),
  cases: z.array(linkedCase),
});
export const candidatesReply = z.object({ items: z.array(candidateGroup) });

export const supportReply = z.object({ topicId: uuid, supportCount: z.number() });

// ---------- meetings ----------

const partyInput = z.strictObject({ partyKind, name: text(80), partnerUnitId: uuid.optional() });

export const createMeetingBody = z.strictObject({
  kind: meetingKind,
  title: text(100),
  startsAt: instant,
  endsAt: instant,
  /** Where: a meeting room, or a bench outside building 3. */
  place: text(120),
  location: lngLatInput.optional(),
  areaId: uuid.optional(),
  convenerId: uuid.optional(),
  isPublic: z.boolean().default(true),
  parties: z.array(partyInput).max(30).default([]),
  topicIds: z.array(uuid).max(20).default([]),
});
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;

export const agendaBody = z.strictObject({ topicIds: z.array(uuid).min(1).max(20) });
export const partiesBody = z.strictObject({ parties: z.array(partyInput).min(1).max(30) });
export const checkinBody = z.strictObject({ code: z.string().trim().min(6).max(64).regex(/^[A-Za-z0-9_-]+$/, "not a check-in code"), partyKind: partyKind.optional() });
export const tickBody = z.strictObject({ name: text(40), partyKind, userId: uuid.optional() });
export const minutesBody = z.strictObject({ minutes: longText(20000) });
export const closeMeetingBody = z.strictObject({ minutes: longText(20000).optional() });
export const cancelMeetingBody = z.strictObject({ reason: longText(500) });
export const opinionBody = z.strictObject({ topicId: uuid, partyKind, speaker: text(80), text: longText(2000) });
export const attendanceParams = z.strictObject({ id: uuid, attendanceId: uuid });

export const ownerInput = z
  .strictObject({ userId: uuid.optional(), partyKind: partyKind.optional(), name: text(80).optional() })
  .refine((o) => o.userId !== undefined || (o.partyKind !== undefined && o.name !== undefined), { message: "a user, or a party kind and a name" });
export const resolutionBody = z.strictObject({
  topicId: uuid,
  text: longText(2000),
  dueOn: day,
  owners: z.array(ownerInput).min(1).max(10),
});
export type ResolutionBody = z.infer<typeof resolutionBody>;

export const meetingListQuery = z.strictObject({
  status: meetingStatus.optional(),
  kind: meetingKind.optional(),
  areaId: uuid.optional(),
  from: day.optional(),
  to: day.optional(),
  cursor: cursor.optional(),
  limit: limit(200, 30),
});
export type MeetingListQuery = z.infer<typeof meetingListQuery>;

export const meetingSummary = z.object({
  id: uuid,
  kind: meetingKind,
  kindName: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  location: lngLat.nullable(),
  status: meetingStatus,
  /** 待补录: its time has passed, it is neither closed nor cancelled, and it has no minutes yet. */
  needsMinutes: z.boolean(),
  isPublic: z.boolean(),
  area: named,
  convener: named.nullable(),
  attendeeCount: z.number(),
  topicCount: z.number(),
});
export type MeetingSummary = z.infer<typeof meetingSummary>;
export const meetingListReply = z.object({ items: z.array(meetingSummary), nextCursor: z.string().nullable(), ...listTotal });

export const attendee = z.object({ id: uuid, userId: uuid.nullable(), name: z.string(), partyKind, method: z.enum(["qr", "staff"]), signedAt: z.string() });
export const meetingDetail = meetingSummary.extend({
  minutes: z.string().nullable(),
  parties: z.array(z.object({ id: uuid, partyKind, name: z.string(), partnerUnitId: uuid.nullable() })),
  agenda: z.array(z.object({ topicId: uuid, seq: z.number(), title: z.string(), status: topicStatus })),
  attendance: z.array(attendee),
  partiesPresent: z.array(partyKind),
  /** All five parties of 五方联动 signed in. */
  fivePartyPresent: z.boolean(),
  opinions: z.array(z.object({ id: uuid, topicId: uuid, partyKind, speaker: z.string(), text: z.string(), createdAt: z.string() })),
  resolutions: z.array(resolutionSummary),
  /** The sign-in QR: only for those who manage meetings, while the meeting is open. */
  checkin: z.object({ code: z.string(), url: z.string() }).nullable(),
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

export const openMeetingReply = z.object({ id: uuid, status: meetingStatus, checkin: z.object({ code: z.string(), url: z.string() }) });
export const checkinReply = z.object({ meetingId: uuid, attendanceId: uuid, already: z.boolean(), attendeeCount: z.number() });

// ---------- resolutions ----------

export const progressBody = z.strictObject({
  text: longText(2000),
  percent: int({ min: 0, max: 100 }),
  photoIds: z.array(uuid).max(9).default([]),
  version,
});
export const completeBody = z.strictObject({ text: longText(2000), photoIds: z.array(uuid).max(9).default([]), version });

export const resolutionListQuery = z.strictObject({
  /** "overdue": open with the due date passed (the dashboard list). */
  status: z.enum(["open", "done", "cancelled", "overdue"]).optional(),
  areaId: uuid.optional(),
  fiveParty: z.enum(["true", "false"]).optional(),
  /** A report's period (both or neither): the day carried out with status=done, else the day decided. */
  from: day.optional(),
  to: day.optional(),
  limit: limit(500, 100),
});
export type ResolutionListQuery = z.infer<typeof resolutionListQuery>;
export const resolutionListReply = z.object({ items: z.array(resolutionSummary), ...listTotal });

export const photoRef = z.object({ id: uuid, url: z.string(), thumbUrl: z.string() });
export const resolutionUpdate = z.object({ id: uuid, text: z.string(), percent: z.number(), photos: z.array(photoRef), authorName: z.string().nullable(), at: z.string() });
export const resolutionDetail = resolutionSummary.extend({
  updates: z.array(resolutionUpdate),
  cases: z.array(linkedCase),
  canUpdate: z.boolean(),
  canComplete: z.boolean(),
});
export type ResolutionDetail = z.infer<typeof resolutionDetail>;

// ---------- questionnaires ----------

export const questionInput = z.strictObject({
  text: text(300),
  type: questionType,
  options: z.array(text(100)).min(2).max(20).optional(),
  isVote: z.boolean().default(false),
  required: z.boolean().default(true),
});
export const createQuestionnaireBody = z.strictObject({
  title: text(100),
  topicId: uuid.optional(),
  areaId: uuid.optional(),
  /** Default: the next round of the topic's questionnaires (1 without a topic). */
  round: int({ min: 1, max: 50 }).optional(),
  opensAt: instant.optional(),
  closesAt: instant.optional(),
  questions: z.array(questionInput).min(1).max(40),
});
export type CreateQuestionnaireBody = z.infer<typeof createQuestionnaireBody>;

export const answerValue = z.union([boundedText({ max: 2000, min: 0, multiline: true }), num({ min: -1e9, max: 1e9 }), z.array(boundedText({ max: 200, min: 0 })).max(40)]);
export const answerInput = z.strictObject({ questionId: uuid, value: answerValue });
export type AnswerInput = z.infer<typeof answerInput>;
export const doorResponseBody = z.strictObject({ householdId: uuid, answers: z.array(answerInput).max(40) });
export const onlineResponseBody = z.strictObject({ answers: z.array(answerInput).max(40) });
export const responseReply = z.object({ id: uuid, questionnaireId: uuid, channel: z.enum(["door", "online"]) });

export const question = z.object({ id: uuid, seq: z.number(), text: z.string(), type: questionType, options: z.array(z.string()).nullable(), isVote: z.boolean(), required: z.boolean() });
export const questionnaireSummary = z.object({
  id: uuid,
  title: z.string(),
  round: z.number(),
  status: z.enum(QUESTIONNAIRE_STATUS_VALUES),
  topic: z.object({ id: uuid, title: z.string() }).nullable(),
  area: named,
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  responses: z.number(),
  createdAt: z.string(),
});
export const questionnaireDetail = questionnaireSummary.extend({ questions: z.array(question) });
export type QuestionnaireDetail = z.infer<typeof questionnaireDetail>;
export const questionnaireListQuery = z.strictObject({
  topicId: uuid.optional(),
  status: z.enum(QUESTIONNAIRE_STATUS_VALUES).optional(),
  areaId: uuid.optional(),
  limit: limit(200, 50),
});
export const questionnaireListReply = z.object({ items: z.array(questionnaireSummary) });

export const householdsQuery = z.strictObject({
  buildingId: uuid.optional(),
  compoundId: uuid.optional(),
  limit: limit(1000, 300),
});
export const householdsReply = z.object({
  items: z.array(z.object({ id: uuid, address: z.string(), building: named, compound: named, answered: z.boolean() })),
});

const valueCount = z.object({ value: z.string(), count: z.number() });
const questionTally = z.object({ questionId: uuid, answered: z.number(), counts: z.array(valueCount), average: z.number().nullable() });
export const resultsReply = z.object({
  questionnaireId: uuid,
  responses: z.number(),
  byChannel: z.object({ door: z.number(), online: z.number() }),
  questions: z.array(question.extend({ answered: z.number(), counts: z.array(valueCount), average: z.number().nullable(), texts: z.array(z.string()) })),
  byCompound: z.array(z.object({ id: uuid, name: z.string(), responses: z.number(), questions: z.array(questionTally) })),
  byBuilding: z.array(z.object({ id: uuid, name: z.string(), compound: named, responses: z.number(), questions: z.array(questionTally) })),
});
export type Results = z.infer<typeof resultsReply>;

// ---------- what residents see (phone) ----------

export const publicMeeting = z.object({
  id: uuid,
  kind: meetingKind,
  kindName: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  location: lngLat.nullable(),
  status: meetingStatus,
  parties: z.array(z.object({ partyKind, name: z.string() })),
  agenda: z.array(z.object({ topicId: uuid, title: z.string() })),
});
export const publicMeetingsReply = z.object({ items: z.array(publicMeeting) });

export const publicResolution = z.object({
  id: uuid,
  text: z.string(),
  dueOn: z.string(),
  status: resolutionStatus,
  percent: z.number(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
  fiveParty: z.boolean(),
  meeting: z.object({ kind: meetingKind, kindName: z.string(), title: z.string(), startsAt: z.string() }),
  owners: z.array(z.object({ partyKind, name: z.string() })),
  updates: z.array(z.object({ text: z.string(), percent: z.number(), photoCount: z.number(), photos: z.array(photoRef), at: z.string() })),
});
export type PublicResolution = z.infer<typeof publicResolution>;
export const publicTopic = z.object({
  id: uuid,
  title: z.string(),
  description: z.string(),
  source: topicSource,
  status: topicStatus,
  supportCount: z.number(),
  supportedByMe: z.boolean(),
  mine: z.boolean(),
  caseCount: z.number(),
  affected: z.array(z.string()),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  resolutions: z.array(publicResolution),
});
export type PublicTopic = z.infer<typeof publicTopic>;
export const publicTopicsQuery = z.strictObject({
  status: topicStatus.optional(),
  /** Words of the title or the description. */
  q: line(60, 0).optional(),
  limit: limit(100, 30),
});
export const publicTopicsReply = z.object({ items: z.array(publicTopic), ...listTotal });
export const publicQuestionnaire = z.object({
  id: uuid,
  title: z.string(),
  round: z.number(),
  closesAt: z.string().nullable(),
  topic: z.object({ id: uuid, title: z.string() }).nullable(),
  questions: z.array(question),
  answered: z.boolean(),
  /** The household already answered (at the door): vote questionnaires cannot be answered again. */
  householdAnswered: z.boolean(),
});
export const publicQuestionnairesReply = z.object({ items: z.array(publicQuestionnaire) });

// ---------- measures ----------

export const deliberationMeasuresQuery = z.strictObject({ areaId: uuid.optional(), from: day, to: day });
export const deliberationMeasures = z.object({
  area: named,
  from: z.string(),
  to: z.string(),
  meetings: z.number(),
  attendees: z.number(),
  byKind: z.array(z.object({ kind: meetingKind, name: z.string(), meetings: z.number(), attendees: z.number(), topicsSettled: z.number(), fivePartyDone: z.number() })),
  topicsCreated: z.number(),
  topicsBySource: z.array(z.object({ source: topicSource, count: z.number() })),
  /** Concerns settled: topics settled in the period. */
  topicsSettled: z.number(),
  resolutions: z.object({ decided: z.number(), doneOnTime: z.number(), doneLate: z.number(), open: z.number(), overdue: z.number(), cancelled: z.number() }),
  onTimeRate: z.number().nullable(),
  /** Problems settled by 五方联动: resolutions taken with all five parties present, done in the period. */
  fivePartySettled: z.number(),
  monthly: z.array(z.object({ month: z.string(), meetings: z.number(), topicsSettled: z.number(), resolutionsDone: z.number() })),
});
export type DeliberationMeasures = z.infer<typeof deliberationMeasures>;
