import { describe, expect, it } from "vitest";
import * as labels from "../src/server/modules/partners/labels";
import { partnersZhCN } from "../src/web/features/partners/messages";

/**
 * The server names kinds in Chinese for measures, exports and the API's `*Name` fields; the web
 * names the same kinds from its own dictionary. A kind must be called the same on both.
 */
describe("partner kind names", () => {
  const pairs: Array<[string, Record<string, string>, Record<string, string>]> = [
    ["unit kinds", labels.UNIT_KIND_NAMES, partnersZhCN.unitKind],
    ["resource kinds", labels.RESOURCE_KIND_NAMES, partnersZhCN.resourceKind],
    ["activity kinds", labels.ACTIVITY_KIND_NAMES, partnersZhCN.activityKind],
    ["team kinds", labels.TEAM_KIND_NAMES, partnersZhCN.teamKind],
    ["rider services", labels.RIDER_SERVICE_NAMES, partnersZhCN.riders.kinds],
    ["point entries", labels.POINT_ENTRY_NAMES, partnersZhCN.entryKind],
  ];
  it.each(pairs)("%s read the same on the server and in the Chinese UI", (_, server, web) => {
    expect(web).toEqual(server);
  });
});
