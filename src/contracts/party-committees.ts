import { z } from "zod";
import { uuid } from "./common";
import { day, line } from "./bounded";

/**
 * 社区“两委”: the members of a community's party committee (社区党委) and residents' committee
 * (居民委员会), their position and term, and which 居民区 (grid or compound) branch each one leads
 * as its secretary. Names are masked like party members' (张*).
 */

export const COMMITTEE_VALUES = ["party_committee", "residents_committee"] as const;
export type Committee = (typeof COMMITTEE_VALUES)[number];

export const committeeMembersQuery = z.strictObject({
  communityId: uuid.optional(),
  /** The members in office on this day (default: every term, current first). */
  asOf: day().optional(),
});

export const committeeMemberBody = z.strictObject({
  communityId: uuid.optional(),
  personId: uuid,
  committee: z.enum(COMMITTEE_VALUES),
  /** 书记, 副书记, 委员 / 主任, 副主任, 委员. */
  position: line(20),
  fromOn: day({ notFuture: true }),
});
export type CommitteeMemberBody = z.infer<typeof committeeMemberBody>;

export const committeeMemberEndBody = z.strictObject({ toOn: day({ notFuture: true }) });

export const committeeMemberItem = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  committee: z.enum(COMMITTEE_VALUES),
  position: z.string(),
  fromOn: z.string(),
  toOn: z.string().nullable(),
  /** The 居民区 branch (a grid's or a compound's) the member leads as secretary, if any. */
  secretaryOf: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type CommitteeMemberItem = z.infer<typeof committeeMemberItem>;

export const committeeMembersReply = z.object({
  community: z.object({ id: z.string(), name: z.string() }),
  items: z.array(committeeMemberItem),
  /** Members in office today (a person on both committees counts once). */
  current: z.number(),
  /** Of the 居民区 branches, those whose secretary is in office on the 两委 today. */
  branchSecretaries: z.number(),
});
export type CommitteeMembers = z.infer<typeof committeeMembersReply>;
