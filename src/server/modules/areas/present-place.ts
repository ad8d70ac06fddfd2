import { maskPhone, type PersonalDataCipher } from "../../platform/personal-data";
import type { selectPlaces } from "./queries";

type PlaceRow = Awaited<ReturnType<typeof selectPlaces>>[number];

/**
 * A place for the wire. The contact is a person: staff get the name and the phone masked
 * (`138****5678`), everyone else neither; the encrypted column never leaves the server.
 */
export function presentPlace(row: PlaceRow, cipher: PersonalDataCipher, showContact: boolean) {
  const { contactPhoneEnc, contactName, ...rest } = row;
  return {
    ...rest,
    contactName: showContact ? contactName : null,
    contactPhone: showContact && contactPhoneEnc ? maskPhone(cipher.decrypt(contactPhoneEnc)) : null,
  };
}
