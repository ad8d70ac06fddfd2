import type { PartyKind } from "../../contracts/deliberation";

/**
 * The words of the deliberation demo: residents' concerns as they reach a meeting table (by case
 * category), what each party says about them, what is resolved and how it is followed up.
 * `{place}` is a compound or a building, `{company}` the compound's property company.
 */

export type Concern = {
  category: string;
  title: string;
  description: string;
  resolution: string;
  progress: string[];
  done: string;
  owners: PartyKind[];
  /** Who speaks at the table; each line may use {place} and {company}. */
  opinions: Partial<Record<PartyKind, string>>;
};

export const CONCERNS: Concern[] = [
  {
    category: "sanitation",
    title: "{place}垃圾分类投放点脏乱",
    description: "居民反映{place}垃圾分类投放点周边长期脏乱，清运不及时，夏季异味明显。",
    resolution: "{company}调整清运频次为每日两次，增设洗手池和除臭设备；网格员和楼栋长每周联合检查。",
    progress: ["已调整清运频次并公示清运时间", "洗手池和除臭设备安装完成"],
    done: "投放点环境明显改善，连续四周检查无异味、无满溢。",
    owners: ["property_company", "party_committee"],
    opinions: { resident_rep: "希望垃圾点早晚都有人清理，夏天味道太大。", property_company: "{company}同意增加清运频次，需要居民配合分类投放。", party_committee: "社区牵头督促，网格员每周检查一次。" },
  },
  {
    category: "sanitation",
    title: "{place}楼道堆放杂物清理",
    description: "{place}部分楼道长期堆放纸箱、旧家具，影响通行，存在消防隐患。",
    resolution: "由楼栋长逐户告知，限期自行清理；逾期未清理的由{company}统一清运，党员志愿者协助。",
    progress: ["楼栋长已逐户告知，张贴清理通知", "大部分住户已自行清理"],
    done: "楼道杂物全部清理，纳入楼栋长日常巡查。",
    owners: ["property_company", "resident_rep"],
    opinions: { resident_rep: "楼道堆物的主要是几户老人，需要上门做工作。", property_company: "物业可以安排人手帮老人搬运。", party_committee: "党员志愿者可以参与帮扶。" },
  },
  {
    category: "road",
    title: "{place}出入口路面坑洼积水",
    description: "{place}出入口路面破损，下雨积水，老人和儿童出行不便。",
    resolution: "{company}编制维修方案，使用维修资金修补路面并疏通排水口，物委会监督施工。",
    progress: ["维修方案已公示，居民无异议", "路面修补完成，正在疏通排水口"],
    done: "路面修补和排水口疏通完成，雨天无积水。",
    owners: ["property_company", "property_committee"],
    opinions: { resident_rep: "雨天出门鞋都湿透了，希望尽快修。", property_company: "{company}可以先出方案，费用按规定走维修资金。", property_committee: "物委会负责公示方案并监督施工质量。" },
  },
  {
    category: "road",
    title: "{place}周边共享单车乱停放",
    description: "{place}门口共享单车和电动车乱停乱放，占用人行道和消防通道。",
    resolution: "划定非机动车停放区，联系共享单车企业定期调度清理，志愿者引导规范停放。",
    progress: ["停放区划线完成", "已与两家共享单车企业建立联系机制"],
    done: "停放秩序明显好转，纳入网格日常巡查。",
    owners: ["party_committee", "property_company"],
    opinions: { resident_rep: "早上出门经常被单车挡住。", partner_unit: "单位可以派志愿者在早高峰引导停放。", party_committee: "社区联系单车企业，划定停放区。" },
  },
  {
    category: "river",
    title: "盘龙江{place}段沿岸垃圾和垂钓",
    description: "盘龙江{place}段沿岸垃圾较多，有人下河游泳、垂钓，存在安全隐患。",
    resolution: "社区级河长每周巡河，党员志愿者每月开展沿岸清理，设置安全警示牌并开展劝导。",
    progress: ["新设安全警示牌6块", "开展沿岸清理两次，劝导游泳人员"],
    done: "沿岸垃圾清理常态化，劝导工作纳入河长巡查台账。",
    owners: ["party_committee", "resident_rep"],
    opinions: { resident_rep: "夏天有小孩去河边玩水，太危险。", party_committee: "河长每周巡查，发现问题及时劝导上报。", partner_unit: "单位党员可以参加沿江清理。" },
  },
  {
    category: "billboard",
    title: "{place}临街广告牌松动隐患",
    description: "{place}临街商铺部分户外广告牌老化松动，大风天气有坠落风险。",
    resolution: "网格员逐块排查登记，督促商户限期加固或拆除，拒不整改的上报街道城管处置。",
    progress: ["已排查登记广告牌并拍照建档", "多数商户完成加固"],
    done: "隐患广告牌全部加固或拆除，建立定期检查台账。",
    owners: ["party_committee", "department"],
    opinions: { resident_rep: "大风天从下面走过心里发慌。", department: "城管中队对拒不整改的依法处置。", party_committee: "网格员先逐块排查，建立台账。" },
  },
  {
    category: "food_safety",
    title: "{place}周边流动摊贩食品卫生",
    description: "{place}周边早晚有流动摊贩售卖熟食，卫生条件差，占道经营。",
    resolution: "联合市场监管所和城管开展劝导，引导摊贩进入便民集市规范经营。",
    progress: ["联合劝导三次", "便民集市开设临时摊位"],
    done: "流动摊贩已引导进入集市，周边秩序恢复。",
    owners: ["department", "party_committee"],
    opinions: { resident_rep: "买早点方便，但卫生要管起来。", department: "市场监管所会检查健康证和经营条件。", party_committee: "可以在河畔集市给摊贩安排位置。" },
  },
  {
    category: "public_safety",
    title: "{place}夜间照明不足",
    description: "{place}部分路段路灯损坏，夜间照明不足，居民晚归不安全。",
    resolution: "{company}维修更换损坏路灯，增设太阳能庭院灯，物委会监督。",
    progress: ["更换损坏路灯", "新增太阳能庭院灯安装中"],
    done: "路灯维修和庭院灯安装全部完成。",
    owners: ["property_company", "property_committee"],
    opinions: { resident_rep: "晚上回家那段路黑漆漆的。", property_company: "{company}负责维修，新增灯具需要物委会同意。", property_committee: "物委会同意从公共收益中列支。" },
  },
  {
    category: "public_safety",
    title: "{place}电动车楼道充电隐患",
    description: "{place}部分居民将电动车推进楼道、入户充电，存在严重火灾隐患。",
    resolution: "增设集中充电桩，开展入户宣传，楼道充电由物业劝离，屡劝不改的联合消防部门处置。",
    progress: ["集中充电桩选址确定", "充电桩安装完成并投入使用"],
    done: "楼道充电现象基本消除，纳入消防安全巡查清单。",
    owners: ["property_company", "party_committee"],
    opinions: { resident_rep: "充电桩不够，大家只能推回家充。", property_company: "{company}可以引进充电桩运营商。", partner_unit: "单位可以提供消防安全宣讲。", party_committee: "社区牵头选址，组织消防宣传。" },
  },
  {
    category: "fire_hazard",
    title: "{place}消防通道被占用",
    description: "{place}消防通道长期被私家车占用，消防车无法通行。",
    resolution: "施划消防通道标线，安装警示牌，{company}加强巡查，对违停车辆联系车主挪车。",
    progress: ["标线施划和警示牌安装完成", "物业每日巡查并登记"],
    done: "消防通道保持畅通，纳入网格巡查。",
    owners: ["property_company", "party_committee"],
    opinions: { resident_rep: "一旦着火后果不堪设想。", property_company: "{company}加强巡查，但车位确实紧张。", property_committee: "物委会研究错峰停车方案。" },
  },
  {
    category: "fire_hazard",
    title: "{place}消防设施老化",
    description: "{place}部分楼栋消防栓无水、灭火器过期，居民担心安全。",
    resolution: "{company}全面检查消防设施，更换过期灭火器，维修消防栓；社区开展消防演练。",
    progress: ["完成消防设施全面检查", "过期灭火器已全部更换"],
    done: "消防设施维修完成，组织居民消防演练一次。",
    owners: ["property_company", "party_committee"],
    opinions: { resident_rep: "灭火器都过期好几年了。", property_company: "马上组织检查，费用按规定列支。", partner_unit: "单位可以派人协助消防演练。" },
  },
  {
    category: "noise",
    title: "{place}广场舞音响扰民",
    description: "{place}广场舞音响音量过大、时间过晚，影响周边居民休息。",
    resolution: "约定活动时间为19:00至21:00，音量控制在规定范围内，由舞蹈队队长负责自律。",
    progress: ["与舞蹈队签订文明公约"],
    done: "按公约执行一个月，未再接到投诉。",
    owners: ["resident_rep", "party_committee"],
    opinions: { resident_rep: "跳舞可以，但九点以后要停。", party_committee: "社区组织双方协商，签订文明公约。" },
  },
  {
    category: "noise",
    title: "{place}夜间装修施工噪音",
    description: "{place}个别住户夜间装修施工，噪音扰民，多次沟通无果。",
    resolution: "{company}告知装修时间规定，签订装修承诺书；违规施工的联系城管执法。",
    progress: ["已约谈装修住户并签订承诺书"],
    done: "装修时间规范，噪音投诉消除。",
    owners: ["property_company"],
    opinions: { resident_rep: "晚上十点还在打电钻。", property_company: "{company}会加强装修巡查。", department: "违规施工可依法处罚。" },
  },
  {
    category: "dispute_neighbour",
    title: "{place}楼上漏水邻里纠纷",
    description: "{place}楼上住户卫生间漏水导致楼下天花板受损，双方就维修费用产生纠纷。",
    resolution: "由调解员和物业共同鉴定漏水原因，楼上住户负责维修，双方签订调解协议。",
    progress: ["完成漏水原因鉴定", "双方签订调解协议"],
    done: "漏水维修完成，楼下住户确认满意。",
    owners: ["party_committee", "property_company"],
    opinions: { resident_rep: "邻里之间有话好好说。", property_company: "{company}可以帮助查找漏点。", party_committee: "调解员组织双方调解。" },
  },
  {
    category: "dispute_neighbour",
    title: "{place}公共区域占用纠纷",
    description: "{place}个别住户在公共走廊、楼顶私自搭建和种菜，其他居民意见很大。",
    resolution: "组织楼栋议事，明确公共区域使用规则，私搭乱建限期自行拆除。",
    progress: ["楼栋议事形成使用规则", "私搭部分已拆除"],
    done: "公共区域恢复原状，使用规则张贴上墙。",
    owners: ["resident_rep", "property_company"],
    opinions: { resident_rep: "公共地方大家都要用。", property_committee: "物委会出面制定公共区域公约。", property_company: "{company}配合拆除。" },
  },
  {
    category: "dispute_property",
    title: "{place}物业费与服务质量争议",
    description: "{place}部分居民认为物业服务不到位而拒交物业费，物业公司则表示收费率过低难以维持。",
    resolution: "物委会牵头开展物业服务满意度评议，{company}公开服务标准和收支情况，限期整改服务短板。",
    progress: ["物业服务标准和收支情况已公示", "满意度评议完成，整改清单已公布"],
    done: "整改清单事项全部完成，物业费收缴率回升。",
    owners: ["property_committee", "property_company"],
    opinions: { resident_rep: "钱交了要看到服务。", property_company: "{company}愿意公开收支，接受监督。", property_committee: "物委会组织满意度评议。", party_committee: "社区党委做好协调。" },
  },
  {
    category: "dispute_property",
    title: "{place}停车位收费和分配",
    description: "{place}停车位紧张，收费标准和车位分配方式引发居民不满。",
    resolution: "物委会组织居民投票确定车位分配规则，{company}按规则执行并公示收费标准。",
    progress: ["车位分配方案征求意见", "居民投票通过分配规则"],
    done: "车位按新规则分配完毕，收费标准上墙公示。",
    owners: ["property_committee", "property_company"],
    opinions: { resident_rep: "外来车辆占了太多车位。", property_company: "{company}可以加装道闸管理外来车辆。", property_committee: "车位分配要公开透明。" },
  },
  {
    category: "dispute_property",
    title: "{place}电梯频繁故障",
    description: "{place}电梯频繁故障停运，多次困人，老人上下楼困难。",
    resolution: "{company}联系维保单位全面检修，故障部件更换；研究使用维修资金更新改造。",
    progress: ["维保单位完成全面检修", "维修资金使用方案公示"],
    done: "故障部件更换完成，一个月内未再发生停运。",
    owners: ["property_company", "property_committee"],
    opinions: { resident_rep: "我们楼里好几个老人，电梯坏了下不了楼。", property_company: "{company}已督促维保单位。", property_committee: "大修要走维修资金程序，物委会配合。", partner_unit: "单位可以协调专业检测机构。" },
  },
  {
    category: "other",
    title: "{place}增设老年人休息座椅",
    description: "居民建议在{place}增设休息座椅和遮阳设施，方便老年人日常休息。",
    resolution: "{company}在小区中心区域增设座椅和遮阳棚，共建单位捐赠部分设施。",
    progress: ["位置选定并征求周边住户意见", "座椅和遮阳棚安装完成"],
    done: "座椅和遮阳棚投入使用，老人反映很方便。",
    owners: ["property_company", "partner_unit"],
    opinions: { resident_rep: "老人散步走累了没地方坐。", partner_unit: "单位愿意捐赠两组座椅。", property_company: "{company}负责安装和维护。" },
  },
  {
    category: "other",
    title: "{place}增设快递柜和外卖取餐点",
    description: "{place}快递、外卖随意堆放在门岗，丢件和拿错时有发生。",
    resolution: "引进智能快递柜并设置外卖取餐架，{company}提供场地，骑手驿站协助管理。",
    progress: ["快递柜场地确定"],
    done: "快递柜和取餐架投入使用。",
    owners: ["property_company", "party_committee"],
    opinions: { resident_rep: "快递经常被拿错。", property_company: "{company}提供场地和电源。", party_committee: "社区协调快递企业进驻。" },
  },
  {
    category: "other",
    title: "{place}加装电梯意见协调",
    description: "{place}老旧楼栋居民希望加装电梯，低层住户有不同意见。",
    resolution: "开展入户征求意见，组织高低层住户协商补偿方案，社区协助办理加装手续。",
    progress: ["入户征求意见完成", "补偿方案达成一致"],
    done: "加装电梯手续办理完毕，进入施工。",
    owners: ["party_committee", "resident_rep"],
    opinions: { resident_rep: "高层老人盼电梯，低层担心采光。", party_committee: "社区组织协商，争取一楼住户理解。", property_committee: "物委会协助做群众工作。" },
  },
];

