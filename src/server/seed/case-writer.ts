import type { CaseLevel } from "../modules/cases/workflow";
import type { PersonalDataCipher } from "../platform/personal-data";
import type { UserRow } from "./accounts";
import type { CommunityAreas } from "./areas";
import { DEPARTMENTS } from "./case-notes";
import type { Channel, Item, Script } from "./case-plan";
import { SiteBook, type Site } from "./case-sites";
import { Story, StoryEnv, uuidAt, type Actor, type CaseRow } from "./case-story";
import type { Cast, Plot } from "./case-tell";
import { CHANNEL_PREFIX, MEETINGS, POOLS, TEMPLATES, type Template } from "./case-texts";
import type { PhoneRegistry } from "./identity";
import { personName } from "./names";
import type { PlainPerson } from "./people";
import type { Rng } from "./random";

/**
 * Turns a planned case of one community into a case row with its report step: a place and words
 * from the category's templates, a reporter that fits the channel (a resident, a rider, the grid
 * worker on patrol, a caller entered by staff, a partner unit, a meeting), and the plot it follows.
 */

/** Share of cases that go up to the community, and beyond it, by category. */
const REACH: Record<string, readonly [number, number]> = {
  dispute_neighbour: [0.28, 0.05], dispute_property: [0.35, 0.06], dispute_family: [0.4, 0.2], noise: [0.12, 0.04],
  fire_hazard: [0.14, 0.07], public_safety: [0.17, 0.08], food_safety: [0.12, 0.12], river: [0.15, 0.12],
  police_sensitive: [0.2, 0.55], billboard: [0.12, 0.05], road: [0.2, 0.06], sanitation: [0.1, 0.02], other: [0.12, 0.03],
};
const URGENT = new Set(["fire_hazard", "public_safety", "police_sensitive"]);
/** 红康's billboards hang on the shop fronts along 红云路 and 盘江西路, in its first and third grids. */
const BILLBOARD_GRIDS: Record<string, readonly number[] | undefined> = { hk: [0, 2] };
const COMPOUND_SURNAMES = new Set(["欧阳", "司马", "诸葛"]);

export type Written = { story: Story; plot: Plot; template: Template; site: Site };
export type DemoAccounts = { resident: UserRow; rider: UserRow; partner: UserRow; volunteer: UserRow };

export class CaseWriter {
  readonly book: SiteBook;
  private readonly adults = new Map<string, PlainPerson[]>();
  private readonly allAdults: PlainPerson[] = [];

  constructor(
    private readonly rng: Rng,
    readonly env: StoryEnv,
    readonly ca: CommunityAreas,
    readonly cast: Omit<Cast, "grid"> & { grids: Actor[] },
    private readonly demo: DemoAccounts,
    private readonly groups: Map<string, string>,
    book: SiteBook,
    persons: PlainPerson[],
    private readonly phones: PhoneRegistry,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.book = book;
    for (const p of persons) {
      if (p.communityId !== ca.community.row.id || p.age < 18) continue;
      const list = this.adults.get(p.areaId) ?? [];
      list.push(p);
      this.adults.set(p.areaId, list);
      this.allAdults.push(p);
    }
  }

  castFor(grid: number): Cast {
    return { ...this.cast, grid: this.cast.grids[grid] };
  }

