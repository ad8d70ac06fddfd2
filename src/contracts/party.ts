import { z } from "zod";
import { uuid } from "./common";
import { day, int, line, num, paragraph, queryFlag, queryInt } from "./bounded";

/**
 * 党建引领: the party organisation tree beside the area tree, its members (sensitive: masked,
 * unmasked with a reason), 两新 coverage, joint work with partner units, 书记领办 projects and the
 * party's figures.
 */

export const PARTY_ORG_KIND_VALUES = ["committee", "branch", "group"] as const;
export const PARTY_MEMBER_KIND_VALUES = ["transferred_in", "in_service", "floating", "two_new"] as const;
export const PARTY_ROLE_VALUES = ["member", "building_leader", "anchor_household", "secretary"] as const;
export const TWO_NEW_STAGE_VALUES = ["surveyed", "guided", "founded", "joint"] as const;
export const JOINT_UNIT_KIND_VALUES = ["part_time_member", "big_committee"] as const;
export const ORGANISER_VALUES = ["committee", "branch", "union", "youth_league", "women_federation"] as const;
export const ORIGIN_KIND_VALUES = ["case", "topic", "resolution"] as const;

export const partyIdParams = z.strictObject({ id: uuid });
export const milestoneParams = z.strictObject({ id: uuid, seq: queryInt({ min: 1, max: 50 }) });
export const communityQuery = z.strictObject({ communityId: uuid.optional() });
/**
 * A list of a community's party records, optionally narrowed to a period (a work report's drill-down):
 * `from`–`to` (both or neither) are the days the record's date falls in (两新: founded; projects: completed).
 */
export const periodListQuery = z.strictObject({ communityId: uuid.optional(), from: day().optional(), to: day().optional() });

// ---- organisation tree

export const orgBody = z.strictObject({
  parentId: uuid,
  kind: z.enum(["branch", "group"]),
  name: line(60),
  /** A branch: the grids it covers (of the committee's community). */
  gridIds: z.array(uuid).max(20).optional(),
  /** A branch of a 两新 organisation: the registry place. */
  placeId: uuid.optional(),
  /** A group (党员楼栋长): the buildings it covers (of its branch's grids). */
  buildingIds: z.array(uuid).max(50).optional(),
  foundedOn: day({ notFuture: true }).optional(),
  joint: z.boolean().optional(),
});
export type OrgBody = z.infer<typeof orgBody>;

export const orgPatchBody = z.strictObject({
  name: line(60).optional(),
  gridIds: z.array(uuid).max(20).optional(),
  buildingIds: z.array(uuid).max(50).optional(),
  /** The secretary (committee, branch) or 楼栋长 (group): one of its members. */
  leaderMemberId: uuid.nullable().optional(),
});
export type OrgPatchBody = z.infer<typeof orgPatchBody>;

const named = z.object({ id: z.string(), name: z.string() });
export const orgNode = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(PARTY_ORG_KIND_VALUES),
  name: z.string(),
  leader: z.object({ memberId: z.string(), name: z.string() }).nullable(),
  grids: z.array(named),
  buildings: z.array(named),
  place: named.nullable(),
  foundedOn: z.string().nullable(),
  joint: z.boolean(),
  members: z.number(),
});
export type OrgNode = z.infer<typeof orgNode>;
export const treeReply = z.object({ community: named, orgs: z.array(orgNode) });
export type TreeReply = z.infer<typeof treeReply>;
export const created = z.object({ id: z.string() });

// ---- members

export const memberBody = z
  .strictObject({
    personId: uuid,
    orgId: uuid,
    groupId: uuid.optional(),
    kind: z.enum(PARTY_MEMBER_KIND_VALUES),
    role: z.enum(PARTY_ROLE_VALUES).optional(),
    joinedOn: day({ notFuture: true }).optional(),
    transferredOn: day({ notFuture: true }).optional(),
    /** 两新 members: their organisation. */
    placeId: uuid.optional(),
    /** In-service members: their workplace organisation; floating: where they come from. */
    workplace: line(80).optional(),
    commitment: paragraph(300).optional(),
    fromOrg: line(80).optional(),
  })
  .refine((b) => b.kind !== "transferred_in" || !!b.transferredOn, { path: ["transferredOn"], message: "a transferred-in member needs the transfer date" })
  .refine((b) => b.kind !== "in_service" || (!!b.workplace && !!b.commitment), { path: ["workplace"], message: "an in-service member needs the workplace and a service commitment" })
  .refine((b) => b.kind !== "two_new" || !!b.placeId, { path: ["placeId"], message: "a 两新 member needs their organisation" });
