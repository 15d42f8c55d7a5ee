/**
 * `gongkai search reindex` in-process on a SQLite file: items published while the index lacked them
 * are found again afterwards; `--agency CODE` (or the agency's id) rebuilds that agency's items only,
 * another agency's stay as they were; progress goes to stderr, the counts to stdout (and as JSON);
 * an agency that does not exist is refused (exit 2, one line).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { draftItem, publishItem } from '../catalogue/index.js';
import type { Actor, Role } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { publicSearch } from '../search/index.js';
import { openDatabase } from '../storage/index.js';
import {
  okValue,
  TOWNSHIP_CODE,
  townshipDocuments,
  withTownshipCode,
} from '../test-support/catalogue-world.js';
import { assertRefused, gongkai } from '../test-support/run-cli.js';
import { webWorld } from '../test-support/web-world.js';

const today = '2025-02-01' as LocalDate;

describe('gongkai search reindex', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-search-cli-'));
  const file = join(dir, 'gongkai.db');
  let other = 0;
  before(async () => {
    const w = await webWorld({}, file);
    try {
      await withTownshipCode(w);
      await townshipDocuments(w, ['关于2025年春节调休安排的通知', '国有土地上房屋征收与补偿办法'], { today });
      other = w.other;
      await w.storage.db.updateTable('agencies').set({ code: '000099999' }).where('id', '=', other).execute();
      const as = (roles: Role[]): Actor => ({
        kind: 'user',
        userId: 2,
        name: roles.join(','),
        roles,
        agencyId: other,
        subordinateIds: [],
      });
      const drafted = okValue(
        await draftItem(
          w.storage,
          as(['liaison']),
          {
            agencyId: other,
            title: '关于做好宅基地审批工作的通知',
            publisher: '另一机关',
            writtenOn: '2024-03-01' as LocalDate,
            docNumber: '',
            topic: '城乡建设',
            body: '宅基地审批应当公开。',
            kind: 'other',
          },
          { today },
        ),
      );
      okValue(await publishItem(w.storage, as(['approver']), drafted.id, { today }));
      // As a database whose items were published before the index existed: the index is empty.
      for (const id of await w.storage.search.itemIds()) await w.storage.search.remove(id);
    } finally {
      await w.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const found = async (q: string) => {
    const storage = await openDatabase(file);
    try {
      const r = await publicSearch(storage, q);
      assert.ok(r.ok, q);
      return r.value.items.map((i) => i.title);
    } finally {
      await storage.close();
    }
  };

  it('--agency CODE: that agency’s items found again, another agency’s not touched', async () => {
    assert.deepEqual(await found('调休'), []);
    const run = await gongkai('search', 'reindex', '--agency', TOWNSHIP_CODE, '--database', file);
    assert.equal(run.code, 0, run.err);
    assert.equal(run.out, '检索索引已重建：收录 2 条，移出 0 条 (indexed 2, removed 0)\n');
    assert.match(run.err, /已处理 2 \/ 2 条 \(items done\)\n$/);
    assert.deepEqual(await found('调休'), ['关于2025年春节调休安排的通知']);
    assert.deepEqual(await found('宅基地审批'), [], 'the other agency was not asked for');
  });

  it('every agency: the rest found too; run again, nothing changes (--json, an id for --agency)', async () => {
    const run = await gongkai('search', 'reindex', '--json', '--database', file);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(JSON.parse(run.out), { indexed: 3, removed: 0 });
    assert.deepEqual(await found('宅基地审批'), ['关于做好宅基地审批工作的通知']);
    const again = await gongkai('search', 'reindex', '--json', '--agency', String(other), '--database', file);
    assert.deepEqual(JSON.parse(again.out), { indexed: 1, removed: 0 });
    assert.deepEqual(await found('调休'), ['关于2025年春节调休安排的通知']);
  });

  it('refuses an agency that does not exist, and a database that does not', async () => {
    assertRefused(
      await gongkai('search', 'reindex', '--agency', 'NO-SUCH', '--database', file),
      /--agency NO-SUCH: 没有这个机关 \(no such agency\)/,
    );
    assertRefused(
      await gongkai('search', 'reindex', '--database', join(dir, 'none.db')),
      /数据库不存在 \(no such database\)/,
    );
  });
});
