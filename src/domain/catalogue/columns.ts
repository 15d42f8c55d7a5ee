/**
 * @module The agency's 政府信息公开 column as a tree of 栏目 (issue 11; portal.md §2, §5): the four
 * standard sub-columns of 国办公开办函〔2019〕61号 as deployed (政府信息公开指南, 政府信息公开制度,
 * 法定主动公开内容, 政府信息公开年报); under 法定主动公开内容 the fifteen categories of 条例第二十条 for
 * every agency, and for a 乡镇/街道 the 26 areas of the 基层政务公开标准目录 (国办发〔2019〕54号); and
 * the agency's own columns, which an administrator or approver adds, renames, retires (停用) and
 * reinstates. The standard tree is data, not stored: what is stored is the agency's append-only log of
 * changes to it, replayed over the standard tree. Ids are the URL slugs and never change or get reused:
 * a retired column keeps its items reachable, and only an own column that holds nothing is removed.
 * Pure: which columns hold items is handed in.
 */
import type { LocalDate } from '../calendar/local-date.js';
import { STANDARD_COLUMNS } from '../portal/site-facts.js';
import { err, ok, type Result } from '../requests/result.js';
import { hasControlCharacters } from '../shared/plain-text.js';

/** A 栏目 as the tree holds it. */
export interface Column {
  /** Its slug in URLs (`/catalogue?column=…`): stable, never reused. */
  readonly id: string;
  readonly name: string;
  /** null for the four sub-columns at the top of the 政府信息公开 column. */
  readonly parentId: string | null;
  readonly origin: 'standard' | 'own';
  /**
   * Whether catalogue items go in it: not 指南 and 年报, which have their own pages (the guide's
   * versions, the published reports).
   */
  readonly holdsItems: boolean;
  /** Where a standard column comes from (the article, the document). */
  readonly basis?: string;
  /**
   * False when its name was not read in the official text (portal.md marks it [U]): the agency may
   * rename it (ColumnRenamed) without a new release.
   */
  readonly verified: boolean;
  /** 停用: takes no new items; its items stay where they are and are still shown. */
  readonly retired?: { readonly on: LocalDate; readonly reason?: string };
}

export interface ColumnTree {
  /** Parents before their children, siblings in their order (the standard's, then as added). */
  readonly columns: readonly Column[];
  /** Every id the log ever used (removed own columns too), so that none is issued again. */
  readonly usedIds: ReadonlySet<string>;
}

/** The slug of 法定主动公开内容, where an item goes when nothing else is said. */
export const STATUTORY_COLUMN = 'fdzdgknr';
/** 政府信息公开制度 */
export const RULES_COLUMN = 'zfxxgkzd';
/** The 基层政务公开标准目录's group under 法定主动公开内容. */
export const GRASSROOTS_COLUMN = 'jczwgk';

/** Columns the 61号 notice wants under one name on every platform: never renamed, retired or removed. */
export const FIXED_COLUMNS: ReadonlySet<string> = new Set(STANDARD_COLUMNS.map((c) => c.slug));

/**
 * 条例第二十条's fifteen categories, short names for navigation with the item each stands for.
 * The short names are this project's (deployed trees name them variously: 机构职能, 规划计划 …,
 * portal.md §2 [V-sec]); the items' wording was not read here in a copy of the official text (the
 * project's notes give it in English, annual-report-formats.md §5.7) — so every name is `verified:
 * false`, renamable per agency.
 */
export const ARTICLE_20_CATEGORIES: readonly { readonly name: string; readonly item: string }[] = [
  { name: '法规、规章和规范性文件', item: '（一）' },
  { name: '机关职能', item: '（二）' },
  { name: '规划计划', item: '（三）' },
  { name: '统计信息', item: '（四）' },
  { name: '行政许可和对外管理服务', item: '（五）' },
  { name: '行政处罚和行政强制', item: '（六）' },
  { name: '财政预算决算', item: '（七）' },
  { name: '行政事业性收费', item: '（八）' },
  { name: '政府集中采购', item: '（九）' },
  { name: '重大建设项目', item: '（十）' },
  { name: '扶贫、教育、医疗、社会保障、促进就业', item: '（十一）' },
  { name: '突发公共事件应对', item: '（十二）' },
  { name: '监督检查', item: '（十三）' },
  { name: '公务员招考', item: '（十四）' },
  { name: '其他法定主动公开信息', item: '（十五）' },
];

