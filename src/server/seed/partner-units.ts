import type { agreementItems, agreements, partnerUnits, resourceGivings, rewards, riderServices } from "../db/schema/partners";
import { addDays, dayOf, REF, type Community, type PartnerSeed } from "./partner-context";

/**
 * Partner units of both communities: 红康's four member units of the part-time committee-member
 * scheme (兼职委员制, named in the first article; three are its public units, one a media company)
 * and two shops; 怡心桥's nine member units of its 大党委 (its public units) and the mall and
 * restaurants behind the rider services. Each has consecutive agreements with offers, needs and
 * joint projects, a record of what it gave, and rewards it offers for volunteer points.
 */

export type UnitRow = typeof partnerUnits.$inferInsert;
type AgreementRow = typeof agreements.$inferInsert;
type ItemRow = typeof agreementItems.$inferInsert;
type GivingRow = typeof resourceGivings.$inferInsert;
type RewardRow = typeof rewards.$inferInsert;
type RiderServiceRow = typeof riderServices.$inferInsert;
type Kind = UnitRow["kind"];
type Resource = NonNullable<ItemRow["resourceKind"]>;

type Offer = { kind: Resource; text: string; quantity?: number; unit?: string; categories?: string[] };
type UnitSpec = { name: string; kind: Kind; partyOrg: string | null; big: boolean; offers: Offer[]; needs: string[]; projects: string[]; rewards?: Array<[string, number, number]> };

const HK_UNITS: UnitSpec[] = [
  {
    name: "昆明有色冶金设计研究院股份公司",
    kind: "enterprise",
    partyOrg: "昆明有色冶金设计研究院股份公司党委",
    big: true,
    offers: [
      { kind: "venue", text: "研究院报告厅及会议室，节假日可供社区议事、培训使用", quantity: 200, unit: "座" },
      { kind: "staff", text: "党员工程师志愿者参与楼院设施安全排查", quantity: 20, unit: "人次", categories: ["public_safety", "fire_hazard"] },
      { kind: "money", text: "共建活动经费", quantity: 30000, unit: "元" },
    ],
    needs: ["职工子女暑期托管", "周边道路停车秩序"],
    projects: ["老旧楼院安全隐患联合排查", "红康社区党建联席会议"],
  },
  {
    name: "昆明市口腔医院",
    kind: "hospital",
    partyOrg: "昆明市口腔医院党委",
    big: true,
    offers: [
      { kind: "service", text: "每月义诊：口腔检查、健康咨询", quantity: 12, unit: "次" },
      { kind: "staff", text: "医护志愿者参加河畔集市义诊摊位", quantity: 24, unit: "人次" },
      { kind: "goods", text: "儿童口腔健康包", quantity: 300, unit: "份" },
    ],
    needs: ["就诊高峰期周边交通疏导", "医院周边环境卫生"],
    projects: ["爱心义诊团", "老年人口腔健康筛查"],
    rewards: [["免费口腔检查券", 100, 20]],
  },
  {
    name: "五华区第二幼儿园",
    kind: "school",
    partyOrg: "五华区第二幼儿园党支部",
    big: true,
    offers: [
      { kind: "venue", text: "周末开放幼儿园活动场地，举办亲子活动", quantity: 1, unit: "处" },
      { kind: "service", text: "家庭教育讲座", quantity: 6, unit: "场" },
    ],
    needs: ["上下学时段校门口交通安全", "周边流动摊贩治理"],
    projects: ["四点半课堂", "亲子阅读节"],
    rewards: [["亲子手工课名额", 80, 10]],
  },
  {
    name: "云南言之文化传媒有限公司",
    kind: "enterprise",
    partyOrg: "云南言之文化传媒有限公司党支部",
    big: true,
    offers: [
      { kind: "service", text: "社区活动摄影、宣传片拍摄及公众号推文制作", quantity: 12, unit: "次" },
      { kind: "goods", text: "反诈宣传折页、海报设计印制", quantity: 2000, unit: "份" },
      { kind: "staff", text: "主持人、摄影师志愿者", quantity: 10, unit: "人次" },
    ],
    needs: ["企业员工参与社区志愿服务的渠道"],
    projects: ["河畔集市宣传", "非遗守艺人作品展"],
    rewards: [["文创帆布袋", 50, 40]],
  },
];

const HK_SHOPS: UnitSpec[] = [
  { name: "红康便民理发店", kind: "shop", partyOrg: null, big: false, offers: [{ kind: "service", text: "周五志愿服务现场义务理发", quantity: 48, unit: "次" }], needs: [], projects: ["周五志愿服务"], rewards: [["理发券", 60, 15]] },
  { name: "康宁米线馆", kind: "shop", partyOrg: null, big: false, offers: [{ kind: "goods", text: "志愿者爱心餐", quantity: 200, unit: "份" }], needs: [], projects: [], rewards: [["米线餐券", 40, 0]] },
];

