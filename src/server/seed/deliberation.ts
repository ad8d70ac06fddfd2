import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import {
  answers,
  meetingAttendance,
  meetingOpinions,
  meetingParties,
  meetings,
  meetingTopics,
  questionnaires,
  questions,
  resolutionOwners,
  resolutions,
  resolutionUpdates,
  responses,
  topicCases,
  topics,
  topicSupports,
} from "../db/schema/deliberation";
import { caseLinks } from "../db/schema/patrols";
import { CASES_NOW } from "./cases";
import { loadContext } from "./deliberation-context";
import { MeetingBuilder } from "./deliberation-meetings";
import { openQuestionnaire, proposalsAndUpcoming } from "./deliberation-now";
import { schedule } from "./deliberation-schedule";
import { officeRooms, scrapStation, twoCompanies } from "./deliberation-stories";
import { DeliberationWriter } from "./deliberation-writer";
import { insertBatches } from "./insert";
import { seededUuidFactory, type Rng } from "./random";

/**
 * The deliberation (议事协商) of both communities from December 2023 to 15 November 2026, as the
 * articles tell it: topics raised from cases, by staff and by residents; 居民议事会, 板凳议事会,
 * 党建联席会议 with the partner units, 网格综治会, 民情恳谈会 and 五方联动 meetings with their
 * parties, sign-ins, opinions and minutes; resolutions followed until done (the cases a topic
 * gathered carry `closed_by_ref` to the resolution that settled them); the door-to-door rounds of
 * the 新时代广场 story; and what is coming up after the present. Deterministic for one seed.
 */
export async function seedDeliberation(tx: Tx, rng: Rng): Promise<void> {
  const ctx = await loadContext(tx);
  const w = new DeliberationWriter(seededUuidFactory(rng.fork("ids"), Date.UTC(2023, 11, 2)), CASES_NOW);
  for (const c of ctx) {
    const r = rng.fork(c.key);
    const mb = new MeetingBuilder(w, c, r.fork("meetings"));
    if (c.key === "hk") {
      await scrapStation(tx, w, mb, c);
      await twoCompanies(tx, w, mb, c, r.fork("visits"));
      await officeRooms(tx, w, mb, c, r.fork("office"));
    }
    for (const plan of schedule(c, r.fork("schedule")).sort((a, b) => a.at - b.at)) mb.hold(plan);
    proposalsAndUpcoming(w, mb, c);
    await openQuestionnaire(tx, w, c, r.fork("survey"));
  }
  w.finish();

  await insertBatches(tx, topics, w.topics.map(({ cases: _cases, ...t }) => t));
  await insertBatches(tx, topicCases, w.topicCases);
  await insertBatches(tx, topicSupports, w.supports);
  await insertBatches(tx, meetings, w.meetings.map(({ kinds: _k, names: _n, ...m }) => m));
  await insertBatches(tx, meetingParties, w.parties);
  await insertBatches(tx, meetingTopics, w.agenda);
  await insertBatches(tx, meetingAttendance, w.attendance);
  await insertBatches(tx, meetingOpinions, w.opinions);
  await insertBatches(tx, resolutions, w.resolutions);
  await insertBatches(tx, resolutionOwners, w.owners);
  await insertBatches(tx, resolutionUpdates, w.updates);
  await insertBatches(tx, questionnaires, w.questionnaires);
  await insertBatches(tx, questions, w.questions);
  await insertBatches(tx, responses, w.responses);
  await insertBatches(tx, answers, w.answers);
  await insertBatches(tx, caseLinks, w.caseLinks);
  for (let i = 0; i < w.caseRefs.length; i += 500) {
    const batch = w.caseRefs.slice(i, i + 500);
    const values = sql.join(
      batch.map((x) => sql`(${x.caseId}::uuid, ${x.ref})`),
      sql`, `,
    );
    await tx.execute(sql`UPDATE cases SET closed_by_ref = v.ref FROM (VALUES ${values}) AS v(id, ref) WHERE cases.id = v.id`);
  }
}