/**
 * The 26 试点领域 of the 基层政务公开标准目录 as portal.md §5 reconstructs them [V-sec]; the 2017→2020
 * renaming is an inference there [U] and townships publish subsets: each is retirable and renamable.
 */
export const GRASSROOTS_AREAS: readonly string[] = [
  '重大建设项目',
  '公共资源交易',
  '财政预决算',
  '安全生产',
  '税收管理',
  '城乡规划',
  '国有土地上房屋征收与补偿',
  '农村集体土地征收',
  '农村危房改造',
  '保障性住房',
  '扶贫',
  '救灾',
  '社会救助',
  '养老服务',
  '户籍管理',
  '涉农补贴',
  '食品药品监管',
  '城市综合执法',
  '义务教育',
  '卫生健康',
  '生态环境',
  '公共文化服务',
  '公共法律服务',
  '市政服务',
  '就业',
  '社会保险',
];

/**
 * The agency kinds (AGENCY_KINDS) whose tree has the 基层 areas. 54号 counts 县、不设区的市、市辖区
 * too as 基层 [V-sec, portal.md §5]; the issue asks them for 乡镇/街道, so that is the default here.
 */
export const GRASSROOTS_KINDS: readonly string[] = ['乡镇/街道'];

const serial = (n: number) => String(n).padStart(2, '0');

/** The standard tree of an agency of this kind, before any change the agency made. */
export function standardColumns(agencyKind: string): Column[] {
  const columns: Column[] = [];
  for (const top of STANDARD_COLUMNS) {
    columns.push({
      id: top.slug,
      name: top.name,
      parentId: null,
      origin: 'standard',
      holdsItems: top.slug === RULES_COLUMN || top.slug === STATUTORY_COLUMN,
      basis: '国办公开办函〔2019〕61号（统一名称、统一格式）',
      verified: true,
    });
    if (top.slug !== STATUTORY_COLUMN) continue;
    for (const [i, c] of ARTICLE_20_CATEGORIES.entries())
      columns.push({
        id: `${STATUTORY_COLUMN}-${serial(i + 1)}`,
        name: c.name,
        parentId: STATUTORY_COLUMN,
        origin: 'standard',
        holdsItems: true,
        basis: `条例第二十条第${c.item}项`,
        verified: false,
      });
    if (!GRASSROOTS_KINDS.includes(agencyKind)) continue;
    columns.push({
      id: GRASSROOTS_COLUMN,
      name: '基层政务公开标准目录',
      parentId: STATUTORY_COLUMN,
      origin: 'standard',
      holdsItems: true,
      basis: '国办发〔2019〕54号',
      verified: false,
    });
    for (const [i, name] of GRASSROOTS_AREAS.entries())
      columns.push({
        id: `${GRASSROOTS_COLUMN}-${serial(i + 1)}`,
        name,
        parentId: GRASSROOTS_COLUMN,
        origin: 'standard',
        holdsItems: true,
        basis: '国办发〔2019〕54号：26 个试点领域的标准指引',
        verified: false,
      });
  }
  return columns;
}

interface Dated {
  readonly on: LocalDate;
  /** Login name. */
  readonly by: string;
}

/** A change the agency made to its tree; the log is append-only. */
export type ColumnEvent =
  | (Dated & {
      readonly kind: 'ColumnAdded';
      readonly id: string;
      readonly name: string;
      readonly parentId: string;
    })
  | (Dated & { readonly kind: 'ColumnRenamed'; readonly id: string; readonly name: string })
  | (Dated & { readonly kind: 'ColumnRetired'; readonly id: string; readonly reason?: string })
  | (Dated & { readonly kind: 'ColumnReinstated'; readonly id: string })
  /** Only an own column that never held an item that it still holds, and has no sub-column. */
  | (Dated & { readonly kind: 'ColumnRemoved'; readonly id: string });

export type ColumnEventKind = ColumnEvent['kind'];

