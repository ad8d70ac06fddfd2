import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { caseCategories, caseEvents, caseNumberCounters, cases, caseTimeLimits } from "../db/schema/cases";
import { loadCalendar } from "../modules/cases/calendar";
import type { PersonalDataCipher } from "../platform/personal-data";
import type { AccountSummary, UserRow } from "./accounts";
import type { AreaTree } from "./areas";
import { openCases } from "./case-open";
import { planCases, todayItems, type Item } from "./case-plan";
import { SiteBook } from "./case-sites";
import { StoryEnv, type Actor, type CaseRow, type EventRow, type Story } from "./case-story";
import { tell } from "./case-tell";
import { CaseWriter, type DemoAccounts, type Written } from "./case-writer";
import type { BuildingRow, CompoundRow } from "./housing";
import type { PhoneRegistry } from "./identity";
import { insertJsonBatches } from "./insert";
import type { PlainPerson } from "./people";
import type { PlaceRow } from "./places";
import type { Rng } from "./random";
import { SEED_NOW } from "./seed-day";

/**
 * The history of cases (事件) of both communities, from their founding to the day of the seed: a few
 * thousand reports from every channel, played through the real workflow with timelines, ratings
 * and time limits, matching the articles' figures (see case-plan.ts), plus the cases still open
 * in the grid workers' queues. Numbers follow HK-YYYYMMDD-NNNN / YXQ-…, and the live number
 * counters are moved past them.
 */

const H = 3600_000;
/** The data set's present: the day of the seed (see seed-day.ts). */
export const CASES_NOW = SEED_NOW;
/** Cases are planned month by month up to the present; the latest are still open in whatever state they reached. */
const PLAN_END = SEED_NOW;
const DAY = 24 * H;

export type CaseSeedInput = {
  tree: AreaTree;
  accounts: { rows: UserRow[]; summary: AccountSummary[] };
  compounds: CompoundRow[];
  buildings: BuildingRow[];
  places: PlaceRow[];
  persons: PlainPerson[];
  phones: PhoneRegistry;
  cipher: PersonalDataCipher;
};

/** How many of a community's resident / rider reports come from its demo accounts, so they have a history. */
const DEMO_REPORTS = { resident: 6, rider: 6, volunteer: 2 } as const;

const localDate = (d: Date) => new Date(d.getTime() + 8 * H).toISOString().slice(0, 10).replace(/-/g, "");

