import type { AgreementDetail, UnitSummary } from "../../../contracts/partners";
import type { agreementItems, agreements } from "../../db/schema/partners";
import { maskPhone, type PersonalDataCipher } from "../../platform/personal-data";
import { nameOf, UNIT_KIND_NAMES } from "./labels";
import type { UnitRow } from "./unit-queries";

type ItemRow = typeof agreementItems.$inferSelect;
type AgreementRow = typeof agreements.$inferSelect;

/** A unit for lists: the contact phone is masked. */
export function presentUnit(r: UnitRow, cipher: PersonalDataCipher): UnitSummary {
  const u = r.u;
  return {
    id: u.id,
    community: { id: u.communityId, name: r.communityName },
    place: u.placeId && r.placeName ? { id: u.placeId, name: r.placeName } : null,
    name: u.name,
    kind: u.kind,
    kindName: nameOf(UNIT_KIND_NAMES, u.kind),
    contactName: u.contactName,
    contactPhone: u.contactPhoneEnc ? maskPhone(cipher.decrypt(u.contactPhoneEnc)) : null,
    partyOrg: u.partyOrg,
    bigCommittee: u.bigCommittee,
    active: u.active,
    currentAgreement: r.current ? { id: r.current.id, startsOn: String(r.current.startsOn), endsOn: String(r.current.endsOn), partTimeMember: r.current.partTimeMember } : null,
  };
}

export function presentItem(i: ItemRow) {
  return { id: i.id, resourceKind: i.resourceKind, categories: i.categories, description: i.description, quantity: i.quantity, unit: i.unit };
}

export function presentAgreement(a: AgreementRow, items: ItemRow[], today: string): AgreementDetail {
  const mine = items.filter((i) => i.agreementId === a.id);
  return {
    id: a.id,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    signedOn: a.signedOn,
    signatories: a.signatories,
    partTimeMember: a.partTimeMember,
    current: a.startsOn <= today && a.endsOn >= today,
    offers: mine.filter((i) => i.list === "offer").map(presentItem),
    needs: mine.filter((i) => i.list === "need").map(presentItem),
    projects: mine.filter((i) => i.list === "project").map(presentItem),
  };
}
