import type { LngLat } from "../db/schema/types";
import type { places } from "../db/schema/places";
import type { PersonalDataCipher } from "../platform/personal-data";
import type { CommunityAreas, MicrogridNode } from "./areas";
import { pointIn, pointNear } from "./geometry";
import { CreditCodeRegistry, PhoneRegistry } from "./identity";
import { personName, surname } from "./names";
import type { Rng } from "./random";

/**
 * Non-residential places of a community: public units, commercial centres, rider stations (温新驿站),
 * enterprises and shops, with invented names, addresses, contacts and a location in a microgrid.
 */

export type PlaceRow = typeof places.$inferInsert;

export const STATION_ATTRS = {
  amenities: ["hot_water", "wifi", "microwave", "toilet", "charging", "first_aid", "rest"],
  hours: "08:00-22:00",
};

const split = (s: string) => s.split(/\s+/).filter(Boolean);

const BRANDS = split(`瑞丰 金盛 华信 宏达 恒通 鼎力 佳和 远航 天成 博雅 云创 滇峰 春城 彩云 翠湖 金碧 盘江 高原
  沃土 万和 联创 精诚 新锐 润泽 嘉禾 明远 兴邦 弘业 同辉 卓越 汇通 泰和 永盛 聚源 正和 拓普 青禾 睿智 德润
  云岭 七彩 金马 碧鸡 长虹 安泰 力行 和合 众信 星辰 智远 海润 旭日 锦程 凯达`);

const INDUSTRIES: Array<readonly [string, string]> = [
  ["科技", "technology"], ["信息技术", "technology"], ["商贸", "trade"], ["餐饮管理", "catering"],
  ["物业服务", "property"], ["建筑工程", "construction"], ["文化传媒", "media"], ["教育咨询", "education"],
  ["医药", "pharmacy"], ["电子商务", "ecommerce"], ["酒店管理", "hotel"], ["装饰工程", "construction"],
  ["广告", "media"], ["旅行社", "tourism"], ["房地产经纪", "real_estate"], ["人力资源", "services"],
  ["家政服务", "services"], ["健康管理", "health"], ["物流", "logistics"], ["会计服务", "services"],
  ["工程设计", "design"], ["农业科技", "agriculture"], ["茶业", "trade"], ["汽车服务", "automotive"],
];

const SHOP_TYPES: Array<readonly [string, string]> = [
  ["过桥米线", "catering"], ["小锅米线", "catering"], ["饵丝店", "catering"], ["烧烤", "catering"],
  ["菌子火锅", "catering"], ["汽锅鸡", "catering"], ["早点铺", "catering"], ["傣味餐厅", "catering"],
  ["便利店", "retail"], ["超市", "retail"], ["水果店", "retail"], ["生鲜店", "retail"], ["理发店", "beauty"],
  ["美甲店", "beauty"], ["大药房", "pharmacy"], ["五金店", "retail"], ["干洗店", "services"], ["花店", "retail"],
  ["奶茶店", "catering"], ["烘焙坊", "catering"], ["宠物店", "services"], ["眼镜店", "retail"],
  ["手机维修", "services"], ["汽车美容", "automotive"], ["烟酒商行", "retail"], ["茶庄", "retail"],
  ["文具店", "retail"], ["母婴店", "retail"], ["鲜花饼店", "catering"], ["酸菜鱼", "catering"],
];

const SHOP_BRANDS = split(`鑫源 福满 好邻居 乐家 惠民 阿妹 滇味 小滇 云岭 万家 嘉旺 百佳 顺心 康宁 红康 邻里
  春晓 益民 金穗 福临门 老滇 彩云间 翠湖边 知味 一品 三七 小菜园 乐活 花间 雨林`);

type Ctx = {
  rng: Rng;
  ca: CommunityAreas;
  newId: () => string;
  phones: PhoneRegistry;
  cipher: PersonalDataCipher;
};

function makePlace(
  ctx: Ctx,
  kind: PlaceRow["kind"],
  name: string,
  address: string,
  where: { mg: MicrogridNode; location: LngLat },
  extra: Partial<PlaceRow> = {},
): PlaceRow {
  const { rng } = ctx;
  const phone = ctx.phones.issue(rng);
  const sex = rng.chance(0.5) ? "M" : "F";
  return {
    id: ctx.newId(),
    communityId: ctx.ca.community.row.id,
    areaId: where.mg.row.id,
    kind,
    name,
    address,
    contactName: personName(rng, sex, rng.int(1965, 1998)),
    contactPhoneEnc: ctx.cipher.encrypt(phone),
    contactPhoneTail: phone.slice(-4),
    location: where.location,
    attrs: {},
    active: true,
    ...extra,
  };
}