export async function seedCases(tx: Tx, rng: Rng, input: CaseSeedInput): Promise<Record<string, number>> {
  const cal = await loadCalendar(tx);
  const limits = new Map((await tx.select().from(caseTimeLimits)).map((r) => [`${r.categoryCode}:${r.level}`, { acceptHours: r.acceptHours, handleHours: r.handleHours }]));
  const groups = new Map((await tx.select({ code: caseCategories.code, group: caseCategories.groupCode }).from(caseCategories)).map((r) => [r.code, r.group]));
  const { rows: users, summary } = input.accounts;
  const byName = new Map(users.filter((u) => u.username).map((u) => [u.username!, u]));
  const user = (username: string) => {
    const u = byName.get(username);
    if (!u) throw new Error(`No demo account ${username}`);
    return u;
  };
  const actor = (u: UserRow): Actor => ({ id: u.id!, name: u.displayName, role: u.role });
  const byPhone = (phone: string) => users[summary.findIndex((s) => s.phone === phone)];

  const rows: CaseRow[] = [];
  const events: EventRow[] = [];
  const counts: Record<string, number> = {};
  const counters = new Map<string, number>();

  for (const ca of input.tree.communities) {
    const key = ca.spec.key;
    const r = rng.fork(key);
    const env = new StoryEnv(cal, limits, CASES_NOW, r.fork("story"));
    const street = input.tree.streets[ca.spec.street];
    const streetUser = users.find((u) => u.role === "street_officer" && u.areaId === street.row.id)!;
    const officers = new Map(users.filter((u) => u.role === "department_officer" && u.areaId === street.row.id).map((u) => [u.department!, actor(u)]));
    const short = street.row.name.replace(/街道$/, "");
    const cast = {
      grids: ca.grids.map((_, g) => actor(user(`${key}_grid${g + 1}`))),
      staff: actor(user(`${key}_staff`)),
      secretary: actor(user(`${key}_secretary`)),
      street: actor(streetUser),
      // Departments without a demo account still appear on the timeline by name.
      department: (name: string): Actor => officers.get(name) ?? { id: null, name: `${short}${name}`, role: "department_officer" },
    };
    const demo: DemoAccounts = {
      resident: byPhone(ca.spec.residentPhone),
      rider: byPhone(ca.spec.riderPhone),
      partner: user(`${key}_partner`),
      volunteer: user(`${key}_volunteer`),
    };
    const book = new SiteBook(r.fork("sites"), ca, input.compounds, input.buildings, input.places);
    const writer = new CaseWriter(r.fork("write"), env, ca, cast, demo, groups, book, input.persons, input.phones, input.cipher);

    const items = [...planCases(r.fork("plan"), env.cal, key, PLAN_END), ...todayItems(r.fork("today"), key, CASES_NOW)];
    // A grid worker's own finding or a meeting's is neither withdrawn, refused nor sent twice.
    for (const it of items) {
      if ((it.closure === "withdrawn" || it.closure === "rejected" || it.closure === "duplicate") && (it.channel === "grid_patrol" || it.channel === "meeting")) it.channel = "resident_app";
    }
    const who = new Map<Item, "resident" | "rider" | "volunteer">();
    const choose = (channel: string, n: number, as: "resident" | "rider" | "volunteer") => {
      const pool = r.shuffle(items.filter((i) => i.channel === channel && !i.script && !who.has(i)));
      for (const i of pool.slice(0, n)) who.set(i, as);
    };
    choose("resident_app", DEMO_REPORTS.resident, "resident");
    choose("rider_app", DEMO_REPORTS.rider, "rider");
    choose("resident_app", DEMO_REPORTS.volunteer, "volunteer");

    const stories: Story[] = [];
    const recent = new Map<string, Written[]>();
    for (const item of items) {
      let like: Written | undefined;
      if (item.closure === "duplicate") {
        const list = recent.get(item.category) ?? [];
        const age = (w: Written) => item.createdAt - w.story.row.createdAt.getTime();
        like = list.findLast((w) => age(w) > H && age(w) < 14 * DAY) ?? list.findLast((w) => age(w) > H && age(w) < 60 * DAY);
        if (!like) item.closure = "withdrawn";
      }
      const written = writer.write(item, who.get(item), like);
      if (like) written.plot.duplicateOf = { id: like.story.row.id, t: like.story.row.createdAt.getTime() };
      tell(written.story, written.plot, writer.castFor(written.site.mg.grid), env);
      stories.push(written.story);
      // The articles' own cases are told once; second reports copy ordinary ones.
      if (!like && !item.script) {
        const list = recent.get(item.category) ?? [];
        list.push(written);
        if (list.length > 40) list.shift();
        recent.set(item.category, list);
      }
    }
    const home = book.microgrid(demo.resident.areaId!)?.grid ?? 0;
    const open = openCases(writer, home);
    stories.push(...open);

    // Readable numbers in report order, one sequence per community and day.
    stories.sort((a, b) => a.row.createdAt.getTime() - b.row.createdAt.getTime());
    const numbers = new Map<string, string>();
    for (const s of stories) {
      const day = localDate(s.row.createdAt);
      const k = `${ca.spec.shortCode}|${day}`;
      const n = (counters.get(k) ?? 0) + 1;
      counters.set(k, n);
      s.row.number = `${ca.spec.shortCode}-${day}-${String(n).padStart(4, "0")}`;
      numbers.set(s.row.id, s.row.number);
    }
    for (const s of stories) {
      const row = s.finish();
      for (const e of s.events) if (e.action === "merge" && row.duplicateOfId) e.data = { duplicateOf: numbers.get(row.duplicateOfId) ?? null };
      rows.push(row);
      events.push(...s.events);
    }
    counts[`${key}.cases`] = stories.length;
    counts[`${key}.openCases`] = stories.filter((s) => s.status !== "closed").length;
  }

  await insertJsonBatches(tx, cases, rows);
  await insertJsonBatches(tx, caseEvents, events);
  const counterRows = [...counters].map(([k, last]) => {
    const [prefix, day] = k.split("|");
    return { prefix, day, last };
  });
  for (let i = 0; i < counterRows.length; i += 500) {
    await tx
      .insert(caseNumberCounters)
      .values(counterRows.slice(i, i + 500))
      .onConflictDoUpdate({ target: [caseNumberCounters.prefix, caseNumberCounters.day], set: { last: sql`greatest(${caseNumberCounters.last}, excluded.last)` } });
  }
  return { ...counts, cases: rows.length, caseEvents: events.length, caseNumberCounters: counterRows.length };
}
