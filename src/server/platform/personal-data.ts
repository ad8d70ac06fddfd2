import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../db/client";

/**
 * Protection of personal data at rest: AES-256-GCM for ID numbers and phones, and a keyed hash
 * (HMAC-SHA-256, "blind index") so exact lookups never decrypt the table. Both keys derive from one
 * master key given in configuration or kept in a key file (mode 0600) created on first start.
 */
export class PersonalDataCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;
  readonly keyId: string;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error("The personal-data key must be 32 bytes");
    this.encKey = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "linli:enc:v1", 32));
    this.indexKey = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "linli:bidx:v1", 32));
    this.keyId = createHmac("sha256", masterKey).update("key-id").digest("hex").slice(0, 8);
  }

  /** `v1.<keyId>.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ["v1", this.keyId, iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
  }

  decrypt(token: string): string {
    const [v, , iv, tag, ct] = token.split(".");
    if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("Unreadable encrypted value");
    const decipher = createDecipheriv("aes-256-gcm", this.encKey, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  }

  /** Keyed hash for exact-match lookups; input is normalised (trimmed, upper case). */
  blindIndex(value: string): string {
    return createHmac("sha256", this.indexKey).update(value.trim().toUpperCase()).digest("base64url");
  }
}

/** Reads the master key from configuration, or from `<dataDir>/linli.key`, creating it (0600) if absent. */
export function loadMasterKey(dataKeyHex: string | undefined, dataDir: string): Buffer {
  if (dataKeyHex) return Buffer.from(dataKeyHex, "hex");
  const file = path.join(dataDir, "linli.key");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const hex = fs.readFileSync(file, "utf8").trim();
    return Buffer.from(hex, "hex");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  return key;
}

/** `530102199001011234` → `5301**********1234` */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length <= 8) return "*".repeat(id.length);
  return id.slice(0, 4) + "*".repeat(id.length - 8) + id.slice(-4);
}

/** `13812345678` → `138****5678` */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return "*".repeat(phone.length);
  return phone.slice(0, 3) + "*".repeat(phone.length - 7) + phone.slice(-4);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** Check character of an 18-digit mainland resident ID number (GB 11643). */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Validates format, birth date and checksum; returns birth date and sex when valid. */
export function parseIdNumber(id: string): { birthDate: string; sex: "M" | "F" } | null {
  const v = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return null;
  if (idNumberCheckChar(v.slice(0, 17)) !== v[17]) return null;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900) return null;
  return { birthDate: v.slice(6, 10) + "-" + v.slice(10, 12) + "-" + v.slice(12, 14), sex: Number(v[16]) % 2 === 1 ? "M" : "F" };
}

export const PHONE_RE = /^1[3-9]\d{9}$/;

/*
 * Public text: what a case says reaches people who are not staff of its scope (the public nearby
 * view, a neighbour's duplicate suggestion). Phone numbers, ID numbers and the names the registry
 * knows are masked there, and the place is coarsened unless the case is about a public thing.
 */

/** 18-character ID numbers (17 digits and a digit or X), also typed in groups. */
const ID18_RE = /(?<![\dA-Za-z])\d(?:[ -]?\d){16}[ -]?[\dXx](?![\dA-Za-z])/g;
/** Old 15-digit ID numbers. */
const ID15_RE = /(?<!\d)\d{15}(?!\d)/g;
/** Mobile numbers, with or without +86 and spaces or dashes between the digits. */
const MOBILE_RE = /(?<!\d)(?:\+?86[ -]?)?1[3-9](?:[ -]?\d){9}(?!\d)/g;
/** Landlines with an area code: 0871-65123456, (0871)6512345, 010 12345678. */
const LANDLINE_RE = /(?<!\d)(\(?0\d{2,3}\)?)[ -]?\d{7,8}(?!\d)/g;
/** A run of CJK characters, where a name can stand. */
const CJK_RUN_RE = /[\u3400-\u4dbf\u4e00-\u9fff]{2,}/g;

const digitsOf = (s: string) => s.replace(/[^\dXx]/g, "").toUpperCase();

/** The 2–4 character CJK substrings of a text: the candidates to look up among the registry's names. */
export function nameCandidates(text: string, maxCandidates = 2000): string[] {
  const out = new Set<string>();
  for (const run of text.match(CJK_RUN_RE) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      for (let len = 2; len <= 4 && i + len <= chars.length; len++) {
        out.add(chars.slice(i, i + len).join(""));
        if (out.size >= maxCandidates) return [...out];
      }
    }
  }
  return [...out];
}

/** A known name as shown in public: its first character and a star (张三丰 → 张*). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? "*" : chars[0] + "*";
}

/**
 * Masks what identifies a person in a text shown in public: mobile and landline numbers, 18- and
 * 15-digit ID numbers, and each of `knownNames` (names of the registry's persons found in the text).
 */
export function maskPublicText(text: string, knownNames: Iterable<string> = []): string {
  let out = text
    .replace(ID18_RE, (m) => maskIdNumber(digitsOf(m))!)
    .replace(ID15_RE, (m) => maskIdNumber(m)!)
    .replace(MOBILE_RE, (m) => maskPhone(digitsOf(m).slice(-11))!)
    .replace(LANDLINE_RE, (m, area: string) => `${area}-${"*".repeat(digitsOf(m).length - digitsOf(area).length)}`);
  const names = [...new Set(knownNames)].filter((n) => [...n].length >= 2).sort((a, b) => b.length - a.length);
  for (const name of names) out = out.split(name).join(maskName(name));
  return out;
}

/** Degrees of the public grid coordinates snap to: 0.0005° is about 55 m north–south, 50 m east–west at 25° N. */
export const PUBLIC_GRID_DEGREES = 0.0005;

/** A point snapped to the public grid, so a report does not point at one door. */
export function coarsenPoint([lng, lat]: [number, number], step = PUBLIC_GRID_DEGREES): [number, number] {
  const snap = (v: number) => Number((Math.round(v / step) * step).toFixed(6));
  return [snap(lng), snap(lat)];
}

/**
 * The names of the registry's persons that occur in texts, per community: candidate substrings of
 * 2–4 CJK characters looked up by equality on the name index, within the texts' communities.
 */
export async function knownNamesIn(db: DbOrTx, texts: Array<{ communityId: string | null; text: string }>): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const communities = [...new Set(texts.map((t) => t.communityId).filter((c): c is string => !!c))];
  const candidates = [...new Set(texts.flatMap((t) => (t.communityId ? nameCandidates(t.text) : [])))];
  if (communities.length === 0 || candidates.length === 0) return out;
  const rows = rowsOf<{ community_id: string; name: string }>(
    await db.execute(sql`
      SELECT DISTINCT community_id, name FROM persons
      WHERE name = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(candidates)}::jsonb)))
        AND community_id = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(communities)}::jsonb)::uuid))`),
  );
  for (const r of rows) (out.get(r.community_id) ?? out.set(r.community_id, new Set()).get(r.community_id)!).add(r.name);
  return out;
}

/** A text (a case's, a topic's) as shown to someone who is not staff of its scope: personal data masked, then cut to `max` characters. */
export function publicText(text: string, names: Iterable<string>, max: number): string {
  // Masked before it is cut, so a number or a name on the cut is not left half visible.
  return [...maskPublicText(text, names)].slice(0, max).join("");
}
