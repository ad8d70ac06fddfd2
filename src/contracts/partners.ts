import { z } from "zod";
import { listTotal, lngLat, lngLatInput, uuid } from "./common";
import { code, day as boundedDay, instant, int, limit, line, mobilePhone, num, paragraph, queryFlag, year } from "./bounded";

/**
 * Community partners (社区合伙人): partner units and their co-building agreements, the talent pool
 * with recruitment calls and teams, activities with sign-up, check-in, hours and points, the reward
 * catalogue, and the rider-friendly community.
 */

export const UNIT_KIND_VALUES = ["enterprise", "hospital", "school", "government", "ngo", "shop", "property_company", "other"] as const;
export const RESOURCE_KIND_VALUES = ["venue", "money", "staff", "service", "goods", "other"] as const;
export const ACTIVITY_KIND_VALUES = ["friday_service", "riverside_market", "legal_tea", "health_run", "festival", "anti_fraud", "blood_drive", "party_day", "free_clinic", "other"] as const;
export const TEAM_KIND_VALUES = ["mediation", "free_clinic", "convenience", "heritage", "party_volunteer", "rider_volunteer", "other"] as const;
export const RIDER_SERVICE_KIND_VALUES = ["meal_discount", "green_channel", "temp_parking", "other"] as const;
export const CALL_CHANNEL_VALUES = ["wechat", "resident_group", "notice_board", "other"] as const;

export const unitKind = z.enum(UNIT_KIND_VALUES);
export const resourceKind = z.enum(RESOURCE_KIND_VALUES);
export const activityKind = z.enum(ACTIVITY_KIND_VALUES);
export const teamKind = z.enum(TEAM_KIND_VALUES);

const text = (max: number) => line(max);
const phone = mobilePhone;
const day = boundedDay();
/** A day something was done or given: not in the future. */
const pastDay = boundedDay({ notFuture: true });
const named = z.object({ id: uuid, name: z.string() });
const photo = z.object({ id: uuid, url: z.string(), thumbUrl: z.string() });

export const idParams = z.strictObject({ id: uuid });
export const created = z.object({ id: uuid });

// ---------------------------------------------------------------- units and agreements

export const unitBody = z.strictObject({
  /** Defaults to the caller's community. */
  communityId: uuid.optional(),
  /** The registered place of the unit (a public unit, an enterprise, a shop). */
  placeId: uuid.optional(),
  name: text(100),
  kind: unitKind,
  contactName: line(40, 0).optional(),
  contactPhone: phone.optional(),
  partyOrg: line(100, 0).optional(),
  /** Member of the community's 大党委 / part-time committee-member scheme. */
  bigCommittee: z.boolean().default(false),
  contactUserId: uuid.optional(),
});
export type UnitBody = z.infer<typeof unitBody>;

export const unitListQuery = z.strictObject({
  communityId: uuid.optional(),
  q: line(60, 0).optional(),
  kind: unitKind.optional(),
  bigCommittee: z.enum(["true", "false"]).optional(),
});

const agreementPeriod = z.object({ id: uuid, startsOn: z.string(), endsOn: z.string(), partTimeMember: z.string().nullable() });

export const unitSummary = z.object({
  id: uuid,
  community: named,
  place: named.nullable(),
  name: z.string(),
  kind: unitKind,
  kindName: z.string(),
  contactName: z.string().nullable(),
  /** Masked. */
  contactPhone: z.string().nullable(),
  partyOrg: z.string().nullable(),
  bigCommittee: z.boolean(),
  active: z.boolean(),
  /** The agreement in force today, if any. */
  currentAgreement: agreementPeriod.nullable(),
});
export type UnitSummary = z.infer<typeof unitSummary>;
export const unitListReply = z.object({ items: z.array(unitSummary), ...listTotal });

export const agreementItemBody = z.strictObject({
  resourceKind: resourceKind.optional(),
  /** Case categories this resource helps with (codes of /api/cases/categories), for matching. */
  categories: z.array(code(40)).max(20).default([]),
  description: paragraph(500),
  quantity: num({ min: 0, max: 1e9 }).optional(),
  unit: line(20, 0).optional(),
});

