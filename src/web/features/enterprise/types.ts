import type { z } from "zod";
import type {
  briefingItem,
  campaignDetail,
  campaignItem,
  cultivationItem,
  enterpriseDetail,
  enterpriseItem,
  eventItem,
  needItem,
  needMatchesReply,
  targetItem,
} from "../../../contracts/enterprise";

export type EnterpriseItem = z.infer<typeof enterpriseItem>;
export type EnterpriseDetail = z.infer<typeof enterpriseDetail>;
export type CampaignItem = z.infer<typeof campaignItem>;
export type CampaignDetail = z.infer<typeof campaignDetail>;
export type TargetItem = z.infer<typeof targetItem>;
export type NeedItem = z.infer<typeof needItem>;
export type NeedMatches = z.infer<typeof needMatchesReply>;
export type CultivationItem = z.infer<typeof cultivationItem>;
export type BriefingItem = z.infer<typeof briefingItem>;
export type EventItem = z.infer<typeof eventItem>;
export type List<T> = { items: T[]; total: number };