  private fill(text: string, slots: Record<string, string>): string {
    return text.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? (POOLS[k] ? this.rng.pick(POOLS[k]) : ""));
  }

  private resident(site: Site): PlainPerson {
    const near = this.adults.get(site.mg.row.id);
    return this.rng.pick(near && near.length && this.rng.chance(0.8) ? near : this.allAdults);
  }

  private account(u: UserRow): Actor {
    return { id: u.id!, name: u.displayName, role: u.role };
  }

  /** The row and report step of `item`; `like` makes it a second report of the same problem. */
  write(item: Item, who?: "resident" | "rider" | "volunteer", like?: Written): Written {
    const { rng, ca } = this;
    const key = ca.spec.key;
    const script: Script | undefined = item.script;
    const grids = script ? [script.grid] : item.grid !== undefined ? [item.grid] : item.category === "billboard" ? BILLBOARD_GRIDS[key] : undefined;
    const options = TEMPLATES[item.category].filter(([kind]) => this.book.has(kind, grids));
    const template: Template = like?.template ?? (script ? [script.site, script.description, script.result] : rng.pick(options));
    const site: Site = like
      ? { ...like.site, location: [like.site.location[0] + (rng.float() - 0.5) * 0.0002, like.site.location[1] + (rng.float() - 0.5) * 0.0002] }
      : this.book.pick(template[0], grids);
    const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi - 1e-6, Math.max(lo + 1e-6, v)) * 1e6) / 1e6;
    site.location = [clamp(site.location[0], site.mg.rect.west, site.mg.rect.east), clamp(site.location[1], site.mg.rect.south, site.mg.rect.north)];
    const gridIndex = site.mg.grid;
    const cast = this.castFor(gridIndex);
    const at = item.createdAt;

    // Who reports, and who enters it.
    let reporter: Actor | null = null;
    let reporterId: string | null = null;
    let reporterName: string | null = null;
    let phone: string | null = null;
    let phoneEnc: string | null = null;
    let entered: Actor;
    let staffEntered = false;
    const extra: Record<string, string> = {};
    const caller = () => {
      const p = this.resident(site);
      const family = p.name.length >= 3 && COMPOUND_SURNAMES.has(p.name.slice(0, 2)) ? p.name.slice(0, 2) : p.name[0];
      reporterName = `${family}${p.sex === "M" ? rng.pick(["先生", "先生", "大爷"]) : rng.pick(["女士", "女士", "阿姨"])}`;
      phone = p.phone;
      extra.name = reporterName;
      reporter = { id: null, name: reporterName, role: "resident" };
    };
    switch (item.channel) {
      case "resident_app": {
        const u = who === "resident" ? this.demo.resident : who === "volunteer" ? this.demo.volunteer : null;
        if (u) {
          reporter = entered = this.account(u);
          reporterId = u.id!;
          reporterName = u.displayName;
          phoneEnc = u.phoneEnc ?? null;
        } else {
          const p = this.resident(site);
          reporterName = p.name;
          phone = p.phone;
          reporter = entered = { id: null, name: p.name, role: "resident" };
        }
        break;
      }
      case "rider_app": {
        if (who === "rider") {
          reporter = entered = this.account(this.demo.rider);
          reporterId = this.demo.rider.id!;
          reporterName = this.demo.rider.displayName;
          phoneEnc = this.demo.rider.phoneEnc ?? null;
        } else {
          reporterName = personName(rng, rng.chance(0.88) ? "M" : "F", rng.int(1982, 2004));
          phone = this.phones.issue(rng);
          reporter = entered = { id: null, name: reporterName, role: "rider" };
        }
        break;
      }
      case "grid_patrol":
        entered = cast.grid;
        reporterId = cast.grid.id;
        reporterName = cast.grid.name;
        break;
      case "phone":
      case "hotline_12345":
        caller();
        entered = item.channel === "phone" && rng.chance(0.4) ? cast.grid : cast.staff;
        staffEntered = true;
        extra.order = `${new Date(at + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "")}${rng.digits(6)}`;
        break;
      case "partner_unit":
        if (rng.chance(0.5)) {
          reporter = entered = this.account(this.demo.partner);
          reporterId = this.demo.partner.id!;
          reporterName = this.demo.partner.displayName;
          extra.unit = rng.pick(ca.spec.publicUnits).name;
        } else {
          const unit = rng.pick([...ca.spec.publicUnits.map((u) => u.name), ...ca.spec.namedEnterprises]);
          reporterName = unit;
          extra.unit = unit;
          reporter = { id: null, name: unit, role: "partner_contact" };
          entered = cast.staff;
          staffEntered = true;
        }
        break;
      case "meeting":
        reporterName = rng.pick(MEETINGS);
        extra.meeting = reporterName;
        entered = rng.chance(0.6) ? cast.staff : cast.secretary;
        staffEntered = true;
        break;
    }
    if (phone && !phoneEnc) phoneEnc = this.cipher.encrypt(phone);

    // The words: the channel's framing, then the report itself (billboard reports name the billboard first).
    const slots = { ...site.slots, ...extra };
    const body = this.fill(template[1], slots);
    const framed = script || item.category === "billboard" || item.channel === "resident_app" || rng.chance(0.25) ? body : this.fill(rng.pick(CHANNEL_PREFIX[item.channel] ?? [""]), slots) + body;
    const description = like ? (item.channel === "resident_app" ? `${body}（之前有人反映过，还没解决）` : framed) : framed;

    const row: CaseRow = {
      id: uuidAt(rng, at),
      number: "",
      communityId: ca.community.row.id,
      areaId: site.mg.row.id,
      gridId: site.mg.row.parentId!,
      categoryCode: item.category,
      description,
      location: site.location,
      address: script?.address ?? site.address,
      channel: item.channel as Channel,
      reporterId,
      reporterName,
      reporterPhoneEnc: phoneEnc,
      anonymous: item.channel === "resident_app" && !reporterId && rng.chance(0.05),
      mobileReporter: item.channel === "rider_app",
      status: "reported",
      level: "grid",
      maxLevel: "grid",
      handlerId: cast.grid.id,
      department: null,
      closureKind: null,
      closureNote: null,
      referredTo: null,
      duplicateOfId: null,
      closedByRef: null,
      acceptDueAt: null,
      acceptWarnAt: null,
      handleDueAt: null,
      handleWarnAt: null,
      timer: "normal",
      wasOverdue: false,
      urgeCount: 0,
      delayRequestedHours: null,
      delayReason: null,
      acceptedAt: null,
      dispatchedAt: null,
      handledAt: null,
      verifiedAt: null,
      closedAt: null,
      resultText: null,
      rating: null,
      ratingComment: null,
      ratedAt: null,
      reopenCount: 0,
      version: 1,
      createdAt: new Date(at),
      updatedAt: new Date(at),
    };
    const story = new Story(this.env, row, entered!, { channel: item.channel, handlerId: cast.grid.id, staffEntered });

    // Where it ends up.
    let reach: CaseLevel = script?.reach ?? "grid";
    let department: string | null = script?.department ?? null;
    if (!script) {
      const [toCommunity, beyond] = REACH[item.category] ?? [0.12, 0.04];
      const r = rng.float();
      if (r < beyond) {
        const d = rng.weighted(DEPARTMENTS[item.category] ?? DEPARTMENTS.default);
        reach = d === "street" ? "street" : "department";
        department = d === "street" ? null : d;
      } else if (r < beyond + toCommunity) reach = "community";
      if ((item.closure === "unable" || item.closure === "not_responsible") && reach !== "grid") {
        reach = "community";
        department = null;
      }
    }
    const plot: Plot = {
      closure: item.closure,
      reach,
      department,
      result: this.fill(template[2].split("｜")[rng.int(0, template[2].split("｜").length - 1)], slots),
      reporter: item.channel === "grid_patrol" || item.channel === "meeting" ? null : reporter,
      group: this.groups.get(item.category) ?? "other",
      urgent: URGENT.has(item.category),
      lead: script?.lead,
      handleHours: script?.handleHours,
      delayReason: script?.delayReason,
      rush: script?.rush,
      scripted: script !== undefined,
    };
    return { story, plot, template, site };
  }
}
