import type { CaseAction } from "./workflow";

/** How a step reads in a notification to the reporter (zh-CN, the product's language). */
export const ACTION_LABELS: Record<CaseAction, string> = {
  accept: "已受理",
  reject: "未予受理",
  take: "已由网格员接单处理",
  dispatch: "已派遣处置",
  reassign: "已改派",
  start: "正在处置",
  return: "已退回重新派遣",
  handle: "已处置完毕，待核查",
  verify: "已核查",
  rework: "核查未通过，重新处置",
  close: "已办结",
  escalate: "已上报上级处理",
  request_delay: "申请延期",
  approve_delay: "延期已批准",
  reject_delay: "延期未批准",
  urge: "已督办",
  merge: "已与同类事件合并办理",
  withdraw: "已撤回",
  reopen: "已重新办理",
  rate: "已评价",
  note: "有新的处置记录",
  remind: "已催办",
  supplement: "已补充说明",
};

export const GROUP_NAMES: Record<string, string> = {
  dispute: "矛盾纠纷",
  nuisance: "噪音扰民",
  hazard: "安全隐患",
  city: "市容设施",
  environment: "环境与河道",
  market: "市场监管",
  security: "治安",
  other: "其他",
};

export const CHANNEL_NAMES: Record<string, string> = {
  resident_app: "居民随手拍",
  rider_app: "骑手（流动网格员）",
  grid_patrol: "网格员巡查",
  phone: "电话",
  hotline_12345: "12345热线",
  partner_unit: "共建单位",
  meeting: "会议",
  open311: "开放接口（Open311）",
};

export const STATUS_NAMES: Record<string, string> = {
  reported: "待受理",
  accepted: "已受理",
  dispatched: "已派遣",
  in_progress: "处置中",
  handled: "待核查",
  verified: "已核查",
  closed: "已结案",
};

export const CLOSURE_NAMES: Record<string, string> = {
  resolved: "已解决",
  unable: "无法解决",
  not_responsible: "非职责范围（已转办）",
  duplicate: "重复合并",
  withdrawn: "已撤回",
  rejected: "不予受理",
};