export const agreementBody = z.strictObject({
  startsOn: day,
  endsOn: day,
  signedOn: pastDay.optional(),
  signatories: z.array(text(60)).min(1).max(10),
  /** 兼职委员: the unit's part-time member of the community party committee. */
  partTimeMember: line(40, 0).optional(),
  offers: z.array(agreementItemBody).max(50).default([]),
  needs: z.array(agreementItemBody).max(50).default([]),
  projects: z.array(agreementItemBody).max(50).default([]),
});
export type AgreementBody = z.infer<typeof agreementBody>;

export const agreementItem = z.object({
  id: uuid,
  resourceKind: resourceKind.nullable(),
  categories: z.array(z.string()),
  description: z.string(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
});
export const agreementDetail = z.object({
  id: uuid,
  startsOn: z.string(),
  endsOn: z.string(),
  signedOn: z.string().nullable(),
  signatories: z.array(z.string()),
  partTimeMember: z.string().nullable(),
  current: z.boolean(),
  offers: z.array(agreementItem),
  needs: z.array(agreementItem),
  projects: z.array(agreementItem),
});
export type AgreementDetail = z.infer<typeof agreementDetail>;

export const unitDetail = unitSummary.extend({ agreements: z.array(agreementDetail) });

export const givingBody = z.strictObject({
  givenOn: day,
  resourceKind,
  description: paragraph(500),
  quantity: num({ min: 0, max: 1e9 }).optional(),
  unit: line(20, 0).optional(),
  /** The offer of the agreement this fulfils. */
  itemId: uuid.optional(),
  activityId: uuid.optional(),
});

export const matchQuery = z.strictObject({
  communityId: uuid.optional(),
  /** The need in free text, e.g. "周末借用会议室开居民议事会". */
  q: line(200, 0).optional(),
  resourceKind: resourceKind.optional(),
  categoryCode: code(40).optional(),
  /** Agreements in force on this day (default today). */
  on: day.optional(),
});
export const matchReply = z.object({
  items: z.array(
    z.object({
      unit: z.object({ id: uuid, name: z.string(), kind: unitKind, bigCommittee: z.boolean() }),
      agreementId: uuid,
      endsOn: z.string(),
      score: z.number(),
      offers: z.array(agreementItem),
    }),
  ),
});

export const yearQuery = z.strictObject({ year: year(2000, 2100).optional() });
const kindCount = z.object({ kind: z.string(), name: z.string(), count: z.number(), quantity: z.number() });
export const unitRecordReply = z.object({
  unit: named,
  year: z.number(),
  agreements: z.array(agreementPeriod),
  meetings: z.object({ count: z.number(), items: z.array(z.object({ id: uuid, title: z.string(), kind: z.string(), startsAt: z.string() })) }),
  resources: z.object({
    count: z.number(),
    byKind: z.array(kindCount),
    items: z.array(z.object({ id: uuid, givenOn: z.string(), resourceKind, kindName: z.string(), description: z.string(), quantity: z.number().nullable(), unit: z.string().nullable() })),
  }),
  activities: z.object({
    count: z.number(),
    items: z.array(z.object({ id: uuid, title: z.string(), kind: activityKind, startsAt: z.string(), role: z.enum(["unit", "booth"]) })),
  }),
});
export type UnitRecord = z.infer<typeof unitRecordReply>;

// ---------------------------------------------------------------- talent pool

export const callBody = z.strictObject({
  communityId: uuid.optional(),
  title: text(100),
  body: paragraph(5000),
  /** Public code in the sign-up URL; generated when absent. */
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{3,39}$/).optional(),
  /** Talent categories applicants choose from (调解, 医疗, 法律, 手艺 …); empty: free. */
  categories: z.array(text(30)).max(30).default([]),
  channels: z.array(z.enum(CALL_CHANNEL_VALUES)).max(4).default([]),
  opensOn: day,
  closesOn: day,
});
export const callItem = z.object({
  id: uuid,
  community: named,
  title: z.string(),
  body: z.string(),
  slug: z.string(),
  categories: z.array(z.string()),
  channels: z.array(z.string()),
  opensOn: z.string(),
  closesOn: z.string(),
  open: z.boolean(),
  /** The public sign-up page; also the content of the QR code for the WeChat account and notice boards. */
  signupUrl: z.string(),
  applications: z.object({ pending: z.number(), approved: z.number(), rejected: z.number() }),
});
export const callListReply = z.object({ items: z.array(callItem) });

