import type { Rect } from "./geometry";
import { REGION_WUHUA, REGION_XISHAN } from "./identity";

/**
 * The fixed facts of the demo: the area tree above the communities, and for each community the
 * figures from the source articles (households, residents, party members, places …) plus invented
 * but plausible names for compounds, streets and stations.
 */

export type BuildingStyle = "highrise" | "midrise" | "walkup";

export type CompoundSpec = {
  name: string;
  /** Indexes of the microgrids its buildings stand in; the first holds the compound's gate. */
  microgrids: number[];
  /** Relative share of the community's households. */
  weight: number;
  style: BuildingStyle;
};

export type BranchScope = { grid: number } | { compound: number } | { community: "working" | "retired" };

export type PublicUnitSpec = { name: string; category: string };

export type CommunitySpec = {
  key: "hk" | "yxq";
  name: string;
  shortCode: string;
  code: string;
  /** Index into STREETS. */
  street: number;
  region: string;
  rect: Rect;
  /** Grids as a `cols` × `rows` split of the community, each grid then split into two microgrids. */
  gridCols: number;
  gridRows: number;
  /** How a grid is halved: "ns" north/south, "ew" west/east. */
  microSplit: "ns" | "ew";
  gridNames: string[];
  compoundKind: "compound" | "courtyard";
  compounds: CompoundSpec[];
  households: number;
  persons: number;
  committee: string;
  branches: Array<{ name: string; scope: BranchScope }>;
  partyMembers: number;
  publicUnits: PublicUnitSpec[];
  commercialCentres: string[];
  riderStations: string[];
  /** Enterprises and shops together, and the share that are enterprises. */
  businesses: number;
  enterpriseShare: number;
  namedEnterprises: string[];
  roads: string[];
  residentPhone: string;
  riderPhone: string;
};

export type UpperArea = { name: string; code: string; rect: Rect; region?: string };

export const CITY: UpperArea = {
  name: "昆明市",
  code: "530100",
  rect: { west: 102.5, south: 24.85, east: 102.9, north: 25.25 },
};

export const DISTRICTS: UpperArea[] = [
  { name: "五华区", code: REGION_WUHUA, region: REGION_WUHUA, rect: { west: 102.6, south: 25.045, east: 102.75, north: 25.2 } },
  { name: "西山区", code: REGION_XISHAN, region: REGION_XISHAN, rect: { west: 102.55, south: 24.9, east: 102.73, north: 25.044 } },
];

/** Streets (街道) with the index of their district. */
export const STREETS: Array<UpperArea & { district: number }> = [
  { name: "红云街道", code: "530102010", district: 0, rect: { west: 102.705, south: 25.06, east: 102.735, north: 25.09 } },
  { name: "前卫街道", code: "530112004", district: 1, rect: { west: 102.68, south: 25.005, east: 102.715, north: 25.035 } },
];

const ordinal = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export const HONGKANG: CommunitySpec = {
  key: "hk",
  name: "红康社区",
  shortCode: "HK",
  code: "530102010021",
  street: 0,
  region: REGION_WUHUA,
  // About 0.6 km² on the west bank of the Panlong river, north Kunming.
  rect: { west: 102.715, south: 25.068, east: 102.723, north: 25.0747 },
  gridCols: 3,
  gridRows: 1,
  microSplit: "ns",
  gridNames: [1, 2, 3].map((i) => `红康第${ordinal[i - 1]}网格`),
  compoundKind: "compound",
  compounds: [
    { name: "金水湾小区", microgrids: [4, 5], weight: 3.4, style: "highrise" },
    { name: "康宁花园", microgrids: [0], weight: 1.5, style: "highrise" },
    { name: "红云雅苑", microgrids: [1], weight: 1.6, style: "highrise" },
    { name: "盘江明珠小区", microgrids: [2], weight: 1.4, style: "highrise" },
    { name: "北仓佳园", microgrids: [3], weight: 1.1, style: "midrise" },
  ],
  households: 9676,
  persons: 20563,
  committee: "红康社区党委",
  branches: [
    { name: "红康第一网格党支部", scope: { grid: 0 } },
    { name: "红康第二网格党支部", scope: { grid: 1 } },
    { name: "红康第三网格党支部", scope: { grid: 2 } },
    { name: "金水湾小区党支部", scope: { compound: 0 } },
    { name: "康宁花园党支部", scope: { compound: 1 } },
    { name: "红云雅苑党支部", scope: { compound: 2 } },
    { name: "盘江明珠小区党支部", scope: { compound: 3 } },
    { name: "北仓佳园党支部", scope: { compound: 4 } },
    { name: "红康社区机关党支部", scope: { community: "working" } },
    { name: "红康社区离退休党员党支部", scope: { community: "retired" } },
  ],
  partyMembers: 429,
  // The three public units; 兼职委员制 member units from the article.
  publicUnits: [
    { name: "昆明有色冶金设计研究院股份公司", category: "institute" },
    { name: "昆明市口腔医院", category: "hospital" },
    { name: "五华区第二幼儿园", category: "kindergarten" },
  ],
  commercialCentres: [],
  riderStations: [],
  businesses: 614,
  enterpriseShare: 0.35,
  namedEnterprises: ["云南言之文化传媒有限公司", "云南新安酒店管理有限公司", "昆明洱韵餐饮管理有限公司"],
  roads: ["红云路", "红康路", "金水湾路", "北仓路", "盘江西路", "江岸路"],
  residentPhone: "13900000001",
  riderPhone: "13900000002",
};

