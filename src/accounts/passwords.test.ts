/**
 * The password rule and hashing: argon2id named explicitly ($argon2id$), verify true only for the
 * password hashed, a dummy verification for names without an account; generated passwords always pass
 * the rule (a property); the login-name rule.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MIN_PASSWORD_LENGTH, nameAcceptable, passwordAcceptable } from './password-rule.js';
import { dummyVerify, generatePassword, hashPassword, verifyPassword } from './passwords.js';

describe('passwords (argon2id)', () => {
  it('hashes with argon2id, salted: two hashes of one password differ, both verify', async () => {
    const a = await hashPassword('correct-horse-42');
    const b = await hashPassword('correct-horse-42');
    assert.ok(a.startsWith('$argon2id$'), a);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword(a, 'correct-horse-42'), true);
    assert.equal(await verifyPassword(b, 'correct-horse-42'), true);
    assert.equal(await verifyPassword(a, 'correct-horse-43'), false);
    assert.equal(await verifyPassword('not a hash', 'correct-horse-42'), false);
    assert.equal(await verifyPassword(a, 'x'.repeat(2000)), false);
    assert.equal(await dummyVerify('correct-horse-42'), false);
  });

  it(`accepts at least ${MIN_PASSWORD_LENGTH} characters with a letter and a digit, in any script`, () => {
    for (const good of ['abcdefghi1', '密码是很长的一句话啊9', 'Tr0ub4dor&3x'])
      assert.ok(passwordAcceptable(good), good);
    for (const bad of ['abcdefgh1', 'abcdefghij', '1234567890', '          ', '密码是很长的一句话啊啊'])
      assert.ok(!passwordAcceptable(bad), bad);
  });

  it('generates passwords that always pass the rule, 20 characters none of which can be misread', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 40 }), (length) => {
        const password = generatePassword(length);
        assert.equal(password.length, length);
        assert.ok(passwordAcceptable(password));
        assert.doesNotMatch(password, /[0O1lI]/);
      }),
      { numRuns: 200 },
    );
    assert.equal(generatePassword().length, 20);
    assert.notEqual(generatePassword(), generatePassword());
  });

  it('takes login names of 2–64 ASCII letters, digits and . _ - only', () => {
    for (const good of ['li', 'li.ming', 'Li_Ming-2', 'a'.repeat(64)]) assert.ok(nameAcceptable(good), good);
    for (const bad of ['l', 'a'.repeat(65), '李明', 'li ming', 'cli:root', 'li@x', ''])
      assert.ok(!nameAcceptable(bad), bad);
  });
});
