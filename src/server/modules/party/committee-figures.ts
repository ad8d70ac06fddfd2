import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client";
import type { FigureSource } from "../reports/figure-source";
import { figureMaker, idList, UNITS } from "../reports/figure-kit";
import { ledByCommitteeMember, RESIDENTIAL_BRANCH } from "./committees";

const fig = figureMaker("party");

/**
 * The 两委 figure of the party section: 居民区 (grid or compound) branches founded by the period's
 * end whose secretary sits on the community's party committee or residents' committee on that day
 * (社区“两委”成员中的党员担任居民区党支部书记).
 */
export const partyCommitteeFigures: FigureSource = {
  section: "party",
  async figures(db, scope) {
    const ids = idList(scope.communityIds);
    const [r] = rowsOf<{ n: number }>(
      await db.execute(sql`SELECT count(*)::int AS n FROM party_orgs o
        WHERE o.community_id IN ${ids} AND ${RESIDENTIAL_BRANCH} AND (o.founded_on IS NULL OR o.founded_on <= ${scope.to}::date) AND ${ledByCommitteeMember(scope.to)}`),
    );
    return [
      fig(
        "branch_secretaries_from_committees",
        Number(r?.n ?? 0),
        {
          label: { zh: "由两委成员担任的居民区党支部书记", en: "Residential branch secretaries on the 两委" },
          definition: {
            zh: "期末书记由社区“两委”（社区党委、居民委员会）在任成员担任的居民区（网格、小区）党支部个数。",
            en: "Residential (grid or compound) branches whose secretary sits on the community's party committee or residents' committee at the end of the period.",
          },
          unit: UNITS.items,
        },
        { route: "/party", query: { tab: "tree" } },
      ),
    ];
  },
};
