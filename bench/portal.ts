/**
 * Benchmark: the public portal over HTTP on a catalogue of published items, on SQLite.
 * Usage: npm run bench:portal [-- --items N] [--seconds S] [--connections C,C…] [--db FILE] [--prof DIR]
 *        [--routes home,catalogue,deep,item,search] [--no-yardstick]
 *
 * Builds a catalogue into a temporary SQLite file (or FILE, kept and reused when it already holds one):
 * a county (基准县人民政府) with three agencies under it (two departments and a township), each with its
 * code for the 索引号, and N published items (default 5,000; the county about half, the others the rest)
 * made through the catalogue's use cases as the web does (draftItem, then publishItem, as
 * systemActor('bench')), dated over the last four years: titles of 15–40 characters and bodies of a few
 * hundred, put together from a small vocabulary of government-document words. Then it starts a server
 * process (this file with --serve-child; bench-support's serveBesideYardstick): the app on `startServer`
 * with the log off and the rest as shipped — the visit counter (site.visitCounter) on, so every page
 * shown is counted and the tally stored in batches — and beside it a bare Hono app answering a stored
 * copy of each measured page (same bytes, same c.html()).
 *
 * With autocannon in this process it measures for S seconds each (default 10, after 2 s of warm-up), at
 * each concurrency C (default 1 and 10 connections), with no sign-in:
 *
 *   GET /                      home: the column's sub-columns, the newest items, the agencies
 *   GET /catalogue             the catalogue, page 1
 *   GET /catalogue?page=50     a page deep in it (the last page when there are fewer)
 *   GET /catalogue/:id         an item's page with its metadata table (the middle item by publication)
 *   GET /search?q=公开          full-text search, when this build answers it (else said and skipped)
 *   the same bytes from the yardstick app, beside each
 *
 * and prints requests/s, p50 and p99 (exact, from every response's time) and the app ÷ yardstick ratios
 * (time per request, i.e. the yardstick's requests/s over the app's; and p99).
 * With --prof DIR the server runs under --cpu-prof and writes its profile to DIR when it stops.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { draftItem, PUBLIC_PAGE_SIZE, publishItem } from '../src/catalogue/index.js';
import { systemActor } from '../src/domain/access/policy.js';
import { addDays, type LocalDate } from '../src/domain/calendar/local-date.js';
import type { ItemKind } from '../src/domain/catalogue/catalogue-item.js';
import { openLedger, todayInChina } from '../src/ledger/index.js';
import type { Storage } from '../src/storage/index.js';
import {
  copyToYardstick,
  machineLine,
  measure,
  ms,
  rate,
  serveBesideYardstick,
  startServerChild,
} from './bench-support.js';
import { pick, random } from './ledger-history.js';
import type { Mix } from './ledger-mix.js';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '1,10' },
    routes: { type: 'string', default: 'home,catalogue,deep,item,search' },
    'no-yardstick': { type: 'boolean', default: false },
    db: { type: 'string' },
    prof: { type: 'string' },
    'serve-child': { type: 'string' },
  },
});

const COUNTY_CODE = '11350100BENCH0001X';
const AGENCIES = [
  { name: '基准县人民政府', kind: '区县', code: COUNTY_CODE, short: '基政', share: 50 },
  { name: '基准县财政局', kind: '部门', code: '11350100BENCH0002X', short: '基财', share: 20 },
  { name: '基准县自然资源局', kind: '部门', code: '11350100BENCH0003X', short: '基自然资', share: 15 },
  { name: '基准县城关镇人民政府', kind: '乡镇/街道', code: '11350100BENCH0004X', short: '城政', share: 15 },
] as const;

// ── The catalogue ──────────────────────────────────────────────────────────────────────────────

const TOPICS = [
  '综合政务',
  '财政、审计',
  '城乡建设、环境保护',
  '国土资源、能源',
  '农业、林业、水利',
  '卫生、体育',
  '教育',
  '劳动、人事、监察',
  '民政、扶贫、救灾',
  '交通',
];
const SUBJECTS = [
  '农村人居环境整治',
  '征地补偿安置',
  '财政预算执行',
  '城镇老旧小区改造',
  '高标准农田建设',
  '安全生产专项整治',
  '义务教育阶段学校招生',
  '城乡居民基本医疗保险',
  '防汛抗旱应急',
  '政务服务“一网通办”',
  '生态环境保护督察整改',
  '乡村振兴衔接资金',
  '国有土地上房屋征收',
  '河湖长制',
  '最低生活保障',
  '耕地保护',
  '营商环境优化',
  '森林防火',
  '政府信息公开工作',
  '重大行政决策事项',
];
const FORMS = [
  '实施方案',
  '管理办法',
  '工作要点',
  '实施细则',
  '专项行动方案',
  '考核办法',
  '应急预案',
  '若干措施',
  '暂行规定',
];
const ACTS = ['印发', '调整', '进一步加强', '做好', '公布', '开展'];
const GENRES = ['的通知', '的意见', '的决定', '的公告', '的批复'];
const SENTENCES = [
  '为深入贯彻落实党中央、国务院决策部署，结合本县实际，制定本方案。',
  '各乡镇人民政府、县直各有关单位要高度重视，切实加强组织领导，明确责任分工。',
  '坚持以人民为中心的发展思想，统筹发展和安全，推动各项工作落地见效。',
  '县财政每年安排专项资金，用于项目建设、设备购置和日常运行维护。',
  '对工作推进不力、造成不良影响的，依法依规追究相关单位和人员的责任。',
  '本办法所称补偿标准，按照省人民政府公布的区片综合地价执行。',
  '各单位应当于每年十二月三十一日前将年度工作总结报送县人民政府办公室。',
  '申请人对处理结果不服的，可以依法申请行政复议或者提起行政诉讼。',
  '加强信息公开和政策解读，及时回应社会关切，主动接受群众监督。',
  '建立健全长效机制，定期开展督促检查，确保各项任务按期完成。',
  '本通知自印发之日起施行，有效期五年。此前规定与本通知不一致的，以本通知为准。',
  '县自然资源局负责做好用地保障，县住房和城乡建设局负责做好质量安全监管。',
];
const KIND_MIX: Mix<ItemKind> = [
  ['other', 80],
  ['规范性文件', 18],
  ['规章', 2],
];

/** A title of 15–40 characters: 关于{act}{year}年度{subject}{form}{genre}, shortened when too long. */
function titleOf(rnd: () => number, year: number): string {
  const one = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const act = one(ACTS);
  const subject = one(SUBJECTS);
  const form = act === '印发' ? `《${year}年${subject}${one(FORMS)}》` : `${subject}工作`;
  const title = `关于${act}${form}${one(GENRES)}`;
  return [...title].length > 40 ? `关于${act}${subject}工作${one(GENRES)}` : title;
}

