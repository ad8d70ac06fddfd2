/** Query keys of the registry; everything under `registry` is refreshed after a write. */
export const registryKeys = {
  all: ["registry"] as const,
  tags: () => ["registry", "tags"] as const,
  compounds: () => ["registry", "compounds"] as const,
  buildings: (compoundId: string) => ["registry", "buildings", compoundId] as const,
  households: (buildingId: string, archived: boolean) => ["registry", "households", buildingId, archived] as const,
  household: (id: string) => ["registry", "household", id] as const,
  person: (id: string) => ["registry", "person", id] as const,
  care: (tag: string | undefined) => ["registry", "care", tag ?? ""] as const,
  places: (kind: string | undefined) => ["registry", "places", kind ?? ""] as const,
  corrections: () => ["registry", "corrections"] as const,
  own: () => ["registry", "own"] as const,
};