export const YIXINQIAO: CommunitySpec = {
  key: "yxq",
  name: "怡心桥社区",
  shortCode: "YXQ",
  code: "530112004015",
  street: 1,
  region: REGION_XISHAN,
  rect: { west: 102.69, south: 25.015, east: 102.7, north: 25.022 },
  gridCols: 3,
  gridRows: 2,
  microSplit: "ew",
  gridNames: [1, 2, 3, 4, 5, 6].map((i) => `怡心桥第${ordinal[i - 1]}网格`),
  compoundKind: "courtyard",
  compounds: [
    ["怡心苑", 1.2, "midrise"],
    ["怡景园", 1.1, "midrise"],
    ["前卫西路12号院", 0.8, "walkup"],
    ["日新中路28号院", 0.9, "walkup"],
    ["书香楼院", 0.7, "walkup"],
    ["兴苑楼院", 1.0, "midrise"],
    ["福海楼院", 0.9, "walkup"],
    ["银杏楼院", 0.8, "walkup"],
    ["康乐园", 1.3, "highrise"],
    ["春晖苑", 1.0, "midrise"],
    ["桥西楼院", 0.7, "walkup"],
    ["锦华苑", 1.4, "highrise"],
    ["滇池路566号院", 0.9, "walkup"],
  ].map(([name, weight, style], i) => ({
    name: name as string,
    microgrids: [i % 12],
    weight: weight as number,
    style: style as BuildingStyle,
  })),
  households: 4850,
  persons: 11200,
  committee: "怡心桥社区党委",
  branches: [1, 2, 3, 4, 5, 6].map((i) => ({ name: `怡心桥第${ordinal[i - 1]}网格党支部`, scope: { grid: i - 1 } })),
  partyMembers: 210,
  // The nine member units of the 大党委 (invented names).
  publicUnits: [
    { name: "西山区怡心医院", category: "hospital" },
    { name: "前卫街道社区卫生服务中心", category: "clinic" },
    { name: "昆明市怡心桥小学", category: "school" },
    { name: "西山区前卫幼儿园", category: "kindergarten" },
    { name: "富滇银行怡心桥支行", category: "bank" },
    { name: "中国移动怡心桥营业厅", category: "telecom" },
    { name: "西山区前卫供电所", category: "utility" },
    { name: "中国邮政前卫支局", category: "post" },
    { name: "昆明公交集团前卫场站", category: "transport" },
  ],
  commercialCentres: ["南亚风情第壹城", "滇池时代广场"],
  riderStations: ["第壹城店", "时代广场店", "前卫西路店", "日新中路店", "怡心桥店", "滇池路店", "兴苑路店", "书香店"].map(
    (s) => `温新驿站(${s})`,
  ),
  businesses: 120,
  enterpriseShare: 0.3,
  namedEnterprises: ["星秀文化传媒(昆明)有限公司"],
  roads: ["前卫西路", "日新中路", "滇池路", "怡心路", "兴苑路"],
  residentPhone: "13900000011",
  riderPhone: "13900000012",
};

export const COMMUNITIES: CommunitySpec[] = [HONGKANG, YIXINQIAO];
