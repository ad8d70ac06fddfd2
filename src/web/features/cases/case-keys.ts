import type { CaseFilter } from "./types";

/** Query keys of the cases feature; everything under ["cases"] is refreshed after an action. */
export const caseKeys = {
  all: ["cases"] as const,
  categories: ["cases", "categories"] as const,
  list: (scope: string, filter: CaseFilter) => ["cases", "list", scope, filter] as const,
  detail: (id: string) => ["cases", "detail", id] as const,
  handlers: (id: string) => ["cases", "handlers", id] as const,
  measures: (areaId: string | undefined, from: string, to: string) => ["cases", "measures", areaId ?? "home", from, to] as const,
  pending: ["cases", "pending"] as const,
};