export const slugParams = z.strictObject({ slug: z.string().min(1).max(60).regex(/^[A-Za-z0-9_-]+$/, "not a slug") });
export const publicCallReply = z.object({
  title: z.string(),
  body: z.string(),
  communityName: z.string(),
  categories: z.array(z.string()),
  opensOn: z.string(),
  closesOn: z.string(),
  open: z.boolean(),
});
export const applicationBody = z.strictObject({
  name: text(40),
  phone,
  category: text(30),
  skills: z.array(text(30)).max(20).default([]),
  intro: paragraph(1000, 0).optional(),
});
export type ApplicationBody = z.infer<typeof applicationBody>;
/** Always the same answer: nothing tells whether the phone is registered or has applied before. */
export const applicationReply = z.object({ received: z.literal(true) });

export const applicationListQuery = z.strictObject({
  callId: uuid.optional(),
  status: z.enum(["pending", "approved", "rejected"]).optional(),
  limit: limit(500, 100),
});
export const applicationItem = z.object({
  id: uuid,
  call: named,
  name: z.string(),
  /** Masked. */
  phone: z.string(),
  category: z.string(),
  skills: z.array(z.string()),
  intro: z.string().nullable(),
  status: z.enum(["pending", "approved", "rejected"]),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
});
export const applicationListReply = z.object({ items: z.array(applicationItem) });
export const decisionBody = z.strictObject({
  decision: z.enum(["approve", "reject"]),
  /** Approve straight into a team. */
  teamId: uuid.optional(),
  note: paragraph(500, 0).optional(),
});
export const decisionReply = z.object({
  id: uuid,
  status: z.enum(["approved", "rejected"]),
  talentId: uuid.nullable(),
  /** A resident account was created for the phone (it signs in by one-time code). */
  accountCreated: z.boolean(),
  /** A registered person with this phone was tagged 治理人才. */
  tagged: z.boolean(),
});

export const talentListQuery = z.strictObject({
  communityId: uuid.optional(),
  /** A report's drill-down: its area, its period and the date it applies to (joined in it, or on the roll at its end). */
  areaId: uuid.optional(),
  from: day.optional(),
  to: day.optional(),
  dated: z.enum(["joined", "roll"]).optional(),
  q: line(40, 0).optional(),
  category: line(30, 0).optional(),
  teamId: uuid.optional(),
  limit: limit(500, 100),
});
export const talentItem = z.object({
  id: uuid,
  name: z.string(),
  category: z.string(),
  skills: z.array(z.string()),
  isRider: z.boolean(),
  joinedOn: z.string(),
  userId: uuid.nullable(),
  teams: z.array(named),
});
export const talentListReply = z.object({ items: z.array(talentItem), total: z.number() });

export const teamBody = z.strictObject({
  communityId: uuid.optional(),
  name: text(60),
  kind: teamKind,
  leaderTalentId: uuid.optional(),
  memberTalentIds: z.array(uuid).max(500).default([]),
});
export const teamPatchBody = z.strictObject({ name: text(60).optional(), leaderTalentId: uuid.nullable().optional() });
export const teamMemberBody = z.strictObject({ talentId: uuid });
export const teamItem = z.object({
  id: uuid,
  name: z.string(),
  kind: teamKind,
  kindName: z.string(),
  leader: named.nullable(),
  members: z.number(),
  /** Problems solved (assignments marked solved), all time. */
  solved: z.number(),
  open: z.number(),
});
export const teamListReply = z.object({ items: z.array(teamItem) });

