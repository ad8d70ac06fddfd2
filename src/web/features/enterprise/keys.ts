/** Query keys of the enterprise feature; everything under ["enterprise"] is refreshed after a write. */
export const enterpriseKeys = {
  all: ["enterprise"] as const,
  list: (filter: object) => ["enterprise", "list", filter] as const,
  detail: (id: string) => ["enterprise", "detail", id] as const,
  campaigns: ["enterprise", "campaigns"] as const,
  campaign: (id: string) => ["enterprise", "campaign", id] as const,
  targets: (id: string, filter: object) => ["enterprise", "targets", id, filter] as const,
  needs: (filter: object) => ["enterprise", "needs", filter] as const,
  matches: (id: string) => ["enterprise", "matches", id] as const,
  cultivations: ["enterprise", "cultivations"] as const,
  briefings: ["enterprise", "briefings"] as const,
  events: ["enterprise", "events"] as const,
};
