import { boolean, date, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { users } from "./accounts";
import { places } from "./places";

/**
 * 营商环境: what the community knows about its enterprises and shops and the work it does with them.
 * An enterprise record IS a registry place (kind enterprise or shop); this side table keyed by the
 * place id holds the facts the registry does not (the credit code and the contact stay on `places`).
 */

export const SIZE_BANDS = ["micro", "small", "medium", "large"] as const;
export const NEED_KINDS = ["policy", "financing", "hiring", "permits", "premises", "other"] as const;
export const NEED_STATUSES = ["open", "matched", "referred", "settled"] as const;
/** 入库 cultivation: candidate → coached → documents gathered → declared → accepted or not. */
export const CULTIVATION_STAGES = ["candidate", "coached", "documents", "declared", "accepted", "rejected"] as const;
export const BUSINESS_EVENT_KINDS = ["bank_enterprise", "promotion", "policy_talk", "other"] as const;
export const PROGRAMME_KINDS = ["food", "fire", "billboard"] as const;
export const RECTIFICATION_STATUSES = ["issued", "closed", "escalated"] as const;

export const enterpriseProfiles = pgTable(
  "enterprise_profiles",
  {
    placeId: uuid("place_id").primaryKey().references(() => places.id),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    industry: text("industry"),
    sizeBand: text("size_band", { enum: SIZE_BANDS }),
    keyEnterprise: boolean("key_enterprise").notNull().default(false),
    /** The commercial complex or office building it is in (e.g. 江东境界广场). */
    complexName: text("complex_name"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by"),
  },
  (t) => [index("enterprise_profiles_community_idx").on(t.communityId)],
);

/** A visit campaign (e.g. 2024 全覆盖走访): a set of enterprises, each assigned to a grid worker. */
export const visitCampaigns = pgTable("visit_campaigns", {
  id: uuid("id").primaryKey(),
  communityId: uuid("community_id").notNull().references(() => areas.id),
  name: text("name").notNull(),
  startsOn: date("starts_on").notNull(),
  endsOn: date("ends_on").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const campaignTargets = pgTable(
  "campaign_targets",
  {
    campaignId: uuid("campaign_id").notNull().references(() => visitCampaigns.id),
    placeId: uuid("place_id").notNull().references(() => places.id),
    /** The place's area (copied): the data-scope key of the target. */
    areaId: uuid("area_id").notNull().references(() => areas.id),
    assigneeId: uuid("assignee_id").notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.placeId] }), index("campaign_targets_assignee_idx").on(t.assigneeId)],
);

/** 走访: a visit to an enterprise (in a campaign or not) and what was found. */
export const enterpriseVisits = pgTable(
  "enterprise_visits",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    placeId: uuid("place_id").notNull().references(() => places.id),
    campaignId: uuid("campaign_id").references(() => visitCampaigns.id),
    visitorId: uuid("visitor_id").notNull().references(() => users.id),
    visitedOn: date("visited_on").notNull(),
    notes: text("notes"),
    problems: text("problems"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("enterprise_visits_place_idx").on(t.placeId, t.visitedOn), index("enterprise_visits_campaign_idx").on(t.campaignId, t.placeId), index("enterprise_visits_community_idx").on(t.communityId, t.visitedOn)],
);

/** A need an enterprise raised (at a visit or an event): matched to a partner's offer, referred as a case, or settled. */
export const enterpriseNeeds = pgTable(
  "enterprise_needs",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    placeId: uuid("place_id").notNull().references(() => places.id),
    visitId: uuid("visit_id").references(() => enterpriseVisits.id),
    eventId: uuid("event_id"),
    kind: text("kind", { enum: NEED_KINDS }).notNull(),
    description: text("description").notNull(),
    status: text("status", { enum: NEED_STATUSES }).notNull().default("open"),
    raisedOn: date("raised_on").notNull(),
    matchedUnitId: uuid("matched_unit_id"),
    matchedItemId: uuid("matched_item_id"),
    caseId: uuid("case_id"),
    settledOn: date("settled_on"),
    settlement: text("settlement"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("enterprise_needs_place_idx").on(t.placeId), index("enterprise_needs_community_idx").on(t.communityId, t.raisedOn)],
);

/** 入库培育: one pipeline per enterprise with the day each stage was reached. */
export const cultivations = pgTable(
  "cultivations",
  {
    placeId: uuid("place_id").primaryKey().references(() => places.id),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    stage: text("stage", { enum: CULTIVATION_STAGES }).notNull().default("candidate"),
    /** What threshold it is near (e.g. 年营业额接近 2000 万元), entered by staff. */
    thresholds: text("thresholds").notNull(),
    /** The documents checklist: code → gathered. */
    documents: jsonb("documents").$type<Record<string, boolean>>().notNull().default({}),
    candidateOn: date("candidate_on").notNull(),
    coachedOn: date("coached_on"),
    documentsOn: date("documents_on"),
    declaredOn: date("declared_on"),
    decidedOn: date("decided_on"),
    decisionNote: text("decision_note"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("cultivations_community_idx").on(t.communityId, t.stage)],
);

/** 上门宣讲: a policy briefing on a day and topic, covering one or several enterprises. */
export const enterpriseBriefings = pgTable("enterprise_briefings", {
  id: uuid("id").primaryKey(),
  communityId: uuid("community_id").notNull().references(() => areas.id),
  heldOn: date("held_on").notNull(),
  topic: text("topic").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const briefingPlaces = pgTable(
  "briefing_places",
  {
    briefingId: uuid("briefing_id").notNull().references(() => enterpriseBriefings.id),
    placeId: uuid("place_id").notNull().references(() => places.id),
  },
  (t) => [primaryKey({ columns: [t.briefingId, t.placeId] }), index("briefing_places_place_idx").on(t.placeId)],
);

/** 政银企座谈会 and the like: a business event with enterprises as participants. */
export const businessEvents = pgTable("business_events", {
  id: uuid("id").primaryKey(),
  communityId: uuid("community_id").notNull().references(() => areas.id),
  kind: text("kind", { enum: BUSINESS_EVENT_KINDS }).notNull(),
  title: text("title").notNull(),
  heldOn: date("held_on").notNull(),
  venue: text("venue"),
  notes: text("notes"),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const businessEventPlaces = pgTable(
  "business_event_places",
  {
    eventId: uuid("event_id").notNull().references(() => businessEvents.id),
    placeId: uuid("place_id").notNull().references(() => places.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.placeId] }), index("business_event_places_place_idx").on(t.placeId)],
);

/**
 * An inspection programme (food safety, fire safety, outdoor billboards) over a set of places: its
 * checks are the patrol submissions of the places' plans of the programme's target kind, filled in
 * the programme's period, with the patrol checklist of that kind.
 */
export const inspectionProgrammes = pgTable("inspection_programmes", {
  id: uuid("id").primaryKey(),
  communityId: uuid("community_id").notNull().references(() => areas.id),
  kind: text("kind", { enum: PROGRAMME_KINDS }).notNull(),
  name: text("name").notNull(),
  startsOn: date("starts_on").notNull(),
  endsOn: date("ends_on").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const programmePlaces = pgTable(
  "programme_places",
  {
    programmeId: uuid("programme_id").notNull().references(() => inspectionProgrammes.id),
    placeId: uuid("place_id").notNull().references(() => places.id),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.placeId] }), index("programme_places_place_idx").on(t.placeId)],
);

/** 责令整改: a rectification notice for a failed checklist item, with a deadline and what must change. */
export const rectifications = pgTable(
  "rectifications",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    placeId: uuid("place_id").notNull().references(() => places.id),
    programmeId: uuid("programme_id").references(() => inspectionProgrammes.id),
    submissionId: uuid("submission_id").notNull(),
    itemId: uuid("item_id").notNull(),
    /** 整改通知书 number, e.g. 怡整〔2026〕0003. */
    number: text("number").notNull(),
    kind: text("kind", { enum: PROGRAMME_KINDS }).notNull(),
    finding: text("finding").notNull(),
    requiredChange: text("required_change").notNull(),
    issuedOn: date("issued_on").notNull(),
    deadline: date("deadline").notNull(),
    issuedBy: uuid("issued_by").notNull().references(() => users.id),
    status: text("status", { enum: RECTIFICATION_STATUSES }).notNull().default("issued"),
    closedOn: date("closed_on"),
    caseId: uuid("case_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("rectifications_item_uq").on(t.submissionId, t.itemId),
    uniqueIndex("rectifications_number_uq").on(t.communityId, t.number),
    index("rectifications_community_idx").on(t.communityId, t.issuedOn),
    index("rectifications_place_idx").on(t.placeId),
  ],
);

/** 复查: a re-check of a rectification; riders and volunteers who joined are named. */
export const rectificationRechecks = pgTable(
  "rectification_rechecks",
  {
    id: uuid("id").primaryKey(),
    rectificationId: uuid("rectification_id").notNull().references(() => rectifications.id),
    checkedOn: date("checked_on").notNull(),
    passed: boolean("passed").notNull(),
    notes: text("notes"),
    companions: jsonb("companions").$type<string[]>().notNull().default([]),
    checkedBy: uuid("checked_by").notNull().references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rectification_rechecks_idx").on(t.rectificationId, t.checkedOn)],
);
