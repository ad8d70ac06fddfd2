import type { MeetingKind, PartyKind } from "../../contracts/deliberation";
import type {
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
import type { caseLinks } from "../db/schema/patrols";
import type { LngLat } from "../db/schema/types";
import type { CaseRef, CommunityCtx, DemoUser } from "./deliberation-context";

const H = 3600_000;
/** Nothing of the demo happens before the day 红康 was founded (怡心桥's earlier cases still feed its topics). */
const EARLIEST = Date.UTC(2023, 11, 1, 1);
const FIVE: PartyKind[] = ["party_committee", "partner_unit", "property_committee", "property_company", "resident_rep"];

/** Beijing calendar day of an instant, YYYY-MM-DD. */
export const dayOf = (ms: number) => new Date(ms + 8 * H).toISOString().slice(0, 10);

export type TopicRow = typeof topics.$inferInsert & { id: string; createdAt: Date; affected: string[]; cases: CaseRef[] };
export type MeetingRow = typeof meetings.$inferInsert & { id: string; startsAt: Date; endsAt: Date; kinds: Set<PartyKind>; names: Map<PartyKind, string[]> };
export type Attendee = { user?: DemoUser; name: string; kind: PartyKind; method: "qr" | "staff" };
export type Owner = { user?: DemoUser; kind: PartyKind; name: string };

/**
 * Accumulates the rows of the deliberation demo in memory (topics, meetings with parties, sign-ins
 * and opinions, resolutions with owners and progress, questionnaires with responses), keeping
 * their statuses consistent: a topic is settled when all its resolutions are done, decided while
 * one is open, on the agenda when a meeting lists it. Inserted in batches afterwards.
 */
export class DeliberationWriter {
  readonly topics: TopicRow[] = [];
  readonly topicCases: Array<typeof topicCases.$inferInsert> = [];
  readonly caseLinks: Array<typeof caseLinks.$inferInsert> = [];
  readonly supports: Array<typeof topicSupports.$inferInsert> = [];
  readonly meetings: MeetingRow[] = [];
  readonly parties: Array<typeof meetingParties.$inferInsert> = [];
  readonly agenda: Array<typeof meetingTopics.$inferInsert> = [];
  readonly attendance: Array<typeof meetingAttendance.$inferInsert> = [];
  readonly opinions: Array<typeof meetingOpinions.$inferInsert> = [];
  readonly resolutions: Array<typeof resolutions.$inferInsert & { id: string; doneAt: Date | null }> = [];
  readonly owners: Array<typeof resolutionOwners.$inferInsert> = [];
  readonly updates: Array<typeof resolutionUpdates.$inferInsert> = [];
  readonly questionnaires: Array<typeof questionnaires.$inferInsert & { id: string }> = [];
  readonly questions: Array<typeof questions.$inferInsert & { id: string }> = [];
  readonly responses: Array<typeof responses.$inferInsert & { id: string }> = [];
  readonly answers: Array<typeof answers.$inferInsert> = [];
  /** Cases closed by a resolution: `closed_by_ref` to set. */
  readonly caseRefs: Array<{ caseId: string; ref: string }> = [];

  constructor(
    readonly newId: () => string,
    /** The data set's present: nothing is done after it. */
    readonly now: number,
  ) {}

  addTopic(c: CommunityCtx, t: { title: string; description: string; source: "case" | "proposal" | "staff"; areaId: string; createdAt: number; proposer: DemoUser | null; affected: string[]; cases?: CaseRef[] }): TopicRow {
    const row: TopicRow = {
      id: this.newId(),
      communityId: c.id,
      areaId: t.areaId,
      title: t.title.slice(0, 100),
      description: t.description,
      source: t.source,
      status: "proposed",
      proposerId: t.proposer?.id ?? null,
      supportCount: 0,
      affected: [...new Set(t.affected)].slice(0, 30),
      fiveParty: false,
      settledAt: null,
      createdAt: new Date(Math.max(EARLIEST, t.createdAt)),
      cases: t.cases ?? [],
    };
    this.topics.push(row);
    for (const k of row.cases) {
      k.used = true;
      this.topicCases.push({ topicId: row.id, caseId: k.id });
      this.caseLinks.push({ caseId: k.id, kind: "topic", refId: row.id, createdAt: row.createdAt });
    }
    return row;
  }

  support(t: TopicRow, users: DemoUser[], at: number) {
    for (const [i, u] of users.entries()) {
      if (u.id === t.proposerId) continue;
      this.supports.push({ topicId: t.id, userId: u.id, at: new Date(at + i * 5 * H) });
      t.supportCount = (t.supportCount ?? 0) + 1;
    }
  }

  addMeeting(
    c: CommunityCtx,
    m: {
      kind: MeetingKind;
      title: string;
      startsAt: number;
      hours: number;
      place: string;
      location: LngLat | null;
      areaId: string;
      convener: DemoUser;
      status: "planned" | "closed";
      isPublic?: boolean;
      parties: Array<{ kind: PartyKind; name: string }>;
      attendees: Attendee[];
      topics: TopicRow[];
      minutes?: string | null;
    },
  ): MeetingRow {
    const startsAt = new Date(m.startsAt);
    const row: MeetingRow = {
      id: this.newId(),
      communityId: c.id,
      areaId: m.areaId,
      kind: m.kind,
      title: m.title,
      startsAt,
      endsAt: new Date(m.startsAt + m.hours * H),
      place: m.place,
      location: m.location,
      convenerId: m.convener.id,
      status: m.status,
      minutes: m.minutes ?? null,
      checkinCode: null,
      isPublic: m.isPublic ?? true,
      createdAt: new Date(m.startsAt - 7 * 24 * H),
      kinds: new Set(),
      names: new Map(),
    };
    this.meetings.push(row);
    for (const p of m.parties) this.parties.push({ id: this.newId(), meetingId: row.id, partyKind: p.kind, name: p.name, partnerUnitId: null });
    m.topics.forEach((t, i) => {
      this.agenda.push({ meetingId: row.id, topicId: t.id, seq: i + 1 });
      if (t.status === "proposed") t.status = "on_agenda";
    });
    const seen = new Set<string>();
    const users = new Set<string>();
    for (const [i, a] of m.attendees.entries()) {
      if (a.user && users.has(a.user.id)) continue;
      const key = `${a.kind}|${a.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (a.user) users.add(a.user.id);
      if (m.status === "closed") {
        this.attendance.push({ id: this.newId(), meetingId: row.id, userId: a.user?.id ?? null, name: a.name, partyKind: a.kind, method: a.method, signedAt: new Date(m.startsAt - 10 * 60_000 + i * 40_000) });
      }
      row.kinds.add(a.kind);
      row.names.set(a.kind, [...(row.names.get(a.kind) ?? []), a.name]);
    }
    return row;
  }

  /** All five parties of 五方联动 signed in. */
  fiveParty(m: MeetingRow): boolean {
    return FIVE.every((k) => m.kinds.has(k));
  }

  opinion(m: MeetingRow, t: TopicRow, kind: PartyKind, speaker: string, text: string, minute: number) {
    this.opinions.push({ id: this.newId(), meetingId: m.id, topicId: t.id, partyKind: kind, speaker, text, createdAt: new Date(m.startsAt.getTime() + minute * 60_000) });
  }

  /**
   * A resolution with its progress. `doneAt` after the present (or null) leaves it open, with the
   * progress made so far; done, the topic's cases get `closed_by_ref`.
   */
  resolve(
    m: MeetingRow,
    t: TopicRow,
    r: { text: string; dueOn: string; owners: Owner[]; progress: Array<{ at: number; text: string; percent: number; author: DemoUser | null }>; doneAt: number | null; doneText: string; doneBy: DemoUser | null },
  ) {
    const id = this.newId();
    const done = r.doneAt !== null && r.doneAt <= this.now;
    const steps = r.progress.filter((p) => p.at <= this.now && (!done || p.at < r.doneAt!));
    const five = this.fiveParty(m);
    this.resolutions.push({
      id,
      communityId: t.communityId,
      topicId: t.id,
      meetingId: m.id,
      text: r.text,
      dueOn: r.dueOn,
      status: done ? "done" : "open",
      percent: done ? 100 : (steps.at(-1)?.percent ?? 0),
      doneAt: done ? new Date(r.doneAt!) : null,
      fiveParty: five,
      version: 1 + steps.length + (done ? 1 : 0),
      createdAt: new Date(m.endsAt.getTime() - 10 * 60_000),
    });
    for (const o of r.owners) this.owners.push({ id: this.newId(), resolutionId: id, userId: o.user?.id ?? null, partyKind: o.kind, name: o.user?.name ?? o.name });
    for (const p of steps) this.updates.push({ id: this.newId(), resolutionId: id, authorId: p.author?.id ?? null, text: p.text, percent: p.percent, photoIds: [], at: new Date(p.at) });
    if (done) {
      this.updates.push({ id: this.newId(), resolutionId: id, authorId: r.doneBy?.id ?? null, text: r.doneText, percent: 100, photoIds: [], at: new Date(r.doneAt!) });
      for (const k of t.cases) {
        this.caseRefs.push({ caseId: k.id, ref: `resolution:${id}` });
        this.caseLinks.push({ caseId: k.id, kind: "resolution", refId: id, createdAt: new Date(r.doneAt!) });
      }
    }
    t.fiveParty = t.fiveParty || five;
    return id;
  }

  /** Topic statuses from their meetings and resolutions. */
  finish() {
    for (const t of this.topics) {
      const mine = this.resolutions.filter((r) => r.topicId === t.id);
      if (mine.length === 0) continue;
      const open = mine.some((r) => r.status === "open");
      t.status = open ? "decided" : "settled";
      t.settledAt = open ? null : new Date(Math.max(...mine.map((r) => r.doneAt!.getTime())));
    }
  }
}