export const assignmentBody = z.strictObject({
  refKind: z.enum(["case", "topic"]),
  refId: uuid,
  teamId: uuid.optional(),
  talentId: uuid.optional(),
  note: paragraph(1000, 0).optional(),
});
export const ASSIGNMENT_ACTION_VALUES = ["solve", "return", "reopen"] as const;
export const assignmentActionBody = z.strictObject({ action: z.enum(ASSIGNMENT_ACTION_VALUES), note: paragraph(1000, 0).optional() });
export const assignmentItem = z.object({
  id: uuid,
  refKind: z.enum(["case", "topic"]),
  refId: uuid,
  refTitle: z.string(),
  team: named.nullable(),
  talent: named.nullable(),
  status: z.enum(["open", "solved", "returned"]),
  note: z.string().nullable(),
  createdAt: z.string(),
  solvedAt: z.string().nullable(),
});
export const assignmentListQuery = z.strictObject({
  teamId: uuid.optional(),
  talentId: uuid.optional(),
  status: z.enum(["open", "solved", "returned"]).optional(),
  limit: limit(500, 100),
});
export const assignmentListReply = z.object({ items: z.array(assignmentItem) });
export const teamDetail = teamItem.extend({
  people: z.array(z.object({ id: uuid, name: z.string(), category: z.string(), skills: z.array(z.string()), leader: z.boolean() })),
  assignments: z.array(assignmentItem),
});

// ---------------------------------------------------------------- activities

export const repeatRule = z.strictObject({
  /** week: same weekday and time every week; month: same weekday of the same week of the month (e.g. second Saturday). */
  every: z.enum(["week", "month"]),
  until: day.optional(),
  count: int({ min: 1, max: 60 }).optional(),
});

export const activityBody = z.strictObject({
  communityId: uuid.optional(),
  kind: activityKind,
  title: text(100),
  description: paragraph(5000, 0).default(""),
  place: text(200),
  location: lngLatInput.optional(),
  capacity: int({ min: 1, max: 10000 }),
  /** Hours and points a checked-in volunteer earns; 0 uses the rule (duration, 10 points an hour). */
  hours: num({ min: 0, max: 24 }).default(0),
  points: int({ min: 0, max: 1000 }).default(0),
  startsAt: instant(),
  endsAt: instant(),
  teamId: uuid.optional(),
  unitIds: z.array(uuid).max(50).default([]),
  /** Open for sign-up at once (else "planned"). */
  openSignup: z.boolean().default(true),
  /** A recurring series (周五志愿服务 every week, 河畔集市 monthly): one occurrence per date. */
  repeat: repeatRule.optional(),
});
export type ActivityBody = z.infer<typeof activityBody>;

export const activityPatchBody = z.strictObject({
  status: z.enum(["planned", "open", "done", "cancelled"]).optional(),
  capacity: int({ min: 1, max: 10000 }).optional(),
  title: text(100).optional(),
  place: text(200).optional(),
  description: paragraph(5000, 0).optional(),
});

export const activityListQuery = z.strictObject({
  communityId: uuid.optional(),
  kind: activityKind.optional(),
  status: z.enum(["planned", "open", "done", "cancelled"]).optional(),
  seriesId: uuid.optional(),
  from: day.optional(),
  to: day.optional(),
  /** Only what starts from now on. */
  upcoming: z.enum(["true", "false"]).optional(),
  /** Only those the caller signed up to. */
  mine: z.enum(["true", "false"]).optional(),
  limit: limit(500, 100),
});

export const mySignup = z.object({ status: z.enum(["confirmed", "waitlisted", "cancelled"]), position: z.number().nullable(), checkedIn: z.boolean() }).nullable();
export const activitySummary = z.object({
  id: uuid,
  community: named,
  kind: activityKind,
  kindName: z.string(),
  title: z.string(),
  description: z.string(),
  seriesId: uuid.nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  location: lngLat.nullable(),
  capacity: z.number(),
  confirmed: z.number(),
  waitlisted: z.number(),
  hours: z.number(),
  points: z.number(),
  status: z.enum(["planned", "open", "done", "cancelled"]),
  team: named.nullable(),
  mySignup,
});
export type ActivitySummary = z.infer<typeof activitySummary>;
export const activityListReply = z.object({ items: z.array(activitySummary), ...listTotal });
export const createActivitiesReply = z.object({ seriesId: uuid.nullable(), items: z.array(activitySummary) });

