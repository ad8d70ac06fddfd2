import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { users } from "./accounts";

import { geoPoint } from "./types";

export const MEETING_KINDS = ["residents_council", "bench", "party_joint", "grid_governance", "public_talk", "resident_meeting", "five_party"] as const;
/** The five parties of 五方联动, plus others who may sit at the table. */
export const PARTY_KINDS = ["party_committee", "partner_unit", "property_committee", "property_company", "resident_rep", "department", "other"] as const;

/** 议题: a matter for deliberation, from cases, residents' proposals or staff. */
export const topics = pgTable(
  "topics",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    source: text("source", { enum: ["case", "proposal", "staff"] }).notNull(),
    status: text("status", { enum: ["proposed", "on_agenda", "decided", "settled", "dropped"] }).notNull().default("proposed"),
    proposerId: uuid("proposer_id").references(() => users.id),
    supportCount: integer("support_count").notNull().default(0),
    /** Places and people affected, as free text lists (compound, building, groups). */
    affected: jsonb("affected").$type<string[]>().notNull().default([]),
    fiveParty: boolean("five_party").notNull().default(false),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("topics_community_idx").on(t.communityId, t.createdAt)],
);

export const topicCases = pgTable("topic_cases", { topicId: uuid("topic_id").notNull().references(() => topics.id), caseId: uuid("case_id").notNull() }, (t) => [
  primaryKey({ columns: [t.topicId, t.caseId] }),
]);

/** One support per person for a resident's proposal. */
export const topicSupports = pgTable(
  "topic_supports",
  { topicId: uuid("topic_id").notNull().references(() => topics.id), userId: uuid("user_id").notNull().references(() => users.id), at: timestamp("at", { withTimezone: true }).notNull().defaultNow() },
  (t) => [primaryKey({ columns: [t.topicId, t.userId] })],
);

export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    kind: text("kind", { enum: MEETING_KINDS }).notNull(),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Where: a meeting room, or a bench outside building 3. */
    place: text("place").notNull(),
    location: geoPoint("location"),
    convenerId: uuid("convener_id").references(() => users.id),
    status: text("status", { enum: ["planned", "open", "closed", "cancelled"] }).notNull().default("planned"),
    minutes: text("minutes"),
    /** Secret in the sign-in QR code; rotated when the meeting opens. */
    checkinCode: text("checkin_code"),
    isPublic: boolean("is_public").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("meetings_community_idx").on(t.communityId, t.startsAt)],
);

/** Parties invited to a meeting, by role — the five parties are first-class. */
export const meetingParties = pgTable(
  "meeting_parties",
  {
    id: uuid("id").primaryKey(),
    meetingId: uuid("meeting_id").notNull().references(() => meetings.id),
    partyKind: text("party_kind", { enum: PARTY_KINDS }).notNull(),
    name: text("name").notNull(),
    partnerUnitId: uuid("partner_unit_id"),
  },
  (t) => [index("meeting_parties_meeting_idx").on(t.meetingId)],
);

export const meetingTopics = pgTable("meeting_topics", { meetingId: uuid("meeting_id").notNull().references(() => meetings.id), topicId: uuid("topic_id").notNull().references(() => topics.id), seq: integer("seq").notNull() }, (t) => [
  primaryKey({ columns: [t.meetingId, t.topicId] }),
]);

/** Sign-ins: the attendee count is their count. One per user (or per named guest ticked by staff). */
export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    id: uuid("id").primaryKey(),
    meetingId: uuid("meeting_id").notNull().references(() => meetings.id),
    userId: uuid("user_id").references(() => users.id),
    name: text("name").notNull(),
    partyKind: text("party_kind", { enum: PARTY_KINDS }).notNull(),
    method: text("method", { enum: ["qr", "staff"] }).notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("meeting_attendance_user_uq").on(t.meetingId, t.userId), uniqueIndex("meeting_attendance_name_uq").on(t.meetingId, t.name, t.partyKind)],
);

