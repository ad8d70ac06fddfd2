import { boolean, date, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { areas } from "./areas";
import { persons } from "./places";

/** 社区党委 (committee) and 党支部 (branches) beside the area tree. */
export const partyOrgs = pgTable(
  "party_orgs",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    areaId: uuid("area_id").notNull().references(() => areas.id),
    parentId: uuid("parent_id"),
    kind: text("kind", { enum: ["committee", "branch"] }).notNull(),
    name: text("name").notNull(),
  },
  (t) => [index("party_orgs_community_idx").on(t.communityId)],
);

/** 党员: a person's membership of a party organisation. */
export const partyMembers = pgTable(
  "party_members",
  {
    id: uuid("id").primaryKey(),
    communityId: uuid("community_id").notNull().references(() => areas.id),
    personId: uuid("person_id").notNull().references(() => persons.id).unique(),
    orgId: uuid("org_id").notNull().references(() => partyOrgs.id),
    joinedOn: date("joined_on"),
    /** 转入: membership transferred in from elsewhere. */
    transferredIn: boolean("transferred_in").notNull().default(true),
    role: text("role", { enum: ["member", "building_leader", "anchor_household", "secretary"] })
      .notNull()
      .default("member"),
  },
  (t) => [index("party_members_org_idx").on(t.orgId)],
);
