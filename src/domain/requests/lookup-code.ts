/**
 * @module 查询码: what a citizen who applied online is given to look up the progress of the request
 * (issue 11). No national format exists (portal.md §5 [U]), so the code is ours: twelve characters
 * from an alphabet without the look-alikes 0/O, 1/I/L and U/V, shown in three groups (K7QM-2XWD-9HPC), the
 * last a check character (Luhn mod N) so that a mistyped character or two swapped neighbours (but
 * for 2 and Z, the alphabet's ends) is told at once instead of looking up nothing. Eleven random characters give 53 bits: not to be guessed.
 * The randomness is handed in: the domain has no source of it.
 */
import { err, ok, type Result } from './result.js';

/** 30 characters: Luhn mod N needs an even N; U goes with the look-alikes (U/V). */
export const LOOKUP_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = LOOKUP_ALPHABET.length;
const RANDOM_CHARACTERS = 11;
/** Bytes of randomness a code needs (rejection sampling may skip some; twice is ample). */
export const LOOKUP_RANDOM_BYTES = RANDOM_CHARACTERS * 2;

function checkCharacter(body: string): string {
  // Luhn mod N over the body, from the right: every second value doubled and its digits (base N) summed.
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let value = LOOKUP_ALPHABET.indexOf(body[i]!);
    if (double) {
      value *= 2;
      value = Math.floor(value / N) + (value % N);
    }
    sum += value;
    double = !double;
  }
  return LOOKUP_ALPHABET[(N - (sum % N)) % N]!;
}

const grouped = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

/**
 * A new 查询码 from random bytes (crypto.randomBytes(LOOKUP_RANDOM_BYTES) in the adapter); undefined
 * only when the bytes run out before eleven characters are drawn without bias.
 */
export function newLookupCode(random: Uint8Array): string | undefined {
  let body = '';
  // 240 = 8 × 30: bytes from 240 up would favour the first characters, so they are skipped.
  for (const byte of random) {
    if (byte >= 240) continue;
    body += LOOKUP_ALPHABET[byte % N];
    if (body.length === RANDOM_CHARACTERS) return grouped(body + checkCharacter(body));
  }
  return undefined;
}

export interface LookupCodeRefusal {
  readonly code: 'lookup.malformed' | 'lookup.check-failed';
  readonly message: string;
}

/**
 * A 查询码 as a citizen types it — lower case, spaces or no dashes — in its printed form, or a refusal
 * that says what is wrong with it (it is never looked up then).
 */
export function parseLookupCode(typed: string): Result<string, LookupCodeRefusal> {
  const compact = typed.toUpperCase().replace(/[\s\-－—_]/g, '');
  const stray = [...compact].find((c) => !LOOKUP_ALPHABET.includes(c));
  if (compact.length !== RANDOM_CHARACTERS + 1 || stray !== undefined)
    return err({
      code: 'lookup.malformed',
      message:
        stray !== undefined && /[01ILOU]/.test(stray)
          ? `查询码中没有“${stray}”：查询码不用 0、1、I、L、O、U，请核对回执上的查询码`
          : '查询码应为 12 个字母或数字（如 K7QM-2XWD-9HPC），请核对回执上的查询码',
    });
  const body = compact.slice(0, RANDOM_CHARACTERS);
  if (checkCharacter(body) !== compact[RANDOM_CHARACTERS])
    return err({
      code: 'lookup.check-failed',
      message: '查询码有误（校验位不符），请核对回执上的查询码是否抄错',
    });
  return ok(grouped(compact));
}