export type MemberBody = z.infer<typeof memberBody>;

export const memberPatchBody = z.strictObject({
  orgId: uuid.optional(),
  groupId: uuid.nullable().optional(),
  role: z.enum(PARTY_ROLE_VALUES).optional(),
});
export type MemberPatchBody = z.infer<typeof memberPatchBody>;

export const memberListQuery = z.strictObject({
  communityId: uuid.optional(),
  orgId: uuid.optional(),
  kind: z.enum(PARTY_MEMBER_KIND_VALUES).optional(),
  /** Members registered by this day (a work report's period end). */
  asOf: day().optional(),
  /** "true": the members on the community's roll only (in-service registrants, on their workplace's roll, left out). */
  onRoll: queryFlag.optional(),
});

export const memberItem = z.object({
  id: z.string(),
  /** Masked (张*) unless unmasked with a reason. */
  name: z.string(),
  sex: z.string(),
  kind: z.enum(PARTY_MEMBER_KIND_VALUES),
  role: z.enum(PARTY_ROLE_VALUES),
  org: named,
  group: named.nullable(),
  joinedOn: z.string().nullable(),
  transferredOn: z.string().nullable(),
  registeredOn: z.string().nullable(),
  place: named.nullable(),
  address: z.string().nullable(),
  anchor: z.object({ households: z.number() }).nullable(),
});
export type MemberItem = z.infer<typeof memberItem>;
export const memberListReply = z.object({ items: z.array(memberItem), total: z.number() });

export const unmaskBody = z.strictObject({ reason: line(100, 2) });
export const unmaskReply = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  workplace: z.string().nullable(),
  commitment: z.string().nullable(),
  fromOrg: z.string().nullable(),
});
export type UnmaskReply = z.infer<typeof unmaskReply>;

export const anchorBody = z.strictObject({ householdIds: z.array(uuid).min(1).max(30) });

/** Who a household's 楼栋长 and 中心户 are (public roles in the building). */
export const householdContactsReply = z.object({
  buildingLeader: z.object({ name: z.string(), group: z.string() }).nullable(),
  anchor: z.object({ name: z.string(), address: z.string() }).nullable(),
});
export type HouseholdContacts = z.infer<typeof householdContactsReply>;

// ---- 两新

export const surveyBody = z.strictObject({
  employees: int({ min: 0, max: 1_000_000 }),
  partyMembers: int({ min: 0, max: 100_000 }),
  surveyedOn: day({ notFuture: true }),
});
export const guideBody = z.strictObject({ instructorName: line(40), guidedOn: day({ notFuture: true }) });
export const foundBody = z.union([
  z.strictObject({ branchName: line(60), foundedOn: day({ notFuture: true }) }),
  z.strictObject({ jointOrgId: uuid, foundedOn: day({ notFuture: true }) }),
]);
export type FoundBody = z.infer<typeof foundBody>;

export const twoNewItem = z.object({
  place: named,
  kind: z.string(),
  employees: z.number(),
  partyMembers: z.number(),
  stage: z.enum(TWO_NEW_STAGE_VALUES),
  surveyedOn: z.string(),
  instructorName: z.string().nullable(),
  guidedOn: z.string().nullable(),
  partyOrg: named.nullable(),
  foundedOn: z.string().nullable(),
  /** Should have a party organisation: 3 or more members, or 50 or more employees. */
  shouldCover: z.boolean(),
  /** Has a party organisation or an instructor. */
  covered: z.boolean(),
});
export type TwoNewItem = z.infer<typeof twoNewItem>;
export const twoNewReply = z.object({ items: z.array(twoNewItem), total: z.number(), coverage: z.number().nullable() });

// ---- joint work

export const jointUnitBody = z.strictObject({
  communityId: uuid.optional(),
  unitId: uuid,
  kind: z.enum(JOINT_UNIT_KIND_VALUES),
  seatHolder: line(40).optional(),
  since: day({ notFuture: true }),
});
export const jointUnitsReply = z.object({
  items: z.array(z.object({ unit: named, partyOrg: z.string().nullable(), kind: z.enum(JOINT_UNIT_KIND_VALUES), seatHolder: z.string().nullable(), since: z.string() })),
  total: z.number(),
});
export const organiserBody = z.strictObject({ organiser: z.enum(ORGANISER_VALUES), orgId: uuid.optional() });
export const organiserRecordReply = z.object({
  items: z.array(z.object({ organiser: z.enum(ORGANISER_VALUES), org: named.nullable(), activities: z.number(), hours: z.number() })),
});

