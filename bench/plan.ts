/** A short reading of an `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` plan: what the statement read and sorted. */
export interface PlanSummary {
  /** Execution time reported by EXPLAIN ANALYZE, ms. */
  ms: number;
  /** Pages (8 KiB) the statement touched in shared buffers or read in. */
  pages: number;
  /** The scans of the cases (and case_events) table and the sorts of 1,000 rows or more, in plan order. */
  steps: string[];
}

type Node = Record<string, unknown> & { Plans?: Node[] };

const num = (v: unknown) => (typeof v === "number" ? v : 0);
const fmt = (v: number) => Math.round(v).toLocaleString("en");

export function summarizePlan(json: unknown): PlanSummary {
  const root = (Array.isArray(json) ? json[0] : json) as Record<string, unknown>;
  const plan = root.Plan as Node;
  const steps: string[] = [];
  const walk = (n: Node) => {
    const type = String(n["Node Type"]);
    const rel = n["Relation Name"] as string | undefined;
    const loops = num(n["Actual Loops"]) || 1;
    const rows = num(n["Actual Rows"]) * loops;
    const removed = (num(n["Rows Removed by Filter"]) + num(n["Rows Removed by Index Recheck"])) * loops;
    if (rel === "cases" || rel === "case_events") {
      const how = n["Index Name"] ? ` using ${String(n["Index Name"])}` : "";
      const par = n["Parallel Aware"] ? " (parallel)" : "";
      steps.push(`${type}${par} on ${rel}${how}: ${removed ? `read ${fmt(rows + removed)} rows, kept ${fmt(rows)}` : `${fmt(rows)} rows`}`);
    } else if (type === "Sort" || type === "Incremental Sort") {
      const input = n.Plans?.[0] ? num(n.Plans[0]["Actual Rows"]) * (num(n.Plans[0]["Actual Loops"]) || 1) : rows;
      if (input >= 1000) steps.push(`${type} of ${fmt(input)} rows (${String(n["Sort Method"] ?? "")})`);
    }
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(plan);
  const pages = num(plan["Shared Hit Blocks"]) + num(plan["Shared Read Blocks"]);
  return { ms: num(root["Execution Time"]), pages, steps };
}
