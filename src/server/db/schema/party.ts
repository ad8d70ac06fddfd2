import { boolean, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { users } from "./accounts";
import { buildings, households, persons, places } from "./places";

export const PARTY_ORG_KINDS = ["committee", "branch", "group"] as const;
export const PARTY_MEMBER_KINDS = ["transferred_in", "in_service", "floating", "two_new"] as const;
export const TWO_NEW_STAGES = ["surveyed", "guided", "founded", "joint"] as const;
export const JOINT_UNIT_KINDS = ["part_time_member", "big_committee"] as const;
export const ORGANISER_KINDS = ["committee", "branch", "union", "youth_league", "women_federation"] as const;
export const PROJECT_ORIGIN_KINDS = ["case", "topic", "resolution"] as const;

/**
 * The organisation tree beside the area tree: 社区党委 (committee) > 党支部 (branch: covers grids, or
 * a 两新 organisation) > 党小组 (group: a 党员楼栋长 over some buildings).
 */
export const partyOrgs = pgTable(
  "party_orgs",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    parentId: uuid("parent_id"),
    kind: text("kind", { enum: PARTY_ORG_KINDS }).notNull(),
    name: text("name").notNull(),
    /** A branch of a 两新 organisation (a registry place). */
    placeId: uuid("place_id").references(() => places.id),
    /** The secretary of a committee or branch, the 楼栋长 of a group: one of its members. */
    leaderMemberId: uuid("leader_member_id"),
    foundedOn: date("founded_on"),
    /** 联合党支部: one branch for several small 两新 organisations. */
    joint: boolean("joint").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("party_orgs_community_idx").on(t.communityId), index("party_orgs_parent_idx").on(t.parentId)],
);

/** The grids a branch covers (one or more). */
export const partyOrgGrids = pgTable(
  "party_org_grids",
  {
    orgId: uuid("org_id").notNull().references(() => partyOrgs.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.areaId] })],
);

/** The buildings a party group (its 楼栋长) covers; a building lies in one group. */
export const partyGroupBuildings = pgTable(
  "party_group_buildings",
  {
    orgId: uuid("org_id").notNull().references(() => partyOrgs.id),
    buildingId: uuid("building_id").notNull().references(() => buildings.id),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.buildingId] }), uniqueIndex("party_group_buildings_building_uq").on(t.buildingId)],
);

/**
 * 党员: a person's membership of one branch (never two: `person_id` is unique). Membership reveals
 * political affiliation: what identifies beyond the registry link (workplace, origin organisation,
 * service commitment) is stored encrypted in `details_enc`, and presenters mask the name.
 */
export const partyMembers = pgTable(
  "party_members",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    personId: uuid("person_id").notNull().references(() => persons.id).unique(),
    orgId: uuid("org_id").notNull().references(() => partyOrgs.id),
    /** The party group (楼栋长's group) the member belongs to, if any. */
    groupId: uuid("group_id").references(() => partyOrgs.id),
    joinedOn: date("joined_on"),
    /** 转入: membership transferred in from elsewhere. */
    transferredIn: boolean("transferred_in").notNull().default(true),
    kind: text("kind", { enum: PARTY_MEMBER_KINDS }).notNull().default("transferred_in"),
    transferredOn: date("transferred_on"),
    /** 双报到: the day an in-service member registered with the community they live in. */
    registeredOn: date("registered_on"),
    /** A 两新 member's organisation (a registry place). */
    placeId: uuid("place_id").references(() => places.id),
    /** Encrypted JSON: { workplace, commitment, fromOrg }. */
    detailsEnc: text("details_enc"),
    role: text("role", { enum: ["member", "building_leader", "anchor_household", "secretary"] })
      .notNull()
      .default("member"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("party_members_org_idx").on(t.orgId), index("party_members_community_idx").on(t.communityId, t.kind)],
);

/** 党员中心户: a member's own household that looks after neighbouring households of its group's buildings. */
export const partyAnchorHouseholds = pgTable("party_anchor_households", {
  memberId: uuid("member_id").primaryKey().references(() => partyMembers.id),
  communityId: uuid("community_id").notNull().references(() => areas.id),
  householdId: uuid("household_id").notNull().references(() => households.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The households a 中心户 looks after; a household has one 中心户. */
export const partyAnchorLinks = pgTable(
  "party_anchor_links",
  {
    memberId: uuid("member_id").notNull().references(() => partyAnchorHouseholds.memberId),
    householdId: uuid("household_id").notNull().references(() => households.id),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.householdId] }), uniqueIndex("party_anchor_links_household_uq").on(t.householdId)],
);

/**
 * 两新组织 survey and coverage, keyed by the registry place (enterprise or social organisation):
 * 摸排 (surveyed) → 指导 (guided: an instructor) → 成立党组织 (founded, own branch) or 联合党支部 (joint).
 */
