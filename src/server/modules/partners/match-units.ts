import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import type { matchQuery, matchReply } from "../../../contracts/partners";
import { agreementItems, agreements, partnerUnits } from "../../db/schema/partners";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { communityVisible } from "./community-scope";
import { localDay } from "../../platform/clock";
import { presentItem } from "./present-unit";

type Query = z.infer<typeof matchQuery>;
type Reply = z.infer<typeof matchReply>;
type ResourceKind = NonNullable<Query["resourceKind"]>;

/** Words in a need that point at a kind of resource. */
const KIND_WORDS: Array<[ResourceKind, RegExp]> = [
  ["venue", /场地|场所|会议室|活动室|礼堂|教室|借用|空间|停车/],
  ["money", /资金|经费|赞助|捐款|费用|钱/],
  ["staff", /人员|人手|志愿者|医生|律师|老师|专家|党员/],
  ["service", /义诊|咨询|法律|体检|维修|培训|讲座|服务|调解/],
  ["goods", /物资|捐赠|设备|器材|药品|书籍|慰问品/],
];

/** Character bigrams of the Chinese/latin runs of a text (Chinese has no spaces to split on). */
function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  return out;
}

/**
 * Matching: which units' agreements in force offer what a community need asks for. An offer
 * scores for its case category (3), its resource kind, given or read from the need's words (2), and
 * the share of the need's character pairs found in its description (up to 4). Units are ranked
 * by their best offer; offers that score nothing are left out.
 */
export async function matchUnits(db: DbOrTx, user: AuthUser, q: Query): Promise<Reply> {
  if (!q.q && !q.resourceKind && !q.categoryCode) throw new AppError("VALIDATION_FAILED", [{ path: "/q", message: "give a need, a resource kind or a case category" }]);
  const on = q.on ?? localDay();
  const rows = await db
    .select({ item: agreementItems, agreementId: agreements.id, endsOn: agreements.endsOn, unit: { id: partnerUnits.id, name: partnerUnits.name, kind: partnerUnits.kind, bigCommittee: partnerUnits.bigCommittee } })
    .from(agreementItems)
    .innerJoin(agreements, eq(agreements.id, agreementItems.agreementId))
    .innerJoin(partnerUnits, eq(partnerUnits.id, agreements.unitId))
    .where(
      and(
        eq(agreementItems.list, "offer"),
        lte(agreements.startsOn, on),
        gte(agreements.endsOn, on),
        eq(partnerUnits.active, true),
        communityVisible(user, partnerUnits.communityId),
        q.communityId ? eq(partnerUnits.communityId, q.communityId) : undefined,
        q.resourceKind ? eq(agreementItems.resourceKind, q.resourceKind) : undefined,
        q.categoryCode ? sql`${agreementItems.categories} @> ${JSON.stringify([q.categoryCode])}::jsonb` : undefined,
      ),
    );

  const needPairs = q.q ? bigrams(q.q) : new Set<string>();
  const hintedKinds = new Set(q.q ? KIND_WORDS.filter(([, re]) => re.test(q.q!)).map(([k]) => k) : []);
  type Scored = { row: (typeof rows)[number]; score: number };
  const byUnit = new Map<string, Scored[]>();
  for (const r of rows) {
    let score = 0;
    if (q.categoryCode) score += 3;
    if (q.resourceKind) score += 2;
    else if (r.item.resourceKind && hintedKinds.has(r.item.resourceKind)) score += 2;
    if (needPairs.size) {
      const have = bigrams(r.item.description + " " + r.item.categories.join(" "));
      let hit = 0;
      for (const p of needPairs) if (have.has(p)) hit++;
      score += (4 * hit) / needPairs.size;
    }
    if (score <= 0) continue;
    byUnit.set(r.unit.id, [...(byUnit.get(r.unit.id) ?? []), { row: r, score: Math.round(score * 100) / 100 }]);
  }
  const items = [...byUnit.values()].map((offers) => {
    offers.sort((a, b) => b.score - a.score);
    const best = offers[0].row;
    return { unit: best.unit, agreementId: best.agreementId, endsOn: best.endsOn, score: offers[0].score, offers: offers.map((o) => presentItem(o.row.item)) };
  });
  items.sort((a, b) => b.score - a.score || a.unit.name.localeCompare(b.unit.name, "zh-CN"));
  return { items };
}
