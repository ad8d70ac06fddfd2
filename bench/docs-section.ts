import fs from "node:fs";

/**
 * docs/BENCHMARKS.md holds one section per benchmark (cases, registry, patrols), each between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`. A benchmark rewrites its own section and leaves
 * the others as they are; a section not there yet is added at the end.
 */
export function writeSection(file: string, name: string, markdown: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const i = old.indexOf(start);
  const j = old.indexOf(end);
  let next: string;
  if (i >= 0 && j > i) next = old.slice(0, i) + block + old.slice(j + end.length);
  else if (name === "cases" && old.trim() && !old.includes("<!-- bench:")) next = block + "\n"; // the page before sections existed
  else next = (old.trim() ? old.trimEnd() + "\n\n" : "") + block + "\n";
  fs.writeFileSync(file, next.endsWith("\n") ? next : next + "\n");
}

/** A two-column markdown table of figures, with an optional target column. */
export function figureTable(rows: Array<[string, string, string?, boolean?]>): string {
  const out = ["| measure | figure | target |  |", "|---|---|---|---|"];
  for (const [k, v, target, ok] of rows) out.push(`| ${k} | ${v} | ${target ?? ""} | ${ok === undefined ? "" : ok ? "✓" : "✗"} |`);
  return out.join("\n");
}
