import type { z } from "zod";
import type {
  accountListReply,
  activityBody,
  activityDetail,
  agreementBody,
  applicationItem,
  applicationBody,
  assignmentItem,
  callBody,
  callItem,
  checkinReply,
  createActivitiesReply,
  decisionReply,
  givingBody,
  matchReply,
  publicCallReply,
  redeemReply,
  rewardItem,
  riderFriendlyReply,
  signupItem,
  signupReply,
  talentItem,
  teamDetail,
  teamItem,
  unitBody,
  unitDetail,
  ActivitySummary,
  AgreementDetail,
  PartnerMeasures,
  UnitRecord,
  UnitSummary,
  VolunteerRecord,
} from "../../../contracts/partners";

export type { ActivitySummary, AgreementDetail, PartnerMeasures, UnitRecord, UnitSummary, VolunteerRecord };
export type UnitDetail = z.infer<typeof unitDetail>;
export type UnitInput = z.input<typeof unitBody>;
export type AgreementInput = z.input<typeof agreementBody>;
export type GivingInput = z.input<typeof givingBody>;
export type MatchReply = z.infer<typeof matchReply>;
export type CallItem = z.infer<typeof callItem>;
export type CallInput = z.input<typeof callBody>;
export type PublicCall = z.infer<typeof publicCallReply>;
export type ApplicationInput = z.input<typeof applicationBody>;
export type ApplicationItem = z.infer<typeof applicationItem>;
export type DecisionReply = z.infer<typeof decisionReply>;
export type TalentItem = z.infer<typeof talentItem>;
export type TeamItem = z.infer<typeof teamItem>;
export type TeamDetail = z.infer<typeof teamDetail>;
export type AssignmentItem = z.infer<typeof assignmentItem>;
export type ActivityInput = z.input<typeof activityBody>;
export type ActivityDetail = z.infer<typeof activityDetail>;
export type CreateActivitiesReply = z.infer<typeof createActivitiesReply>;
export type SignupItem = z.infer<typeof signupItem>;
export type SignupReply = z.infer<typeof signupReply>;
export type CheckinReply = z.infer<typeof checkinReply>;
export type AccountItem = z.infer<typeof accountListReply>["items"][number];
export type RewardItem = z.infer<typeof rewardItem>;
export type RedeemReply = z.infer<typeof redeemReply>;
export type RiderFriendly = z.infer<typeof riderFriendlyReply>;
export type ActivityStatus = ActivitySummary["status"];
export type ActivityKind = ActivitySummary["kind"];
export type UnitKind = UnitSummary["kind"];
export type ResourceKind = NonNullable<AgreementDetail["offers"][number]["resourceKind"]>;
export type TeamKind = TeamItem["kind"];
export type LngLat = [number, number];

/** Every value of a union in display order, checked at compile time against the contract's type. */
const all =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)) =>
    values;

export const ACTIVITY_KINDS = all<ActivityKind>()(["friday_service", "riverside_market", "legal_tea", "health_run", "festival", "anti_fraud", "blood_drive", "party_day", "free_clinic", "other"]);
export const UNIT_KINDS = all<UnitKind>()(["enterprise", "hospital", "school", "government", "ngo", "shop", "property_company", "other"]);
export const RESOURCE_KINDS = all<ResourceKind>()(["venue", "money", "staff", "service", "goods", "other"]);
export const TEAM_KINDS = all<TeamKind>()(["mediation", "free_clinic", "convenience", "heritage", "party_volunteer", "rider_volunteer", "other"]);
export const ACTIVITY_STATUSES = all<ActivityStatus>()(["planned", "open", "done", "cancelled"]);