// ---- 书记领办 projects

export const projectBody = z.strictObject({
  communityId: uuid.optional(),
  title: line(80),
  summary: paragraph(1000).optional(),
  startedOn: day(),
  departments: z.array(line(40)).max(10).default([]),
  unitIds: z.array(uuid).max(10).default([]),
  origins: z.array(z.strictObject({ kind: z.enum(ORIGIN_KIND_VALUES), id: uuid })).max(20).default([]),
  milestones: z.array(z.strictObject({ title: line(60), plannedOn: day() })).min(1).max(20),
});
export type ProjectBody = z.infer<typeof projectBody>;
export const milestoneDoneBody = z.strictObject({
  doneOn: day({ notFuture: true }),
  note: paragraph(500).optional(),
  photoIds: z.array(uuid).max(9).default([]),
});
export const completeBody = z.strictObject({
  completedOn: day({ notFuture: true }),
  /** The patrol plan for the finished object: a checklist and the place it visits. */
  patrol: z.strictObject({ templateFamilyId: uuid, placeId: uuid, frequency: z.enum(["weekly", "monthly", "quarterly"]).optional() }),
});

const milestoneView = z.object({
  seq: z.number(),
  title: z.string(),
  plannedOn: z.string(),
  doneOn: z.string().nullable(),
  note: z.string().nullable(),
  photos: z.array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string() })),
});
export const projectView = z.object({
  id: z.string(),
  community: named,
  title: z.string(),
  summary: z.string(),
  leadName: z.string(),
  status: z.enum(["in_progress", "completed"]),
  startedOn: z.string(),
  completedOn: z.string().nullable(),
  /** Days from start to completion (both counted once: completion day − start day). */
  days: z.number().nullable(),
  progress: z.number(),
  milestones: z.array(milestoneView),
  departments: z.array(z.string()),
  units: z.array(named),
});
export type ProjectView = z.infer<typeof projectView>;
export const projectDetail = projectView.extend({
  origins: z.array(z.object({ kind: z.enum(ORIGIN_KIND_VALUES), id: z.string(), label: z.string(), status: z.string().nullable() })),
  patrolPlanId: z.string().nullable(),
});
export type ProjectDetail = z.infer<typeof projectDetail>;
export const projectListReply = z.object({ items: z.array(projectView), total: z.number() });

// ---- figures

export const figuresQuery = z.strictObject({ communityId: uuid.optional(), from: day(), to: day() });

// ---- phone

export const registerBody = z.strictObject({ workplace: line(80), commitment: paragraph(300) });
export const serviceBody = z.strictObject({ day: day({ notFuture: true }), hours: num({ min: 0.5, max: 12 }), description: line(200) });
export const myPartyReply = z.object({
  member: z
    .object({
      id: z.string(),
      kind: z.enum(PARTY_MEMBER_KIND_VALUES),
      role: z.enum(PARTY_ROLE_VALUES),
      branch: named,
      secretary: z.string().nullable(),
      group: named.nullable(),
      serviceHours: z.number(),
    })
    .nullable(),
  anchorHouseholds: z.array(z.object({ id: z.string(), address: z.string() })),
  activities: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string(), place: z.string(), organiser: z.enum(ORGANISER_VALUES) })),
  services: z.array(z.object({ id: z.string(), day: z.string(), hours: z.number(), description: z.string() })),
  /** A 楼栋长's buildings and their open cases. */
  buildings: z.array(z.object({ id: z.string(), name: z.string(), openCases: z.array(z.object({ id: z.string(), number: z.string(), category: z.string(), status: z.string() })) })),
});
export type MyParty = z.infer<typeof myPartyReply>;

const localised = z.object({ zh: z.string(), en: z.string() });
export const figuresReply = z.object({
  community: named,
  from: z.string(),
  to: z.string(),
  figures: z.array(
    z.object({
      key: z.string(),
      label: localised,
      definition: localised,
      unit: localised,
      value: z.number().nullable(),
      drill: z.object({ route: z.string(), query: z.record(z.string(), z.string()) }).optional(),
    }),
  ),
});
export const organiserQuery = z.strictObject({ communityId: uuid.optional(), from: day(), to: day() });
/** Who organised one activity (null until someone names it). */
export const activityOrganiserReply = z.object({ organiser: z.enum(ORGANISER_VALUES).nullable(), org: z.object({ id: z.string(), name: z.string() }).nullable() });
export const completeReply = z.object({ id: z.string(), patrolPlanId: z.string(), closedCases: z.array(z.string()), days: z.number() });
