import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client";
import { caseKeys } from "./case-keys";
import type { CaseFilter, CaseListReply, CaseSummary } from "./types";

/** The most cases the map reads for one filter (newest first): ten pages of the list. */
export const MAP_CASE_LIMIT = 2000;
const PAGE = 200;

export interface CasesOnMap {
  /** The cases that have a place. */
  placed: CaseSummary[];
  /** Cases matching the filter without a place (not drawn). */
  unplaced: number;
  /** More cases match than the map reads. */
  capped: boolean;
}

/** Every case matching the filter, read page by page from the case list (up to MAP_CASE_LIMIT), for the map. */
export function useCasesOnMap(filter: CaseFilter) {
  return useQuery({
    queryKey: caseKeys.list("map", filter),
    queryFn: async ({ signal }): Promise<CasesOnMap> => {
      const all: CaseSummary[] = [];
      let cursor: string | undefined;
      let capped = false;
      for (;;) {
        const page = await apiGet<CaseListReply>("/cases", { ...filter, cursor, limit: PAGE }, signal);
        all.push(...page.items);
        if (!page.nextCursor) break;
        if (all.length >= MAP_CASE_LIMIT) {
          capped = true;
          break;
        }
        cursor = page.nextCursor;
      }
      const placed = all.filter((c) => c.location);
      return { placed, unplaced: all.length - placed.length, capped };
    },
    placeholderData: keepPreviousData,
  });
}