export function buildPlaces(
  rng: Rng,
  ca: CommunityAreas,
  newId: () => string,
  phones: PhoneRegistry,
  creditCodes: CreditCodeRegistry,
  cipher: PersonalDataCipher,
): PlaceRow[] {
  const ctx: Ctx = { rng, ca, newId, phones, cipher };
  const { spec } = ca;
  const rows: PlaceRow[] = [];
  const anywhere = () => {
    const mg = rng.pick(ca.microgrids);
    return { mg, location: pointIn(rng, mg.rect, 0.08) };
  };
  const near = (p: { mg: MicrogridNode; location: LngLat }) => ({ mg: p.mg, location: pointNear(rng, p.location, 0.0004, p.mg.rect) });
  const streetAddress = () => `${rng.pick(spec.roads)}${rng.int(1, 320)}号`;

  for (const u of spec.publicUnits) {
    rows.push(makePlace(ctx, "public_unit", u.name, streetAddress(), anywhere(), { attrs: { category: u.category, partner: true } }));
  }

  const centres = spec.commercialCentres.map((name) => {
    const where = anywhere();
    rows.push(makePlace(ctx, "commercial_centre", name, streetAddress(), where));
    return { name, where };
  });

  spec.riderStations.forEach((name, i) => {
    // The first stations stand at the commercial centres' entrances.
    const where = i < centres.length ? near(centres[i].where) : anywhere();
    rows.push(makePlace(ctx, "rider_station", name, streetAddress(), where, { attrs: { ...STATION_ATTRS, amenities: [...STATION_ATTRS.amenities] } }));
  });

  const names = new Set<string>(rows.map((r) => r.name));
  const enterprises = Math.round(spec.businesses * spec.enterpriseShare);
  for (let i = 0; i < enterprises; i++) {
    let name = spec.namedEnterprises[i] ?? "";
    let industry = INDUSTRIES.find(([label]) => name.includes(label))?.[1] ?? "services";
    while (!name || names.has(name)) {
      const [label, code] = rng.pick(INDUSTRIES);
      const prefix = rng.weighted([["云南", 0.6], ["昆明", 0.4]] as const);
      const suffix = rng.weighted([["有限公司", 0.85], ["有限责任公司", 0.1], ["股份有限公司", 0.05]] as const);
      name = `${prefix}${rng.pick(BRANDS)}${label}${suffix}`;
      industry = code;
    }
    names.add(name);
    const floor = rng.int(1, 18);
    rows.push(
      makePlace(ctx, "enterprise", name, `${streetAddress()}${rng.chance(0.6) ? `${floor}楼` : ""}`, anywhere(), {
        creditCode: creditCodes.issue(rng, spec.region, "enterprise"),
        attrs: { industry, employees: rng.weighted([[rng.int(3, 20), 0.6], [rng.int(21, 100), 0.3], [rng.int(101, 300), 0.1]] as const) },
      }),
    );
  }

  for (let i = enterprises; i < spec.businesses; i++) {
    const [type, category] = rng.pick(SHOP_TYPES);
    const inCentre = centres.length > 0 && rng.chance(0.4) ? rng.pick(centres) : null;
    const base = rng.chance(0.4) ? `${rng.pick(SHOP_BRANDS)}${type}` : rng.chance(0.5) ? `${surname(rng)}记${type}` : `老${surname(rng)}家${type}`;
    let name = base;
    for (let k = 0; names.has(name); k++) name = k === 0 ? `${base}(${rng.pick(spec.roads)}店)` : `${base}(${k + 1}号店)`;
    names.add(name);
    const where = inCentre ? near(inCentre.where) : anywhere();
    const address = inCentre
      ? `${inCentre.name}${rng.pick(["A", "B", "C"])}座${rng.int(1, 4)}F-${String(rng.int(1, 60)).padStart(2, "0")}号`
      : `${streetAddress()}${rng.chance(0.5) ? `附${rng.int(1, 12)}号` : "商铺"}`;
    rows.push(
      makePlace(ctx, "shop", name, address, where, {
        creditCode: creditCodes.issue(rng, spec.region, "individual"),
        attrs: { category },
      }),
    );
  }
  return rows;
}
