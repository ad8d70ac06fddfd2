import type { checklistItems, checklistTemplates } from "../db/schema/patrols";
import type { ChecklistItemInput, TargetKind } from "../../contracts/patrols";

/**
 * The global checklist templates of the demo (community_id null): one per kind of patrol target,
 * with the items a street office's forms ask for. The fire-safety checklist has two versions: the
 * second (2025) adds the e-bike charging item, so older visits keep answering the first.
 */

type Spec = Omit<ChecklistItemInput, "required" | "opensCase"> & { required?: boolean; opensCase?: boolean };
const yes = (label: string, caseCategory?: string): Spec => ({ label, type: "yes_no", failWhen: { equals: false }, opensCase: !!caseCategory, caseCategory });
const no = (label: string, caseCategory?: string): Spec => ({ label, type: "yes_no", failWhen: { equals: true }, opensCase: !!caseCategory, caseCategory });
const photo = (label: string): Spec => ({ label, type: "photo", required: false });
const note = (label: string, required = false): Spec => ({ label, type: "text", required });

const FIRE_V1: Spec[] = [
  yes("消防通道、安全出口畅通", "fire_hazard"),
  yes("灭火器、消火栓完好有效", "fire_hazard"),
  yes("应急照明、疏散指示标志正常"),
  yes("无违规用火用电", "fire_hazard"),
  photo("现场照片"),
];

export const TEMPLATE_SPECS: Array<{ kind: TargetKind; name: string; versions: Array<{ from: string; items: Spec[] }> }> = [
  {
    kind: "key_enterprise",
    name: "重点企业安全检查表",
    versions: [
      {
        from: "2023-07-01",
        items: [
          yes("安全出口、疏散通道畅通", "fire_hazard"),
          yes("灭火器配置齐全且在有效期内", "fire_hazard"),
          yes("电气线路无私拉乱接、老化破损", "fire_hazard"),
          yes("燃气管道、阀门及报警装置正常", "public_safety"),
          { label: "员工消防安全培训", type: "choice", options: ["已培训", "部分培训", "未培训"], failWhen: { in: ["未培训"] } },
          { label: "在岗人数", type: "number", required: false },
          photo("现场照片"),
          note("其他情况说明"),
        ],
      },
    ],
  },
  {
    kind: "special_household",
    name: "特殊群体走访记录表",
    versions: [
      {
        from: "2023-07-01",
        items: [
          { label: "身体健康状况", type: "choice", options: ["良好", "一般", "较差"], failWhen: { in: ["较差"] } },
          { label: "生活自理能力", type: "choice", options: ["完全自理", "部分自理", "不能自理"], failWhen: { in: ["不能自理"] } },
          yes("居住环境安全（燃气、用电、防滑）", "public_safety"),
          yes("紧急联系人电话畅通"),
          note("本次提出的需求"),
          photo("走访照片"),
        ],
      },
    ],
  },
  {
    kind: "key_person",
    name: "重点人员走访记录表",
    versions: [
      {
        from: "2023-07-01",
        items: [
          yes("本人在辖区居住"),
          { label: "近期情绪状态", type: "choice", options: ["稳定", "波动", "异常"], failWhen: { in: ["异常"] }, opensCase: true, caseCategory: "police_sensitive" },
          { label: "家庭关系", type: "choice", options: ["和睦", "一般", "紧张"], failWhen: { in: ["紧张"] } },
          no("存在矛盾纠纷苗头", "dispute_neighbour"),
          note("走访情况说明", true),
        ],
      },
    ],
  },
  {
    kind: "billboard",
    name: "户外广告牌安全检查表",
    versions: [
      {
        from: "2023-07-01",
        items: [
          yes("牌体固定牢固、无松动", "billboard"),
          yes("钢结构无锈蚀、破损", "billboard"),
          yes("设置许可在有效期内", "billboard"),
          yes("照明及电气线路安全"),
          { label: "风险等级", type: "choice", options: ["低", "中", "高"], failWhen: { in: ["高"] } },
          photo("现场照片"),
        ],
      },
    ],
  },
  {
    kind: "river",
    name: "河长巡河记录表",
    versions: [
      {
        from: "2023-07-01",
        items: [
          yes("水面及岸线无垃圾、漂浮物", "river"),
          yes("无下河游泳、垂钓等危险行为"),
          yes("沿岸无流动摊贩占道经营"),
          yes("排污口无异常排放", "river"),
          yes("护栏、警示牌完好", "public_safety"),
          { label: "劝导人次", type: "number", required: false, failWhen: undefined },
          photo("巡河照片"),
        ],
      },
    ],
  },
  {
    kind: "food_business",
    name: "食品安全检查表",
    versions: [
      {
        from: "2023-07-01",
        items: [
          yes("营业执照、食品经营许可证齐全有效", "food_safety"),
          yes("从业人员健康证明在有效期内", "food_safety"),
          yes("经营场所及后厨卫生整洁"),
          yes("食品原料进货查验记录完整"),
          yes("无过期、变质食品", "food_safety"),
          { label: "检查结论", type: "choice", options: ["合格", "限期整改", "不合格"], failWhen: { in: ["不合格"] } },
        ],
      },
    ],
  },
  {
    kind: "fire_point",
    name: "消防安全巡查表",
    versions: [
      { from: "2023-07-01", items: FIRE_V1 },
      {
        from: "2025-01-01",
        items: [...FIRE_V1.slice(0, 4), yes("无电动自行车违规停放、充电", "fire_hazard"), { label: "参与检查的骑手、志愿者人数", type: "number", required: false }, FIRE_V1[4]],
      },
    ],
  },
];

export type TemplateRow = typeof checklistTemplates.$inferInsert;
export type ItemRow = typeof checklistItems.$inferInsert & { id: string; label: string; type: ChecklistItemInput["type"] };
export type SeedTemplate = { id: string; version: number; from: string; items: ItemRow[] };
export type SeedFamily = { familyId: string; kind: TargetKind; name: string; versions: SeedTemplate[] };

/** Template and item rows with ids from the seeded factory; created at each version's start. */
export function buildTemplates(newId: () => string) {
  const templates: TemplateRow[] = [];
  const items: ItemRow[] = [];
  const families = new Map<TargetKind, SeedFamily>();
  for (const spec of TEMPLATE_SPECS) {
    const familyId = newId();
    const family: SeedFamily = { familyId, kind: spec.kind, name: spec.name, versions: [] };
    spec.versions.forEach((v, i) => {
      const id = i === 0 ? familyId : newId();
      templates.push({
        id,
        familyId,
        version: i + 1,
        communityId: null,
        targetKind: spec.kind,
        name: spec.name,
        current: i === spec.versions.length - 1,
        createdAt: new Date(`${v.from}T09:00:00+08:00`),
      });
      const rows = v.items.map(
        (it, seq): ItemRow => ({
          id: newId(),
          templateId: id,
          seq: seq + 1,
          label: it.label,
          type: it.type,
          options: it.options ?? null,
          required: it.required ?? true,
          failWhen: (it.failWhen as Record<string, unknown> | undefined) ?? null,
          opensCase: it.opensCase ?? false,
          caseCategory: it.caseCategory ?? null,
        }),
      );
      items.push(...rows);
      family.versions.push({ id, version: i + 1, from: v.from, items: rows });
    });
    families.set(spec.kind, family);
  }
  return { templates, items, families };
}

/** The version of a family in use on a day. */
export function versionOn(family: SeedFamily, day: string): SeedTemplate {
  let v = family.versions[0];
  for (const x of family.versions) if (x.from <= day) v = x;
  return v;
}