export const twoNewOrgs = pgTable(
  "two_new_orgs",
  {
    placeId: uuid("place_id").primaryKey().references(() => places.id),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    employees: integer("employees").notNull().default(0),
    partyMembers: integer("party_members").notNull().default(0),
    stage: text("stage", { enum: TWO_NEW_STAGES }).notNull().default("surveyed"),
    surveyedOn: date("surveyed_on").notNull(),
    instructorName: text("instructor_name"),
    guidedOn: date("guided_on"),
    /** The branch (own or joint) once one covers it. */
    partyOrgId: uuid("party_org_id").references(() => partyOrgs.id),
    foundedOn: date("founded_on"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("two_new_orgs_community_idx").on(t.communityId)],
);

/** 兼职委员 and 大党委 member units: partner units linked to a committee (not copied). */
export const partyJointUnits = pgTable(
  "party_joint_units",
  {
    orgId: uuid("org_id").notNull().references(() => partyOrgs.id),
    unitId: uuid("unit_id").notNull(),
    kind: text("kind", { enum: JOINT_UNIT_KINDS }).notNull(),
    /** The unit's representative holding the seat (兼职委员). */
    seatHolder: text("seat_holder"),
    since: date("since").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.unitId] })],
);

/** Who organised an activity: the committee, a branch, or a mass organisation (工会, 团委, 妇联). */
export const partyActivityOrganisers = pgTable(
  "party_activity_organisers",
  {
    activityId: uuid("activity_id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    organiser: text("organiser", { enum: ORGANISER_KINDS }).notNull(),
    orgId: uuid("org_id").references(() => partyOrgs.id),
  },
  (t) => [index("party_activity_organisers_idx").on(t.communityId, t.organiser)],
);

/** A service a member recorded themselves (beside the activities they checked in to). */
export const partyServices = pgTable(
  "party_services",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    memberId: uuid("member_id").notNull().references(() => partyMembers.id),
    day: date("day").notNull(),
    hours: real("hours").notNull(),
    description: text("description").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("party_services_member_idx").on(t.memberId, t.day)],
);

/** 书记领办: a project led by the secretary, followed by residents on a public page. */
export const partyProjects = pgTable(
  "party_projects",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    title: text("title").notNull(),
    /** Public summary (what residents read). */
    summary: text("summary").notNull().default(""),
    leadUserId: uuid("lead_user_id").references(() => users.id),
    leadName: text("lead_name").notNull(),
    departments: jsonb("departments").$type<string[]>().notNull().default([]),
    status: text("status", { enum: ["in_progress", "completed"] }).notNull().default("in_progress"),
    startedOn: date("started_on").notNull(),
    completedOn: date("completed_on"),
    patrolPlanId: uuid("patrol_plan_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("party_projects_community_idx").on(t.communityId, t.startedOn)],
);

export const partyProjectOrigins = pgTable(
  "party_project_origins",
  {
    projectId: uuid("project_id").notNull().references(() => partyProjects.id),
    kind: text("kind", { enum: PROJECT_ORIGIN_KINDS }).notNull(),
    refId: uuid("ref_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.kind, t.refId] })],
);

export const partyProjectUnits = pgTable(
  "party_project_units",
  {
    projectId: uuid("project_id").notNull().references(() => partyProjects.id),
    unitId: uuid("unit_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.unitId] })],
);

export const partyProjectMilestones = pgTable(
  "party_project_milestones",
  {
    id: uuid("id").primaryKey(),
    projectId: uuid("project_id").notNull().references(() => partyProjects.id),
    seq: integer("seq").notNull(),
    title: text("title").notNull(),
    plannedOn: date("planned_on").notNull(),
    doneOn: date("done_on"),
    /** Public progress note. */
    note: text("note"),
    photoIds: jsonb("photo_ids").$type<string[]>().notNull().default([]),
  },
  (t) => [uniqueIndex("party_project_milestones_seq_uq").on(t.projectId, t.seq)],
);

export const COMMITTEE_KINDS = ["party_committee", "residents_committee"] as const;

/**
 * 社区“两委”: who sits on the community's party committee (社区党委) and residents' committee
 * (居民委员会), in which position, for which term. One row per person, committee and term; a person
 * may sit on both (交叉任职). A term with no end is current.
 */
export const communityCommitteeMembers = pgTable(
  "community_committee_members",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    personId: uuid("person_id").notNull().references(() => persons.id),
    committee: text("committee", { enum: COMMITTEE_KINDS }).notNull(),
    /** 书记, 副书记, 委员 / 主任, 副主任, 委员. */
    position: text("position").notNull(),
    fromOn: date("from_on").notNull(),
    toOn: date("to_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("community_committee_members_community_idx").on(t.communityId, t.committee), index("community_committee_members_person_idx").on(t.personId)],
);
