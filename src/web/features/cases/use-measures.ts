import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client";
import { caseKeys } from "./case-keys";
import type { Measures } from "./types";

/** The figures of 小事不出网格、大事不出社区 for an area (default: the caller's) and a period. */
export function useMeasures(areaId: string | undefined, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: caseKeys.measures(areaId, from, to),
    queryFn: ({ signal }) => apiGet<Measures>("/cases/measures", { areaId, from, to }, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}
