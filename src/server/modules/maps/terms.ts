import { pinyin } from "pinyin-pro";

/**
 * Address search terms, computed when a compound, building, place or map feature is written (never
 * at query time): every substring (up to `MAX_TERM` characters) of the normalised display name and
 * of its pinyin initials ("康宁花园5栋" → "knhy5d"), plus `^`-prefixed prefixes and `=`-prefixed whole
 * forms for ranking. A GIN index on the `text[]` column answers `terms @> ARRAY[…]` on both engines
 * (pg_trgm does not index Chinese under the C locale, and PGlite has no extensions to rely on).
 */

export const MAX_TERM = 16;

/** Lower case, full-width forms folded (NFKC), spaces and separators dropped. */
export function normalizeAddress(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s·•\-_,，。.、()（）#]+/g, "")
    .replace(/(\d+)(号楼|幢|座)/g, "$1栋");
}

/** Pinyin initials: a Chinese character gives the first letter of its reading, letters and digits stay. */
export function initialsOf(name: string): string {
  const n = normalizeAddress(name);
  if (!n) return "";
  const letters = pinyin(n, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" }) as string[];
  return letters.join("").toLowerCase().replace(/[^a-z0-9]/g, "");
}

function substrings(s: string, out: Set<string>) {
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    let t = "";
    for (let j = i; j < Math.min(chars.length, i + MAX_TERM); j++) {
      t += chars[j];
      out.add(t);
    }
  }
  const head = chars.slice(0, MAX_TERM);
  for (let k = 1; k <= head.length; k++) out.add("^" + head.slice(0, k).join(""));
  out.add("=" + chars.slice(0, MAX_TERM).join(""));
}

/** The search terms of a display name (and optional aliases, e.g. a place's short name). */
export function searchTermsOf(name: string, ...aliases: string[]): string[] {
  const out = new Set<string>();
  for (const s of [name, ...aliases]) {
    const n = normalizeAddress(s);
    if (!n) continue;
    substrings(n, out);
    const ini = initialsOf(n);
    if (ini && ini !== n) substrings(ini, out);
  }
  return [...out];
}

/**
 * A query split into the pieces that must all occur: "康宁5栋" → ["康宁", "5栋"], "knhy5d" → ["knhy5d"],
 * "5栋2单元" → ["5栋", "2单元"]. Pieces longer than `MAX_TERM` are cut (the index holds no longer terms).
 */
export function queryPieces(q: string): string[] {
  const n = normalizeAddress(q);
  const pieces = n.match(/\d+[栋幢号楼单元室层]+|[a-z0-9]+|[^a-z0-9]+/g) ?? [];
  return [...new Set(pieces.map((p) => Array.from(p).slice(0, MAX_TERM).join("")).filter(Boolean))];
}