export const boothItem = z.object({ id: uuid, name: z.string(), unit: named.nullable(), team: named.nullable() });
export const activityDetail = activitySummary.extend({
  units: z.array(named),
  booths: z.array(boothItem),
  /** People served and other outputs: { served, leaflets, legalQuestions … }. */
  outputs: z.record(z.string(), z.number()),
  photos: z.array(photo),
  checkedIn: z.number(),
});

export const signupReply = z.object({ status: z.enum(["confirmed", "waitlisted"]), position: z.number().nullable(), already: z.boolean() });
export const signupItem = z.object({
  id: uuid,
  user: named,
  role: z.string(),
  status: z.enum(["confirmed", "waitlisted", "cancelled"]),
  position: z.number().nullable(),
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
});
export const signupListReply = z.object({ items: z.array(signupItem) });

export const checkinBody = z.strictObject({ code: z.string().trim().min(4).max(40).regex(/^[A-Za-z0-9_-]+$/, "not a check-in code") });
export const balance = z.object({ hours: z.number(), points: z.number() });
export const checkinReply = z.object({ already: z.boolean(), hours: z.number(), points: z.number(), balance });
/** What the staff's screen shows as a QR code at the venue. */
export const checkinCodeReply = z.object({ code: z.string(), url: z.string() });

export const outputsBody = z.strictObject({
  /** Merged into the recorded outputs; a key set to 0 stays, counts only grow by what is sent. */
  outputs: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/), int({ min: 0, max: 1_000_000 })).default({}),
  photoIds: z.array(uuid).max(20).default([]),
});
export const boothBody = z.strictObject({ name: text(60), unitId: uuid.optional(), teamId: uuid.optional() });
export const activityUnitBody = z.strictObject({ unitId: uuid });

// ---------------------------------------------------------------- hours, points, rewards

export const pointEntryItem = z.object({
  id: uuid,
  kind: z.enum(["checkin", "correction", "redemption", "case_report", "patrol"]),
  kindName: z.string(),
  hours: z.number(),
  points: z.number(),
  reason: z.string().nullable(),
  refId: uuid.nullable(),
  createdAt: z.string(),
});
export const volunteerRecord = z.object({
  user: named,
  hours: z.number(),
  points: z.number(),
  entries: z.array(pointEntryItem),
  activities: z.array(
    z.object({ id: uuid, title: z.string(), kind: activityKind, startsAt: z.string(), signup: z.enum(["confirmed", "waitlisted", "cancelled"]), position: z.number().nullable(), checkedInAt: z.string().nullable() }),
  ),
  redemptions: z.array(z.object({ id: uuid, reward: z.string(), cost: z.number(), createdAt: z.string() })),
  /** Reports made as 流动网格员 (riders), with counts by category. */
  mobileReports: z
    .object({
      total: z.number(),
      byCategory: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
      recent: z.array(z.object({ id: uuid, number: z.string(), categoryName: z.string(), status: z.string(), createdAt: z.string() })),
    })
    .nullable(),
  /** Patrols the rider joined (fire checks with the grid worker …). */
  patrols: z.object({ count: z.number(), items: z.array(z.object({ id: uuid, at: z.string(), target: z.string() })) }).nullable(),
});
export type VolunteerRecord = z.infer<typeof volunteerRecord>;

export const accountListQuery = z.strictObject({
  communityId: uuid.optional(),
  q: line(40, 0).optional(),
  limit: limit(500, 100),
});
export const accountListReply = z.object({ items: z.array(z.object({ user: named, role: z.string(), hours: z.number(), points: z.number() })) });
export const userParams = z.strictObject({ userId: uuid });

