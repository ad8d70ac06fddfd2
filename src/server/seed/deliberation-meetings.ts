import type { MeetingKind, PartyKind } from "../../contracts/deliberation";
import type { LngLat } from "../db/schema/types";
import { MEETING_KIND_NAMES, PARTY_KIND_NAMES } from "../modules/deliberation/labels";
import type { CaseRef, CommunityCtx, CompoundRef, DemoUser } from "./deliberation-context";
import { CONCERNS, MEETING_PLACES, MEETING_TITLES, type Concern } from "./deliberation-texts";
import { dayOf, type Attendee, type DeliberationWriter, type MeetingRow, type Owner, type TopicRow } from "./deliberation-writer";
import { personName } from "./names";
import type { Rng } from "./random";

const H = 3600_000;
const DAY = 24 * H;
const FIVE: PartyKind[] = ["party_committee", "partner_unit", "property_committee", "property_company", "resident_rep"];
/** Before this day sign-ins were a paper sheet, ticked by staff; from it, QR codes on phones. */
const QR_FROM = Date.UTC(2025, 2, 1);

/** Local (UTC+8) time of a calendar day, in ms. */
export const local = (y: number, m: number, d: number, h = 19, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;

export type MeetingPlan = {
  kind: MeetingKind;
  at: number;
  /** How many topics the meeting takes up (besides `fixed`). */
  topics: number;
  /** All five parties of 五方联动 at the table. */
  five: boolean;
  hours?: number;
  grid?: number;
  compound?: number;
  status?: "closed" | "planned";
  isPublic?: boolean;
  title?: string;
  place?: string;
  location?: LngLat | null;
  /** Topics of a story put on the agenda; `resolveFixed` decides them (or they only get opinions). */
  fixed?: TopicRow[];
  resolveFixed?: (m: MeetingRow, t: TopicRow) => void;
  /** Extra parties at the table (departments, a second property company …) and who came for them. */
  extra?: Array<{ kind: PartyKind; name: string }>;
  extraAttendees?: Attendee[];
  /** The parties invited, instead of those the kind of meeting brings. */
  parties?: Array<{ kind: PartyKind; name: string }>;
};

const fill = (text: string, v: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? "");

/** The meetings of one community: the builder of topics, parties, sign-ins, opinions and resolutions. */
export class MeetingBuilder {
  private concernTurn = 0;
  private gridTurn = 0;
  private compoundTurn = 0;
  private partyJoint = new Map<number, number>();

  constructor(
    private readonly w: DeliberationWriter,
    private readonly c: CommunityCtx,
    private readonly rng: Rng,
  ) {}

  private person(): string {
    return personName(this.rng, this.rng.chance(0.5) ? "M" : "F", this.rng.int(1965, 1992));
  }

  private resident(): string {
    return this.rng.pick(this.c.people);
  }

  private nextCompound(pool: CompoundRef[]): CompoundRef {
    return pool[this.compoundTurn++ % pool.length];
  }

  private concernFor(category?: string): Concern {
    const pool = category ? CONCERNS.filter((x) => x.category === category) : CONCERNS;
    if (pool.length === 0) return CONCERNS[this.concernTurn++ % CONCERNS.length];
    return category ? this.rng.pick(pool) : pool[(this.concernTurn++ * 7) % pool.length];
  }

  /** A topic for a meeting at `at`: from resolved cases open across that day when there are some, else raised by staff or proposed by a resident. */
  topic(at: number, pool: CompoundRef[]): { topic: TopicRow; concern: Concern; compound: CompoundRef } {
    const grids = new Set(pool.map((x) => x.gridId));
    if (this.rng.chance(at > this.w.now - 100 * DAY ? 0.3 : 0.6)) {
      const cands = this.c.cases.filter((k) => !k.used && k.gridId !== null && grids.has(k.gridId) && k.createdAt < at - DAY && k.createdAt > at - 40 * DAY && k.closedAt > at + 5 * H && k.closedAt < at + 60 * DAY && CONCERNS.some((x) => x.category === k.category));
      if (cands.length) {
        const first = cands[this.rng.int(0, cands.length - 1)];
        const more = cands.filter((k) => k !== first && k.category === first.category && k.areaId === first.areaId).slice(0, this.rng.int(0, 2));
        const linked: CaseRef[] = [first, ...more];
        const concern = this.concernFor(first.category);
        const compound = this.c.compounds.find((x) => first.address?.startsWith(x.name)) ?? pool.find((x) => x.gridId === first.gridId) ?? pool[0];
        const place = (first.address ?? compound.name).replace(/附近$/, "");
        const vars = { place, company: compound.company };
        const topic = this.w.addTopic(this.c, {
          title: fill(concern.title, vars),
          description: `${fill(concern.description, vars)}（${linked.map((k) => k.number).join("、")}）`,
          source: "case",
          areaId: first.areaId,
          createdAt: Math.min(Math.max(...linked.map((k) => k.createdAt)) + this.rng.int(6, 60) * H, at - 3 * H),
          proposer: this.c.staff,
          affected: [place, compound.name, ...linked.map((k) => k.address ?? "").filter(Boolean)],
          cases: linked,
        });
        return { topic, concern, compound };
      }
    }
    const concern = this.concernFor();
    const compound = this.nextCompound(pool);
    const building = compound.buildings.length && this.rng.chance(0.5) ? this.rng.pick(compound.buildings).name : "";
    const place = `${compound.name}${building}`;
    const vars = { place, company: compound.company };
    const proposal = this.rng.chance(0.2);
    const proposers = [this.c.resident, this.c.volunteer, this.c.rider, this.c.partner].filter((u): u is DemoUser => !!u);
    const topic = this.w.addTopic(this.c, {
      title: fill(concern.title, vars),
      description: fill(concern.description, vars),
      source: proposal ? "proposal" : "staff",
      areaId: compound.areaId,
      createdAt: at - this.rng.int(4, 25) * DAY - this.rng.int(0, 8) * H,
      proposer: proposal ? this.rng.pick(proposers) : this.rng.pick([this.c.staff, this.c.secretary, this.c.branch]),
      affected: [place],
    });
    if (proposal) this.w.support(topic, proposers.filter((u) => u.id !== topic.proposerId).slice(0, this.rng.int(1, 3)), topic.createdAt.getTime() + 6 * H);
    return { topic, concern, compound };
  }

  private partyName(kind: PartyKind, compound: CompoundRef): string {
    switch (kind) {
      case "party_committee":
        return this.c.committee;
      case "partner_unit":
        return this.rng.pick(this.c.units);
      case "property_committee":
        return `${compound.name}${this.c.key === "hk" ? "物委会" : "楼委会"}`;
      case "property_company":
        return compound.company;
      case "resident_rep":
        return `${compound.name}居民代表`;
      case "department":
        return this.rng.pick(this.c.departments);
      default:
        return "其他";
    }
  }

  private owners(concern: Concern, compound: CompoundRef, grid: DemoUser): Owner[] {
    return concern.owners.map((kind): Owner => {
      if (kind === "party_committee" && this.rng.chance(0.5)) return { user: this.rng.pick([this.c.staff, grid]), kind, name: "" };
      return { kind, name: this.partyName(kind, compound) };
    });
  }

  private kindsOf(plan: MeetingPlan): PartyKind[] {
    const base: Record<MeetingKind, PartyKind[]> = {
      residents_council: ["party_committee", "resident_rep", "property_company"],
      party_joint: ["party_committee", "partner_unit"],
      grid_governance: ["party_committee", "resident_rep", "department"],
      public_talk: ["party_committee", "resident_rep", "property_company"],
      bench: ["party_committee", "resident_rep"],
      resident_meeting: ["party_committee", "resident_rep"],
      five_party: FIVE,
    };
    return [...new Set([...base[plan.kind], ...(plan.five ? FIVE : [])])];
  }

  /** Holds (or plans) one meeting with its agenda; a closed one gets sign-ins, minutes, opinions and resolutions. */
  hold(plan: MeetingPlan): MeetingRow {
    const c = this.c;
    const grid = plan.kind === "grid_governance" ? c.grids[plan.grid ?? this.gridTurn++ % c.grids.length] : null;
    const site = plan.compound !== undefined ? c.compounds[plan.compound] : ["public_talk", "bench", "five_party"].includes(plan.kind) ? this.nextCompound(c.compounds) : null;
    const pool = grid ? c.compounds.filter((x) => x.gridId === grid.id) : site ? [site] : c.compounds;
    const areaId = grid?.id ?? site?.areaId ?? c.id;
    const made = Array.from({ length: plan.topics }, () => this.topic(plan.at, pool.length ? pool : c.compounds));
    const agenda = [...(plan.fixed ?? []), ...made.map((x) => x.topic)];
    const compounds = [...new Set(made.map((x) => x.compound))];
    const main = site ?? compounds[0] ?? c.compounds[0];
    const kinds = this.kindsOf(plan);

    const parties: Array<{ kind: PartyKind; name: string }> = [...(plan.parties ?? [])];
    for (const kind of plan.parties ? [] : kinds) {
      if (kind === "partner_unit" && plan.kind === "party_joint") for (const u of c.units) parties.push({ kind, name: u });
      else if (kind === "property_company" || kind === "property_committee") for (const x of (compounds.length ? compounds : [main]).slice(0, 2)) parties.push({ kind, name: this.partyName(kind, x) });
      else parties.push({ kind, name: kind === "resident_rep" && !site ? `${c.short}社区居民代表` : this.partyName(kind, main) });
    }
    for (const e of plan.extra ?? []) parties.push(e);

    const convener = plan.kind === "grid_governance" && grid ? grid.worker : plan.kind === "party_joint" ? c.secretary : this.rng.pick([c.secretary, c.staff]);
    const qr = plan.at >= QR_FROM;
    const method = () => (qr && this.rng.chance(0.8) ? ("qr" as const) : ("staff" as const));
    const attendees: Attendee[] = [];
    const staffUsers = [convener, ...this.rng.shuffle([c.secretary, c.staff, c.branch, ...(grid ? [] : [this.rng.pick(c.grids).worker])]).slice(0, this.rng.int(1, 2))];
    for (const u of staffUsers) attendees.push({ user: u, name: u.name, kind: "party_committee", method: method() });
    for (const p of parties) {
      if (p.kind === "party_committee") continue;
      if (p.kind === "partner_unit") {
        if (qr && c.key === "hk" && p.name === c.units[1] && this.rng.chance(0.7)) attendees.push({ user: c.partner, name: c.partner.name, kind: "partner_unit", method: "qr" });
        else attendees.push({ name: this.person(), kind: "partner_unit", method: "staff" });
      } else if (p.kind === "property_company" || p.kind === "department") {
        attendees.push({ name: this.person(), kind: p.kind, method: "staff" });
      } else if (p.kind === "property_committee") {
        for (let i = this.rng.int(1, 2); i > 0; i--) attendees.push({ name: this.resident(), kind: p.kind, method: "staff" });
      }
    }
    if (kinds.includes("resident_rep")) {
      const n = { residents_council: [6, 12], public_talk: [8, 16], bench: [4, 8], resident_meeting: [12, 20], grid_governance: [2, 4], party_joint: [2, 3], five_party: [3, 6] }[plan.kind];
      for (let i = this.rng.int(n[0], n[1]); i > 0; i--) attendees.push({ name: this.resident(), kind: "resident_rep", method: "staff" });
      for (const u of [c.resident, c.volunteer]) if (u && qr && this.rng.chance(0.3)) attendees.push({ user: u, name: u.name, kind: "resident_rep", method: "qr" });
    }
    attendees.push(...(plan.extraAttendees ?? []));
    if (plan.five && !attendees.some((a) => a.kind === "partner_unit")) attendees.push({ name: this.person(), kind: "partner_unit", method: "staff" });

    const month = `${new Date(plan.at + 8 * H).getUTCMonth() + 1}月`;
    const year = String(new Date(plan.at + 8 * H).getUTCFullYear());
    const yearCount = (this.partyJoint.get(Number(year)) ?? 0) + (plan.kind === "party_joint" ? 1 : 0);
    if (plan.kind === "party_joint") this.partyJoint.set(Number(year), yearCount);
    const bench = main.buildings.length ? `${main.name}${this.rng.pick(main.buildings).name}` : main.name;
    const vars = { community: c.name, unit: this.rng.pick(c.units), grid: grid?.name ?? "", compound: main.name, place: bench, month, year, n: String(yearCount) };
    const closed = (plan.status ?? "closed") === "closed";
    const topicLines = agenda.map((t, i) => `${i + 1}. ${t.title}`).join("\n");
    const m = this.w.addMeeting(c, {
      kind: plan.kind,
      title: plan.title ?? fill(MEETING_TITLES[plan.kind], vars),
      startsAt: plan.at,
      hours: plan.hours ?? (plan.kind === "bench" ? 1.5 : 2),
      place: plan.place ?? fill(this.rng.pick(MEETING_PLACES[plan.kind]), vars),
      location: plan.location !== undefined ? plan.location : (site?.location ?? c.center),
      areaId,
      convener,
      status: closed ? "closed" : "planned",
      isPublic: plan.isPublic ?? plan.kind !== "party_joint",
      parties,
      attendees,
      topics: agenda,
      minutes: null,
    });
    if (!closed) return m;

    const resolved: string[] = [];
    for (const t of plan.fixed ?? []) plan.resolveFixed?.(m, t);
    made.forEach((x, i) => {
      const vars2 = { place: x.topic.affected[0] ?? x.compound.name, company: x.compound.company };
      let minute = 10 + i * 25;
      for (const [kind, text] of Object.entries(x.concern.opinions) as Array<[PartyKind, string]>) {
        if (!m.kinds.has(kind)) continue;
        const speaker = kind === "party_committee" ? convener.name : (m.names.get(kind) ?? [PARTY_KIND_NAMES[kind]])[0];
        this.w.opinion(m, x.topic, kind, speaker, fill(text, vars2), (minute += 4));
      }
      const text = fill(x.concern.resolution, vars2);
      resolved.push(`${x.topic.title}：${text}`);
      const end = m.endsAt.getTime();
      const dueDays = this.rng.int(12, 40);
      const dueOn = dayOf(end + dueDays * DAY);
      const caseDone = x.topic.cases.length ? Math.max(...x.topic.cases.map((k) => k.closedAt)) : null;
      const recent = plan.at > this.w.now - 100 * DAY;
      const late = this.rng.chance(recent ? 0.4 : 0.12);
      const doneAt = caseDone ?? end + (late ? dueDays + (recent ? this.rng.int(10, 90) : this.rng.int(2, 20)) : this.rng.int(4, dueDays - 1)) * DAY + this.rng.int(-4, 4) * H;
      const span = doneAt - end;
      const worker = c.grids.find((g) => g.id === x.compound.gridId)?.worker ?? c.grids[0].worker;
      const owners = this.owners(x.concern, x.compound, worker);
      const ownerUser = owners.find((o) => o.user)?.user ?? null;
      this.w.resolve(m, x.topic, {
        text,
        dueOn,
        owners,
        progress: x.concern.progress.map((p, j) => ({ at: end + Math.round(span * ((j + 1) / (x.concern.progress.length + 1))), text: fill(p, vars2), percent: Math.round((100 * (j + 1)) / (x.concern.progress.length + 1) / 10) * 10, author: ownerUser ?? c.staff })),
        doneAt,
        doneText: fill(x.concern.done, vars2),
        doneBy: ownerUser ?? c.staff,
      });
    });
    const present = [...m.kinds].map((k) => PARTY_KIND_NAMES[k]).join("、");
    const count = this.w.attendance.filter((a) => a.meetingId === m.id).length;
    m.minutes = `${MEETING_KIND_NAMES[plan.kind]}由${convener.name}主持，${present}共${count}人参加。\n议题：\n${topicLines}\n会议议定：\n${resolved.map((r, i) => `${i + 1}. ${r}`).join("\n")}`;
    return m;
  }
}
