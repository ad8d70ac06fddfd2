import type { Frequency, TargetKind } from "../../../contracts/patrols";

/** How the kinds of patrol work read in ledgers and notifications (zh-CN, the product's language). */
export const TARGET_KIND_NAMES: Record<TargetKind, string> = {
  key_enterprise: "重点企业",
  special_household: "特殊群体",
  key_person: "重点人员",
  billboard: "户外广告牌",
  river: "河道",
  food_business: "食品经营单位",
  fire_point: "消防安全重点部位",
};

/** The ledger each kind of work keeps: "XX社区 2024年7月 <title>". */
export const LEDGER_TITLES: Record<TargetKind, string> = {
  key_enterprise: "重点企业安全巡查台账",
  special_household: "特殊群体走访台账",
  key_person: "重点人员走访台账",
  billboard: "户外广告牌安全巡查台账",
  river: "河长巡河台账",
  food_business: "食品安全检查台账",
  fire_point: "消防安全巡查台账",
};

export const FREQUENCY_NAMES: Record<Frequency, string> = { weekly: "每周", monthly: "每月", quarterly: "每季度" };

/** The usual frequency of a kind when neither the request nor a care tag says otherwise. */
export const DEFAULT_FREQUENCY: Record<TargetKind, Frequency> = {
  key_enterprise: "quarterly",
  special_household: "monthly",
  key_person: "weekly",
  billboard: "monthly",
  river: "weekly",
  food_business: "monthly",
  fire_point: "monthly",
};

/** The case category a failed item opens when its template names none. */
export const DEFAULT_CASE_CATEGORY: Record<TargetKind, string> = {
  key_enterprise: "fire_hazard",
  special_household: "other",
  key_person: "police_sensitive",
  billboard: "billboard",
  river: "river",
  food_business: "food_safety",
  fire_point: "fire_hazard",
};

/** Which targets a template kind visits. */
export const TARGET_TYPES_OF: Record<TargetKind, ReadonlyArray<"person" | "household" | "place">> = {
  key_enterprise: ["place"],
  special_household: ["household", "person"],
  key_person: ["person"],
  billboard: ["place"],
  river: ["place"],
  food_business: ["place"],
  fire_point: ["place"],
};

export const TASK_STATUS_NAMES: Record<string, string> = { open: "待巡查", done: "已完成", missed: "逾期未巡", cancelled: "已取消" };