/** 怡心桥's 大党委: its nine public units, with the kind of each. */
const YXQ_KINDS: Record<string, Kind> = {
  hospital: "hospital",
  clinic: "hospital",
  school: "school",
  kindergarten: "school",
  bank: "enterprise",
  telecom: "enterprise",
  utility: "enterprise",
  post: "enterprise",
  transport: "enterprise",
};
const YXQ_OFFERS: Record<string, Offer[]> = {
  hospital: [{ kind: "service", text: "季度义诊、健康讲座", quantity: 4, unit: "次" }, { kind: "staff", text: "急救培训讲师", quantity: 6, unit: "人次", categories: ["public_safety"] }],
  clinic: [{ kind: "service", text: "老年人慢病随访、免费测血压血糖", quantity: 12, unit: "次" }],
  school: [{ kind: "venue", text: "操场及多功能厅周末开放", quantity: 1, unit: "处" }],
  kindergarten: [{ kind: "service", text: "亲子活动与家庭教育讲座", quantity: 4, unit: "场" }],
  bank: [{ kind: "money", text: "共建活动经费", quantity: 20000, unit: "元" }, { kind: "service", text: "反诈金融知识宣讲", quantity: 6, unit: "场" }],
  telecom: [{ kind: "service", text: "老年人智能手机课堂、反诈宣传", quantity: 6, unit: "场" }, { kind: "goods", text: "骑手驿站无线网络", quantity: 8, unit: "处" }],
  utility: [{ kind: "service", text: "楼院用电安全检查", quantity: 4, unit: "次", categories: ["fire_hazard"] }],
  post: [{ kind: "venue", text: "营业厅一角设骑手驿站", quantity: 1, unit: "处" }],
  transport: [{ kind: "staff", text: "公交志愿者参加文明交通劝导", quantity: 12, unit: "人次" }],
};
const YXQ_REWARDS: Record<string, Array<[string, number, number]>> = {
  bank: [["骑手雨衣", 60, 30]],
  telecom: [["10GB流量包", 50, 50]],
  hospital: [["体检优惠券", 120, 10]],
};

export type UnitsBuilt = {
  units: UnitRow[];
  agreements: AgreementRow[];
  items: ItemRow[];
  givings: GivingRow[];
  rewards: RewardRow[];
  riderServices: RiderServiceRow[];
  /** Units by community, the member units of each committee first. */
  byCommunity: Map<string, UnitRow[]>;
};

