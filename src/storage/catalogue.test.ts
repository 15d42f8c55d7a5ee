/**
 * The catalogue's storage, on SQLite and PostgreSQL: an item's log is append-only and its row a cache
 * written with each event; the serial counter only goes up; a 索引号 is held once in its agency, and
 * once in an item's row it is never replaced.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { ItemEvent } from '../domain/catalogue/catalogue-item.js';
import { ColumnSeqConflictError, ItemSeqConflictError, type ItemSummary } from './catalogue.js';
import { DIALECTS, withStorage } from './test-dialects.js';

const d = (s: string) => s as LocalDate;
const drafted: ItemEvent = {
  kind: 'Drafted',
  on: d('2024-03-05'),
  by: 'liaison',
  particulars: {
    title: '关于规范行政执法的规定',
    publisher: '某县人民政府',
    writtenOn: d('2024-03-01'),
    docNumber: '某政规〔2024〕1号',
    topic: '综合政务',
    body: '正文',
    kind: '规范性文件',
  },
};
const draft: ItemSummary = {
  status: 'draft',
  kind: '规范性文件',
  title: '关于规范行政执法的规定',
  writtenOn: d('2024-03-01'),
  publishedOn: null,
  repealedOn: null,
  validity: '有效',
  indexNumber: null,
  column: 'fdzdgknr-01',
  topic: '综合政务',
  disclosure: '主动公开',
};
const published = (indexNumber: string): ItemSummary => ({
  ...draft,
  status: 'published',
  publishedOn: d('2024-03-10'),
  indexNumber,
});
const publish = (indexNumber: string): ItemEvent => ({
  kind: 'Published',
  on: d('2024-03-10'),
  by: 'approver',
  indexNumber,
});

for (const dialect of DIALECTS) {
  describe(`the catalogue’s storage (${dialect.name})`, { skip: dialect.skip }, () => {
    it('keeps an item’s log in order and its row as the latest event left it', () =>
      withStorage(dialect, async (s) => {
        const agency = await s.agencies.add({ name: '某县人民政府', kind: '区县', code: '000014349' });
        await s.catalogue.add({ id: 'item-1', agencyId: agency.id, event: drafted, summary: draft });
        const after = await s.catalogue.append(
          'item-1',
          1,
          publish('000014349/2024-00001'),
          published('000014349/2024-00001'),
        );
        assert.equal(after.lastSeq, 2);
        assert.equal(after.indexNumber, '000014349/2024-00001');
        assert.deepEqual(
          (await s.catalogue.events('item-1')).map((e) => [e.seq, e.event.kind]),
          [
            [1, 'Drafted'],
            [2, 'Published'],
          ],
        );
        await assert.rejects(
          s.catalogue.append('item-1', 1, publish('x'), published('x')),
          ItemSeqConflictError,
        );
        // Once in the row, the number is never replaced.
        await assert.rejects(
          s.catalogue.append('item-1', 2, publish('000014349/2024-00002'), published('000014349/2024-00002')),
          ItemSeqConflictError,
        );
        await assert.rejects(s.db.deleteFrom('catalogue_item_events').execute(), /append-only/);
        await assert.rejects(
          s.db.updateTable('catalogue_item_events').set({ actor: 'someone else' }).execute(),
          /append-only/,
        );
        assert.deepEqual(
          (await s.catalogue.list([agency.id])).map((i) => i.id),
          ['item-1'],
        );
        assert.deepEqual([...(await s.catalogue.documentLogs([agency.id])).keys()], ['item-1']);
      }));

    it('gives the items of many ids in one call, leaving out the ids it does not hold', () =>
      withStorage(dialect, async (s) => {
        const agency = await s.agencies.add({ name: '某镇人民政府', kind: '乡镇', code: '000014350' });
        for (const id of ['item-a', 'item-b'])
          await s.catalogue.add({ id, agencyId: agency.id, event: drafted, summary: draft });
        const found = await s.catalogue.getMany(['item-b', 'no-such-item', 'item-a', 'item-b']);
        assert.deepEqual([...found.keys()].sort(), ['item-a', 'item-b']);
        assert.deepEqual(found.get('item-a'), await s.catalogue.get('item-a'));
        assert.equal((await s.catalogue.getMany([])).size, 0);
      }));

    it('pages and counts an agency’s items by column, 主题分类 and 公开方式 in the database', () =>
      withStorage(dialect, async (s) => {
        const agency = await s.agencies.add({ name: '某县人民政府', kind: '区县', code: '000014349' });
        const items: [string, string, string, ItemSummary['disclosure']][] = [
          ['a', 'fdzdgknr-01', '综合政务', '主动公开'],
          ['b', 'fdzdgknr-01', '财政', '主动公开'],
          ['c', 'fdzdgknr-03', '综合政务', '依申请公开'],
          ['d', 'fdzdgknr-03', '综合政务', '不予公开'],
        ];
        for (const [id, column, topic, disclosure] of items)
          await s.catalogue.add({
            id,
            agencyId: agency.id,
            event: drafted,
            summary: { ...draft, column, topic, disclosure },
          });
        const listed = { disclosures: ['主动公开', '依申请公开'] as const };
        assert.deepEqual([...(await s.catalogue.columnCounts([agency.id], listed))].sort(), [
          ['fdzdgknr-01', 2],
          ['fdzdgknr-03', 1],
        ]);
        assert.deepEqual(
          await s.catalogue.topicCounts([agency.id], { ...listed, columns: ['fdzdgknr-01'] }),
          [
            { topic: '综合政务', count: 1 },
            { topic: '财政', count: 1 },
          ],
        );
        const page = await s.catalogue.page([agency.id], {
          ...listed,
          columns: ['fdzdgknr-03', 'fdzdgknr-01'],
          topic: '综合政务',
          limit: 10,
          offset: 0,
        });
        assert.deepEqual(page.items.map((i) => i.id).sort(), ['a', 'c']);
        assert.equal(page.total, 2);
        assert.equal(
          (await s.catalogue.page([agency.id], { columns: [], limit: 10, offset: 0 })).total,
          0,
          'no column: nothing',
        );
      }));

    it('keeps an agency’s column changes in order, append-only; a change after the wrong seq is refused', () =>
      withStorage(dialect, async (s) => {
        const agency = await s.agencies.add({ name: '某县人民政府', kind: '区县', code: '000014349' });
        const added = {
          kind: 'ColumnAdded',
          on: d('2024-03-01'),
          by: 'admin',
          id: `zdy-${agency.id}-1`,
          name: '专项',
          parentId: 'fdzdgknr',
        } as const;
        await s.catalogue.appendColumnEvent(agency.id, 0, added);
        await assert.rejects(s.catalogue.appendColumnEvent(agency.id, 0, added), ColumnSeqConflictError);
        await s.catalogue.appendColumnEvent(agency.id, 1, { ...added, kind: 'ColumnRetired' } as never);
        assert.deepEqual(
          (await s.catalogue.columnEvents(agency.id)).map((e) => [e.seq, e.event.kind]),
          [
            [1, 'ColumnAdded'],
            [2, 'ColumnRetired'],
          ],
        );
        assert.deepEqual([...(await s.catalogue.columnEventsOf([agency.id, 999])).keys()], [agency.id]);
        await assert.rejects(s.db.deleteFrom('catalogue_column_events').execute(), /append-only/);
      }));

    it('draws serials per agency and scope that only go up, and holds each 索引号 once in its agency', () =>
      withStorage(dialect, async (s) => {
        const a = await s.agencies.add({ name: '甲', kind: '区县', code: 'A' });
        const b = await s.agencies.add({ name: '乙', kind: '区县', code: 'B' });
        const drawn = [];
        for (const [agency, scope] of [
          [a.id, '2024'],
          [a.id, '2024'],
          [a.id, '2025'],
          [b.id, '2024'],
          [a.id, '2024'],
        ] as const)
          drawn.push(await s.catalogue.nextSerial(agency, scope));
        assert.deepEqual(drawn, [1, 2, 1, 1, 3]);
        for (const id of ['i1', 'i2', 'i3'])
          await s.catalogue.add({ id, agencyId: id === 'i3' ? b.id : a.id, event: drafted, summary: draft });
        await s.catalogue.recordIndexNumber(a.id, 'A/2024-00001', 'i1');
        await assert.rejects(s.catalogue.recordIndexNumber(a.id, 'A/2024-00001', 'i2'));
        await s.catalogue.recordIndexNumber(b.id, 'A/2024-00001', 'i3');
        await assert.rejects(s.db.deleteFrom('catalogue_index_numbers').execute(), /append-only/);
        await s.catalogue.append('i1', 1, publish('N-1'), published('N-1'));
        await assert.rejects(s.catalogue.append('i2', 1, publish('N-1'), published('N-1')));
      }));

    it('keeps each agency’s 索引号 pattern, the default while none is set', () =>
      withStorage(dialect, async (s) => {
        const a = await s.agencies.add({ name: '甲', kind: '区县', code: '000014349' });
        assert.deepEqual(await s.catalogue.indexSettings(a.id), { code: '000014349', pattern: null });
        assert.equal(await s.catalogue.setIndexPattern(a.id, '{org}-{year}-{serial:4}'), true);
        assert.deepEqual(await s.catalogue.indexSettings(a.id), {
          code: '000014349',
          pattern: '{org}-{year}-{serial:4}',
        });
        assert.equal(await s.catalogue.setIndexPattern(999, null), false);
        assert.equal(await s.catalogue.indexSettings(999), undefined);
      }));
  });
}