export const COLUMN_EVENT_LABELS: Readonly<Record<ColumnEventKind, string>> = {
  ColumnAdded: '新增栏目',
  ColumnRenamed: '栏目改名',
  ColumnRetired: '停用栏目',
  ColumnReinstated: '恢复栏目',
  ColumnRemoved: '删除栏目',
};

export const COLUMN_REFUSALS = {
  'column.unknown': '本机关没有这个栏目',
  'column.fixed':
    '政府信息公开指南、制度、法定主动公开内容、年报四个栏目按国办公开办函〔2019〕61号统一名称、统一设置，不能改名、停用或删除',
  'column.name-empty': '栏目名称不能为空',
  'column.name-too-long': '栏目名称过长',
  'column.name-control-characters': '栏目名称中不能有控制字符或换行',
  'column.name-taken': '同一上级栏目下已有同名栏目',
  'column.name-same': '新名称与现有名称相同',
  'column.id-taken': '该栏目编号已经使用过，不再赋予其他栏目',
  'column.id-form': '本机关自设栏目的编号应为 zdy-机关编号-序号',
  'column.parent-no-items': '该栏目不存放目录信息，不能在其下设子栏目（指南、年报有各自的页面）',
  'column.too-deep': '栏目层级过深',
  'column.too-many': '本机关自设栏目过多',
  'column.retired': '该栏目已停用，不能再放入信息或设子栏目',
  'column.not-retired': '该栏目未停用',
  'column.already-retired': '该栏目已经停用',
  'column.parent-retired': '上级栏目已停用，请先恢复上级栏目',
  'column.standard-removed': '标准栏目不能删除，可以停用',
  'column.holds-items': '栏目中还有目录信息，不能删除；可以停用，已有信息仍可查阅',
  'column.has-children': '栏目下还有子栏目，不能删除',
  'column.no-items': '该栏目不存放目录信息，请选择其下的栏目',
  'column.reason-too-long': '停用理由过长',
} as const;

export type ColumnRefusalCode = keyof typeof COLUMN_REFUSALS;

export interface ColumnRefusal {
  readonly code: ColumnRefusalCode;
  readonly message: string;
  readonly eventIndex?: number;
}

export function columnRefusal(code: ColumnRefusalCode, detail?: string): ColumnRefusal {
  return { code, message: detail ? `${COLUMN_REFUSALS[code]}：${detail}` : COLUMN_REFUSALS[code] };
}

export const COLUMN_LIMITS = {
  name: 30,
  reason: 200,
  /** Levels below the top (指南 … 年报 are level 1). */
  depth: 4,
  /** Own columns ever added by one agency. */
  own: 200,
} as const;

/** zdy-{agency}-{n}: unique on the whole site, so that a county's browsing adds up its agencies' trees. */
const OWN_ID = /^zdy-[1-9]\d{0,9}-[1-9]\d{0,5}$/;
/** What `?column=` may be: an id of the standard tree or an own one. */
export const COLUMN_ID = /^[a-z][a-z0-9-]{0,39}$/;

/** The agency's next own column id: `zdy-{agency}-` and one more than every own id its log has used. */
export function nextOwnColumnId(tree: ColumnTree, agencyId: number): string {
  let n = 0;
  for (const id of tree.usedIds) if (OWN_ID.test(id)) n = Math.max(n, Number(id.split('-')[2]));
  return `zdy-${agencyId}-${n + 1}`;
}

const byId = (tree: ColumnTree, id: string) => tree.columns.find((c) => c.id === id);

/** The column and the ones above it, nearest first. */
export function ancestorsOf(tree: ColumnTree, id: string): Column[] {
  const out: Column[] = [];
  let at = byId(tree, id);
  while (at) {
    out.push(at);
    at = at.parentId === null ? undefined : byId(tree, at.parentId);
  }
  return out;
}

/** Retired itself, or under a retired column. */
export const isRetired = (tree: ColumnTree, id: string): boolean =>
  ancestorsOf(tree, id).some((c) => c.retired !== undefined);

/** The column's id and every id below it (what browsing a column shows). */
export function subtreeIds(tree: ColumnTree, id: string): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++)
    for (const c of tree.columns) if (c.parentId === out[i]) out.push(c.id);
  return out;
}

