/**
 * The column tree's use cases, on both dialects: an administrator or approver changes the agency's own
 * tree (never another agency's; a handler not at all), each change in the append-only log and the
 * audit log; a draft goes only in a column that takes items, by default its 体裁's; a retired column
 * keeps its items (still shown) and takes no new ones; a column holding items is never removed. An
 * item's 栏目, 关键词 and 公开方式 change by correction, an approver's once it is published; the portal
 * and its search show a 依申请公开 item without its body and nothing of a 不予公开 one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { StoredParticulars } from '../domain/catalogue/catalogue-item.js';
import { columnPath } from '../domain/catalogue/columns.js';
import { publicSearch } from '../search/index.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { staffActor } from '../test-support/staff-actor.js';
import {
  addColumn,
  agencyColumns,
  browseCatalogue,
  columnsForOffice,
  correctItem,
  draftItem,
  publicItem,
  publishItem,
  reinstateColumn,
  removeColumn,
  renameColumn,
  retireColumn,
} from './index.js';

const TODAY = '2025-06-30' as LocalDate;
const options = { today: TODAY };

const particulars: StoredParticulars = {
  title: '城关镇农村宅基地审批管理办法',
  publisher: '城关镇人民政府',
  writtenOn: '2025-03-01' as LocalDate,
  docNumber: '',
  topic: '城乡建设',
  body: '第一条 为规范宅基地审批，制定本办法。',
  kind: 'other',
};

const person = staffActor;

async function world(s: Storage) {
  const town = await s.agencies.add({ name: '城关镇人民政府', kind: '乡镇/街道', code: '000014349' });
  const other = await s.agencies.add({ name: '邻县人民政府', kind: '区县', code: '000099999' });
  return {
    town: town.id,
    other: other.id,
    admin: person('admin', ['admin'], town.id),
    approver: person('approver', ['approver'], town.id),
    liaison: person('liaison', ['liaison'], town.id),
    handler: person('handler', ['handler'], town.id),
    outsider: person('outsider', ['admin', 'approver'], other.id),
  };
}

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const code = (r: { ok: true } | { ok: false; error: { code: string } }) => (r.ok ? 'ok' : r.error.code);

for (const dialect of DIALECTS) {
  describe(`the column tree’s use cases (${dialect.name})`, { skip: dialect.skip }, () => {
    it('lets an administrator or approver add, rename, retire and reinstate own columns, audited', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const added = value(
          await addColumn(s, w.admin, { agencyId: w.town, parentId: 'fdzdgknr', name: '村务公开' }, options),
        );
        const id = `zdy-${w.town}-1`;
        assert.equal(columnPath(added, id), '法定主动公开内容 › 村务公开');
        value(await renameColumn(s, w.approver, { agencyId: w.town, id, name: '村（居）务公开' }, options));
        value(await retireColumn(s, w.approver, { agencyId: w.town, id, reason: '并入基层目录' }, options));
        const back = value(await reinstateColumn(s, w.admin, { agencyId: w.town, id }, options));
        assert.equal(back.columns.find((c) => c.id === id)?.retired, undefined);
        // The standard 基层 area the town does not have: retired, not deleted.
        value(await retireColumn(s, w.admin, { agencyId: w.town, id: 'jczwgk-05' }, options));
        const tree = value(await agencyColumns(s, w.town)).tree;
        assert.equal(tree.columns.find((c) => c.id === id)?.name, '村（居）务公开');
        assert.ok(tree.columns.find((c) => c.id === 'jczwgk-05')?.retired);
        const audited = (await s.auditLog.list({ action: 'catalogue.' })).map(
          (e) => `${e.actor} ${e.action} ${e.subject}`,
        );
        assert.deepEqual(audited, [
          `admin catalogue.column-added columns:${w.town}`,
          `approver catalogue.column-renamed columns:${w.town}`,
          `approver catalogue.column-retired columns:${w.town}`,
          `admin catalogue.column-reinstated columns:${w.town}`,
          `admin catalogue.column-retired columns:${w.town}`,
        ]);
        assert.equal((await s.catalogue.columnEvents(w.town)).length, 5);
      }));

    it('refuses a handler or liaison (403) and another agency’s staff (not found)', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const input = { agencyId: w.town, parentId: 'fdzdgknr', name: '村务公开' };
        assert.equal(code(await addColumn(s, w.handler, input, options)), 'access.forbidden');
        assert.equal(code(await addColumn(s, w.liaison, input, options)), 'access.forbidden');
        assert.equal(code(await addColumn(s, w.outsider, input, options)), 'agency.unknown');
        assert.equal(code(await columnsForOffice(s, w.outsider, w.town)), 'agency.unknown');
        assert.equal((await s.catalogue.columnEvents(w.town)).length, 0);
      }));

    it('puts a draft in its 体裁’s column by default, refuses one that takes no items or is retired', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const draft = (p: Partial<StoredParticulars>) =>
          draftItem(s, w.liaison, { agencyId: w.town, ...particulars, ...p }, options);
        assert.equal(value(await draft({})).state.particulars.column, 'fdzdgknr');
        assert.equal(value(await draft({ kind: '规范性文件' })).state.particulars.column, 'fdzdgknr-01');
        assert.equal(value(await draft({ column: 'jczwgk-06' })).state.particulars.column, 'jczwgk-06');
        assert.equal(code(await draft({ column: 'zfxxgknb' })), 'column.no-items');
        assert.equal(code(await draft({ column: 'zdy-9-9' })), 'column.unknown');
        value(await retireColumn(s, w.admin, { agencyId: w.town, id: 'jczwgk-06' }, options));
        assert.equal(code(await draft({ column: 'jczwgk-06' })), 'column.retired');
        // The item already there stays there, and the column holds it.
        const held = value(await columnsForOffice(s, w.admin, w.town)).held;
        assert.equal(held.get('jczwgk-06'), 1);
      }));

    it('never removes a column that holds an item, even a draft; removes an empty own one', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        value(await addColumn(s, w.admin, { agencyId: w.town, parentId: 'fdzdgknr', name: '甲' }, options));
        value(await addColumn(s, w.admin, { agencyId: w.town, parentId: 'fdzdgknr', name: '乙' }, options));
        const [first, second] = [`zdy-${w.town}-1`, `zdy-${w.town}-2`];
        value(await draftItem(s, w.liaison, { agencyId: w.town, ...particulars, column: first }, options));
        assert.equal(
          code(await removeColumn(s, w.admin, { agencyId: w.town, id: first }, options)),
          'column.holds-items',
        );
        value(await removeColumn(s, w.admin, { agencyId: w.town, id: second }, options));
        const again = value(
          await addColumn(s, w.admin, { agencyId: w.town, parentId: 'fdzdgknr', name: '丙' }, options),
        );
        assert.ok(
          again.columns.some((c) => c.id === `zdy-${w.town}-3`),
          'the removed id is not issued again',
        );
      }));

    it('corrects 栏目, 关键词 and 公开方式: a draft by its drafter, a published item by an approver only', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const item = value(await draftItem(s, w.liaison, { agencyId: w.town, ...particulars }, options));
        const moved = value(
          await correctItem(
            s,
            w.liaison,
            item.id,
            { changes: { column: 'jczwgk-06', keywords: ['宅基地'] }, reason: '栏目放错' },
            options,
          ),
        );
        assert.equal(moved.state.particulars.column, 'jczwgk-06');
        value(await publishItem(s, w.approver, item.id, options));
        const change = { changes: { disclosure: '依申请公开' as const }, reason: '含个人信息的附表' };
        assert.equal(code(await correctItem(s, w.liaison, item.id, change, options)), 'access.forbidden');
        assert.equal(code(await correctItem(s, w.outsider, item.id, change, options)), 'catalogue.unknown');
        assert.equal(
          code(
            await correctItem(
              s,
              w.approver,
              item.id,
              { changes: { column: 'zfxxgkzn' }, reason: 'x' },
              options,
            ),
          ),
          'column.no-items',
        );
        const corrected = value(await correctItem(s, w.approver, item.id, change, options));
        assert.equal(corrected.events.at(-1)?.kind, 'Corrected');
        assert.equal((await s.catalogue.get(item.id))?.disclosure, '依申请公开');
        assert.equal((await s.catalogue.get(item.id))?.column, 'jczwgk-06');
      }));

    it('lists a 依申请公开 item without its body, in search too, and shows nothing of a 不予公开 one', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const publish = async (p: Partial<StoredParticulars>) => {
          const d = value(await draftItem(s, w.liaison, { agencyId: w.town, ...particulars, ...p }, options));
          value(await publishItem(s, w.approver, d.id, options));
          return d.id;
        };
        const open = await publish({});
        const onRequest = await publish({
          title: '宅基地审批台账',
          body: '台账正文：张三户籍',
          disclosure: '依申请公开',
        });
        const withheld = await publish({
          title: '宅基地信访材料',
          disclosure: '不予公开',
          disclosureReason: '涉及个人隐私（条例第十五条）',
        });
        const page = value2(await browseCatalogue(s, { agency: { id: w.town, kind: '乡镇/街道' } }));
        assert.deepEqual(page.items.map((i) => i.id).sort(), [open, onRequest].sort());
        assert.equal(page.counts.get('fdzdgknr'), 2);
        assert.equal((await publicItem(s, onRequest))?.state.particulars.body, '');
        assert.equal((await publicItem(s, onRequest))?.onRequest, true);
        assert.equal(await publicItem(s, withheld), undefined);
        const found = (q: string) => publicSearch(s, q).then((r) => value(r).items.map((i) => i.id));
        assert.deepEqual(await found('台账'), [onRequest], 'found by its title');
        assert.deepEqual(await found('张三'), [], 'its body is not searchable');
        assert.deepEqual(await found('信访材料'), [], 'a 不予公开 item is not in the index');
      }));

    it('browses by column (with what is below it) and by 主题分类, with counts', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        value(
          await addColumn(s, w.admin, { agencyId: w.town, parentId: 'jczwgk-06', name: '村庄规划' }, options),
        );
        const own = `zdy-${w.town}-1`;
        const publish = async (column: string, topic: string) => {
          const d = value(
            await draftItem(s, w.liaison, { agencyId: w.town, ...particulars, column, topic }, options),
          );
          value(await publishItem(s, w.approver, d.id, options));
        };
        await publish('jczwgk-06', '城乡建设');
        await publish(own, '城乡建设');
        await publish(own, '农业农村');
        await publish('fdzdgknr-07', '财政');
        const agency = { id: w.town, kind: '乡镇/街道' };
        const planning = value2(await browseCatalogue(s, { agency, column: 'jczwgk-06' }));
        assert.equal(planning.total, 3);
        assert.equal(planning.counts.get('jczwgk-06'), 3);
        assert.equal(planning.counts.get(own), 2);
        assert.equal(planning.counts.get('fdzdgknr'), 4);
        assert.deepEqual(planning.topics, [
          { topic: '城乡建设', count: 2 },
          { topic: '农业农村', count: 1 },
        ]);
        assert.equal(value2(await browseCatalogue(s, { agency, column: own, topic: '农业农村' })).total, 1);
        assert.equal(value2(await browseCatalogue(s, { agency, topic: '财政' })).total, 1);
        assert.equal(await browseCatalogue(s, { agency, column: 'zdy-99-1' }), undefined);
        // The whole site: the township's own column is under the standard one there too.
        const site = value2(await browseCatalogue(s, { column: 'jczwgk-06' }));
        assert.equal(site.total, 3);
      }));
  });
}

function value2<T>(v: T | undefined): T {
  assert.ok(v !== undefined, 'found');
  return v;
}
