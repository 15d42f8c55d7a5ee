/**
 * The search page and its JSON (issue 11's contracts): `/search?q=…` and `/api/v1/public/search?q=…`,
 * no sign-in; the query and the filters kept in the URL and in the pager's links; the words found
 * inside <mark>, the item's own text escaped (a title with <script> stays text); an empty, too long or
 * one-character query answered with a clear Chinese message, never a stack trace.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import { townshipDocuments, withTownshipCode } from '../../test-support/catalogue-world.js';
import { type WebWorld, webWorld } from '../../test-support/web-world.js';

const today = '2025-02-01' as LocalDate;

interface SearchJson {
  total: number;
  pages: number;
  page: number;
  items: {
    id: string;
    url: string;
    title: string;
    titleHtml: string;
    snippetHtml: string;
    agency: { id: number };
  }[];
}

describe('the search page and the public search API', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
    await townshipDocuments(w, ['关于春节调休安排的通知<script>alert(1)</script>'], { today });
    await townshipDocuments(
      w,
      Array.from({ length: 12 }, (_, i) => `第${i + 1}号房屋征收决定`),
      { today },
    );
  });
  after(() => w.close());

  it('answers the page without sign-in, the words marked and the item’s text escaped', async () => {
    const res = await w.get('/search?q=%E8%B0%83%E4%BC%91');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /^<!doctype html>\n<html lang="zh-CN">/);
    assert.match(html, /关于春节<mark>调休<\/mark>安排的通知&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /共找到 1 条/);
    assert.match(html, /<input id="q" name="q" type="search" value="调休"/, 'the query stays in the box');
    assert.match(html, /href="\/search" aria-current="page"/, 'the navigation names the page');
  });

  it('keeps the query and filters in the pager’s links', async () => {
    const html = await (
      await w.get(`/search?q=${encodeURIComponent('征收')}&agency=${w.township}&validity=有效`)
    ).text();
    assert.match(html, /共找到 12 条，第 1\/2 页/);
    const next = html.match(/<a href="([^"]+)">下一页<\/a>/)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next);
    const params = new URL(next, 'http://x').searchParams;
    assert.deepEqual(
      [params.get('q'), params.get('agency'), params.get('validity'), params.get('page')],
      ['征收', String(w.township), '有效', '2'],
    );
    assert.match(await (await w.get(next)).text(), /第 2\/2 页/);
  });

  it('says in Chinese what is wrong with a query, and shows the form alone when nothing was asked', async () => {
    const form = await w.get('/search');
    assert.equal(form.status, 200);
    assert.doesNotMatch(await form.text(), /role="alert"/);
    for (const [q, words] of [
      ['', /请输入检索词/],
      ['调'.repeat(101), /检索词过长/],
      ['镇', /单个字无法检索/],
    ] as const) {
      const res = await w.get(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 422, q);
      const html = await res.text();
      assert.match(html, words);
      assert.doesNotMatch(html, /at .+\.ts:\d+/, 'no stack trace');
    }
    assert.match(await (await w.get('/search?q=征收&year=24')).text(), /年度应为/);
  });

  it('answers the JSON API without login: items with highlighted, escaped snippets', async () => {
    const res = await w.get(`/api/v1/public/search?q=${encodeURIComponent('调休')}&agency=${w.township}`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as SearchJson;
    assert.equal(body.total, 1);
    const [item] = body.items;
    assert.equal(item?.titleHtml, '关于春节<mark>调休</mark>安排的通知&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal(item?.agency.id, w.township);
    assert.equal(item?.url, `/catalogue/${item?.id}`);
    assert.match(item?.snippetHtml ?? '', /宅基地/);
    const paged = (await (await w.get('/api/v1/public/search?q=征收&page=2')).json()) as SearchJson;
    assert.deepEqual([paged.total, paged.page, paged.pages, paged.items.length], [12, 2, 2, 2]);
    // Another agency's filter: none of the township's items.
    const other = (await (
      await w.get(`/api/v1/public/search?q=征收&agency=${w.other}`)
    ).json()) as SearchJson;
    assert.equal(other.total, 0);
  });

  it('filters by 栏目: the column asked and those below it, the choice kept on the page', async () => {
    const total = async (column: string) => {
      const res = await w.get(`/api/v1/public/search?q=${encodeURIComponent('征收')}&column=${column}`);
      assert.equal(res.status, 200, column);
      return ((await res.json()) as SearchJson).total;
    };
    // 规范性文件 go in 法定主动公开内容 › its first category unless a column is given.
    assert.equal(await total('fdzdgknr-01'), 12);
    assert.equal(await total('fdzdgknr'), 12, 'the parent holds what is below it');
    assert.equal(await total('fdzdgknr-02'), 0);
    for (const bad of ['nosuch', 'BAD!'])
      assert.equal((await w.get(`/api/v1/public/search?q=%E5%BE%81%E6%94%B6&column=${bad}`)).status, 422);
    const html = await (await w.get(`/search?q=${encodeURIComponent('征收')}&column=fdzdgknr-01`)).text();
    assert.match(html, /<select name="column"[^>]*>/);
    assert.match(html, /<option value="fdzdgknr-01" selected="">/);
    assert.match(html, /共找到 12 条/);
    const unknown = await w.get(`/search?q=${encodeURIComponent('征收')}&column=nosuch`);
    assert.equal(unknown.status, 422);
    assert.match(await unknown.text(), /没有这个栏目/);
  });

  it('refuses a bad query or filter as JSON with a stable code', async () => {
    const cases = [
      ['/api/v1/public/search', 422, 'search.empty'],
      ['/api/v1/public/search?q=', 422, 'search.empty'],
      [`/api/v1/public/search?q=${'征'.repeat(101)}`, 422, 'search.too-long'],
      ['/api/v1/public/search?q=征收&validity=失效', 422, 'search.filter'],
      ['/api/v1/public/search?q=征收&agency=999', 404, 'agency.unknown'],
    ] as const;
    for (const [path, status, code] of cases) {
      const res = await w.get(encodeURI(path));
      assert.equal(res.status, status, path);
      const body = (await res.json()) as {
        error: { code: string; message: string; fields: Record<string, string> };
      };
      assert.equal(body.error.code, code, path);
      assert.match(body.error.message, /[\u4e00-\u9fff]/);
    }
  });
});

describe('the search’s limit per address', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld({ trustProxy: true, publicSearch: { perAddress: 3, windowMinutes: 1 } });
  });
  after(() => w.close());

  const from = (address: string, path: string) =>
    w.app.request(path, { headers: { 'x-forwarded-for': address } });
  const q = encodeURIComponent('调休');

  it('answers 429 in Chinese past the limit, page and API counted together; another address goes on', async () => {
    assert.equal((await from('203.0.113.7', `/search?q=${q}`)).status, 200);
    assert.equal((await from('203.0.113.7', `/api/v1/public/search?q=${q}`)).status, 200);
    assert.equal((await from('203.0.113.7', `/search?q=${q}`)).status, 200);
    const page = await from('203.0.113.7', `/search?q=${q}`);
    assert.equal(page.status, 429);
    assert.ok(Number(page.headers.get('retry-after')) > 0);
    assert.match(await page.text(), /^检索过于频繁，请 1 分钟后再试 \(too many searches from this address/);
    const api = await from('203.0.113.7', `/api/v1/public/search?q=${q}`);
    assert.equal(api.status, 429);
    const body = (await api.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'rate.limited');
    assert.match(body.error.message, /^检索过于频繁/);
    assert.equal((await from('198.51.100.2', `/api/v1/public/search?q=${q}`)).status, 200);
  });
});
