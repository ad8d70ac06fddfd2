import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import { notices } from "../db/schema/notices";
import type { Rng } from "./random";
import { seededUuidFactory } from "./random";
import { monthDay, SEED_NOW, seedDayAt } from "./seed-day";

type NoticePlan = { title: string; body: string; pinned?: boolean; daysAgo: number; hour: number; expiresInDays?: number };

/**
 * What a community office posts in an ordinary fortnight (公告): a water cut in one compound with its
 * hours, the winter fire-safety reminder, the e-bike charging rules, and the coming residents'
 * council. Dated around the day of the seed, so the residents' home shows live notices; the ones
 * tied to a day expire after it.
 */
function plansFor(community: string, compound: string): NoticePlan[] {
  const cut = seedDayAt(2, 9);
  const council = seedDayAt(3, 19);
  return [
    {
      title: `${compound}停水通知`,
      body: `因供水管网检修，${monthDay(cut)} 9:00—17:00 ${compound}全部楼栋暂停供水，请居民提前储水。如遇紧急情况请联系网格员或拨打社区电话。`,
      pinned: true,
      daysAgo: 1,
      hour: 16,
      expiresInDays: 3,
    },
    {
      title: "冬季消防安全提示",
      body: `冬季天干物燥，请不要在楼道、安全出口堆放杂物，使用取暖器具时人走断电。${community}将于本月组织各小区开展消防安全检查，请居民配合。`,
      daysAgo: 5,
      hour: 10,
    },
    {
      title: "电动自行车规范停放与充电",
      body: "严禁电动自行车进楼入户、飞线充电。各小区集中充电点已开放，按次扫码付费，网格员将在日常巡查中劝导整改。",
      daysAgo: 9,
      hour: 11,
    },
    {
      title: `居民议事会通知（${monthDay(council)}）`,
      body: `${monthDay(council)} 19:00 在社区党群服务中心召开居民议事会，议题为近期居民提出的小区改造建议，欢迎居民代表和关心此事的居民参加。`,
      daysAgo: 0,
      hour: 9,
      expiresInDays: 4,
    },
  ];
}

/** Notices of each demo community, posted by its secretary. */
export async function seedNotices(tx: Tx, rng: Rng): Promise<number> {
  const newId = seededUuidFactory(rng.fork("ids"));
  const communities = rowsOf<{ id: string; name: string; compound: string | null; author_id: string | null; author_name: string | null }>(
    await tx.execute(sql`
      SELECT a.id, a.name,
        (SELECT c.name FROM compounds c WHERE c.community_id = a.id ORDER BY c.name LIMIT 1) AS compound,
        u.id AS author_id, u.display_name AS author_name
      FROM areas a
      LEFT JOIN LATERAL (SELECT id, display_name FROM users WHERE area_id = a.id AND role = 'community_secretary' ORDER BY username LIMIT 1) u ON true
      WHERE a.level = 'community' ORDER BY a.name`),
  );
  const rows = communities.flatMap((c) =>
    plansFor(c.name, c.compound ?? c.name).map((p) => {
      // Never after the data set's present (a seed in the small hours posts "today's" notice just before).
      const at = new Date(Math.min(seedDayAt(-p.daysAgo, p.hour), SEED_NOW - 30 * 60_000));
      return {
        id: newId(),
        communityId: c.id,
        title: p.title,
        body: p.body,
        pinned: p.pinned ?? false,
        expiresAt: p.expiresInDays === undefined ? null : new Date(seedDayAt(p.expiresInDays, 23, 59)),
        authorId: c.author_id,
        authorName: c.author_name,
        createdAt: at,
        updatedAt: at,
      };
    }),
  );
  if (rows.length) await tx.insert(notices).values(rows);
  return rows.length;
}
