/** 查询码: a code a citizen can read, type and mistype, told at once when mistyped. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LOOKUP_ALPHABET, LOOKUP_RANDOM_BYTES, newLookupCode, parseLookupCode } from './lookup-code.js';

const bytes = fc.uint8Array({ minLength: LOOKUP_RANDOM_BYTES, maxLength: LOOKUP_RANDOM_BYTES });

describe('查询码', () => {
  it('is three groups of four characters without 0, 1, I, L, O or U, and reads back as itself (property)', () => {
    fc.assert(
      fc.property(bytes, (random) => {
        const code = newLookupCode(random);
        fc.pre(code !== undefined);
        assert.match(code, /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
        const typed = parseLookupCode(code.toLowerCase().replaceAll('-', ' '));
        assert.deepEqual(typed, { ok: true, value: code });
      }),
    );
  });

  it('tells any one mistyped character, and two neighbours swapped unless they are 2 and Z (property)', () => {
    fc.assert(
      fc.property(
        bytes,
        fc.nat(11),
        fc.nat(LOOKUP_ALPHABET.length - 1),
        fc.boolean(),
        (random, at, other, swap) => {
          const code = newLookupCode(random)?.replaceAll('-', '');
          fc.pre(code !== undefined);
          const chars = [...code];
          if (swap) {
            const next = (at + 1) % 12;
            // Luhn mod N misses one transposition, as Luhn's 09 ↔ 90: the alphabet's first and last.
            fc.pre(
              chars[at] !== chars[next] &&
                next > at &&
                `${chars[at]}${chars[next]}` !== '2Z' &&
                `${chars[at]}${chars[next]}` !== 'Z2',
            );
            [chars[at], chars[next]] = [chars[next]!, chars[at]!];
          } else {
            fc.pre(LOOKUP_ALPHABET[other] !== chars[at]);
            chars[at] = LOOKUP_ALPHABET[other]!;
          }
          const typed = parseLookupCode(chars.join(''));
          assert.ok(!typed.ok);
          assert.equal(typed.error.code, 'lookup.check-failed');
        },
      ),
    );
  });

  it('explains a character the alphabet leaves out, and a code of the wrong length', () => {
    const zero = parseLookupCode('K7QM-2XWD-9HP0');
    assert.ok(!zero.ok);
    assert.match(zero.error.message, /没有“0”/);
    const short = parseLookupCode('K7QM-2XWD');
    assert.ok(!short.ok);
    assert.match(short.error.message, /应为 12 个字母或数字/);
  });

  it('draws characters without bias: bytes from 240 up are skipped', () => {
    const high = new Uint8Array(LOOKUP_RANDOM_BYTES).fill(250);
    assert.equal(newLookupCode(high), undefined);
    const code = newLookupCode(
      Uint8Array.from([...new Uint8Array(11).fill(240), ...new Uint8Array(11).fill(0)]),
    );
    assert.equal(code?.slice(0, 4), '2222');
  });
});
