import type { MeetingKind, PartyKind } from "../../../contracts/deliberation";

/** How meeting kinds read in the product (zh-CN). */
export const MEETING_KIND_NAMES: Record<MeetingKind, string> = {
  residents_council: "居民议事会",
  bench: "板凳议事会",
  party_joint: "党建联席会议",
  grid_governance: "网格综治会",
  public_talk: "民情恳谈会",
  resident_meeting: "居民见面沟通会",
  five_party: "五方联动协调会",
};

export const PARTY_KIND_NAMES: Record<PartyKind, string> = {
  party_committee: "社区党委",
  partner_unit: "共建单位",
  property_committee: "小区物委会",
  property_company: "物业公司",
  resident_rep: "居民代表",
  department: "职能部门",
  other: "其他",
};
