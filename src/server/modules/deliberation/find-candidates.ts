import { and, asc, gte, inArray, lt, ne, notExists, or, sql } from "drizzle-orm";
import { cases } from "../../db/schema/cases";
import { topicCases, topics } from "../../db/schema/deliberation";
import type { DbOrTx } from "../../db/client";
import { presentLinkedCase, linkedCaseSelect, type LinkedCaseRow } from "./topic-queries";
import { addDays, dayAfter, localDay } from "../../platform/clock";
import { underArea } from "../../platform/scope";
import { caseRule } from "../../platform/access";
import type { AuthUser } from "../../platform/context";

export type CandidateGroup = {
  reason: "repeated" | "escalated";
  categoryCode: string;
  categoryName: string;
  area: { id: string; name: string };
  caseCount: number;
  cases: ReturnType<typeof presentLinkedCase>[];
};

/**
 * Cases worth a meeting, not yet on a live topic: repeated ones (the same category in the same
 * microgrid, at least `min` times within `days` days up to `asOf`) and open cases escalated beyond
 * their grid (community, street or department).
 */
export async function findCandidateGroups(db: DbOrTx, user: AuthUser, input: { areaPath: string; days: number; min: number; asOf?: string }): Promise<CandidateGroup[]> {
  const lastDay = input.asOf ?? localDay();
  const end = dayAfter(lastDay).getTime();
  const start = dayAfter(addDays(lastDay, -input.days));
  const notOnTopic = notExists(
    db
      .select({ one: sql`1` })
      .from(topicCases)
      .innerJoin(topics, sql`${topics.id} = ${topicCases.topicId}`)
      .where(and(sql`${topicCases.caseId} = ${cases.id}`, ne(topics.status, "dropped"))),
  );
  const rows: LinkedCaseRow[] = await linkedCaseSelect(db)
    .where(
      and(
        underArea(cases.areaId, input.areaPath),
        caseRule(user, cases),
        notOnTopic,
        or(
          and(gte(cases.createdAt, start), lt(cases.createdAt, new Date(end)), sql`coalesce(${cases.closureKind}, '') NOT IN ('duplicate', 'withdrawn', 'rejected')`),
          and(ne(cases.status, "closed"), inArray(cases.maxLevel, ["community", "street", "department"])),
        ),
      ),
    )
    .orderBy(asc(cases.createdAt));

  const groups: CandidateGroup[] = [];
  const inWindow = rows.filter((r) => r.createdAt >= start && r.createdAt.getTime() < end);
  const byKey = new Map<string, LinkedCaseRow[]>();
  for (const r of inWindow) {
    const key = `${r.categoryCode}|${r.areaId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const grouped = new Set<string>();
  for (const list of byKey.values()) {
    if (list.length < input.min) continue;
    list.forEach((r) => grouped.add(r.id));
    groups.push({ reason: "repeated", categoryCode: list[0].categoryCode, categoryName: list[0].categoryName, area: { id: list[0].areaId!, name: list[0].area ?? "" }, caseCount: list.length, cases: list.map(presentLinkedCase) });
  }
  groups.sort((a, b) => b.caseCount - a.caseCount);
  for (const r of rows) {
    if (grouped.has(r.id) || r.status === "closed" || r.maxLevel === "grid") continue;
    groups.push({ reason: "escalated", categoryCode: r.categoryCode, categoryName: r.categoryName, area: { id: r.areaId!, name: r.area ?? "" }, caseCount: 1, cases: [presentLinkedCase(r)] });
  }
  return groups;
}
