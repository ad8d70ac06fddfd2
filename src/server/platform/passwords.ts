import { hash, verify } from "@node-rs/argon2";

// argon2id (algorithm 2) with OWASP's second recommended profile: 19 MiB, 2 passes.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of a random string; verified against when the user does not exist, so timing tells nothing. */
export const DUMMY_HASH_INPUT = "linli-no-such-user";

let dummyHash: Promise<string> | null = null;

/**
 * An argon2 hash with the same parameters as real ones, made once per process. Sign-in verifies
 * against it when the name is unknown (or has no password), so that takes as long as a real check.
 * Call it at start so the first unknown name does not pay for the hashing.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(DUMMY_HASH_INPUT);
  return dummyHash;
}

export function isStrongPassword(pw: string): boolean {
  return pw.length >= 8 && pw.length <= 128 && /[A-Za-z]/.test(pw) && /\d/.test(pw);
}
