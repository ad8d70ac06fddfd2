import { CASE_LEVELS } from "../../db/schema/cases";
import type { Role } from "../../db/schema/accounts";
import { CASE_LEVEL_OWNERS, CASE_VERIFIERS, inGroup } from "../../platform/roles";

type CaseLevel = (typeof CASE_LEVELS)[number];

/**
 * Which case levels put a role in which relation of the workflow (`cases/access.ts` relationsOf):
 * the levels it verifies (verify, close, decide delays) and the levels it owns (accept, dispatch).
 * Grid-level cases are first the grid worker's: for the community's other owners they come to the
 * inbox only once escalated (then they are community-level) — otherwise every new report of every
 * grid would wait twice.
 */
export function verifierLevels(role: Role): CaseLevel[] {
  return CASE_LEVELS.filter((l) => CASE_VERIFIERS[l].includes(role));
}

export function dispatchLevels(role: Role): CaseLevel[] {
  const owned = CASE_LEVELS.filter((l) => CASE_LEVEL_OWNERS[l].includes(role));
  return inGroup(role, "gridQueue") ? owned : owned.filter((l) => l !== "grid");
}

/** Supervisors (督办) decide delay requests at every level of their scope. */
export function decidesEveryDelay(role: Role): boolean {
  return inGroup(role, "caseSupervisors");
}
