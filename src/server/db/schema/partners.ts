import { boolean, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { users } from "./accounts";
import { geoPoint } from "./types";

export const UNIT_KINDS = ["enterprise", "hospital", "school", "government", "ngo", "shop", "property_company", "other"] as const;
export const RESOURCE_KINDS = ["venue", "money", "staff", "service", "goods", "other"] as const;
export const ACTIVITY_KINDS = ["friday_service", "riverside_market", "legal_tea", "health_run", "festival", "anti_fraud", "blood_drive", "party_day", "free_clinic", "other"] as const;

/** 共建单位: a partner unit (company, hospital, school …), optionally tied to a registered place. */
export const partnerUnits = pgTable(
  "partner_units",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    placeId: uuid("place_id"),
    name: text("name").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    contactName: text("contact_name"),
    contactPhoneEnc: text("contact_phone_enc"),
    contactPhoneTail: text("contact_phone_tail"),
    /** Its own party organisation, if any (e.g. "某公司党支部"). */
    partyOrg: text("party_org"),
    /** Member of the community's 大党委 / part-time committee-member scheme (兼职委员制). */
    bigCommittee: boolean("big_committee").notNull().default(false),
    contactUserId: uuid("contact_user_id").references(() => users.id),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("partner_units_community_idx").on(t.communityId)],
);

/** 共驻共建协议: a co-building agreement for a period; one unit has no two agreements overlapping. */
export const agreements = pgTable(
  "agreements",
  {
    id: uuid("id").primaryKey(),
    unitId: uuid("unit_id").notNull().references(() => partnerUnits.id),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    signatories: jsonb("signatories").$type<string[]>().notNull().default([]),
    /** 兼职委员: the unit's part-time member of the community party committee. */
    partTimeMember: text("part_time_member"),
    signedOn: date("signed_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("agreements_unit_idx").on(t.unitId, t.startsOn)],
);

/** The three lists of an agreement: resources offered, needs, joint projects. */
export const agreementItems = pgTable(
  "agreement_items",
  {
    id: uuid("id").primaryKey(),
    agreementId: uuid("agreement_id").notNull().references(() => agreements.id),
    list: text("list", { enum: ["offer", "need", "project"] }).notNull(),
    resourceKind: text("resource_kind", { enum: RESOURCE_KINDS }),
    /** Case categories this resource helps with, for matching. */
    categories: jsonb("categories").$type<string[]>().notNull().default([]),
    description: text("description").notNull(),
    quantity: real("quantity"),
    unit: text("unit"),
  },
  (t) => [index("agreement_items_agreement_idx").on(t.agreementId)],
);

/** A resource actually given (venue lent, money, staff-days …), for the unit's yearly record. */
export const resourceGivings = pgTable(
  "resource_givings",
  {
    id: uuid("id").primaryKey(),
    unitId: uuid("unit_id").notNull().references(() => partnerUnits.id),
    itemId: uuid("item_id").references(() => agreementItems.id),
    activityId: uuid("activity_id"),
    givenOn: date("given_on").notNull(),
    resourceKind: text("resource_kind", { enum: RESOURCE_KINDS }).notNull(),
    description: text("description").notNull(),
    quantity: real("quantity"),
    unit: text("unit"),
    recordedBy: uuid("recorded_by"),
  },
  (t) => [index("resource_givings_unit_idx").on(t.unitId, t.givenOn)],
);

/** 招募令: a recruitment call with a public sign-up page. */
export const recruitmentCalls = pgTable("recruitment_calls", {
  id: uuid("id").primaryKey(),
  communityId: uuid("community_id").notNull().references(() => areas.id),
  title: text("title").notNull(),
  body: text("body").notNull(),
  /** Short public code in the sign-up URL and QR code. */
  slug: text("slug").notNull().unique(),
  categories: jsonb("categories").$type<string[]>().notNull().default([]),
  channels: jsonb("channels").$type<string[]>().notNull().default([]),
  opensOn: date("opens_on").notNull(),
  closesOn: date("closes_on").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A sign-up to a call, reviewed by staff. */
export const talentApplications = pgTable(
  "talent_applications",
  {
    id: uuid("id").primaryKey(),
    callId: uuid("call_id").notNull().references(() => recruitmentCalls.id),
    userId: uuid("user_id").references(() => users.id),
    name: text("name").notNull(),
    phoneEnc: text("phone_enc").notNull(),
    phoneHash: text("phone_hash").notNull(),
    phoneTail: text("phone_tail").notNull(),
    category: text("category").notNull(),
    skills: jsonb("skills").$type<string[]>().notNull().default([]),
    intro: text("intro"),
    status: text("status", { enum: ["pending", "approved", "rejected"] }).notNull().default("pending"),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("talent_applications_call_phone_uq").on(t.callId, t.phoneHash)],
);

/** 治理人才库: an approved talent. */
export const talents = pgTable(
  "talents",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    userId: uuid("user_id").references(() => users.id),
    personId: uuid("person_id"),
    name: text("name").notNull(),
    category: text("category").notNull(),
    skills: jsonb("skills").$type<string[]>().notNull().default([]),
    isRider: boolean("is_rider").notNull().default(false),
    joinedOn: date("joined_on").notNull(),
  },
  (t) => [index("talents_community_idx").on(t.communityId), uniqueIndex("talents_user_uq").on(t.communityId, t.userId)],
);

export const teams = pgTable("teams", {
  id: uuid("id").primaryKey(),
  communityId: uuid("community_id").notNull().references(() => areas.id),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["mediation", "free_clinic", "convenience", "heritage", "party_volunteer", "rider_volunteer", "other"] }).notNull(),
  leaderTalentId: uuid("leader_talent_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const teamMembers = pgTable("team_members", { teamId: uuid("team_id").notNull().references(() => teams.id), talentId: uuid("talent_id").notNull().references(() => talents.id) }, (t) => [
  primaryKey({ columns: [t.teamId, t.talentId] }),
]);

/** A case or topic handed to a team or a person; counted as a problem solved when done. */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    refKind: text("ref_kind", { enum: ["case", "topic"] }).notNull(),
    refId: uuid("ref_id").notNull(),
    teamId: uuid("team_id").references(() => teams.id),
    talentId: uuid("talent_id").references(() => talents.id),
    status: text("status", { enum: ["open", "solved", "returned"] }).notNull().default("open"),
    note: text("note"),
    solvedAt: timestamp("solved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assignments_team_idx").on(t.teamId, t.status)],
);