export const correctionBody = z
  .strictObject({
    userId: uuid,
    hours: num({ min: -1000, max: 1000 }).default(0),
    points: int({ min: -100000, max: 100000 }).default(0),
    reason: paragraph(500, 4),
  })
  .refine((b) => b.hours !== 0 || b.points !== 0, { message: "hours or points must change", path: ["points"] });
export const correctionReply = z.object({ entryId: uuid, balance });

export const rewardBody = z.strictObject({
  communityId: uuid.optional(),
  unitId: uuid.optional(),
  name: text(60),
  cost: int({ min: 1, max: 100000 }),
  stock: int({ min: 0, max: 100000 }),
});
export const rewardPatchBody = z.strictObject({
  name: text(60).optional(),
  cost: int({ min: 1, max: 100000 }).optional(),
  stock: int({ min: 0, max: 100000 }).optional(),
  active: z.boolean().optional(),
});
export const rewardItem = z.object({ id: uuid, name: z.string(), cost: z.number(), stock: z.number(), active: z.boolean(), unit: named.nullable() });
export const rewardListReply = z.object({ items: z.array(rewardItem) });
export const redeemReply = z.object({ redemptionId: uuid, balance, stock: z.number(), replayed: z.boolean() });

// ---------------------------------------------------------------- rider-friendly community

export const riderQuery = z.strictObject({
  communityId: uuid.optional(),
  /** Every community's stations and services (riders cross borders; the rider's home sorts them by distance). */
  everywhere: queryFlag.optional(),
});
export const riderStation = z.object({
  id: uuid,
  name: z.string(),
  address: z.string(),
  location: lngLat.nullable(),
  amenities: z.array(z.string()),
  hours: z.string().nullable(),
  community: named,
});
export const riderServiceItem = z.object({
  id: uuid,
  kind: z.enum(RIDER_SERVICE_KIND_VALUES),
  kindName: z.string(),
  name: z.string(),
  description: z.string(),
  unit: named.nullable(),
  place: named.nullable(),
  location: lngLat.nullable(),
});
export const riderFriendlyReply = z.object({ stations: z.array(riderStation), services: z.array(riderServiceItem) });
export const riderServiceBody = z.strictObject({
  communityId: uuid.optional(),
  kind: z.enum(RIDER_SERVICE_KIND_VALUES),
  name: text(60),
  description: paragraph(500),
  unitId: uuid.optional(),
  placeId: uuid.optional(),
  location: lngLatInput.optional(),
});

// ---------------------------------------------------------------- measures

export const partnerMeasuresQuery = z.strictObject({ areaId: uuid.optional(), from: day, to: day });
const keyCount = z.object({ key: z.string(), name: z.string(), count: z.number() });
export const partnerMeasuresReply = z.object({
  area: named,
  from: z.string(),
  to: z.string(),
  units: z.object({ total: z.number(), bigCommittee: z.number(), byKind: z.array(keyCount) }),
  agreements: z.object({ inForce: z.number(), signed: z.number() }),
  resourcesGiven: z.object({ total: z.number(), byKind: z.array(kindCount) }),
  activities: z.object({
    total: z.number(),
    byKind: z.array(z.object({ key: z.string(), name: z.string(), count: z.number(), signups: z.number(), checkins: z.number(), served: z.number() })),
    jointPartyDays: z.number(),
    antiFraudSessions: z.number(),
    leaflets: z.number(),
    legalQuestions: z.number(),
  }),
  /** Sum of the "served" output of the period's activities. */
  peopleServed: z.number(),
  volunteerHours: z.number(),
  volunteers: z.number(),
  pointsAwarded: z.number(),
  talents: z.object({ total: z.number(), joined: z.number(), byCategory: z.array(keyCount) }),
  calls: z.number(),
  applications: z.number(),
  teams: z.array(z.object({ id: uuid, name: z.string(), kind: teamKind, members: z.number(), solved: z.number(), open: z.number() })),
  problemsSolved: z.number(),
  riderStations: z.number(),
  riderServices: z.number(),
});
export type PartnerMeasures = z.infer<typeof partnerMeasuresReply>;
