/**
 * The functional departments a street office dispatches to (joint rectification with 派出所,
 * 消防队, 司法所 …). The server stores the Chinese name; the key only picks the label.
 */
export const DEPARTMENTS = [
  { key: "police", value: "派出所" },
  { key: "fire", value: "消防队" },
  { key: "justice", value: "司法所" },
  { key: "market", value: "市场监管所" },
  { key: "river", value: "河长办" },
  { key: "urban", value: "城管执法中队" },
] as const;

/** The label key of a stored department name, if it is one we know. */
export function departmentKey(value: string | null | undefined): string | undefined {
  return DEPARTMENTS.find((d) => d.value === value)?.key;
}
