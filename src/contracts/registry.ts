import { z } from "zod";
import { uuid } from "./common";
import { code, day as boundedDay, instant, limit, line, lngLatInput, mobilePhone, paragraph, queryInt } from "./bounded";

export const RELATIONS = ["head", "spouse", "child", "parent", "grandchild", "sibling", "other"] as const;
export const RESIDENCES = ["registered", "resident", "floating"] as const;
const phone = mobilePhone;
const idNumber = z.string().max(40).trim().toUpperCase().regex(/^\d{17}[\dX]$/);
/** Days of a household's life (moving in or out, joining): not in the future. */
const day = boundedDay({ notFuture: true });

export const tagItem = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), kind: z.string(), restricted: z.boolean(), visitFrequency: z.string().nullable() });
export const tagsReply = z.object({ items: z.array(tagItem) });

export const personTag = z.object({ code: z.string(), name: z.string(), attrs: z.record(z.string(), z.string()), setAt: z.string(), setBy: z.string().nullable() });

export const memberItem = z.object({
  id: uuid,
  name: z.string(),
  sex: z.enum(["M", "F"]),
  age: z.number(),
  relation: z.enum(RELATIONS),
  residence: z.enum(RESIDENCES),
  status: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string(),
  tags: z.array(personTag),
});

export const compoundItem = z.object({ id: uuid, name: z.string(), kind: z.string(), address: z.string(), gridName: z.string().nullable(), buildings: z.number(), households: z.number(), residents: z.number() });
export const compoundsReply = z.object({ items: z.array(compoundItem) });
export const buildingItem = z.object({ id: uuid, name: z.string(), floors: z.number(), units: z.number(), households: z.number(), residents: z.number(), careResidents: z.number() });
export const buildingsReply = z.object({ items: z.array(buildingItem) });
export const householdItem = z.object({
  id: uuid,
  unitNo: z.number(),
  roomNo: z.string(),
  address: z.string(),
  status: z.string(),
  movedInOn: z.string().nullable(),
  head: z.string().nullable(),
  members: z.number(),
  tags: z.array(z.string()),
});
export const householdsReply = z.object({ items: z.array(householdItem) });
export const householdDetail = householdItem.extend({
  buildingId: uuid,
  movedOutOn: z.string().nullable(),
  people: z.array(memberItem),
  history: z.array(z.object({ kind: z.string(), on: z.string(), personName: z.string().nullable(), note: z.string().nullable(), at: z.string() })),
  visits: z.array(z.object({ id: uuid, visitedAt: z.string(), visitor: z.string(), notes: z.string(), photos: z.array(z.object({ id: uuid, url: z.string(), thumbUrl: z.string() })) })),
});

export const personDetail = memberItem.extend({
  birthDate: z.string(),
  householdId: uuid.nullable(),
  address: z.string().nullable(),
  communityName: z.string(),
  partyOrg: z.string().nullable(),
});

export const idParams = z.strictObject({ id: uuid });

export const unmaskBody = z.strictObject({ reason: line(200, 4) });
export const unmaskReply = z.object({ idNumber: z.string(), phone: z.string().nullable() });

export const newPersonBody = z.strictObject({
  name: line(40),
  idNumber,
  phone: phone.optional(),
  relation: z.enum(RELATIONS),
  residence: z.enum(RESIDENCES).default("registered"),
  joinedOn: day.optional(),
});
export const newHouseholdBody = z.strictObject({
  buildingId: uuid,
  unitNo: z.number().int().min(1).max(50).default(1),
  roomNo: line(20),
  movedInOn: day,
  members: z.array(newPersonBody).min(1).max(20),
});
export const updatePersonBody = z.strictObject({
  name: line(40).optional(),
  phone: phone.nullable().optional(),
  relation: z.enum(RELATIONS).optional(),
  residence: z.enum(RESIDENCES).optional(),
});
export const moveOutBody = z.strictObject({ on: day, note: paragraph(200, 0).optional() });

