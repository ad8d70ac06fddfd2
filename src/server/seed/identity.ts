import { idNumberCheckChar } from "../platform/personal-data";
import { WeightedTable, type Rng } from "./random";

/**
 * Synthetic identifiers: resident ID numbers (GB 11643), mobile numbers and unified social credit
 * codes (GB 32100). Each registry remembers what it issued, so values are unique in one data set.
 */

/** Region prefixes used by the demo: 五华区 and 西山区 of 昆明市. */
export const REGION_WUHUA = "530102";
export const REGION_XISHAN = "530112";

export type Sex = "M" | "F";

const pad2 = (n: number) => String(n).padStart(2, "0");
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** A random valid date in `year` as YYYY-MM-DD. */
export function randomDateIn(rng: Rng, year: number, maxMonth = 12): string {
  const month = rng.int(1, maxMonth);
  const days = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
  return `${year}-${pad2(month)}-${pad2(rng.int(1, days))}`;
}

export class IdNumberRegistry {
  private readonly used = new Set<string>();

  /** 18 characters: region, birth date, two sequence digits, sex digit (odd = male), check char. */
  issue(rng: Rng, region: string, birthDate: string, sex: Sex): string {
    const date = birthDate.replaceAll("-", "");
    for (;;) {
      const sexDigit = 2 * rng.int(0, 4) + (sex === "M" ? 1 : 0);
      const first17 = region + date + rng.digits(2) + String(sexDigit);
      const id = first17 + idNumberCheckChar(first17);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  get size(): number {
    return this.used.size;
  }
}

// Mainland mobile prefixes (China Mobile, Unicom, Telecom, Broadnet) with rough weights.
const PHONE_PREFIXES: Array<readonly [string, number]> = [
  ["134", 3], ["135", 4], ["136", 4], ["137", 4], ["138", 5], ["139", 5], ["147", 1], ["150", 3],
  ["151", 3], ["152", 3], ["157", 1], ["158", 3], ["159", 3], ["172", 1], ["178", 2], ["182", 2],
  ["183", 2], ["184", 1], ["187", 3], ["188", 2], ["198", 2], ["130", 2], ["131", 2], ["132", 2],
  ["155", 2], ["156", 2], ["166", 1], ["175", 1], ["176", 2], ["185", 2], ["186", 3], ["133", 2],
  ["153", 2], ["173", 2], ["177", 2], ["180", 2], ["181", 2], ["189", 3], ["191", 1], ["199", 2],
  ["192", 1],
];

const prefixTable = new WeightedTable(PHONE_PREFIXES);

/** Numbers in 1390000xxxx are kept free for the demo sign-in accounts. */
const DEMO_RANGE = "1390000";

export class PhoneRegistry {
  private readonly used = new Set<string>();

  /** Marks numbers (the demo accounts' phones) as taken. */
  reserve(...phones: string[]): void {
    for (const p of phones) this.used.add(p);
  }

  issue(rng: Rng): string {
    for (;;) {
      const phone = prefixTable.pick(rng) + rng.digits(8);
      if (phone.startsWith(DEMO_RANGE) || this.used.has(phone)) continue;
      this.used.add(phone);
      return phone;
    }
  }

  has(phone: string): boolean {
    return this.used.has(phone);
  }
}

const CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organisation code: eight digits and a check character. */
function organisationCode(rng: Rng): string {
  const body = rng.digits(8);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return body + (c === 10 ? "X" : c === 11 ? "0" : String(c));
}

export class CreditCodeRegistry {
  private readonly used = new Set<string>();

  /** 18-character unified social credit code: "91" enterprise, "92" individual business (个体工商户). */
  issue(rng: Rng, region: string, kind: "enterprise" | "individual"): string {
    for (;;) {
      const first17 = (kind === "enterprise" ? "91" : "92") + region + organisationCode(rng);
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
      const code = first17 + CREDIT_CHARS[(31 - (sum % 31)) % 31];
      if (!this.used.has(code)) {
        this.used.add(code);
        return code;
      }
    }
  }
}