/** Activities and services, one-off or an occurrence of a recurring series. */
export const activities = pgTable(
  "activities",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    kind: text("kind", { enum: ACTIVITY_KINDS }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    seriesId: uuid("series_id"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    place: text("place").notNull(),
    location: geoPoint("location"),
    capacity: integer("capacity").notNull(),
    /** Volunteer hours and points a checked-in volunteer earns. */
    hours: real("hours").notNull().default(0),
    points: integer("points").notNull().default(0),
    status: text("status", { enum: ["planned", "open", "done", "cancelled"] }).notNull().default("planned"),
    checkinCode: text("checkin_code"),
    /** People served and other outputs: { served, leaflets, legalQuestions, clinics … }. */
    outputs: jsonb("outputs").$type<Record<string, number>>().notNull().default({}),
    teamId: uuid("team_id").references(() => teams.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("activities_community_idx").on(t.communityId, t.startsAt)],
);

/** Booths of a market, run by a unit or a team. */
export const booths = pgTable("booths", {
  id: uuid("id").primaryKey(),
  activityId: uuid("activity_id").notNull().references(() => activities.id),
  name: text("name").notNull(),
  unitId: uuid("unit_id").references(() => partnerUnits.id),
  teamId: uuid("team_id").references(() => teams.id),
});

/** Units taking part in an activity. */
export const activityUnits = pgTable("activity_units", { activityId: uuid("activity_id").notNull().references(() => activities.id), unitId: uuid("unit_id").notNull().references(() => partnerUnits.id) }, (t) => [
  primaryKey({ columns: [t.activityId, t.unitId] }),
]);

/** Sign-ups with a waiting list; check-in earns hours and points once. */
export const signups = pgTable(
  "signups",
  {
    id: uuid("id").primaryKey(),
    activityId: uuid("activity_id").notNull().references(() => activities.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    status: text("status", { enum: ["confirmed", "waitlisted", "cancelled"] }).notNull(),
    position: integer("position"),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("signups_activity_user_uq").on(t.activityId, t.userId), index("signups_user_idx").on(t.userId)],
);

/** A user's balance of service hours and points, locked row by row to keep spending exact. */
export const pointAccounts = pgTable("point_accounts", {
  userId: uuid("user_id").primaryKey().references(() => users.id),
  hours: real("hours").notNull().default(0),
  points: integer("points").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every change of hours or points, with its reason. */
export const pointEntries = pgTable(
  "point_entries",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id),
    hours: real("hours").notNull().default(0),
    points: integer("points").notNull(),
    kind: text("kind", { enum: ["checkin", "correction", "redemption", "case_report", "patrol"] }).notNull(),
    refId: uuid("ref_id"),
    reason: text("reason"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("point_entries_user_idx").on(t.userId, t.createdAt)],
);

/** Reward catalogue: items offered by partner units, with stock. */
export const rewards = pgTable("rewards", {
  id: uuid("id").primaryKey(),
  communityId: uuid("community_id").notNull().references(() => areas.id),
  unitId: uuid("unit_id").references(() => partnerUnits.id),
  name: text("name").notNull(),
  cost: integer("cost").notNull(),
  stock: integer("stock").notNull(),
  active: boolean("active").notNull().default(true),
});

export const redemptions = pgTable("redemptions", {
  id: uuid("id").primaryKey(),
  rewardId: uuid("reward_id").notNull().references(() => rewards.id),
  userId: uuid("user_id").notNull().references(() => users.id),
  cost: integer("cost").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Rider services (meal discount, delivery green channel, temporary parking) and who provides them. */
export const riderServices = pgTable("rider_services", {
  id: uuid("id").primaryKey(),
  communityId: uuid("community_id").notNull().references(() => areas.id),
  kind: text("kind", { enum: ["meal_discount", "green_channel", "temp_parking", "other"] }).notNull(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  unitId: uuid("unit_id").references(() => partnerUnits.id),
  placeId: uuid("place_id"),
  location: geoPoint("location"),
});
