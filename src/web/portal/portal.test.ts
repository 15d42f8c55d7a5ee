/**
 * The public catalogue pages (issue 11): `/catalogue` lists what was published — never a draft — with
 * 索引号 and 有效性; `/catalogue/{id}` shows the metadata table and body, escaped; an unpublished or
 * unknown item is 404; no sign-in, nothing from another host.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { repealItem } from '../../catalogue/index.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import {
  okValue,
  townshipActor,
  townshipDocuments,
  withTownshipCode,
} from '../../test-support/catalogue-world.js';
import { type WebWorld, webWorld } from '../../test-support/web-world.js';

const d = (s: string) => s as LocalDate;

describe('the public catalogue pages', () => {
  let w: WebWorld;
  let published = '';
  let draft = '';
  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
    const today = d('2024-04-01');
    published = (await townshipDocuments(w, ['城关镇农村宅基地管理规定<script>'], { today }))[0]!;
    draft = (await townshipDocuments(w, ['尚未审核的草稿'], { today, publish: false }))[0]!;
  });
  after(() => w.close());

  it('lists what was published, with its 索引号 and 有效性, and never a draft', async () => {
    const res = await w.get('/catalogue');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /^<!doctype html>\n<html lang="zh-CN">/);
    assert.match(html, /000014349\/2024-00001/);
    assert.match(html, /城关镇农村宅基地管理规定&lt;script&gt;/);
    assert.doesNotMatch(html, /<script>/);
    assert.doesNotMatch(html, /尚未审核的草稿/);
    assert.doesNotMatch(html, /(?:src|href)="https?:/, 'nothing from another host');
  });

  it('shows an item’s metadata table and body, and its repeal', async () => {
    const html = await (await w.get(`/catalogue/${published}`)).text();
    for (const label of ['索引号', '发布机构', '成文日期', '发布日期', '文号', '主题分类', '体裁', '有效性'])
      assert.match(html, new RegExp(`<th scope="row">${label}</th>`));
    assert.match(html, /城政规〔2024〕1号/);
    assert.match(html, /<p>第二条 本规定自发布之日起施行。<\/p>/);
    okValue(
      await repealItem(
        w.storage,
        townshipActor(w, ['approver']),
        published,
        { on: d('2024-09-01') },
        { today: d('2024-09-02') },
      ),
    );
    assert.match(await (await w.get(`/catalogue/${published}`)).text(), /已废止（2024-09-01）/);
    assert.match(await (await w.get('/catalogue')).text(), /已废止/);
  });

  it('answers 404 for a draft, an unknown item and a malformed id, in Chinese', async () => {
    for (const id of [draft, '00000000-0000-0000-0000-000000000000', '..%2F..%2Fetc'])
      assert.equal((await w.get(`/catalogue/${id}`)).status, 404, id);
    assert.match(await (await w.get(`/catalogue/${draft}`)).text(), /尚未发布/);
  });

  it('takes a page number and ignores one that is no number', async () => {
    assert.equal((await w.get('/catalogue?page=99')).status, 200);
    assert.equal((await w.get('/catalogue?page=abc')).status, 200);
    assert.match(await (await w.get('/catalogue?page=99')).text(), /第 1\/1 页/);
  });
});

describe('the catalogue paged by the database', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
    await townshipDocuments(
      w,
      Array.from({ length: 23 }, (_, i) => `城关镇第${String(i + 1).padStart(2, '0')}号通知`),
      { today: d('2024-04-01') },
    );
  });
  after(() => w.close());

  it('shows twenty a page, every item once, and a page past the last as the last', async () => {
    const titlesOf = async (path: string) =>
      [...(await (await w.get(path)).text()).matchAll(/城关镇第(\d\d)号通知/g)].map((m) => m[1]);
    const first = await titlesOf('/catalogue');
    const second = await titlesOf('/catalogue?page=2');
    assert.equal(first.length, 20);
    assert.equal(second.length, 3);
    assert.equal(new Set([...first, ...second]).size, 23);
    assert.deepEqual(await titlesOf('/catalogue?page=9'), second);
    assert.match(await (await w.get('/catalogue?page=2')).text(), /共 23 条，第 2\/2 页/);
  });
});
