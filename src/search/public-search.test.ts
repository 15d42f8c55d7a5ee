/**
 * The public search follows the catalogue, through its use cases: what an approver publishes is found
 * (调休 and 征收 through the index), a draft never, a withdrawn item no more; a repealed or amended item
 * shows its 有效性 and is filtered by it; an agency's filter gives only its own items; pages of ten; and
 * (fast-check) every published item is found by any word of its title.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { amendItem, draftItem, publishItem, repealItem, withdrawItem } from '../catalogue/index.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import {
  okValue,
  townshipActor,
  townshipDocuments,
  withTownshipCode,
} from '../test-support/catalogue-world.js';
import { type WebWorld, webWorld } from '../test-support/web-world.js';
import { publicSearch, reindexPublished } from './index.js';
import { queryTokens } from './segment.js';

const d = (s: string) => s as LocalDate;
const today = d('2025-02-01');
const titles = async (w: WebWorld, q: string, filters = {}, page = 1) => {
  const r = await publicSearch(w.storage, q, filters, page);
  assert.ok(r.ok, q);
  return r.value.items.map((i) => i.title);
};

describe('the public search, as the catalogue publishes', () => {
  let w: WebWorld;
  let holiday = '';
  let expropriation = '';
  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
    const ids = await townshipDocuments(w, ['关于2025年春节调休安排的通知', '国有土地上房屋征收与补偿办法'], {
      today,
    });
    holiday = ids[0]!;
    expropriation = ids[1]!;
    await townshipDocuments(w, ['尚未发布的调休草稿'], { today, publish: false });
  });
  after(() => w.close());

  it('finds what was published by its two-character words, never a draft', async () => {
    assert.deepEqual(await titles(w, '调休'), ['关于2025年春节调休安排的通知']);
    assert.deepEqual(await titles(w, '征收'), ['国有土地上房屋征收与补偿办法']);
    assert.deepEqual(await titles(w, '"房屋征收与补偿"'), ['国有土地上房屋征收与补偿办法']);
    assert.deepEqual(await titles(w, '"房屋征收补偿"'), []);
    const r = await publicSearch(w.storage, '调休');
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.items[0]!.titleParts.filter((p) => p.mark).map((p) => p.text),
      ['调休'],
    );
  });

  it('shows amendment and repeal, filters by 有效性, and forgets a withdrawn item', async () => {
    const approver = townshipActor(w, ['approver']);
    okValue(await repealItem(w.storage, approver, expropriation, { on: d('2025-02-01') }, { today }));
    const r = await publicSearch(w.storage, '征收');
    assert.ok(r.ok);
    assert.equal(r.value.items[0]?.validity, '已废止');
    assert.deepEqual(await titles(w, '征收', { validity: '有效' }), []);
    assert.deepEqual(await titles(w, '征收', { validity: '已废止' }), ['国有土地上房屋征收与补偿办法']);
    okValue(
      await amendItem(w.storage, approver, holiday, { on: d('2025-02-01'), document: '补充通知' }, { today }),
    );
    assert.deepEqual(await titles(w, '调休', { validity: '已修改' }), ['关于2025年春节调休安排的通知']);
    okValue(await withdrawItem(w.storage, approver, holiday, { reason: '误发' }, { today }));
    assert.deepEqual(await titles(w, '调休'), []);
    // Rebuilding from the catalogue gives the same index.
    assert.deepEqual(await reindexPublished(w.storage), { indexed: 1, removed: 0 });
    assert.deepEqual(await titles(w, '调休'), []);
    assert.deepEqual(await titles(w, '征收'), ['国有土地上房屋征收与补偿办法']);
  });

  it('gives an agency’s own items under its filter, never another’s', async () => {
    // The other county's liaison and approver publish a notice with the same words.
    const other = (roles: ('liaison' | 'approver')[]) => ({ ...townshipActor(w, roles), agencyId: w.other });
    await w.storage.db.updateTable('agencies').set({ code: '000099999' }).where('id', '=', w.other).execute();
    const drafted = okValue(
      await draftItem(
        w.storage,
        other(['liaison']),
        {
          agencyId: w.other,
          title: '邻县国有土地上房屋征收公告',
          publisher: '邻县人民政府',
          writtenOn: d('2025-01-10'),
          docNumber: '',
          topic: '自然资源',
          body: '房屋征收。',
          kind: 'other',
        },
        { today },
      ),
    );
    okValue(await publishItem(w.storage, other(['approver']), drafted.id, { today }));
    assert.equal((await titles(w, '征收')).length, 2);
    assert.deepEqual(await titles(w, '征收', { agencyId: w.other }), ['邻县国有土地上房屋征收公告']);
    assert.deepEqual(await titles(w, '征收', { agencyId: w.township }), ['国有土地上房屋征收与补偿办法']);
    assert.deepEqual(await titles(w, '征收', { agencyId: w.county }), [], 'not the agencies below it');
    const unknown = await publicSearch(w.storage, '征收', { agencyId: 999 });
    assert.ok(!unknown.ok && unknown.error.code === 'agency.unknown');
  });

  it('pages by ten, a page past the last being the last', async () => {
    await townshipDocuments(
      w,
      Array.from({ length: 23 }, (_, i) => `城关镇第${i + 1}批低保标准调整公示`),
      { today },
    );
    const first = await publicSearch(w.storage, '低保', {}, 1);
    const last = await publicSearch(w.storage, '低保', {}, 9);
    assert.ok(first.ok && last.ok);
    assert.deepEqual([first.value.total, first.value.pages, first.value.items.length], [23, 3, 10]);
    assert.deepEqual([last.value.page, last.value.items.length], [3, 3]);
    // Newest first: the last published comes first.
    assert.equal(first.value.items[0]?.title, '城关镇第23批低保标准调整公示');
  });
});

describe('the public search, every published title (fast-check)', () => {
  const WORDS = [
    '调休',
    '征收',
    '宅基地',
    '低保',
    '补偿',
    '房屋',
    '春节',
    '安排',
    '管理',
    '规定',
    '农村',
    '养老',
    '救助',
    '标准',
    '公示',
  ];
  it('finds each published item by any word of its title', async () => {
    const w = await webWorld();
    try {
      await withTownshipCode(w);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 5 }),
          async (parts) => {
            const title = `城关镇${parts.join('')}`;
            const [id] = await townshipDocuments(w, [title], { today });
            // A word of the title as jieba cuts it (two characters or more).
            for (const word of queryTokens(title).filter((t) => t.length >= 2)) {
              const r = await publicSearch(w.storage, word, { agencyId: w.township }, 1);
              assert.ok(r.ok);
              const n = r.value.total;
              // Newest first: among the matches, the one just published leads the first page.
              assert.ok(n > 0, `${word} in ${title}`);
              assert.equal(r.value.items[0]?.id, id, `${word} in ${title}`);
            }
          },
        ),
        { numRuns: 25 },
      );
    } finally {
      await w.close();
    }
  });
});
