import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROLES } from "../src/server/db/schema/accounts";

/**
 * Access is decided in one place (`src/server/platform/`: policy, roles, scope, access rules).
 * This test reads the server's code outside that folder and fails on anything that decides access
 * by hand: a match on the area tree's paths, a "no area" sentinel, or a role named in a literal.
 * The database schema (which declares the roles) and the demo data generator are outside its reach.
 */
const ROOT = path.resolve(__dirname, "../src/server");
const EXEMPT_DIRS = ["platform", "db", "seed"].map((d) => path.join(ROOT, d) + path.sep);
/** A line may opt out only by saying why, e.g. a residence kind that shares a role's word. */
const OPT_OUT = /\/\/ not a role\b/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return EXEMPT_DIRS.includes(full + path.sep) ? [] : sourceFiles(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

const files = sourceFiles(ROOT);
const roleLiteral = new RegExp(`["'\`](${ROLES.join("|")})["'\`]`);
const checks: Array<{ name: string; test: (line: string) => boolean }> = [
  { name: "path match on the area tree", test: (l) => /like/i.test(l) && /path/i.test(l) },
  { name: "scope sentinel", test: (l) => /\\u0000|NULL::uuid WHERE false/.test(l) },
  { name: "role literal", test: (l) => roleLiteral.test(l) && !OPT_OUT.test(l) },
];

describe("access is decided in platform/ only", () => {
  it("reads the server's modules", () => {
    expect(files.length).toBeGreaterThan(100);
  });
  for (const check of checks) {
    it(`has no ${check.name} outside platform/`, () => {
      const hits: string[] = [];
      for (const file of files) {
        fs.readFileSync(file, "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (check.test(line)) hits.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim().slice(0, 140)}`);
          });
      }
      expect(hits).toEqual([]);
    });
  }
});
