import type { StreetCommunityRow } from "../../../contracts/street";

/** The figures a community can be compared on: how to read one from a row, whether it is a share, and which way is better. */
export const FIGURES = {
  total: { get: (r: StreetCommunityRow) => r.cases.total, percent: false, higherIsBetter: null },
  shareGrid: { get: (r: StreetCommunityRow) => r.cases.shareGrid, percent: true, higherIsBetter: true },
  shareCommunity: { get: (r: StreetCommunityRow) => r.cases.shareCommunity, percent: true, higherIsBetter: null },
  shareBeyond: { get: (r: StreetCommunityRow) => r.cases.shareBeyond, percent: true, higherIsBetter: false },
  overdueRate: { get: (r: StreetCommunityRow) => r.cases.overdueRate, percent: true, higherIsBetter: false },
  medianHoursToClose: { get: (r: StreetCommunityRow) => r.cases.medianHoursToClose, percent: false, higherIsBetter: false },
  satisfactionRate: { get: (r: StreetCommunityRow) => r.cases.satisfactionRate, percent: true, higherIsBetter: true },
  patrolOnTime: { get: (r: StreetCommunityRow) => r.patrols?.onTimeRate ?? null, percent: true, higherIsBetter: true },
  meetings: { get: (r: StreetCommunityRow) => r.deliberation?.meetings ?? null, percent: false, higherIsBetter: true },
  resolutionsDone: { get: (r: StreetCommunityRow) => r.deliberation?.resolutionsDone ?? null, percent: false, higherIsBetter: true },
  activities: { get: (r: StreetCommunityRow) => r.partners?.activities ?? null, percent: false, higherIsBetter: true },
  volunteerHours: { get: (r: StreetCommunityRow) => r.partners?.volunteerHours ?? null, percent: false, higherIsBetter: true },
} as const;

export type FigureKey = keyof typeof FIGURES;
export const CASE_FIGURES: FigureKey[] = ["total", "shareGrid", "shareCommunity", "shareBeyond", "overdueRate", "medianHoursToClose", "satisfactionRate"];
export const OTHER_FIGURES: FigureKey[] = ["patrolOnTime", "meetings", "resolutionsDone", "activities", "volunteerHours"];

/** Sorts nulls last whichever way. */
export function compareFigure(key: FigureKey) {
  return (a: StreetCommunityRow, b: StreetCommunityRow) => (FIGURES[key].get(a) ?? -Infinity) - (FIGURES[key].get(b) ?? -Infinity);
}
