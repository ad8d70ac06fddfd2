import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../db/client";
import type { LngLat } from "../db/schema/types";
import { personName } from "./names";
import { Rng, seededUuidFactory } from "./random";
import { SEED_NOW } from "./seed-day";

/**
 * What the partner demo data is built from: the two communities, the demo accounts and places
 * found by querying what the other seeds wrote, a deterministic id factory and the calendar of the
 * data set (its present is the day of the seed).
 */

const H = 3600_000;
const DAY = 24 * H;

/** An instant given in Beijing time. */
export const at = (y: number, m: number, d: number, hh = 0, mm = 0) => new Date(Date.UTC(y, m - 1, d, hh, mm) - 8 * H);
/** The present of the demo data set: the day of the seed (see seed-day.ts). */
export const REF = new Date(SEED_NOW);
export const addDays = (t: Date, days: number) => new Date(t.getTime() + days * DAY);
export const addHours = (t: Date, hours: number) => new Date(t.getTime() + hours * H);
/** YYYY-MM-DD of an instant in Beijing time. */
export const dayOf = (t: Date) => new Date(t.getTime() + 8 * H).toISOString().slice(0, 10);

export type Community = { id: string; name: string; center: LngLat };
export type DemoUser = { id: string; username: string | null; role: string; displayName: string; areaId: string | null };
export type PlaceRef = { id: string; name: string; kind: string; attrs: Record<string, unknown>; location: LngLat | null; communityId: string };
export type PersonRef = { id: string; name: string; sex: "M" | "F"; birthYear: number; areaId: string; phoneEnc: string; phoneHash: string; phoneTail: string; communityId: string; hasUser: boolean };

export class PartnerSeed {
  readonly newId: () => string;
  constructor(
    readonly tx: Tx,
    readonly rng: Rng,
    readonly hk: Community,
    readonly yxq: Community,
    readonly users: DemoUser[],
    readonly places: PlaceRef[],
  ) {
    this.newId = seededUuidFactory(rng.fork("partner-ids"), Date.UTC(2024, 0, 1));
  }

  user(username: string): DemoUser {
    const u = this.users.find((x) => x.username === username);
    if (!u) throw new Error(`No demo account ${username}`);
    return u;
  }

  /** The demo rider (phone sign-in, no registry record) of a community. */
  rider(c: Community): DemoUser {
    const u = this.users.find((x) => x.role === "rider" && x.areaId === c.id);
    if (!u) throw new Error(`No demo rider in ${c.name}`);
    return u;
  }

  place(c: Community, name: string): PlaceRef | null {
    return this.places.find((p) => p.communityId === c.id && p.name === name) ?? null;
  }

  name(rng: Rng = this.rng): string {
    return personName(rng, rng.chance(0.5) ? "M" : "F", rng.int(1965, 1995));
  }

  /** Eight characters without look-alikes, like a real check-in code. */
  code(rng: Rng): string {
    const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let s = "";
    for (let i = 0; i < 8; i++) s += alphabet[rng.int(0, alphabet.length - 1)];
    return s;
  }

  /**
   * Registered residents of a community with a phone, aged 22–70 at the start of 2026, in a stable
   * order: first those the 治理人才 tag goes to (the same draw as seedPersonTags), so the pool and the tag agree.
   */
  async residentsWithPhone(c: Community, limit: number): Promise<PersonRef[]> {
    const draw = sql.raw(`(abs(('x' || right(replace(p.id::text, '-', ''), 8))::bit(32)::int) % 10000)`);
    const rows = rowsOf<{ id: string; name: string; sex: "M" | "F"; birth: string; area_id: string; phone_enc: string; phone_hash: string; phone_tail: string; has_user: boolean }>(
      await this.tx.execute(sql`
        WITH pick AS (
          SELECT p.id FROM persons p
          WHERE p.community_id = ${c.id} AND p.status = 'active' AND p.phone_hash IS NOT NULL AND p.birth_date BETWEEN '1955-01-02' AND '2004-01-01'
          ORDER BY (${draw} BETWEEN 1100 AND 1209) DESC, ${draw}, p.id
          LIMIT ${limit})
        SELECT p.id, p.name, p.sex, p.birth_date::text AS birth, p.area_id, p.phone_enc, p.phone_hash, p.phone_tail,
               EXISTS (SELECT 1 FROM users u WHERE u.phone_hash = p.phone_hash) AS has_user
        FROM pick JOIN persons p ON p.id = pick.id
        ORDER BY (${draw} BETWEEN 1100 AND 1209) DESC, ${draw}, p.id`),
    );
    const seen = new Set<string>();
    return rows
      .filter((r) => (seen.has(r.phone_hash) ? false : (seen.add(r.phone_hash), true)))
      .map((r) => ({
        id: r.id,
        name: r.name,
        sex: r.sex,
        birthYear: Number(r.birth.slice(0, 4)),
        areaId: r.area_id,
        phoneEnc: r.phone_enc,
        phoneHash: r.phone_hash,
        phoneTail: r.phone_tail,
        communityId: c.id,
        hasUser: Boolean(r.has_user),
      }));
  }
}

/** Loads what the partner data hangs on; throws if the base demo data is missing. */
export async function loadPartnerSeed(tx: Tx, rng: Rng): Promise<PartnerSeed> {
  const communities = rowsOf<{ id: string; name: string; center: string | { x: number; y: number } }>(
    await tx.execute(sql`SELECT id, name, center FROM areas WHERE level = 'community' AND name IN ('红康社区', '怡心桥社区')`),
  );
  const community = (name: string): Community => {
    const c = communities.find((x) => x.name === name);
    if (!c) throw new Error(`No community ${name}`);
    const center: LngLat =
      typeof c.center === "object" && c.center ? [c.center.x, c.center.y] : (String(c.center).match(/-?\d+(?:\.\d+)?/g)?.slice(0, 2).map(Number) as LngLat);
    return { id: c.id, name: c.name, center };
  };
  const users = rowsOf<{ id: string; username: string | null; role: string; display_name: string; area_id: string | null; community_id: string | null }>(
    await tx.execute(sql`
      SELECT u.id, u.username, u.role, u.display_name, u.area_id, a.community_id
      FROM users u LEFT JOIN areas a ON a.id = u.area_id
      WHERE u.username IS NOT NULL OR (u.role = 'rider' AND u.person_id IS NULL)
      ORDER BY u.id`),
  ).map((u) => ({ id: u.id, username: u.username, role: u.role, displayName: u.display_name, areaId: u.role === "rider" ? u.community_id : u.area_id }));
  const places = rowsOf<{ id: string; name: string; kind: string; attrs: Record<string, unknown>; location: string | { x: number; y: number } | null; community_id: string }>(
    await tx.execute(sql`SELECT id, name, kind, attrs, location, community_id FROM places WHERE kind IN ('public_unit', 'commercial_centre', 'rider_station', 'enterprise', 'shop')`),
  ).map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    attrs: p.attrs ?? {},
    location: p.location === null ? null : typeof p.location === "object" ? ([p.location.x, p.location.y] as LngLat) : (String(p.location).match(/-?\d+(?:\.\d+)?/g)?.slice(0, 2).map(Number) as LngLat),
    communityId: p.community_id,
  }));
  return new PartnerSeed(tx, rng, community("红康社区"), community("怡心桥社区"), users, places);
}