export const PROPERTY_COMPANIES = ["昆明康居物业服务有限公司", "云南金盾物业管理有限公司", "昆明红云物业服务有限公司", "云南安居乐物业服务有限公司", "昆明盘江物业管理有限公司", "云南怡家物业服务有限公司", "昆明滇池物业管理有限公司"];

/** The three partner units of 红康 named in the article plus the culture company, as 兼职委员制 members. */
export const HK_PARTNER_UNITS = ["昆明有色冶金设计研究院股份公司", "昆明市口腔医院", "五华区第二幼儿园", "云南言之文化传媒有限公司"];

export const DEPARTMENTS: Record<"hk" | "yxq", string[]> = {
  hk: ["红云派出所", "红云街道城管中队", "五华区消防救援大队红云中队", "红云街道司法所", "五华区市场监管局红云所"],
  yxq: ["前卫派出所", "前卫街道城管中队", "西山区消防救援大队前卫中队", "前卫街道司法所", "西山区市场监管局前卫所"],
};

export const MEETING_PLACES: Record<string, string[]> = {
  residents_council: ["{community}党群服务中心议事厅", "{community}居委会会议室"],
  party_joint: ["{community}党群服务中心会议室", "{unit}会议室"],
  grid_governance: ["{community}网格工作站", "{grid}网格党支部活动室"],
  public_talk: ["{compound}中心广场", "{compound}物业服务中心"],
  resident_meeting: ["{community}党群服务中心议事厅"],
  bench: ["{place}楼下长椅", "{compound}凉亭"],
  five_party: ["{community}党群服务中心会议室"],
};

export const MEETING_TITLES: Record<string, string> = {
  residents_council: "{month}居民议事会",
  party_joint: "{year}年第{n}次党建联席会议",
  grid_governance: "{grid}{month}网格综治会",
  public_talk: "{compound}民情恳谈会",
  resident_meeting: "居民见面沟通会",
  bench: "{place}板凳议事会",
  five_party: "{compound}五方联动协调会",
};