/** What each party said on a topic. */
export const meetingOpinions = pgTable("meeting_opinions", {
  id: uuid("id").primaryKey(),
  meetingId: uuid("meeting_id").notNull().references(() => meetings.id),
  topicId: uuid("topic_id").notNull().references(() => topics.id),
  partyKind: text("party_kind", { enum: PARTY_KINDS }).notNull(),
  speaker: text("speaker").notNull(),
  text: text("text").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** 决议: what a meeting decided on a topic, followed until done. */
export const resolutions = pgTable(
  "resolutions",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    topicId: uuid("topic_id").notNull().references(() => topics.id),
    meetingId: uuid("meeting_id").notNull().references(() => meetings.id),
    text: text("text").notNull(),
    dueOn: date("due_on").notNull(),
    status: text("status", { enum: ["open", "done", "cancelled"] }).notNull().default("open"),
    percent: integer("percent").notNull().default(0),
    doneAt: timestamp("done_at", { withTimezone: true }),
    /** Settled by 五方联动 (all five parties took part). */
    fiveParty: boolean("five_party").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("resolutions_community_idx").on(t.communityId, t.status, t.dueOn)],
);

/** Owners of a resolution: a user, or a party named by role (a property company, a unit …). */
export const resolutionOwners = pgTable("resolution_owners", {
  id: uuid("id").primaryKey(),
  resolutionId: uuid("resolution_id").notNull().references(() => resolutions.id),
  userId: uuid("user_id").references(() => users.id),
  partyKind: text("party_kind", { enum: PARTY_KINDS }).notNull(),
  name: text("name").notNull(),
});

export const resolutionUpdates = pgTable("resolution_updates", {
  id: uuid("id").primaryKey(),
  resolutionId: uuid("resolution_id").notNull().references(() => resolutions.id),
  authorId: uuid("author_id").references(() => users.id),
  text: text("text").notNull(),
  percent: integer("percent").notNull(),
  photoIds: jsonb("photo_ids").$type<string[]>().notNull().default([]),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
});

/** 征集民意: a questionnaire, filled door to door (one per household) or online (one per resident). */
export const questionnaires = pgTable("questionnaires", {
  id: uuid("id").primaryKey(),
  communityId: uuid("community_id").notNull().references(() => areas.id),
  areaId: uuid("area_id").notNull().references(() => areas.id),
  topicId: uuid("topic_id").references(() => topics.id),
  title: text("title").notNull(),
  round: integer("round").notNull().default(1),
  status: text("status", { enum: ["draft", "open", "closed"] }).notNull().default("draft"),
  opensAt: timestamp("opens_at", { withTimezone: true }),
  closesAt: timestamp("closes_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const questions = pgTable("questions", {
  id: uuid("id").primaryKey(),
  questionnaireId: uuid("questionnaire_id").notNull().references(() => questionnaires.id),
  seq: integer("seq").notNull(),
  text: text("text").notNull(),
  type: text("type", { enum: ["single", "multi", "scale", "text"] }).notNull(),
  options: jsonb("options").$type<string[]>(),
  /** A vote-like question: one answer per household and per resident, strictly. */
  isVote: boolean("is_vote").notNull().default(false),
  required: boolean("required").notNull().default(true),
});

export const responses = pgTable(
  "responses",
  {
    id: uuid("id").primaryKey(),
    questionnaireId: uuid("questionnaire_id").notNull().references(() => questionnaires.id),
    householdId: uuid("household_id"),
    userId: uuid("user_id").references(() => users.id),
    channel: text("channel", { enum: ["door", "online"] }).notNull(),
    collectedBy: uuid("collected_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("responses_household_uq").on(t.questionnaireId, t.householdId), uniqueIndex("responses_user_uq").on(t.questionnaireId, t.userId)],
);

export const answers = pgTable("answers", {
  responseId: uuid("response_id").notNull().references(() => responses.id),
  questionId: uuid("question_id").notNull().references(() => questions.id),
  value: jsonb("value").notNull(),
}, (t) => [primaryKey({ columns: [t.responseId, t.questionId] })]);

