import { idNumberCheckChar } from "../../src/server/platform/personal-data";

/**
 * The n-th synthetic ID number of a test: valid checksum, region 530111 (never used by the demo
 * data, so no collision with it), a distinct birth date per n.
 */
export function testIdNumber(n: number, sex: "M" | "F" = "M"): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  const first17 = `530111${birth}12${sex === "M" ? 1 : 2}`;
  return first17 + idNumberCheckChar(first17);
}
