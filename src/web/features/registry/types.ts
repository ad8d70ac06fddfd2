import type { z } from "zod";
import type {
  buildingsReply,
  carePeopleReply,
  compoundsReply,
  householdDetail,
  householdsReply,
  importReply,
  personDetail,
  tagsReply,
  unmaskReply,
} from "../../../contracts/registry";
import type { placesReply } from "../../../contracts/areas";

export type Compound = z.infer<typeof compoundsReply>["items"][number];
export type Building = z.infer<typeof buildingsReply>["items"][number];
export type HouseholdItem = z.infer<typeof householdsReply>["items"][number];
export type HouseholdDetail = z.infer<typeof householdDetail>;
export type Member = HouseholdDetail["people"][number];
export type PersonDetail = z.infer<typeof personDetail>;
export type TagDefinition = z.infer<typeof tagsReply>["items"][number];
export type Unmasked = z.infer<typeof unmaskReply>;
export type ImportResult = z.infer<typeof importReply>;
export type CareReply = z.infer<typeof carePeopleReply>;
export type Place = z.infer<typeof placesReply>["items"][number];
export type Visit = HouseholdDetail["visits"][number];
export type Correction = { id: string; personId: string; personName: string; field: string; proposed: string; note: string | null; createdAt: string };
export type Relation = Member["relation"];
export type Residence = Member["residence"];
