/**
 * The search query as the rulebook reads it: words all required, quoted phrases of three or more
 * characters exact, a shorter quoted phrase a word; empty, too long, too many, one-character and
 * punctuation-only queries refused with stable codes and Chinese messages; filters checked.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSearchFilters, parseSearchQuery, SEARCH_LIMITS } from './query.js';

const ok = (q: string) => {
  const r = parseSearchQuery(q);
  assert.ok(r.ok, q);
  return r.value;
};
const refused = (q: string) => {
  const r = parseSearchQuery(q);
  assert.ok(!r.ok, q);
  return r.error;
};

describe('parseSearchQuery', () => {
  it('reads words and quoted phrases, in any of the quotes', () => {
    assert.deepEqual(ok('  调休   征收 '), { text: '调休 征收', words: ['调休', '征收'], phrases: [] });
    assert.deepEqual(ok('"房屋征收与补偿" 通知').phrases, ['房屋征收与补偿']);
    assert.deepEqual(ok('“宅基地管理” 「低保标准」').phrases, ['宅基地管理', '低保标准']);
    // A quoted phrase of two characters is a word; a stray quote is a space.
    assert.deepEqual(ok('"调休" 征收"'), { text: '"调休" 征收"', words: ['调休', '征收'], phrases: [] });
    assert.deepEqual(ok('调休 调休').words, ['调休']);
  });

  it('refuses what cannot be searched, in Chinese', () => {
    assert.equal(refused('   ').code, 'search.empty');
    assert.match(refused('').message, /请输入检索词/);
    assert.equal(refused('调'.repeat(SEARCH_LIMITS.queryChars + 1)).code, 'search.too-long');
    assert.match(refused('调'.repeat(101)).message, /检索词过长/);
    assert.equal(refused('a1 b2 c3 d4 e5 f6 g7 h8 i9').code, 'search.too-many-terms');
    assert.equal(refused('镇').code, 'search.term-too-short');
    assert.match(refused('调休 镇').message, /“镇”/);
    assert.equal(refused('。。 ！').code, 'search.no-words');
    assert.equal(refused('\u0000\u200b').code, 'search.empty');
  });

  it('checks the filters and takes a page number, the first when it is none', () => {
    const r = parseSearchFilters({
      agency: '3',
      year: '2024',
      validity: '已废止',
      topic: '城乡建设',
      page: '2',
    });
    assert.deepEqual(r, {
      ok: true,
      value: { filters: { agencyId: 3, year: 2024, validity: '已废止', topic: '城乡建设' }, page: 2 },
    });
    assert.deepEqual(parseSearchFilters({ agency: '', page: 'abc' }), {
      ok: true,
      value: { filters: {}, page: 1 },
    });
    for (const [field, raw] of [
      ['agency', { agency: '-1' }],
      ['year', { year: '24' }],
      ['validity', { validity: '失效' }],
      ['topic', { topic: 'x'.repeat(51) }],
    ] as const) {
      const bad = parseSearchFilters(raw);
      assert.ok(!bad.ok && bad.error.field === field && bad.error.code === 'search.filter', field);
    }
  });
});
