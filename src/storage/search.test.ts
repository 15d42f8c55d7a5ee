/**
 * The search index on both dialects: two-character words (调休, 征收) found through the word index (the
 * plan says so: SQLite's FTS5 table, PostgreSQL's GIN index with sequential scans off), a phrase of
 * three or more characters found exactly through the phrase indexes, the filters, a replaced and a
 * removed item, and FTS5's query syntax and LIKE's wildcards taken literally.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { indexTokens, queryTokens } from '../search/segment.js';
import type { Storage } from './index.js';
import type { IndexedDocument, SearchCriteria } from './search.js';
import { DIALECTS, withStorage } from './test-dialects.js';

async function item(storage: Storage, agencyId: number, id: string, title: string, body: string, over = {}) {
  await storage.db
    .insertInto('catalogue_items')
    .values({
      id,
      agency_id: agencyId,
      created_at: '2025-01-01T00:00:00Z',
      last_seq: 2,
      status: 'published',
      kind: 'other',
      title,
      written_on: '2025-01-02',
      published_on: '2025-01-03',
      repealed_on: null,
      validity: '有效',
      index_number: `X/${id}`,
    })
    .execute();
  const doc = {
    itemId: id,
    agencyId,
    indexNumber: `X/${id}`,
    title,
    publisher: '城关镇人民政府',
    docNumber: '',
    topic: '综合政务',
    kind: 'other' as const,
    validity: '有效' as const,
    writtenOn: '2025-01-02' as LocalDate,
    publishedOn: '2025-01-03' as LocalDate,
    body,
    attachmentText: '',
    ...over,
  };
  const indexed: IndexedDocument = {
    ...doc,
    titleWords: indexTokens(doc.title),
    textWords: indexTokens(doc.body),
  };
  await storage.search.put(indexed);
  return indexed;
}

const words = (...w: string[]): SearchCriteria => ({
  words: w.flatMap(queryTokens),
  phrases: [],
  filters: {},
});
const page = { offset: 0, limit: 10 };
const ids = async (storage: Storage, c: SearchCriteria) =>
  (await storage.search.find(c, page)).map((h) => h.itemId).sort();

for (const dialect of DIALECTS)
  describe(`the search index (${dialect.name})`, { skip: dialect.skip }, () => {
    it('finds 调休 and 征收 through the word index, and a phrase exactly through the trigram index', () =>
      withStorage(dialect, async (storage) => {
        const a = (await storage.agencies.add({ name: '城关镇人民政府', kind: '乡镇/街道' })).id;
        await item(storage, a, 'i1', '关于2025年春节调休安排的通知', '春节期间调休，请各单位做好值班。');
        await item(storage, a, 'i2', '国有土地上房屋征收与补偿办法', '房屋征收应当公平补偿。');
        await item(storage, a, 'i3', '城关镇农村宅基地管理规定', '第一条 为了加强农村宅基地管理。');
        assert.deepEqual(await ids(storage, words('调休')), ['i1']);
        assert.deepEqual(await ids(storage, words('征收')), ['i2']);
        assert.deepEqual(await ids(storage, words('基地')), ['i3'], 'cutForSearch: 基地 inside 宅基地');
        assert.deepEqual(await ids(storage, words('调休', '征收')), []);
        assert.equal(await storage.search.count(words('调休'), 100), 1);
        // A phrase across word boundaries, found exactly; one that is not in the text, not.
        const phrase = (p: string): SearchCriteria => ({ words: [], phrases: [p], filters: {} });
        assert.deepEqual(await ids(storage, phrase('地管理规')), ['i3']);
        assert.deepEqual(await ids(storage, phrase('征收与补偿')), ['i2']);
        assert.deepEqual(await ids(storage, phrase('征收补偿')), []);
        assert.deepEqual(await ids(storage, { ...words('管理'), phrases: ['宅基地管理'] }), ['i3']);
        // Query syntax and wildcards are text.
        assert.deepEqual(await ids(storage, phrase('"调休 OR *')), []);
        assert.deepEqual(await ids(storage, phrase('%%%')), []);
        assert.deepEqual(await ids(storage, phrase('_休安')), []);

        const plan = async (c: SearchCriteria, few = false) =>
          storage.transaction(async () => {
            if (storage.dialect === 'postgres') await sql`set local enable_seqscan = off`.execute(storage.db);
            return storage.search.explain(c, { ...page, few });
          });
        if (storage.dialect === 'sqlite') {
          assert.match(await plan(words('调休')), /SCAN w VIRTUAL TABLE INDEX \d+:M/);
          assert.match(await plan(phrase('地管理规')), /SCAN w VIRTUAL TABLE INDEX \d+:M/);
        } else {
          assert.match(await plan(words('调休'), true), /Bitmap Index Scan on search_items_words/);
          // Four characters and more: their four-character pieces (migration 0014), then the exact check;
          // three: the trigram index.
          const four = await plan(phrase('地管理规'), true);
          assert.match(four, /Bitmap Index Scan on search_items_quadgrams/);
          assert.match(four, /Filter: \(strpos\(/);
          assert.match(await plan(phrase('宅基地'), true), /Bitmap Index Scan on search_items_phrases/);
          // Walking the newest items, the pieces are never computed for a row.
          assert.doesNotMatch(await plan(phrase('地管理规')), /search_quadgrams/);
        }
      }));

    it('filters by agency, year, validity and topic, and follows a replaced or removed item', () =>
      withStorage(dialect, async (storage) => {
        const a = (await storage.agencies.add({ name: '城关镇人民政府', kind: '乡镇/街道' })).id;
        const b = (await storage.agencies.add({ name: '邻镇人民政府', kind: '乡镇/街道' })).id;
        const first = await item(storage, a, 'a1', '土地征收公告', '征收土地。');
        await item(storage, b, 'b1', '土地征收公告', '征收土地。', {
          writtenOn: '2023-05-01',
          validity: '已废止',
          topic: '自然资源',
        });
        const only = (filters: SearchCriteria['filters']) => ids(storage, { ...words('征收'), filters });
        assert.deepEqual(await only({ agencyId: a }), ['a1']);
        assert.deepEqual(await only({ agencyId: b }), ['b1']);
        assert.deepEqual(await only({ year: 2023 }), ['b1']);
        assert.deepEqual(await only({ validity: '已废止' }), ['b1']);
        assert.deepEqual(await only({ validity: '有效', topic: '综合政务' }), ['a1']);
        // Newest indexed first.
        assert.deepEqual(
          (await storage.search.find(words('征收'), page)).map((h) => h.itemId),
          ['b1', 'a1'],
        );
        // Replaced: the new text is found, the old not, and its place in the order is kept.
        await storage.search.put({
          ...first,
          validity: '已修改',
          body: '调休安排。',
          textWords: indexTokens('调休安排。'),
        });
        assert.deepEqual(await ids(storage, words('调休')), ['a1']);
        assert.deepEqual(await ids(storage, { words: [], phrases: ['征收土地'], filters: {} }), ['b1']);
        assert.deepEqual(
          (await storage.search.find(words('公告'), page)).map((h) => [h.itemId, h.validity]),
          [
            ['b1', '已废止'],
            ['a1', '已修改'],
          ],
        );
        await storage.search.remove('a1');
        await storage.search.remove('a1');
        assert.deepEqual(await ids(storage, words('公告')), ['b1']);
        assert.deepEqual(await storage.search.itemIds(), ['b1']);
      }));
  });

/**
 * The differential property: on a generated corpus of a few characters and words (so that every
 * phrase's trigrams and words are in many items that do not hold the phrase itself), whatever way the
 * database reads a phrase — through the trigram index, the word index first, newest first or counted
 * and sorted — it finds exactly the items a plain scan finds with a substring check (Latin letters in
 * either case), with the words and filters beside it, newest first.
 */
