import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { areaInScope, homeArea } from "../../platform/scope";
import type { CarePerson } from "../../../contracts/registry";
import { ageOn } from "./present-person";
import { selectCarePeople } from "./queries";
import { assertTagVisible, seesRestricted } from "./tag-visibility";
import { isoInstant } from "../../platform/instants";

const FREQUENCY = [null, "weekly", "monthly", "quarterly"] as const;

/**
 * The people of the caller's scope who carry a care tag (独居老人, 残疾人 …), the ones whose visit is
 * due first: a grid worker's "who needs a visit" list.
 */
export async function listCarePeople(deps: AppDeps, ctx: SignedInContext, input: { tag?: string; areaId?: string; offset?: number; limit: number }): Promise<{ items: CarePerson[]; total: number }> {
  const { db } = deps.database;
  if (input.tag) await assertTagVisible(db, ctx.user, input.tag);
  const area = input.areaId ? await areaInScope(db, ctx.user, input.areaId) : await homeArea(db, ctx.user);
  const opts = { tag: input.tag, withRestricted: seesRestricted(ctx.user) };
  const rows = await selectCarePeople(db, area.path, { ...opts, offset: input.offset ?? 0, limit: input.limit });
  // The total rides on each row; a page past the end still says how many there are.
  const total = rows[0]?.total ?? (input.offset ? ((await selectCarePeople(db, area.path, { ...opts, offset: 0, limit: 1 }))[0]?.total ?? 0) : 0);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      sex: r.sex,
      age: ageOn(r.birthDate),
      householdId: r.householdId,
      address: r.address,
      tags: r.tags,
      visitFrequency: FREQUENCY[r.rank ?? 0] ?? null,
      lastVisitAt: r.lastVisitAt ? isoInstant(r.lastVisitAt) : null,
      due: r.due,
    })),
  };
}
