import type { CommunityCtx } from "./deliberation-context";
import { local, type MeetingPlan } from "./deliberation-meetings";
import type { Rng } from "./random";
import { SEED_DAY, SEED_NOW } from "./seed-day";

/** The month of the seed, [y, m]: the regular meetings run up to it. */
const END: [number, number] = [Number(SEED_DAY.slice(0, 4)), Number(SEED_DAY.slice(5, 7))];
/** Meetings that were held: over a few hours before the present. */
const held = (p: MeetingPlan) => p.at < SEED_NOW - 4 * 3600_000;

/**
 * When each community met, from December 2023 to the day of the seed. For 红康 the year the article
 * reports on (December 2023 – December 2024) is laid out to its figures: 20+ 居民议事会 (with the
 * five on the office rooms, see the stories) settling 60+ concerns, 7 党建联席会议 with the four
 * 兼职委员制 member units, and 80+ problems settled with all five parties at the table (五方联动:
 * 党建联席会、网格综治会、议事协商会、民情恳谈会). Afterwards the rhythm goes on month by month.
 * 怡心桥 holds its 大党委 joint meeting every quarter and its grid meetings every other month.
 */

type Day = [number, number, number];
const at = ([y, m, d]: Day, h = 19) => local(y, m, d, h);

/** The second Wednesday (or another weekday) of every month from `from` to `to`, as [y, m, d]. */
function monthly(from: [number, number], to: [number, number], weekday: number, nth: number): Day[] {
  const out: Day[] = [];
  for (let [y, m] = from; y < to[0] || (y === to[0] && m <= to[1]); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
    const d = 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7;
    out.push([y, m, d]);
  }
  return out;
}

export function schedule(c: CommunityCtx, rng: Rng): MeetingPlan[] {
  return c.key === "hk" ? hongkang(rng) : yixinqiao(rng);
}

function hongkang(rng: Rng): MeetingPlan[] {
  const plans: MeetingPlan[] = [];
  // 居民议事会 of 2024 besides the five on the office rooms: about every two weeks from late April.
  const councils: Day[] = [
    [2024, 4, 24], [2024, 5, 8], [2024, 5, 29], [2024, 6, 12], [2024, 6, 26], [2024, 7, 10], [2024, 7, 31], [2024, 8, 14], [2024, 8, 28],
    [2024, 9, 11], [2024, 9, 25], [2024, 10, 16], [2024, 10, 30], [2024, 11, 13], [2024, 11, 27], [2024, 12, 11], [2024, 12, 25],
  ];
  councils.forEach((d, i) => plans.push({ kind: "residents_council", at: at(d), topics: i < 6 ? 4 : 3, five: i % 2 === 0 }));
  // 党建联席会议: seven in the article's year.
  for (const d of [[2024, 1, 18], [2024, 3, 21], [2024, 5, 23], [2024, 7, 18], [2024, 9, 19], [2024, 11, 14], [2024, 12, 19]] as Day[]) {
    plans.push({ kind: "party_joint", at: at(d, 15), topics: 3, five: true, isPublic: false });
  }
  // 网格综治会 monthly, rotating the grids; 民情恳谈会 every other month; a few bench meetings on site.
  monthly([2024, 1], [2024, 12], 2, 3).forEach((d, i) => plans.push({ kind: "grid_governance", at: at(d, 15), topics: 3, five: i % 2 === 0 }));
  ([[2024, 2, 24], [2024, 4, 20], [2024, 6, 22], [2024, 8, 24], [2024, 10, 19], [2024, 11, 23]] as Day[]).forEach((d, i) =>
    plans.push({ kind: "public_talk", at: at(d, 10), topics: 3, five: i % 3 !== 2 }),
  );
  ([[2024, 3, 28], [2024, 7, 23], [2024, 9, 5], [2024, 10, 24]] as Day[]).forEach((d) => plans.push({ kind: "bench", at: at(d, 16), topics: 1, five: false }));

  // From 2025 on: the same bodies at their own pace.
  monthly([2025, 1], END, 3, 2).forEach((d, i) => plans.push({ kind: "residents_council", at: at(d), topics: 3, five: i % 5 < 2 }));
  ([[2025, 3, 20], [2025, 6, 19], [2025, 9, 18], [2025, 12, 18], [2026, 3, 19], [2026, 6, 18], [2026, 9, 17]] as Day[]).forEach((d) =>
    plans.push({ kind: "party_joint", at: at(d, 15), topics: 2, five: true, isPublic: false }),
  );
  // … and every quarter after that (third Thursday of December, March, …).
  monthly([2026, 12], END, 4, 3)
    .filter(([, m]) => m % 3 === 0)
    .forEach((d) => plans.push({ kind: "party_joint", at: at(d, 15), topics: 2, five: true, isPublic: false }));
  monthly([2025, 1], END, 2, 3).forEach((d, i) => plans.push({ kind: "grid_governance", at: at(d, 15), topics: 2, five: i % 3 !== 2 }));
  ([[2025, 4, 19], [2025, 8, 23], [2025, 12, 13], [2026, 4, 18], [2026, 8, 22]] as Day[]).forEach((d) => plans.push({ kind: "public_talk", at: at(d, 10), topics: 2, five: rng.chance(0.5) }));
  ([[2025, 2, 27], [2025, 5, 22], [2025, 8, 28], [2025, 11, 20], [2026, 2, 26], [2026, 5, 21], [2026, 8, 27], [2026, 10, 29]] as Day[]).forEach((d) =>
    plans.push({ kind: "bench", at: at(d, 16), topics: 1, five: false }),
  );
  return plans.filter(held);
}

function yixinqiao(rng: Rng): MeetingPlan[] {
  const plans: MeetingPlan[] = [];
  // 大党委联席会议 every quarter with the nine member units.
  monthly([2023, 12], END, 4, 3)
    .filter((_, i) => i % 3 === 0)
    .forEach((d) => plans.push({ kind: "party_joint", at: at(d, 15), topics: 2, five: rng.chance(0.5), isPublic: false }));
  monthly([2024, 1], END, 2, 2)
    .filter((_, i) => i % 2 === 0)
    .forEach((d, i) => plans.push({ kind: "grid_governance", at: at(d, 15), topics: 2, five: i % 3 === 0 }));
  // Residents' representatives (居民代表大会 / 楼委会) every other month, and talks at the courtyards.
  monthly([2024, 2], END, 4, 4)
    .filter((_, i) => i % 2 === 0)
    .forEach((d, i) => plans.push({ kind: "residents_council", at: at(d), topics: 3, five: i % 4 === 1 }));
  ([[2024, 5, 18], [2024, 10, 12], [2025, 4, 12], [2025, 9, 13], [2026, 4, 11], [2026, 9, 12]] as Day[]).forEach((d) => plans.push({ kind: "public_talk", at: at(d, 10), topics: 2, five: false }));
  ([[2024, 6, 20], [2024, 11, 21], [2025, 6, 19], [2025, 11, 20], [2026, 6, 18], [2026, 10, 22]] as Day[]).forEach((d) => plans.push({ kind: "bench", at: at(d, 16), topics: 1, five: false }));
  ([[2024, 8, 29], [2025, 8, 28], [2026, 7, 30]] as Day[]).forEach((d) => plans.push({ kind: "five_party", at: at(d, 15), topics: 2, five: true }));
  return plans.filter(held);
}
