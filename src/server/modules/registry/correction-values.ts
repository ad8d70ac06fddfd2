import { maskIdNumber, maskPhone, parseIdNumber, type PersonalDataCipher } from "../../platform/personal-data";
import { AppError } from "../../platform/errors";

/** Proposed values that are personal data like the columns they correct: encrypted at rest, masked on the wire. */
const SEALED = new Set(["phone", "idNumber"]);
const PHONE = /^1[3-9]\d{9}$/;

/** Checks a proposed phone or ID number like the register would, and returns what to store. */
export function sealProposed(cipher: PersonalDataCipher, field: string, proposed: string): string {
  if (field === "phone") {
    const phone = proposed.replace(/[\s-]/g, "");
    if (!PHONE.test(phone)) throw new AppError("VALIDATION_FAILED", [{ path: "/proposed", message: "invalid phone number" }]);
    return cipher.encrypt(phone);
  }
  if (field === "idNumber") {
    const id = proposed.trim().toUpperCase();
    if (!parseIdNumber(id)) throw new AppError("VALIDATION_FAILED", [{ path: "/proposed", message: "invalid ID number (checksum or birth date)" }]);
    return cipher.encrypt(id);
  }
  if (field === "name" && proposed.length > 40) throw new AppError("VALIDATION_FAILED", [{ path: "/proposed", message: "at most 40 characters" }]);
  return proposed;
}

/** The stored proposal in plain text (for applying it). */
export function openProposed(cipher: PersonalDataCipher, field: string, stored: string): string {
  return SEALED.has(field) && stored.startsWith("v1.") ? cipher.decrypt(stored) : stored;
}

/** The proposal as shown to the resident and to staff: phones and ID numbers masked. */
export function showProposed(cipher: PersonalDataCipher, field: string, stored: string): string {
  if (!SEALED.has(field)) return stored;
  const plain = openProposed(cipher, field, stored);
  return (field === "phone" ? maskPhone(plain) : maskIdNumber(plain)) ?? "";
}