export function buildUnits(s: PartnerSeed): UnitsBuilt {
  const rng = s.rng.fork("units");
  const out: UnitsBuilt = { units: [], agreements: [], items: [], givings: [], rewards: [], riderServices: [], byCommunity: new Map() };
  const staff = (c: Community) => s.user(c === s.hk ? "hk_staff" : "yxq_staff").id;

  const addUnit = (c: Community, spec: UnitSpec, placeId: string | null, periods: Array<[string, string]>) => {
    const id = s.newId();
    const contact = s.name(rng);
    const unit: UnitRow = {
      id,
      communityId: c.id,
      placeId,
      name: spec.name,
      kind: spec.kind,
      contactName: contact,
      partyOrg: spec.partyOrg,
      bigCommittee: spec.big,
      active: true,
      createdAt: new Date(`${periods[0][0]}T09:00:00+08:00`),
    };
    out.units.push(unit);
    out.byCommunity.set(c.id, [...(out.byCommunity.get(c.id) ?? []), unit]);
    const member = spec.big ? s.name(rng) : null;
    for (const [startsOn, endsOn] of periods) {
      const agreementId = s.newId();
      out.agreements.push({
        id: agreementId,
        unitId: id,
        communityId: c.id,
        startsOn,
        endsOn,
        signatories: [c.name.replace("社区", "社区党委"), spec.partyOrg ?? spec.name],
        partTimeMember: member,
        signedOn: dayOf(addDays(new Date(`${startsOn}T09:00:00+08:00`), -rng.int(3, 20))),
        createdAt: new Date(`${startsOn}T09:00:00+08:00`),
      });
      const offerIds: Array<[string, Offer]> = [];
      for (const o of spec.offers) {
        const itemId = s.newId();
        offerIds.push([itemId, o]);
        out.items.push({ id: itemId, agreementId, list: "offer", resourceKind: o.kind, categories: o.categories ?? [], description: o.text, quantity: o.quantity ?? null, unit: o.unit ?? null });
      }
      for (const n of spec.needs) out.items.push({ id: s.newId(), agreementId, list: "need", resourceKind: null, categories: [], description: n, quantity: null, unit: null });
      for (const p of spec.projects) out.items.push({ id: s.newId(), agreementId, list: "project", resourceKind: null, categories: [], description: p, quantity: null, unit: null });
      // What the unit actually gave under this agreement, up to the present.
      const start = new Date(`${startsOn}T09:00:00+08:00`);
      const end = new Date(Math.min(new Date(`${endsOn}T18:00:00+08:00`).getTime(), REF.getTime()));
      if (end <= start) continue;
      const months = Math.max(1, Math.round((end.getTime() - start.getTime()) / (30 * 86400_000)));
      for (const [itemId, o] of offerIds) {
        const times = Math.min(months, Math.max(1, Math.round(months / rng.int(4, 6))));
        for (let k = 0; k < times; k++) {
          const given = new Date(start.getTime() + ((k + rng.float()) / times) * (end.getTime() - start.getTime()));
          const total = o.quantity ?? 1;
          const quantity = o.kind === "money" ? Math.round(total / Math.max(times, 2) / 100) * 100 : Math.max(1, Math.round(total / Math.max(times, 2)));
          out.givings.push({ id: s.newId(), unitId: id, itemId, givenOn: dayOf(given), resourceKind: o.kind, description: o.text.split("，")[0], quantity, unit: o.unit ?? null, recordedBy: staff(c) });
        }
      }
    }
    for (const [name, cost, stock] of spec.rewards ?? []) out.rewards.push({ id: s.newId(), communityId: c.id, unitId: id, name, cost, stock, active: true });
    return unit;
  };

  // 红康: the four member units from 2024 (two consecutive agreements), and two shops.
  for (const spec of HK_UNITS) {
    const place = s.place(s.hk, spec.name);
    addUnit(s.hk, spec, place?.id ?? null, [
      ["2024-03-01", "2025-12-31"],
      ["2026-01-01", "2027-12-31"],
    ]);
  }
  for (const spec of HK_SHOPS) addUnit(s.hk, spec, null, [["2025-06-01", "2027-05-31"]]);
  out.rewards.push({ id: s.newId(), communityId: s.hk.id, unitId: null, name: "环保洗衣液", cost: 30, stock: 100, active: true });

  // 怡心桥: the nine public units of its 大党委, linked to their places.
  const publicUnits = s.places.filter((p) => p.communityId === s.yxq.id && p.kind === "public_unit").sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  for (const p of publicUnits) {
    const category = String(p.attrs.category ?? "other");
    addUnit(
      s.yxq,
      {
        name: p.name,
        kind: YXQ_KINDS[category] ?? "other",
        partyOrg: `${p.name}党支部`,
        big: true,
        offers: YXQ_OFFERS[category] ?? [{ kind: "staff", text: "党员志愿者", quantity: 10, unit: "人次" }],
        needs: ["单位周边环境整治"],
        projects: ["大党委联合主题党日", "骑手友好社区建设"],
        rewards: YXQ_REWARDS[category],
      },
      p.id,
      [
        ["2024-07-01", "2026-06-30"],
        ["2026-07-01", "2028-06-30"],
      ],
    );
  }

  // The mall and two restaurants behind the rider services.
  const mallPlace = s.places.find((p) => p.communityId === s.yxq.id && p.kind === "commercial_centre") ?? null;
  const mall = addUnit(
    s.yxq,
    { name: mallPlace?.name ?? "南亚风情第壹城", kind: "enterprise", partyOrg: null, big: false, offers: [{ kind: "venue", text: "商场入口骑手临时停车区", quantity: 20, unit: "车位" }], needs: ["骑手送餐高峰通道秩序"], projects: ["骑手友好社区建设"], rewards: [["骑手爱心餐券", 40, 60]] },
    mallPlace?.id ?? null,
    [["2025-01-01", "2026-12-31"]],
  );
  const restaurants = s.places.filter((p) => p.communityId === s.yxq.id && p.kind === "shop" && /米线|饵丝|餐厅|早点/.test(p.name)).slice(0, 2);
  const eateries = restaurants.map((p) =>
    addUnit(s.yxq, { name: p.name, kind: "shop", partyOrg: null, big: false, offers: [{ kind: "service", text: "骑手凭工牌用餐八折", quantity: 1, unit: "项" }], needs: [], projects: ["骑手爱心餐"] }, p.id, [["2025-03-01", "2027-02-28"]]),
  );
  const station = s.places.find((p) => p.communityId === s.yxq.id && p.kind === "rider_station");
  const service = (kind: RiderServiceRow["kind"], name: string, description: string, unit: UnitRow | null, placeId: string | null) =>
    out.riderServices.push({ id: s.newId(), communityId: s.yxq.id, kind, name, description, unitId: unit?.id ?? null, placeId, location: null });
  for (const e of eateries) service("meal_discount", `骑手爱心餐·${e.name}`, "骑手凭工牌或平台账号用餐享八折，午晚高峰可优先出餐。", e, e.placeId ?? null);
  service("meal_discount", "第壹城骑手爱心餐", "商场美食广场为骑手提供15元爱心套餐，每日限量100份。", mall, mallPlace?.id ?? null);
  service("green_channel", "商场配送绿色通道", "骑手经商场东侧专用通道和货梯取送餐，不与顾客争道。", mall, mallPlace?.id ?? null);
  service("temp_parking", "商场门口免费临时停车", "南亚风情第壹城正门划设骑手临时停车区，取送餐免费停放20分钟。", mall, mallPlace?.id ?? null);
  service("other", "驿站应急药箱与充电", "温新驿站提供常用药品、急救包和电动车应急充电。", null, station?.id ?? null);

  return out;
}

/** The four member units of 红康's part-time committee-member scheme, for activities and booths. */
export const HK_MEMBER_UNITS = HK_UNITS.map((u) => u.name);