const UNITS = [
  '政府',
  '信息',
  '公开',
  '工作',
  '年度',
  '报告',
  '政',
  '息',
  '开',
  '工',
  'Ab',
  'aB',
  'b',
  ' ',
  '，',
];
const textOf = (maxLength: number) =>
  fc.array(fc.constantFrom(...UNITS), { maxLength }).map((units) => units.join(''));
const corpus = fc.sample(
  fc.record({
    title: textOf(8),
    body: textOf(40),
    docNumber: fc.constantFrom('', '政发〔2024〕1号', 'AB〔2025〕2号'),
    agency: fc.constantFrom(0, 1),
    validity: fc.constantFrom('有效', '已修改', '已废止'),
  }),
  { numRuns: 300, seed: 20261207 },
);
const searched = (d: (typeof corpus)[number]) => [d.title, d.docNumber, d.body, ''].join('\n').toLowerCase();

for (const dialect of DIALECTS)
  describe(`a phrase, against a plain scan (${dialect.name})`, { skip: dialect.skip }, () => {
    it('finds exactly the items holding the phrase, whichever way it is read', () =>
      withStorage(dialect, async (storage) => {
        const agencies = [
          (await storage.agencies.add({ name: '甲镇', kind: '乡镇/街道' })).id,
          (await storage.agencies.add({ name: '乙镇', kind: '乡镇/街道' })).id,
        ];
        const docs: IndexedDocument[] = [];
        for (const [i, d] of corpus.entries()) {
          const id = `d${String(i).padStart(3, '0')}`;
          await storage.db
            .insertInto('catalogue_items')
            .values({
              id,
              agency_id: agencies[d.agency]!,
              created_at: '2025-01-01T00:00:00Z',
              last_seq: 2,
              status: 'published',
              kind: 'other',
              title: d.title,
              written_on: '2025-01-02',
              published_on: '2025-01-03',
              repealed_on: null,
              validity: d.validity,
              index_number: `X/${id}`,
            })
            .execute();
          docs.push({
            itemId: id,
            agencyId: agencies[d.agency]!,
            indexNumber: `X/${id}`,
            title: d.title,
            publisher: '镇人民政府',
            docNumber: d.docNumber,
            topic: '综合政务',
            kind: 'other',
            validity: d.validity as '有效',
            writtenOn: '2025-01-02' as LocalDate,
            publishedOn: '2025-01-03' as LocalDate,
            body: d.body,
            attachmentText: '',
            titleWords: indexTokens(`${d.title}\n${d.docNumber}`),
            textWords: indexTokens(d.body),
          });
        }
        // Half one by one, half many to a statement: both hold the same.
        for (const doc of docs.slice(0, 150)) await storage.search.put(doc);
        await storage.search.addMany(docs.slice(150));
        const tokens = docs.map((d) => new Set([...d.titleWords, ...d.textWords]));
        // With statistics, PostgreSQL counts a phrase of common pieces among the newest items first.
        if (storage.dialect === 'postgres') await sql`analyze search_items`.execute(storage.db);

        const fromCorpus = fc
          .tuple(fc.nat(corpus.length - 1), fc.nat(60), fc.integer({ min: 3, max: 7 }))
          .map(([i, at, n]) => {
            const text = [...searched(corpus[i]!).replace(/\n/g, '')];
            return text.slice(at % Math.max(1, text.length), (at % Math.max(1, text.length)) + n).join('');
          });
        const phrase = fc
          .oneof(
            fromCorpus,
            textOf(4),
            fromCorpus.map((p) => p.toUpperCase()),
          )
          .map((p) => p.replace(/\s+/g, ' ').trim())
          .filter((p) => [...p].length >= 3);
        await fc.assert(
          fc.asyncProperty(
            phrase,
            fc.option(fc.constantFrom('政府', '公开', '报告'), { nil: undefined }),
            fc.option(fc.constantFrom(0, 1), { nil: undefined }),
            fc.option(fc.constantFrom('有效', '已废止'), { nil: undefined }),
            async (p, word, agency, validity) => {
              const criteria: SearchCriteria = {
                words: word === undefined ? [] : queryTokens(word),
                phrases: [p],
                filters: {
                  ...(agency === undefined ? {} : { agencyId: agencies[agency]! }),
                  ...(validity === undefined ? {} : { validity: validity as '有效' }),
                },
              };
              const expected = docs
                .filter(
                  (d, i) =>
                    searched(corpus[i]!).includes(p.toLowerCase()) &&
                    criteria.words.every((w) => tokens[i]!.has(w)) &&
                    (agency === undefined || d.agencyId === agencies[agency]) &&
                    (validity === undefined || d.validity === validity),
                )
                .map((d) => d.itemId)
                .reverse();
              assert.equal(await storage.search.count(criteria, 1000), expected.length, p);
              assert.equal(await storage.search.count(criteria, 3), Math.min(3, expected.length), p);
              for (const few of [true, false]) {
                const all = await storage.search.find(criteria, { offset: 0, limit: 1000, few });
                assert.deepEqual(
                  all.map((h) => h.itemId),
                  expected,
                  `${p} ${word ?? ''} (few: ${few})`,
                );
                const second = await storage.search.find(criteria, { offset: 2, limit: 2, few });
                assert.deepEqual(
                  second.map((h) => h.itemId),
                  expected.slice(2, 4),
                );
              }
            },
          ),
          { numRuns: 150, seed: 1207 },
        );
      }));
  });
