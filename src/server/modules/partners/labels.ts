/** Chinese names of the kinds of this module, for lists, measures and exports. */

export const UNIT_KIND_NAMES: Record<string, string> = {
  enterprise: "企业",
  hospital: "医院",
  school: "学校",
  government: "机关事业单位",
  ngo: "社会组织",
  shop: "商户",
  property_company: "物业公司",
  other: "其他",
};

export const RESOURCE_KIND_NAMES: Record<string, string> = {
  venue: "场地",
  money: "资金",
  staff: "人员",
  service: "服务",
  goods: "物资",
  other: "其他",
};

export const ACTIVITY_KIND_NAMES: Record<string, string> = {
  friday_service: "周五志愿服务",
  riverside_market: "河畔集市",
  legal_tea: "普法茶水铺",
  health_run: "健康跑",
  festival: "节日活动",
  anti_fraud: "反诈宣传",
  blood_drive: "无偿献血",
  party_day: "联合主题党日",
  free_clinic: "义诊",
  other: "其他活动",
};

export const TEAM_KIND_NAMES: Record<string, string> = {
  mediation: "矛盾调解",
  free_clinic: "爱心义诊",
  convenience: "便民服务",
  heritage: "非遗手艺",
  party_volunteer: "党员志愿",
  rider_volunteer: "骑手志愿",
  other: "其他",
};

export const RIDER_SERVICE_NAMES: Record<string, string> = {
  meal_discount: "骑手爱心餐",
  green_channel: "配送绿色通道",
  temp_parking: "临时停车",
  other: "其他服务",
};

export const POINT_ENTRY_NAMES: Record<string, string> = {
  checkin: "活动签到",
  correction: "人工调整",
  redemption: "积分兑换",
  case_report: "上报事件",
  patrol: "参与巡查",
};

export const nameOf = (names: Record<string, string>, key: string) => names[key] ?? key;