export const childrenOf = (tree: ColumnTree, parentId: string | null): Column[] =>
  tree.columns.filter((c) => c.parentId === parentId);

/** The columns with `added` after its parent's last descendant, so the list stays parents-first. */
function withColumn(tree: ColumnTree, added: Column): Column[] {
  const below = new Set(subtreeIds(tree, added.parentId ?? ''));
  const lastBelow = tree.columns.findLastIndex((c) => below.has(c.id));
  const columns = [...tree.columns];
  columns.splice(lastBelow + 1, 0, added);
  return columns;
}

function checkName(
  tree: ColumnTree,
  name: string,
  parentId: string | null,
  exceptId?: string,
): Result<string, ColumnRefusal> {
  const trimmed = name.trim();
  if (!trimmed) return err(columnRefusal('column.name-empty'));
  if (hasControlCharacters(trimmed)) return err(columnRefusal('column.name-control-characters'));
  if ([...trimmed].length > COLUMN_LIMITS.name)
    return err(columnRefusal('column.name-too-long', `至多 ${COLUMN_LIMITS.name} 字`));
  if (childrenOf(tree, parentId).some((c) => c.id !== exceptId && c.name === trimmed))
    return err(columnRefusal('column.name-taken', trimmed));
  return ok(trimmed);
}

export interface ColumnContext {
  /** Ids of the columns items are in now (any status). Only removal asks; a replay need not say. */
  readonly heldColumns?: ReadonlySet<string>;
}

/** The tree after one more change, or why that change may not be made. */
export function applyColumnEvent(
  tree: ColumnTree,
  event: ColumnEvent,
  context: ColumnContext = {},
): Result<ColumnTree, ColumnRefusal> {
  const replace = (id: string, change: (c: Column) => Column | undefined): ColumnTree => ({
    ...tree,
    columns: tree.columns.flatMap((c) => {
      if (c.id !== id) return [c];
      const next = change(c);
      return next ? [next] : [];
    }),
  });
  if (event.kind === 'ColumnAdded') {
    if (tree.usedIds.has(event.id)) return err(columnRefusal('column.id-taken', event.id));
    if (!OWN_ID.test(event.id)) return err(columnRefusal('column.id-form', event.id));
    if ([...tree.usedIds].filter((id) => OWN_ID.test(id)).length >= COLUMN_LIMITS.own)
      return err(columnRefusal('column.too-many', `至多 ${COLUMN_LIMITS.own} 个`));
    const parent = byId(tree, event.parentId);
    if (!parent) return err(columnRefusal('column.unknown', event.parentId));
    if (!parent.holdsItems) return err(columnRefusal('column.parent-no-items', parent.name));
    if (isRetired(tree, parent.id)) return err(columnRefusal('column.retired', parent.name));
    if (ancestorsOf(tree, parent.id).length >= COLUMN_LIMITS.depth)
      return err(columnRefusal('column.too-deep', `至多 ${COLUMN_LIMITS.depth} 级`));
    const name = checkName(tree, event.name, parent.id);
    if (!name.ok) return name;
    const added: Column = {
      id: event.id,
      name: name.value,
      parentId: parent.id,
      origin: 'own',
      holdsItems: true,
      verified: true,
    };
    return ok({ columns: withColumn(tree, added), usedIds: new Set([...tree.usedIds, event.id]) });
  }
  const column = byId(tree, event.id);
  if (!column) return err(columnRefusal('column.unknown', event.id));
  if (FIXED_COLUMNS.has(column.id)) return err(columnRefusal('column.fixed', column.name));
  switch (event.kind) {
    case 'ColumnRenamed': {
      const name = checkName(tree, event.name, column.parentId, column.id);
      if (!name.ok) return name;
      if (name.value === column.name) return err(columnRefusal('column.name-same', name.value));
      return ok(replace(column.id, (c) => ({ ...c, name: name.value, verified: true })));
    }
    case 'ColumnRetired': {
      if (column.retired) return err(columnRefusal('column.already-retired', column.name));
      const reason = event.reason?.trim();
      if (reason !== undefined && [...reason].length > COLUMN_LIMITS.reason)
        return err(columnRefusal('column.reason-too-long', `至多 ${COLUMN_LIMITS.reason} 字`));
      return ok(
        replace(column.id, (c) => ({ ...c, retired: { on: event.on, ...(reason ? { reason } : {}) } })),
      );
    }
    case 'ColumnReinstated': {
      if (!column.retired) return err(columnRefusal('column.not-retired', column.name));
      if (column.parentId !== null && isRetired(tree, column.parentId))
        return err(columnRefusal('column.parent-retired', column.name));
      return ok(
        replace(column.id, (c) => {
          const { retired: _retired, ...rest } = c;
          return rest;
        }),
      );
    }
    case 'ColumnRemoved': {
      if (column.origin === 'standard') return err(columnRefusal('column.standard-removed', column.name));
      if (childrenOf(tree, column.id).length > 0)
        return err(columnRefusal('column.has-children', column.name));
      if (context.heldColumns?.has(column.id)) return err(columnRefusal('column.holds-items', column.name));
      return ok(replace(column.id, () => undefined));
    }
  }
}

