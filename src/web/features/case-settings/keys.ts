/** Query keys of the case settings feature. */
export const settingsKeys = {
  all: ["case-settings"] as const,
  rules: (communityId: string | undefined) => ["case-settings", "rules", communityId ?? "own"] as const,
  limits: ["case-settings", "limits"] as const,
  calendar: (year: number) => ["case-settings", "calendar", year] as const,
};
