/**
 * The staff side of the demo cases' timelines: why a case went up a level, what the community or a
 * department added to the result, why a case was closed otherwise, notes, urges and ratings.
 */

/** Why a grid worker sent the case to the community, by category group. */
export const TO_COMMUNITY: Record<string, readonly string[]> = {
  dispute: ["当事人情绪激动，需社区人民调解委员会介入调解", "双方分歧较大，网格调解未果，请社区协调", "涉及物业公司和多户业主，需社区统一协调"],
  default: ["涉及多户居民和物业，需社区统一协调", "需协调产权单位处理，网格层面无法解决", "整改需要费用，需社区协调物业和业主", "问题反复出现，请社区牵头解决"],
};

/** Why the community sent the case to the street office. */
export const TO_STREET = [
  "需街道协调职能部门联合处置",
  "涉及执法事项，社区无执法权，请街道协调",
  "涉及多个权属单位，社区协调未果",
  "情况复杂，需街道统筹联合整治",
];

/** The department a case goes to from the street, by category, with weights; "street" means the street office settles it. */
export const DEPARTMENTS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  fire_hazard: [["消防队", 0.8], ["street", 0.2]],
  public_safety: [["派出所", 0.3], ["消防队", 0.25], ["street", 0.45]],
  dispute_neighbour: [["司法所", 0.7], ["street", 0.3]],
  dispute_property: [["司法所", 0.4], ["street", 0.6]],
  dispute_family: [["司法所", 0.55], ["派出所", 0.45]],
  police_sensitive: [["派出所", 1]],
  noise: [["派出所", 0.5], ["street", 0.5]],
  food_safety: [["市场监管所", 0.9], ["street", 0.1]],
  river: [["河长办", 0.85], ["street", 0.15]],
  default: [["street", 1]],
};

export const DISPATCH_NOTE: Record<string, string> = {
  派出所: "请派出所依法处置并反馈",
  消防队: "请消防队开展检查并督促整改",
  司法所: "请司法所组织专业调解",
  市场监管所: "请市场监管所依法检查",
  河长办: "请河长办协调河道管理单位处置",
};

/** What the level that settled a case put before the handler's result. */
export const RESULT_LEAD: Record<string, readonly string[]> = {
  community: ["社区牵头协调，", "社区调解委员会组织调解，", "社区召集物业、业主代表现场会商，", "社区书记带队现场办公，"],
  street: ["街道协调相关部门联合处置，", "街道综合执法队到场，", "街道牵头召开协调会，"],
  派出所: ["派出所民警会同网格员到场处置，", "民警到场调查处理，"],
  消防队: ["消防队联合社区开展检查，", "消防监督员到场检查，"],
  司法所: ["司法所调解员会同社区调解，", "司法所组织专业调解，"],
  市场监管所: ["市场监管所执法人员到场检查，"],
  河长办: ["河长办协调河道管理单位，"],
};

/** Why a case could not be solved, by category (default for the rest). */
export const UNABLE: Record<string, readonly string[]> = {
  dispute: ["当事人拒不配合，多次调解未果，已告知可通过诉讼途径解决", "双方分歧较大，调解未能达成一致，已告知法律途径并持续关注"],
  noise: ["噪音时有时无，多次上门劝导后仍有反复，已告知反映人可通过法律途径维权，网格继续关注"],
  default: [
    "该问题属开发商遗留问题，产权不清，暂无法整改，已向居民解释并纳入社区问题台账跟踪",
    "整改需业主共同出资，业主意见未达成一致，暂无法实施",
    "涉及规划调整，近期无法解决，已做好解释工作",
  ],
};

/** Where a case went when it was not the community's matter, by category: referred to, and the handler's note. */
export const NOT_RESPONSIBLE: Record<string, ReadonlyArray<readonly [string, string]>> = {
  dispute: [["法院", "当事人已起诉至法院，按司法程序处理"], ["区住建局", "涉及房屋质量鉴定，已引导当事人向住建部门申请"]],
  noise: [["区城市管理局", "属建筑工地夜间施工管理事项，已转城管部门处理"], ["交警大队", "属车辆鸣笛管理事项，已转交警部门"]],
  fire_hazard: [["燃气公司", "经核实为燃气管道问题，已转燃气公司处理"], ["供电局", "经核实为供电线路问题，属供电部门职责，已转办"]],
  public_safety: [["供电局", "经核实为供电线路问题，属供电部门职责，已转办"], ["通信运营商", "经核实为通信井盖和线路问题，已联系运营商处理"], ["区住建局", "涉及房屋结构安全，已转住建部门鉴定"]],
  road: [["交警大队", "属道路交通设施管理事项，已转交警部门"], ["通信运营商", "井盖权属为通信运营商，已转办"], ["自来水公司", "经核实为市政供水管网问题，已转自来水公司处理"]],
  sanitation: [["排水公司", "经核实为市政排水管网问题，已转排水公司处理"], ["区城市管理局", "属市政道路保洁范围，已转城管部门"]],
  river: [["河道管理处", "属河道管理单位职责，已转办"]],
  food_safety: [["区市场监督管理局", "涉及食品生产许可，已转市场监管部门处理"]],
  default: [["区城市管理局", "属城市管理执法事项，已转城管部门处理"], ["物业公司", "属物业服务合同范围，已督促物业公司处理"]],
};

export const REJECT: readonly string[] = [
  "反映地点不在本社区辖区，已告知向所在社区反映",
  "经现场核实无此情况",
  "信息不完整，多次联系反映人未果",
  "属个人咨询事项，已电话解答",
];

export const WITHDRAW: readonly string[] = ["已自行协商解决", "问题已经没有了", "误报，谢谢", "家里人已经处理好了", ""];

export const MERGE_NOTE = "与已受理事件为同一问题，合并办理";

/** Handler's working notes (not shown to the reporter). */
export const NOTES: readonly string[] = [
  "已电话联系反映人，约定明天上午现场查看",
  "已联系物业经理，物业承诺本周内处理",
  "现场拍照取证，等待当事人回家后再沟通",
  "已通知楼栋长协助了解情况",
  "当事人不在家，已留言约时间",
  "已联系相关单位，等待对方回复",
];

export const REWORK: readonly string[] = ["现场核查仍未整改到位，请继续处置", "反映人表示问题仍存在，请复核", "整改不彻底，请补充整改照片"];

export const DELAY: readonly string[] = ["需等待物业采购配件", "当事人外出，需等其回来后再调解", "需协调施工队排期", "涉及多户，需逐户沟通"];

export const URGE: readonly string[] = ["已超时，请尽快处置并反馈", "请加快办理", "居民再次来电催问，请尽快处理"];

export const RATING_COMMENTS: Record<"satisfied" | "basic" | "unsatisfied", readonly string[]> = {
  satisfied: ["处理很及时，谢谢网格员！", "满意", "点赞，社区办事效率高", "问题解决了，辛苦了", "网格员很负责", "", "", ""],
  basic: ["解决了，就是时间有点长", "基本满意", "希望以后能长期保持", ""],
  unsatisfied: ["问题反复出现，希望能根治", "处理太慢了", "没有彻底解决"],
};

export const REOPEN: readonly string[] = ["问题又出现了", "没有处理好，还是老样子", "整改只做了一半"];