export const setTagBody = z.strictObject({ tagCode: code(40), attrs: z.record(line(20), line(60, 0)).default({}) });

export const visitBody = z.strictObject({
  householdId: uuid.optional(),
  personId: uuid.optional(),
  notes: paragraph(2000),
  visitedAt: instant({ notFuture: true }).optional(),
  location: lngLatInput.optional(),
  photoIds: z.array(uuid).max(9).default([]),
  /** 已走访, 未遇 (nobody home: a second try is planned), 拒访, 已搬离 (proposes the register change). */
  outcome: z.enum(["visited", "not_home", "refused", "moved_away"]).default("visited"),
  /** The patrol task this visit is (default: the caller's open task of the target for the visit's day). */
  taskId: uuid.optional(),
  /** Made by the phone when the form is filled: the same clientId is stored once. */
  clientId: z.string().regex(/^[A-Za-z0-9_\-:.]{8,100}$/).optional(),
});
export type VisitBody = z.infer<typeof visitBody>;
export const visitReply = z.object({
  id: uuid,
  replayed: z.boolean(),
  taskId: uuid.nullable(),
  outcome: z.enum(["visited", "not_home", "refused", "moved_away"]),
  retryOn: z.string().nullable(),
  correctionId: uuid.nullable(),
});

export const CORRECTION_FIELDS = ["name", "phone", "idNumber", "residence", "address", "other"] as const;
export const CORRECTION_STATUSES = ["open", "done", "rejected"] as const;

/** A resident's own record; `person` is null when the register holds no record for the account. */
export const ownRecordReply = z.object({
  person: personDetail.pick({ id: true, name: true, sex: true, age: true, relation: true, residence: true, status: true, phone: true, idNumber: true, tags: true, birthDate: true, address: true }).nullable(),
  corrections: z.array(
    z.object({
      id: z.string(),
      field: z.enum(CORRECTION_FIELDS),
      proposed: z.string(),
      note: z.string().nullable(),
      status: z.enum(CORRECTION_STATUSES),
      createdAt: z.string(),
      handledAt: z.string().nullable(),
    }),
  ),
});
export type OwnRecord = z.infer<typeof ownRecordReply>;

export const correctionBody = z.strictObject({
  field: z.enum(CORRECTION_FIELDS),
  proposed: line(200),
  note: paragraph(500, 0).optional(),
});

export const importReply = z.object({
  id: uuid,
  status: z.enum(["done", "rejected", "failed"]),
  mode: z.enum(["all_or_nothing", "valid_only"]),
  totalRows: z.number(),
  importedRows: z.number(),
  rejectedRows: z.number(),
  /** Problems of the file as a whole (missing columns, too many rows …). */
  fileErrors: z.array(z.string()),
  /** The first rejected rows; the full list is in the report. */
  rejected: z.array(z.object({ row: z.number(), errors: z.array(z.string()) })),
  reportUrl: z.string().nullable(),
});
export type ImportReply = z.infer<typeof importReply>;

export const carePeopleQuery = z.strictObject({
  /** One care tag code; without it every care tag counts. */
  tag: code(40).optional(),
  areaId: uuid.optional(),
  /** How many of the list to skip: the phone loads the list page after page ("load more"). */
  offset: queryInt({ min: 0, max: 100_000 }).default(0),
  limit: limit(200, 100),
});
export const carePerson = z.object({
  id: uuid,
  name: z.string(),
  sex: z.enum(["M", "F"]),
  age: z.number(),
  householdId: uuid.nullable(),
  address: z.string().nullable(),
  tags: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The most frequent visit rhythm among the person's tags. */
  visitFrequency: z.enum(["weekly", "monthly", "quarterly"]).nullable(),
  lastVisitAt: z.string().nullable(),
  /** Never visited, or the last visit is older than the rhythm allows. */
  due: z.boolean(),
});
export const carePeopleReply = z.object({ items: z.array(carePerson), total: z.number() });
export type CarePerson = z.infer<typeof carePerson>;
