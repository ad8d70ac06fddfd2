import { describe, expect, it } from "vitest";
import { JOINT_UNIT_KIND_VALUES, ORGANISER_VALUES, ORIGIN_KIND_VALUES, PARTY_MEMBER_KIND_VALUES, PARTY_ORG_KIND_VALUES, PARTY_ROLE_VALUES, TWO_NEW_STAGE_VALUES } from "../src/contracts/party";
import { partyEn, partyZhCN } from "../src/web/features/party/messages";

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ""): Array<[string, string]> =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));

/** The party screens speak Chinese first: every text is Chinese, every kind the API answers has a name in both languages. */
describe("party screen texts", () => {
  it("has no English word in the Chinese texts", () => {
    const latin = leaves(partyZhCN as unknown as Tree).filter(([, v]) => /[A-Za-z]{2,}/.test(v.replace(/\{\{\w+\}\}/g, "")));
    expect(latin).toEqual([]);
  });

  it("has the same keys in English, and no Chinese left in them", () => {
    expect(leaves(partyEn as unknown as Tree).map(([k]) => k)).toEqual(leaves(partyZhCN as unknown as Tree).map(([k]) => k));
    expect(leaves(partyEn as unknown as Tree).filter(([, v]) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });

  it.each([
    ["orgKind", PARTY_ORG_KIND_VALUES],
    ["memberKind", PARTY_MEMBER_KIND_VALUES],
    ["role", PARTY_ROLE_VALUES],
    ["stage", TWO_NEW_STAGE_VALUES],
    ["organiser", ORGANISER_VALUES],
  ] as const)("names every %s of the contract", (key, values) => {
    for (const lang of [partyZhCN, partyEn]) expect(Object.keys(lang[key]).sort()).toEqual([...values].sort());
  });

  it("names every joint unit kind", () => {
    for (const lang of [partyZhCN, partyEn]) expect(Object.keys(lang.joint.kinds).sort()).toEqual([...JOINT_UNIT_KIND_VALUES].sort());
  });

  it("names every origin kind of a project", () => {
    for (const lang of [partyZhCN, partyEn]) expect(Object.keys(lang.projects.originKind).sort()).toEqual([...ORIGIN_KIND_VALUES].sort());
  });
});