/** A body of a few hundred characters: four to nine sentences, numbered articles for 规范性文件 and 规章. */
function bodyOf(rnd: () => number, kind: ItemKind): string {
  const count = 4 + Math.floor(rnd() * 6);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const sentence = SENTENCES[Math.floor(rnd() * SENTENCES.length)]!;
    lines.push(kind === 'other' ? sentence : `第${'一二三四五六七八九'[i]}条 ${sentence}`);
  }
  return lines.join('\n');
}

/** N published items over the agencies, dated over the four years to today; their ids. */
async function generate(storage: Storage, agencies: readonly number[], count: number, today: LocalDate) {
  const rnd = random(20261205);
  const actor = systemActor('bench');
  const share: Mix<number> = agencies.map((id, i) => [id, AGENCIES[i]!.share]);
  const serials = new Map<string, number>();
  const span = 4 * 365;
  for (let i = 0; i < count; i++) {
    const which = pick(rnd, share);
    const agency = AGENCIES[agencies.indexOf(which)]!;
    const publishedOn = addDays(today, -Math.floor(rnd() * span));
    const writtenOn = addDays(publishedOn, -Math.floor(rnd() * 20));
    const year = Number(writtenOn.slice(0, 4));
    const kind = pick(rnd, KIND_MIX);
    const serialKey = `${agency.short}${year}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    const drafted = await draftItem(
      storage,
      actor,
      {
        agencyId: which,
        title: titleOf(rnd, year),
        publisher: agency.name,
        writtenOn,
        docNumber: kind === 'other' && rnd() < 0.4 ? '' : `${agency.short}〔${year}〕${serial}号`,
        topic: TOPICS[Math.floor(rnd() * TOPICS.length)]!,
        body: bodyOf(rnd, kind),
        kind,
      },
      { today: publishedOn },
    );
    if (!drafted.ok) throw new Error(drafted.error.message);
    const published = await publishItem(storage, actor, drafted.value.id, { today: publishedOn });
    if (!published.ok) throw new Error(published.error.message);
  }
}

// ── Measuring ──────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const ITEMS = Number(args.items);
  const SECONDS = Number(args.seconds);
  const CONNECTIONS = args.connections.split(',').map(Number);
  const dir = args.db ? undefined : mkdtempSync(join(os.tmpdir(), 'gongkai-bench-portal-'));
  const file = args.db ?? join(dir!, 'portal.db');
  console.log(machineLine());
  try {
    const storage = await openLedger(`sqlite:${file}`);
    let itemId: string;
    let published: number;
    try {
      if ((await storage.agencies.byCode(COUNTY_CODE)) === undefined) {
        const started = performance.now();
        const county = await storage.agencies.add({
          name: AGENCIES[0].name,
          kind: AGENCIES[0].kind,
          code: COUNTY_CODE,
        });
        const ids = [county.id];
        for (const a of AGENCIES.slice(1))
          ids.push(
            (await storage.agencies.add({ name: a.name, kind: a.kind, code: a.code, parentId: county.id }))
              .id,
          );
        await generate(storage, ids, ITEMS, todayInChina());
        await sql`analyze`.execute(storage.db);
        console.log(
          `generated ${ITEMS.toLocaleString('en')} published items (draftItem + publishItem, ${AGENCIES.length} agencies) in ` +
            `${((performance.now() - started) / 1000).toFixed(1)} s → ${file}`,
        );
      } else console.log(`reusing the catalogue in ${file}`);
      const items = await storage.db
        .selectFrom('catalogue_items')
        .select(['id', 'published_on'])
        .where('status', '=', 'published')
        .orderBy('published_on', 'desc')
        .orderBy('id')
        .execute();
      published = items.length;
      itemId = items[Math.floor(items.length / 2)]!.id;
    } finally {
      await storage.close();
    }
    const lastPage = Math.max(1, Math.ceil(published / PUBLIC_PAGE_SIZE));
    const deep = Math.min(50, lastPage);
    console.log(
      `${published.toLocaleString('en')} published items, ${lastPage.toLocaleString('en')} catalogue pages of ${PUBLIC_PAGE_SIZE}; ` +
        `item page: ${itemId}; server: log off, visit counter (site.visitCounter) on as shipped`,
    );

    const server = await startServerChild(import.meta.url, file, args.prof);
    try {
      const { app, yardstick } = server.urls;
      const chosen = new Set(args.routes.split(','));
      const all = [
        { name: 'home', label: 'GET /', path: '/' },
        { name: 'catalogue', label: 'GET /catalogue', path: '/catalogue' },
        { name: 'deep', label: `GET /catalogue?page=${deep}`, path: `/catalogue?page=${deep}` },
        { name: 'item', label: 'GET /catalogue/:id', path: `/catalogue/${itemId}` },
        { name: 'search', label: 'GET /search?q=公开', path: `/search?q=${encodeURIComponent('公开')}` },
      ];
      const rows: { name: string; label: string; path: string; bytes: number }[] = [];
      for (const row of all.filter((r) => chosen.has(r.name))) {
        const page = await fetch(`${app}${row.path}`);
        const text = await page.text();
        if (row.name === 'search' && page.status !== 200) {
          console.log(`search: not available in this build (GET ${row.path} answered ${page.status})`);
          continue;
        }
        if (page.status !== 200) throw new Error(`${row.path}: ${page.status} ${text.slice(0, 200)}`);
        await copyToYardstick(yardstick, row.name, text);
        rows.push({ ...row, bytes: Buffer.byteLength(text) });
      }
      console.log(
        `autocannon, ${SECONDS} s per line after 2 s of warm-up; p50/p99 exact over every response`,
      );
      console.log(
        '| connections | route | bytes | app req/s | p50 | p99 | same bytes, bare app: req/s | p50 | p99 | app ÷ bare: time per request, p99 |',
      );
      console.log('|---|---|---|---|---|---|---|---|---|---|');
      for (const connections of CONNECTIONS)
        for (const row of rows) {
          const a = await measure(`${app}${row.path}`, connections, SECONDS);
          const b = args['no-yardstick']
            ? undefined
            : await measure(`${yardstick}/copy/${row.name}`, connections, SECONDS);
          console.log(
            `| ${connections} | ${row.label} | ${row.bytes.toLocaleString('en')} | ${rate(a.rps)} | ${ms(a.p50)} | ${ms(a.p99)} | ` +
              (b
                ? `${rate(b.rps)} | ${ms(b.p50)} | ${ms(b.p99)} | ${(b.rps / a.rps).toFixed(1)}×, ${(a.p99 / b.p99).toFixed(1)}× |`
                : '— | — | — | — |'),
          );
        }
      console.log(machineLine());
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

if (args['serve-child']) await serveBesideYardstick(args['serve-child']);
else await main();