/** The standard tree of an agency of this kind, as a tree. */
export function standardTree(agencyKind: string): ColumnTree {
  const columns = standardColumns(agencyKind);
  return { columns, usedIds: new Set(columns.map((c) => c.id)) };
}

/** The agency's tree: the standard one of its kind, with its log replayed; the first change refused stops it. */
export function columnTreeOf(
  agencyKind: string,
  events: readonly ColumnEvent[],
): Result<ColumnTree, ColumnRefusal> {
  let tree = standardTree(agencyKind);
  for (const [i, event] of events.entries()) {
    const next = applyColumnEvent(tree, event);
    if (!next.ok) return err({ ...next.error, eventIndex: i });
    tree = next.value;
  }
  return ok(tree);
}

/** The column if a new item (or an item moved) may go in it; else why not. */
export function columnForItems(tree: ColumnTree, id: string): Result<Column, ColumnRefusal> {
  const column = byId(tree, id);
  if (!column) return err(columnRefusal('column.unknown', id));
  if (!column.holdsItems) return err(columnRefusal('column.no-items', column.name));
  if (isRetired(tree, id)) return err(columnRefusal('column.retired', column.name));
  return ok(column);
}

/** The column of that id, retired or not. */
export const columnOf = (tree: ColumnTree, id: string): Column | undefined => byId(tree, id);

/** 法定主动公开内容 › 规划计划: the column's path as the pages show it. */
export const columnPath = (tree: ColumnTree, id: string): string =>
  ancestorsOf(tree, id)
    .reverse()
    .map((c) => c.name)
    .join(' › ');

/**
 * The site's tree, for browsing every agency's catalogue at once: the standard tree (with the 基层
 * areas when one of the agencies has them) and every agency's own columns under it (their ids are
 * unique on the site), so that a standard column's subtree is the same column in every agency with
 * all they put below it. Agencies' renamings and retirements are their own and not shown here.
 */
export function siteColumnTree(
  agencies: readonly { readonly kind: string; readonly tree: ColumnTree }[],
): ColumnTree {
  const grassroots = agencies.find((a) => GRASSROOTS_KINDS.includes(a.kind));
  let tree = standardTree(grassroots?.kind ?? '');
  for (const { tree: own } of agencies)
    for (const column of own.columns)
      if (column.origin === 'own' && column.parentId !== null && byId(tree, column.parentId)) {
        const { retired: _retired, ...shown } = column;
        tree = { columns: withColumn(tree, shown), usedIds: new Set([...tree.usedIds, column.id]) };
      }
  return tree;
}

/** Each column's count with everything below it added in: what browsing it shows. */
export function subtreeCounts(tree: ColumnTree, counts: ReadonlyMap<string, number>): Map<string, number> {
  const totals = new Map<string, number>();
  // Children come after their parents: adding from the end up reaches each parent complete.
  for (const column of [...tree.columns].reverse()) {
    const total = (totals.get(column.id) ?? 0) + (counts.get(column.id) ?? 0);
    totals.set(column.id, total);
    if (column.parentId !== null) totals.set(column.parentId, (totals.get(column.parentId) ?? 0) + total);
  }
  return totals;
}
