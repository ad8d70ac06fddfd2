import { z } from "zod";
import { uuid } from "./common";
import { code, day, limit, line, mobilePhone, paragraph, queryFlag } from "./bounded";
import { isCreditCode } from "./credit-code";
import { matchReply } from "./partners";

/**
 * 营商环境: enterprise records (the registry's places of kind enterprise or shop), visit campaigns,
 * visits with the needs they found, 入库 cultivation with briefings, business events; and
 * inspection programmes whose failed checks end in 责令整改 notices and re-checks.
 */

export const SIZE_BAND_VALUES = ["micro", "small", "medium", "large"] as const;
export const NEED_KIND_VALUES = ["policy", "financing", "hiring", "permits", "premises", "other"] as const;
export const NEED_STATUS_VALUES = ["open", "matched", "referred", "settled"] as const;
export const CULTIVATION_STAGE_VALUES = ["candidate", "coached", "documents", "declared", "accepted", "rejected"] as const;
export const BUSINESS_EVENT_KIND_VALUES = ["bank_enterprise", "promotion", "policy_talk", "other"] as const;
export const PROGRAMME_KIND_VALUES = ["food", "fire", "billboard"] as const;
export const RECTIFICATION_STATUS_VALUES = ["issued", "closed", "escalated"] as const;
/** The documents an enterprise gathers to be declared for 入库. */
export const CULTIVATION_DOCUMENTS = ["licence", "financial_statements", "tax_records", "social_security", "premises_proof"] as const;
/** The documents checklist in a request: any of the documents, gathered or not. */
const documentsInput = z.strictObject({
  licence: z.boolean().optional(),
  financial_statements: z.boolean().optional(),
  tax_records: z.boolean().optional(),
  social_security: z.boolean().optional(),
  premises_proof: z.boolean().optional(),
});

export type NeedKind = (typeof NEED_KIND_VALUES)[number];
export type CultivationStage = (typeof CULTIVATION_STAGE_VALUES)[number];
export type ProgrammeKind = (typeof PROGRAMME_KIND_VALUES)[number];

export const creditCode = z
  .string()
  .max(18)
  .transform((s) => s.trim().toUpperCase())
  .refine(isCreditCode, "not a unified social credit code (wrong check character)");

export const idParams = z.strictObject({ id: uuid });

// ---------- enterprise records ----------

/**
 * What a work report's drill-down narrows a list to: an area (a community or a street: the records of
 * its communities) and a period (both days or neither) that a record's date falls in.
 */
const drillFilter = { areaId: uuid.optional(), from: day().optional(), to: day().optional() };
export const periodAreaQuery = z.strictObject(drillFilter);

export const enterpriseListQuery = z.strictObject({
  q: line(40, 0).optional(),
  kind: z.enum(["enterprise", "shop"]).optional(),
  key: queryFlag.optional(),
  stage: z.enum(CULTIVATION_STAGE_VALUES).optional(),
  limit: limit(200, 50),
  /** With a period: the enterprises visited in it. */
  ...drillFilter,
});

const profile = {
  industry: z.string().nullable(),
  sizeBand: z.enum(SIZE_BAND_VALUES).nullable(),
  keyEnterprise: z.boolean(),
  complexName: z.string().nullable(),
  cultivationStage: z.enum(CULTIVATION_STAGE_VALUES).nullable(),
};

export const enterpriseItem = z.object({
  id: uuid,
  name: z.string(),
  kind: z.string(),
  creditCode: z.string().nullable(),
  address: z.string(),
  grid: z.string().nullable(),
  ...profile,
  lastVisitOn: z.string().nullable(),
  openNeeds: z.number(),
});
export const enterpriseListReply = z.object({ items: z.array(enterpriseItem), total: z.number() });

const historyEntry = z.object({
  kind: z.enum(["visit", "need", "inspection", "rectification", "event", "briefing"]),
  on: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  refId: uuid,
});

