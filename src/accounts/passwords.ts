/**
 * @module Password hashing with argon2id (@node-rs/argon2), named explicitly rather than left to the
 * library's default, at the parameters OWASP recommends (19 MiB, 2 passes, 1 lane). A login for a
 * name that has no account verifies against a dummy hash all the same, so that the answer takes as long
 * whether or not the account exists.
 */
import { randomInt } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { MAX_PASSWORD_LENGTH, passwordAcceptable } from './password-rule.js';
import { randomSecret } from './secrets.js';

/**
 * Algorithm.Argon2id. The package declares its enum `const`, which isolatedModules cannot inline, and
 * its runtime object is empty: the value itself it is.
 */
const ARGON2ID = 2 as Algorithm;

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Whether `password` is the one `passwordHash` was made from; false for a hash that cannot be read. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the time a real verification takes, for a name without an account; always false. */
export async function dummyVerify(password: string): Promise<false> {
  dummy ??= hashPassword(randomSecret());
  await verifyPassword(await dummy, password);
  return false;
}

/** Letters and digits that cannot be misread for one another (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password for a new account or a reset, handed to its user once: 20 characters, ~114 bits. */
export function generatePassword(length = 20): string {
  for (;;) {
    const password = Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (passwordAcceptable(password)) return password;
  }
}
