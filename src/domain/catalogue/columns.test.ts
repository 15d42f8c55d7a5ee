/**
 * The agency's column tree (栏目): the four sub-columns of 国办公开办函〔2019〕61号 for every agency,
 * 条例第二十条's fifteen categories under 法定主动公开内容, the 26 基层 areas for a 乡镇/街道; the
 * agency's own columns added, renamed, retired and reinstated through an append-only log; ids that
 * never change and are never issued twice; only an own column holding nothing is removed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { LocalDate } from '../calendar/local-date.js';
import {
  ARTICLE_20_CATEGORIES,
  applyColumnEvent,
  type ColumnEvent,
  type ColumnTree,
  childrenOf,
  columnForItems,
  columnPath,
  columnTreeOf,
  GRASSROOTS_AREAS,
  isRetired,
  nextOwnColumnId,
  siteColumnTree,
  standardTree,
  subtreeCounts,
  subtreeIds,
} from './columns.js';

const on = '2026-03-01' as LocalDate;
const by = 'approver';
const tree = (kind: string, ...events: ColumnEvent[]): ColumnTree => {
  const t = columnTreeOf(kind, events);
  assert.ok(t.ok, t.ok ? '' : t.error.message);
  return t.value;
};
const refused = (kind: string, ...events: ColumnEvent[]) => {
  const t = columnTreeOf(kind, events);
  assert.ok(!t.ok, 'refused');
  return t.error;
};
const add = (id: string, name: string, parentId = 'fdzdgknr'): ColumnEvent => ({
  kind: 'ColumnAdded',
  on,
  by,
  id,
  name,
  parentId,
});

describe('the standard tree', () => {
  it('has the four sub-columns of 61号 at the top, with their usual slugs, for every agency', () => {
    for (const kind of ['区县', '部门', '乡镇/街道'])
      assert.deepEqual(
        childrenOf(standardTree(kind), null).map((c) => `${c.id} ${c.name}`),
        [
          'zfxxgkzn 政府信息公开指南',
          'zfxxgkzd 政府信息公开制度',
          'fdzdgknr 法定主动公开内容',
          'zfxxgknb 政府信息公开年报',
        ],
        kind,
      );
  });

  it('puts 条例第二十条’s fifteen categories under 法定主动公开内容, numbered as the article', () => {
    const t = standardTree('部门');
    const art20 = childrenOf(t, 'fdzdgknr');
    assert.equal(art20.length, 15);
    assert.equal(ARTICLE_20_CATEGORIES.length, 15);
    assert.equal(art20[0]!.id, 'fdzdgknr-01');
    assert.equal(art20[0]!.basis, '条例第二十条第（一）项');
    assert.equal(art20[14]!.id, 'fdzdgknr-15');
    assert.equal(art20[14]!.basis, '条例第二十条第（十五）项');
    // Not read in the official text here: the names are the agency's to reword.
    assert.ok(art20.every((c) => !c.verified));
  });

  it('gives a 乡镇/街道 the 26 areas of the 基层政务公开标准目录, and a department none', () => {
    const township = standardTree('乡镇/街道');
    const areas = childrenOf(township, 'jczwgk');
    assert.equal(areas.length, 26);
    assert.deepEqual(
      areas.map((a) => a.name),
      GRASSROOTS_AREAS,
    );
    assert.equal(areas[25]!.id, 'jczwgk-26');
    assert.equal(
      columnPath(township, 'jczwgk-07'),
      '法定主动公开内容 › 基层政务公开标准目录 › 国有土地上房屋征收与补偿',
    );
    assert.equal(
      standardTree('部门').columns.find((c) => c.id === 'jczwgk'),
      undefined,
    );
  });

  it('takes items in 制度 and 法定主动公开内容’s tree, not in 指南 and 年报 (their own pages)', () => {
    const t = standardTree('区县');
    assert.ok(columnForItems(t, 'zfxxgkzd').ok);
    assert.ok(columnForItems(t, 'fdzdgknr').ok);
    assert.ok(columnForItems(t, 'fdzdgknr-07').ok);
    for (const id of ['zfxxgkzn', 'zfxxgknb'])
      assert.equal((columnForItems(t, id) as { error: { code: string } }).error.code, 'column.no-items', id);
    assert.equal((columnForItems(t, 'nosuch') as { error: { code: string } }).error.code, 'column.unknown');
  });

  it('has ids that are unique and fit the URL pattern', () => {
    for (const kind of ['乡镇/街道', '部门']) {
      const ids = standardTree(kind).columns.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.match(id, /^[a-z][a-z0-9-]{0,39}$/);
    }
  });
});

describe('the agency’s own columns', () => {
  it('are added under a column that takes items, with the next id, parents before children', () => {
    const t0 = standardTree('区县');
    assert.equal(nextOwnColumnId(t0, 7), 'zdy-7-1');
    const t = tree('区县', add('zdy-7-1', '重点领域信息公开'), add('zdy-7-2', '优化营商环境', 'zdy-7-1'));
    assert.equal(columnPath(t, 'zdy-7-2'), '法定主动公开内容 › 重点领域信息公开 › 优化营商环境');
    assert.equal(nextOwnColumnId(t, 7), 'zdy-7-3');
    const ids = t.columns.map((c) => c.id);
    assert.ok(ids.indexOf('zdy-7-1') < ids.indexOf('zdy-7-2'));
    assert.ok(ids.indexOf('fdzdgknr-15') < ids.indexOf('zdy-7-1'), 'after the standard children');
    assert.ok(ids.indexOf('zdy-7-2') < ids.indexOf('zfxxgknb'), 'still inside 法定主动公开内容');
  });

  it('are refused under 指南 or 年报, under an unknown column, too deep, or with a name a sibling has', () => {
    assert.equal(refused('区县', add('zdy-1-1', 'x', 'zfxxgkzn')).code, 'column.parent-no-items');
    assert.equal(refused('区县', add('zdy-1-1', 'x', 'nosuch')).code, 'column.unknown');
    assert.equal(refused('区县', add('zdy-1-1', '规划计划')).code, 'column.name-taken');
    assert.equal(refused('区县', add('zdy-1-1', '  ')).code, 'column.name-empty');
    assert.equal(refused('区县', add('zdy-1-1', 'a\u202eb')).code, 'column.name-control-characters');
    assert.equal(refused('区县', add('zdy-1-1', '长'.repeat(31))).code, 'column.name-too-long');
    assert.equal(refused('区县', add('fdzdgknr-16', '第十六类')).code, 'column.id-form');
    // fdzdgknr (1) › zdy-1 (2) › zdy-2 (3) › zdy-3 (4) › zdy-4 would be a fifth level.
    const deep = [
      add('zdy-1-1', 'a'),
      add('zdy-1-2', 'b', 'zdy-1-1'),
      add('zdy-1-3', 'c', 'zdy-1-2'),
      add('zdy-1-4', 'd', 'zdy-1-3'),
    ];
    assert.equal(refused('区县', ...deep).code, 'column.too-deep');
  });

  it('never issue an id twice, even after a removal', () => {
    const removed: ColumnEvent = { kind: 'ColumnRemoved', on, by, id: 'zdy-1-1' };
    const t = tree('区县', add('zdy-1-1', '临时栏目'), removed);
    assert.equal(
      t.columns.find((c) => c.id === 'zdy-1-1'),
      undefined,
    );
    assert.equal(nextOwnColumnId(t, 1), 'zdy-1-2');
    assert.equal(
      refused('区县', add('zdy-1-1', '临时栏目'), removed, add('zdy-1-1', '又一个')).code,
      'column.id-taken',
    );
  });
});

describe('renaming, retiring and removing', () => {
  it('renames a standard category the agency words otherwise, but never the four of 61号', () => {
    const t = tree('区县', { kind: 'ColumnRenamed', on, by, id: 'fdzdgknr-02', name: '机构职能' });
    assert.equal(t.columns.find((c) => c.id === 'fdzdgknr-02')!.name, '机构职能');
    for (const id of ['zfxxgkzn', 'zfxxgkzd', 'fdzdgknr', 'zfxxgknb']) {
      assert.equal(
        refused('区县', { kind: 'ColumnRenamed', on, by, id, name: '别的' }).code,
        'column.fixed',
        id,
      );
      assert.equal(refused('区县', { kind: 'ColumnRetired', on, by, id }).code, 'column.fixed', id);
    }
    assert.equal(
      refused('区县', { kind: 'ColumnRenamed', on, by, id: 'fdzdgknr-03', name: '统计信息' }).code,
      'column.name-taken',
    );
    assert.equal(
      refused('区县', { kind: 'ColumnRenamed', on, by, id: 'fdzdgknr-03', name: '规划计划' }).code,
      'column.name-same',
    );
  });

  it('retires a column and what is below it for new items; reinstating brings it back', () => {
    const retire: ColumnEvent = { kind: 'ColumnRetired', on, by, id: 'zdy-1-1', reason: '机构改革' };
    const t = tree('区县', add('zdy-1-1', '专项'), add('zdy-1-2', '子项', 'zdy-1-1'), retire);
    assert.deepEqual(t.columns.find((c) => c.id === 'zdy-1-1')!.retired, { on, reason: '机构改革' });
    assert.ok(isRetired(t, 'zdy-1-2'), 'under a retired column');
    assert.equal((columnForItems(t, 'zdy-1-2') as { error: { code: string } }).error.code, 'column.retired');
    assert.equal(
      refused('区县', add('zdy-1-1', '专项'), retire, add('zdy-1-2', '子项', 'zdy-1-1')).code,
      'column.retired',
    );
    assert.equal(
      refused('区县', add('zdy-1-1', '专项'), add('zdy-1-2', '子项', 'zdy-1-1'), retire, {
        kind: 'ColumnReinstated',
        on,
        by,
        id: 'zdy-1-2',
      }).code,
      'column.not-retired',
    );
    const back = tree('区县', add('zdy-1-1', '专项'), retire, {
      kind: 'ColumnReinstated',
      on,
      by,
      id: 'zdy-1-1',
    });
    assert.ok(columnForItems(back, 'zdy-1-1').ok);
    // A retired standard area (a township without it) is kept, not deleted.
    const township = tree('乡镇/街道', { kind: 'ColumnRetired', on, by, id: 'jczwgk-05' });
    assert.ok(township.columns.some((c) => c.id === 'jczwgk-05' && c.retired));
  });

  it('removes only an own column that holds no item and has no sub-column', () => {
    const t = tree('区县', add('zdy-1-1', '专项'), add('zdy-1-2', '子项', 'zdy-1-1'));
    const remove = (id: string, held: string[] = []) =>
      applyColumnEvent(t, { kind: 'ColumnRemoved', on, by, id }, { heldColumns: new Set(held) });
    const code = (r: ReturnType<typeof remove>) => (r.ok ? 'ok' : r.error.code);
    assert.equal(code(remove('zdy-1-1')), 'column.has-children');
    assert.equal(code(remove('zdy-1-2', ['zdy-1-2'])), 'column.holds-items');
    assert.equal(code(remove('fdzdgknr-09')), 'column.standard-removed');
    assert.equal(code(remove('zdy-1-2')), 'ok');
  });
});

describe('counting and the site’s tree', () => {
  it('counts each column with everything below it', () => {
    const t = tree('乡镇/街道', add('zdy-1-1', '专项', 'fdzdgknr-03'));
    const totals = subtreeCounts(
      t,
      new Map([
        ['zdy-1-1', 2],
        ['fdzdgknr-03', 1],
        ['jczwgk-01', 4],
        ['zfxxgkzd', 5],
      ]),
    );
    assert.equal(totals.get('fdzdgknr-03'), 3);
    assert.equal(totals.get('jczwgk'), 4);
    assert.equal(totals.get('fdzdgknr'), 7);
    assert.equal(totals.get('zfxxgkzd'), 5);
    assert.equal(totals.get('fdzdgknr-04'), 0);
  });

  it('counts the same total at the top whatever the counts (a property)', () => {
    const t = tree('乡镇/街道', add('zdy-1-1', '专项', 'fdzdgknr-03'), add('zdy-1-2', '子项', 'zdy-1-1'));
    const ids = t.columns.map((c) => c.id);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ids), fc.nat(50))), (pairs) => {
        const counts = new Map<string, number>();
        for (const [id, n] of pairs) counts.set(id, (counts.get(id) ?? 0) + n);
        const totals = subtreeCounts(t, counts);
        const all = [...counts.values()].reduce((a, b) => a + b, 0);
        const top = childrenOf(t, null).reduce((a, c) => a + (totals.get(c.id) ?? 0), 0);
        assert.equal(top, all);
        for (const c of t.columns)
          assert.equal(
            totals.get(c.id),
            subtreeIds(t, c.id).reduce((a, id) => a + (counts.get(id) ?? 0), 0),
          );
      }),
    );
  });

  it('puts every agency’s own columns under the standard tree for the whole site', () => {
    const county = tree('区县', add('zdy-1-1', '县专项', 'fdzdgknr-03'));
    const town = tree('乡镇/街道', add('zdy-2-1', '镇专项', 'jczwgk-02'));
    const site = siteColumnTree([
      { kind: '区县', tree: county },
      { kind: '乡镇/街道', tree: town },
    ]);
    assert.deepEqual(subtreeIds(site, 'fdzdgknr-03'), ['fdzdgknr-03', 'zdy-1-1']);
    assert.ok(subtreeIds(site, 'fdzdgknr').includes('zdy-2-1'));
    assert.ok(
      site.columns.some((c) => c.id === 'jczwgk'),
      'a township on the site brings the 基层 areas',
    );
    assert.equal(
      siteColumnTree([{ kind: '区县', tree: county }]).columns.some((c) => c.id === 'jczwgk'),
      false,
    );
  });
});