export const enterpriseDetail = enterpriseItem.extend({
  communityId: uuid,
  contactName: z.string().nullable(),
  /** Masked; `POST …/unmask` with a reason shows it (audited). */
  contactPhone: z.string().nullable(),
  cultivation: z
    .object({
      stage: z.enum(CULTIVATION_STAGE_VALUES),
      thresholds: z.string(),
      documents: z.record(z.string(), z.boolean()),
      candidateOn: z.string(),
      coachedOn: z.string().nullable(),
      documentsOn: z.string().nullable(),
      declaredOn: z.string().nullable(),
      decidedOn: z.string().nullable(),
      decisionNote: z.string().nullable(),
    })
    .nullable(),
  history: z.array(historyEntry),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetail>;

export const enterprisePatchBody = z.strictObject({
  industry: line(40).nullable().optional(),
  sizeBand: z.enum(SIZE_BAND_VALUES).nullable().optional(),
  keyEnterprise: z.boolean().optional(),
  complexName: line(60).nullable().optional(),
  creditCode: creditCode.optional(),
  contactName: line(20).nullable().optional(),
  contactPhone: mobilePhone.nullable().optional(),
});
export const unmaskBody = z.strictObject({ reason: line(200, 2) });
export const unmaskReply = z.object({ contactPhone: z.string().nullable() });
export const okReply = z.object({ id: uuid });

// ---------- campaigns and visits ----------

export const campaignBody = z.strictObject({
  communityId: uuid.optional(),
  name: line(60),
  startsOn: day(),
  endsOn: day(),
  /** Targets: these places, or every active place of these kinds in the community (or under `areaId`). */
  placeIds: z.array(uuid).max(2000).optional(),
  kinds: z.array(z.enum(["enterprise", "shop"])).max(2).optional(),
  areaId: uuid.optional(),
});

const coverage = z.object({ targeted: z.number(), visited: z.number(), share: z.number().nullable() });
export const campaignItem = z.object({
  id: uuid,
  communityId: uuid,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  coverage,
  needsRaised: z.number(),
  needsSettled: z.number(),
});
export const campaignListReply = z.object({ items: z.array(campaignItem), total: z.number() });
export const campaignDetail = campaignItem.extend({
  byGrid: z.array(z.object({ id: uuid, name: z.string() }).merge(coverage)),
  byWorker: z.array(z.object({ id: uuid, name: z.string() }).merge(coverage)),
});

export const targetQuery = z.strictObject({ mine: queryFlag.optional(), visited: queryFlag.optional(), limit: limit(1000, 200) });
export const targetItem = z.object({
  placeId: uuid,
  name: z.string(),
  kind: z.string(),
  address: z.string(),
  grid: z.string().nullable(),
  assignee: z.object({ id: uuid, name: z.string() }),
  visitedOn: z.string().nullable(),
});
export const targetListReply = z.object({ items: z.array(targetItem), total: z.number() });

export const assignBody = z.strictObject({ placeIds: z.array(uuid).min(1).max(2000), assigneeId: uuid });
export const assignReply = z.object({ assigned: z.number() });

export const needInput = z.strictObject({ kind: z.enum(NEED_KIND_VALUES), description: line(200) });
export const visitBody = z.strictObject({
  campaignId: uuid.optional(),
  visitedOn: day({ notFuture: true }),
  notes: paragraph(1000, 0).optional(),
  problems: paragraph(1000, 0).optional(),
  needs: z.array(needInput).max(10).default([]),
});
export const visitReply = z.object({ id: uuid, needIds: z.array(uuid) });

// ---------- needs ----------

export const needListQuery = z.strictObject({
  status: z.enum(NEED_STATUS_VALUES).optional(),
  kind: z.enum(NEED_KIND_VALUES).optional(),
  placeId: uuid.optional(),
  limit: limit(200, 100),
  ...drillFilter,
  /** The date the period applies to: raised (default) or settled. */
  dated: z.enum(["raised", "settled"]).optional(),
  /** Needs matched to a partner's offer, or referred to a department as a case (whatever their status now). */
  outcome: z.enum(["matched", "referred"]).optional(),
});
export const needItem = z.object({
  id: uuid,
  place: z.object({ id: uuid, name: z.string() }),
  kind: z.enum(NEED_KIND_VALUES),
  description: z.string(),
  status: z.enum(NEED_STATUS_VALUES),
  raisedOn: z.string(),
  matched: z.object({ unitId: uuid, unitName: z.string(), itemId: uuid, offer: z.string() }).nullable(),
  caseId: uuid.nullable(),
  caseNumber: z.string().nullable(),
  settledOn: z.string().nullable(),
  settlement: z.string().nullable(),
});
export type NeedItem = z.infer<typeof needItem>;
export const needListReply = z.object({ items: z.array(needItem), total: z.number() });
export const needMatchesReply = matchReply;
export const matchNeedBody = z.strictObject({ itemId: uuid });
export const referNeedBody = z.strictObject({ categoryCode: code(40).optional(), department: line(40).optional(), note: line(200, 0).optional() });
export const settleNeedBody = z.strictObject({ settlement: line(200), settledOn: day({ notFuture: true }).optional() });

// ---------- 入库 cultivation ----------

export const cultivationBody = z.strictObject({ placeId: uuid, thresholds: line(200), candidateOn: day({ notFuture: true }) });
export const advanceBody = z.strictObject({
  to: z.enum(["coached", "documents", "declared", "accepted", "rejected"]),
  on: day({ notFuture: true }),
  documents: documentsInput.optional(),
  note: line(200, 0).optional(),
});
export const documentsBody = z.strictObject({ documents: documentsInput });
export const cultivationItem = z.object({
  placeId: uuid,
  name: z.string(),
  stage: z.enum(CULTIVATION_STAGE_VALUES),
  thresholds: z.string(),
  documents: z.record(z.string(), z.boolean()),
  candidateOn: z.string(),
  coachedOn: z.string().nullable(),
  documentsOn: z.string().nullable(),
  declaredOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  briefings: z.number(),
});
export const cultivationListReply = z.object({ items: z.array(cultivationItem), total: z.number() });
export const cultivationListQuery = z.strictObject({
  stage: z.enum(CULTIVATION_STAGE_VALUES).optional(),
  ...drillFilter,
  /** The date the period applies to: declared (default) or decided (accepted or rejected). */
  dated: z.enum(["declared", "decided"]).optional(),
});
export const placeParams = z.strictObject({ placeId: uuid });

export const briefingBody = z.strictObject({ communityId: uuid.optional(), heldOn: day({ notFuture: true }), topic: line(100), placeIds: z.array(uuid).min(1).max(200) });
export const briefingItem = z.object({ id: uuid, heldOn: z.string(), topic: z.string(), places: z.array(z.object({ id: uuid, name: z.string() })) });
export const briefingListReply = z.object({ items: z.array(briefingItem), total: z.number() });

// ---------- business events ----------

export const eventBody = z.strictObject({
  communityId: uuid.optional(),
  kind: z.enum(BUSINESS_EVENT_KIND_VALUES),
  title: line(60),
  heldOn: day({ notFuture: true }),
  venue: line(60, 0).optional(),
  notes: paragraph(1000, 0).optional(),
  placeIds: z.array(uuid).min(1).max(500),
  needs: z.array(needInput.extend({ placeId: uuid })).max(50).default([]),
});
export const eventItem = z.object({
  id: uuid,
  kind: z.enum(BUSINESS_EVENT_KIND_VALUES),
  title: z.string(),
  heldOn: z.string(),
  venue: z.string().nullable(),
  participants: z.number(),
  needs: z.number(),
});
export const eventListReply = z.object({ items: z.array(eventItem), total: z.number() });

// ---------- inspections ----------

export const programmeBody = z.strictObject({
  communityId: uuid.optional(),
  kind: z.enum(PROGRAMME_KIND_VALUES),
  name: line(60),
  startsOn: day(),
  endsOn: day(),
  placeIds: z.array(uuid).max(2000),
});
export const programmeItem = z.object({
  id: uuid,
  communityId: uuid,
  kind: z.enum(PROGRAMME_KIND_VALUES),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  places: z.number(),
  checks: z.number(),
  passed: z.number(),
  passRate: z.number().nullable(),
  riderChecks: z.number(),
  rectificationsOpen: z.number(),
});
export const programmeListReply = z.object({ items: z.array(programmeItem), total: z.number() });
export const failedCheck = z.object({
  submissionId: uuid,
  place: z.object({ id: uuid, name: z.string() }),
  filledAt: z.string(),
  companions: z.array(z.string()),
  items: z.array(z.object({ itemId: uuid, label: z.string(), rectificationId: uuid.nullable() })),
});
export const programmeDetail = programmeItem.extend({ failed: z.array(failedCheck) });

export const rectificationBody = z.strictObject({
  submissionId: uuid,
  itemId: uuid,
  /** On or after today. */
  deadline: day(),
  requiredChange: line(300),
});
export const recheckBody = z.strictObject({
  checkedOn: day({ notFuture: true }),
  passed: z.boolean(),
  notes: line(300, 0).optional(),
  companions: z.array(line(40)).max(10).default([]),
});
export const rectificationListQuery = z.strictObject({
  status: z.enum(RECTIFICATION_STATUS_VALUES).optional(),
  programmeId: uuid.optional(),
  limit: limit(200, 100),
  ...drillFilter,
  /** The date the period applies to: issued (default), closed (closed or escalated), or re-checked. */
  dated: z.enum(["issued", "closed", "rechecked"]).optional(),
  /** With dated=rechecked: the notices with a re-check of this outcome in the period. */
  recheck: z.enum(["passed", "failed"]).optional(),
});
export const rectificationItem = z.object({
  id: uuid,
  number: z.string(),
  kind: z.enum(PROGRAMME_KIND_VALUES),
  community: z.string(),
  place: z.object({ id: uuid, name: z.string(), address: z.string() }),
  finding: z.string(),
  requiredChange: z.string(),
  issuedOn: z.string(),
  deadline: z.string(),
  issuedBy: z.string(),
  status: z.enum(RECTIFICATION_STATUS_VALUES),
  closedOn: z.string().nullable(),
  caseId: uuid.nullable(),
  caseNumber: z.string().nullable(),
  department: z.string(),
  rechecks: z.array(z.object({ checkedOn: z.string(), passed: z.boolean(), notes: z.string().nullable(), companions: z.array(z.string()), checkedBy: z.string() })),
});
export type RectificationItem = z.infer<typeof rectificationItem>;
export const rectificationListReply = z.object({ items: z.array(rectificationItem), total: z.number() });
export const recheckReply = z.object({ id: uuid, status: z.enum(RECTIFICATION_STATUS_VALUES), caseId: uuid.nullable() });
