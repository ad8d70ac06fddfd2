import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client";
import { hasPermission, useMe } from "../../api/use-me";
import { thisMonth } from "../patrols/kind-options";
import { chinaDay } from "../../lib/format";
import type { CoverageReply } from "../patrols/types";

export interface GridCoverage {
  done: number;
  due: number;
  /** done ÷ due, null without tasks due. */
  coverage: number | null;
}

/**
 * Today's patrol coverage per grid: the tasks whose period (week, month or quarter) holds today and how
 * many are done (`GET /api/patrols/coverage?day=`), for staff who read patrols; nothing is asked for others.
 */
export function useGridCoverage() {
  const allowed = hasPermission(useMe().data, "patrol:read");
  const month = thisMonth();
  const day = chinaDay();
  return useQuery({
    queryKey: ["patrols", "coverage", month, day, null, null],
    queryFn: ({ signal }) => apiGet<CoverageReply>("/patrols/coverage", { month, day }, signal),
    enabled: allowed,
    staleTime: 60_000,
    select: (reply) => new Map<string, GridCoverage>(reply.byGrid.filter((g) => g.grid).map((g) => [g.grid!.id, { done: g.done, due: g.due, coverage: g.coverage }])),
  });
}

/** The colour ramp of patrol coverage: red (little done) through orange and yellow to green (all done). */
export const COVERAGE_STOPS: Array<[number, string]> = [
  [0, "#f5222d"],
  [0.3, "#fa8c16"],
  [0.6, "#fadb14"],
  [0.85, "#a0d911"],
  [1, "#52c41a"],
];

export const COVERAGE_GRADIENT = `linear-gradient(90deg, ${COVERAGE_STOPS.map(([at, c]) => `${c} ${at * 100}%`).join(", ")})`;

/** The ramp's colour at a share (0…1), interpolated between its stops. */
export function coverageColour(share: number): string {
  const s = Math.max(0, Math.min(1, share));
  for (let i = 1; i < COVERAGE_STOPS.length; i++) {
    const [b, cb] = COVERAGE_STOPS[i];
    const [a, ca] = COVERAGE_STOPS[i - 1];
    if (s <= b) {
      const f = (s - a) / (b - a || 1);
      const mix = (k: number) => Math.round(parseInt(ca.slice(k, k + 2), 16) * (1 - f) + parseInt(cb.slice(k, k + 2), 16) * f);
      return `rgb(${mix(1)}, ${mix(3)}, ${mix(5)})`;
    }
  }
  return COVERAGE_STOPS[COVERAGE_STOPS.length - 1][1];
}
