import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { addDays, daysBetween, localDay } from "../../platform/clock";
import { homeArea } from "../../platform/scope";
import { inGroup } from "../../platform/roles";
import type { StreetCommunityRow, StreetCompareQuery, StreetCompareReply } from "../../../contracts/street";
import { computeMeasures } from "../cases/measures";
import { computeDeliberationMeasures } from "../deliberation/measures";
import { computePartnerMeasures } from "../partners/measures";
import { measureCoverage } from "../patrols/measure-coverage";
import { selectCaseFiguresByCommunity, selectCommunities, type CommunityRef } from "./queries";

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The longest period compared at once. */
const MAX_DAYS = 366;

/** The months (YYYY-MM) a period touches. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = `${from.slice(0, 7)}-01`; d.slice(0, 7) <= to.slice(0, 7); d = addDays(`${d.slice(0, 7)}-28`, 7).slice(0, 7) + "-01") out.push(d.slice(0, 7));
  return out;
}

/** The period asked, or this month up to today. */
export function comparePeriod(q: StreetCompareQuery, now = new Date()): { from: string; to: string } {
  const today = localDay(now);
  const from = q.from ?? (q.to ? `${q.to.slice(0, 7)}-01` : `${today.slice(0, 7)}-01`);
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  if (from > to) throw new AppError("VALIDATION_FAILED", [{ path: "/from", message: "from is after to" }]);
  if (daysBetween(from, to) > MAX_DAYS) throw new AppError("VALIDATION_FAILED", [{ path: "/to", message: `at most ${MAX_DAYS} days` }]);
  return { from, to };
}

/**
 * The communities of the caller's scope side by side for a period, each from the measures its own
 * module computes: cases (`cases/measures.ts`, or for a department officer the same definitions over
 * their department's cases only), patrol timeliness (`patrols/measure-coverage.ts`, per month the
 * period touches), deliberation (`deliberation/measures.ts`) and partner activity
 * (`partners/measures.ts`). A department officer gets the case columns only.
 */
export async function compareCommunities(db: DbOrTx, user: AuthUser, q: StreetCompareQuery): Promise<StreetCompareReply> {
  const { from, to } = comparePeriod(q);
  const area = await homeArea(db, user);
  const communities = await selectCommunities(db, area);
  const departmentBound = inGroup(user.role, "departmentBound");
  const months = monthsOf(from, to);

  const byDepartment = departmentBound ? await selectCaseFiguresByCommunity(db, user, communities.map((c) => c.id), from, to) : null;

  const rowOf = async (c: CommunityRef): Promise<StreetCommunityRow> => {
    const base = { community: { id: c.id, name: c.name }, street: c.streetId && c.streetName ? { id: c.streetId, name: c.streetName } : null };
    if (byDepartment) {
      const f = byDepartment.get(c.id);
      const total = f?.total ?? 0;
      const resolved = f?.resolved ?? 0;
      return {
        ...base,
        cases: {
          total,
          open: f?.open ?? 0,
          resolved,
          shareGrid: share(f?.resolvedAtGrid ?? 0, resolved),
          shareCommunity: share(f?.resolvedAtCommunity ?? 0, resolved),
          shareBeyond: share(f?.resolvedBeyond ?? 0, resolved),
          overdueRate: share(f?.overdue ?? 0, total),
          overdueOpen: f?.overdueOpen ?? 0,
          medianHoursToClose: f?.medianHoursToClose ?? null,
          satisfactionRate: share(f?.satisfied ?? 0, f?.rated ?? 0),
          rated: f?.rated ?? 0,
        },
        patrols: null,
        deliberation: null,
        partners: null,
      };
    }
    const [m, coverage, d, p] = await Promise.all([
      computeMeasures(db, { areaPath: c.path, areaLevel: "community", from, to }),
      Promise.all(months.map((month) => measureCoverage(db, user, { month, areaId: c.id }))),
      computeDeliberationMeasures(db, { areaPath: c.path, from, to }),
      computePartnerMeasures(db, { area: { path: c.path, communityId: c.id, level: "community" }, from, to }),
    ]);
    const due = coverage.reduce((s, x) => s + x.total.due, 0);
    const onTime = coverage.reduce((s, x) => s + x.total.doneOnTime, 0);
    // On time of what is settled: tasks still open inside their period are not late yet.
    const settled = coverage.reduce((s, x) => s + x.total.due - x.total.open, 0);
    return {
      ...base,
      cases: {
        total: m.total,
        open: m.open,
        resolved: m.resolved,
        shareGrid: m.shareGrid,
        shareCommunity: m.shareCommunity,
        shareBeyond: m.shareBeyond,
        overdueRate: m.overdueRate,
        overdueOpen: m.overdueOpen,
        medianHoursToClose: m.medianHoursToClose,
        satisfactionRate: m.satisfactionRate,
        rated: m.rated,
      },
      patrols: { due, doneOnTime: onTime, onTimeRate: settled > 0 ? Math.round((onTime / settled) * 1000) / 1000 : null },
      deliberation: { meetings: d.meetings, resolutionsDone: d.resolutions.doneOnTime + d.resolutions.doneLate, topicsSettled: d.topicsSettled },
      partners: { activities: p.activities.total, volunteerHours: p.volunteerHours },
    };
  };

  return { from, to, department: departmentBound ? user.department : null, items: await Promise.all(communities.map(rowOf)) };
}
