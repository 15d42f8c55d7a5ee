/**
 * Migration 0016 on SQLite and PostgreSQL, on a catalogue as the code before it left it: items whose
 * logs say nothing of 栏目 or 公开方式.
 * - Each row gets the column its 体裁 defaults to — the one the domain reads the old log with, so the
 *   cache and the log agree — and 主动公开, which is how the portal showed them.
 * - Each row's 主题分类 is the one its log last gave (a correction of it counts).
 * - The logs themselves are untouched; an item written after it is browsed with the old ones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { browseCatalogue } from '../../catalogue/index.js';
import { defaultColumnOf, ITEM_KINDS, storedItemState } from '../../domain/catalogue/catalogue-item.js';
import { openHandle } from '../../test-support/audit-log-tamper.js';
import { migrateTo } from '../migrations.js';
import { openDatabase } from '../storage.js';
import { DIALECTS } from '../test-dialects.js';
import { DEFAULT_COLUMNS_0016 } from './0016-catalogue-columns.js';

const CREATED = '2024-09-01T00:00:00.000Z';

const OLD_ITEMS = [
  { id: 'i1', kind: '规范性文件', topic: '城乡建设', correctedTopic: undefined },
  { id: 'i2', kind: 'other', topic: '综合政务', correctedTopic: '财政' },
  { id: 'i3', kind: '规章', topic: '公安', correctedTopic: undefined },
] as const;

describe('migration 0016’s defaults', () => {
  it('are the domain’s: the column an old log is read with is the one its row was given', () => {
    for (const kind of ITEM_KINDS) assert.equal(DEFAULT_COLUMNS_0016[kind], defaultColumnOf(kind), kind);
  });
});

for (const dialect of DIALECTS) {
  describe(`migration 0016 (catalogue columns) on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('gives the items of before their default column, 主动公开 and their topic; their logs are untouched', async () => {
      const fresh = await dialect.create();
      try {
        const before = await openHandle(fresh.url);
        try {
          await migrateTo(before, '0013_portal');
          await sql`insert into agencies (name, kind, code, created_at) values (${'城关镇人民政府'}, ${'乡镇/街道'}, ${'000014349'}, ${CREATED})`.execute(
            before.db,
          );
          const agency = Number(
            (await sql<{ id: number }>`select id from agencies`.execute(before.db)).rows[0]!.id,
          );
          for (const [n, item] of OLD_ITEMS.entries()) {
            const indexNumber = `000014349/2024-0000${n + 1}`;
            await sql`insert into catalogue_items
                (id, agency_id, created_at, last_seq, status, kind, title, written_on, published_on,
                 repealed_on, validity, index_number)
              values (${item.id}, ${agency}, ${CREATED}, ${item.correctedTopic ? 3 : 2}, ${'published'},
                 ${item.kind}, ${`旧信息${n}`}, ${'2024-03-01'}, ${'2024-03-10'}, ${null}, ${'有效'},
                 ${indexNumber})`.execute(before.db);
            const particulars = {
              title: `旧信息${n}`,
              publisher: '城关镇人民政府',
              writtenOn: '2024-03-01',
              docNumber: '',
              topic: item.topic,
              body: '正文',
              kind: item.kind,
            };
            const events = [
              { kind: 'Drafted', on: '2024-03-05', by: 'liaison', particulars },
              { kind: 'Published', on: '2024-03-10', by: 'approver', indexNumber },
              ...(item.correctedTopic
                ? [
                    {
                      kind: 'Corrected',
                      on: '2024-03-12',
                      by: 'approver',
                      changes: { topic: item.correctedTopic },
                      reason: '录错',
                    },
                  ]
                : []),
            ];
            for (const [seq, e] of events.entries())
              await sql`insert into catalogue_item_events (item_id, seq, type, at, actor, payload, recorded_at)
                values (${item.id}, ${seq + 1}, ${e.kind}, ${e.on}, ${e.by}, ${JSON.stringify(e)}, ${CREATED})`.execute(
                before.db,
              );
          }
        } finally {
          await before.close();
        }

        const storage = await openDatabase(fresh.url);
        try {
          const rows = await Promise.all(OLD_ITEMS.map((i) => storage.catalogue.get(i.id)));
          assert.deepEqual(
            rows.map((r) => [r?.column, r?.topic, r?.disclosure]),
            [
              ['fdzdgknr-01', '城乡建设', '主动公开'],
              ['fdzdgknr', '财政', '主动公开'],
              ['fdzdgknr-01', '公安', '主动公开'],
            ],
          );
          for (const item of OLD_ITEMS) {
            const log = (await storage.catalogue.events(item.id)).map((e) => e.event);
            const state = storedItemState(log);
            assert.ok(state.ok, item.id);
            const row = await storage.catalogue.get(item.id);
            assert.equal(state.value.particulars.column, row?.column, 'the log read with the same default');
            assert.equal(state.value.particulars.topic, row?.topic);
            assert.equal('column' in (log[0] as { particulars: object }).particulars, false, 'log untouched');
          }
          const agency = (await storage.catalogue.get('i1'))!.agencyId;
          const browse = await browseCatalogue(storage, {
            agency: { id: agency, kind: '乡镇/街道' },
            column: 'fdzdgknr-01',
          });
          assert.equal(browse?.total, 2);
          assert.deepEqual(
            browse?.topics.map((t) => t.topic),
            ['公安', '城乡建设'],
          );
        } finally {
          await storage.close();
        }
      } finally {
        await fresh.drop();
      }
    });
  });
}
