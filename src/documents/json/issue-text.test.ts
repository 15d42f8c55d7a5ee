/** A schema's complaints in words: Chinese first, English in brackets, never the library's own text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { issueText } from './issue-text.js';

const first = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  assert.ok(!parsed.success);
  return issueText(parsed.error.issues[0]!);
};

describe('issueText', () => {
  it('says what was expected, or that a key is missing', () => {
    assert.equal(first(z.object({ a: z.string() }), { a: 1 }), '应为文字 (text)');
    assert.equal(first(z.object({ a: z.string() }), {}), '缺少此项 (missing)');
    assert.equal(first(z.string().min(3), 'x'), '至少 3 个字 (at least 3 characters)');
    assert.equal(first(z.enum(['纸质', '电子']), '口头'), '应为 纸质、电子 之一 (one of these)');
    assert.equal(first(z.object({}).strict(), { b: 1 }), '未知的键 b (unknown keys)');
  });

  it('keeps a message the schema gives in Chinese', () => {
    assert.equal(first(z.string().regex(/^\d+$/, '应为数字串'), 'x'), '应为数字串');
  });

  it('never lets zod’s English through', () => {
    for (const [schema, value] of [
      [z.number().int(), 1.5],
      [z.array(z.string()).max(1), ['a', 'b']],
      [z.union([z.string(), z.number()]), true],
      [z.string().email(), 'x'],
    ] as const)
      assert.doesNotMatch(first(schema, value), /Invalid|expected|received/);
  });
});
