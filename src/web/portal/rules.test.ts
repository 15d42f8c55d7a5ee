/**
 * 政府信息公开制度 through `app.request()`: the approver keeps the agency's list of rule documents at
 * /office/rules and publishes it as a new version (the old ones kept); a list that cannot stand comes
 * back with each problem beside its field and placed by its row; a list without 条例第十七条's or
 * 第四十五条's rules is published with a hint; the portal's /rules[?agency=N] shows an agency's own
 * latest version and never another agency's; the column's navigation and site map lead to it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { townshipDocuments, withTownshipCode } from '../../test-support/catalogue-world.js';
import { type WebWorld, webWorld } from '../../test-support/web-world.js';

/** Two rules of the township, the second with a blank row and a removed one before it. */
const form = (w: WebWorld): Record<string, string> => ({
  d0_name: '城关镇政府信息公开工作制度<script>',
  d0_docNumber: '城政〔2024〕3号',
  d0_issuedOn: '2024-03-01',
  d0_summary: '第一条 为规范本镇政府信息公开工作。\n第二条 党政办公室负责日常工作。',
  d0_itemId: '',
  d0_covers_work: 'on',
  d1_name: '',
  d1_docNumber: '',
  d1_issuedOn: '',
  d1_summary: '',
  d1_itemId: '',
  d2_name: '一项要删除的制度',
  d2_issuedOn: '2024-01-01',
  d2_remove: 'on',
  d3_name: '城关镇依申请公开办理规程',
  d3_issuedOn: w.today,
  d3_covers_requests: 'on',
  action: 'publish',
});

describe('政府信息公开制度: the office publishes it, the portal shows it', () => {
  let w: WebWorld;
  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
  });
  after(() => w.close());

  it('leads to /rules from the column’s navigation, its home and the site map', async () => {
    for (const path of ['/', '/sitemap', '/guide'])
      assert.match(await (await w.get(path)).text(), /<a href="\/rules"[^>]*>政府信息公开制度<\/a>/, path);
    assert.match(
      await (await w.get('/')).text(),
      new RegExp(`<a href="/rules\\?agency=${w.township}">制度</a>`),
      'each agency’s own',
    );
  });

  it('has no rules until some are published; only an approver or administrator may publish', async () => {
    assert.match(await (await w.get(`/rules?agency=${w.township}`)).text(), /本机关尚未发布政府信息公开制度/);
    const handler = await w.login('handler');
    assert.equal((await w.get('/office/rules', handler)).status, 403);
    assert.equal((await w.post('/office/rules', handler, form(w))).status, 403);
    const approver = await w.login('approver');
    assert.equal((await w.post('/office/rules', approver, form(w), false)).status, 403, 'no CSRF token');
    assert.deepEqual(await w.storage.portal.rulesVersions(w.township), []);
    const page = await (await w.get('/office/rules', approver)).text();
    assert.match(page, /本机关尚未发布政府信息公开制度/);
    assert.match(page, /name="d2_name"/, 'three empty rows to begin with');
    assert.doesNotMatch(page, /name="d3_name"/);
  });

  it('sends a list that cannot stand back, each problem beside its field and named by its row', async () => {
    const approver = await w.login('approver');
    const res = await w.post('/office/rules', approver, {
      ...form(w),
      d3_name: ' 城关镇政府信息公开工作制度<script> ',
      d3_issuedOn: '2099-01-01',
      d0_itemId: 'no-such-item',
    });
    assert.equal(res.status, 422);
    const html = await res.text();
    assert.match(html, /未发布：有 3 处需要修改/);
    assert.match(html, /<a href="#f-d0_itemId">第 1 项：本机关的公开目录中没有已发布的信息“no-such-item”/);
    // The fourth row is the list's second document: its problems are the fourth row's.
    assert.match(html, /<a href="#f-d3_name">第 4 项：名称与第 1 项相同/);
    assert.match(html, /<a href="#f-d3_issuedOn">第 4 项：成文日期 2099-01-01 晚于今天/);
    assert.match(html, /id="f-d3_issuedOn"[^>]*aria-invalid="true"/);
    assert.match(html, /value="城政〔2024〕3号"/, 'what was typed is kept');
    assert.match(html, /name="d2_remove" checked/, 'and what was ticked');
    assert.deepEqual(await w.storage.portal.rulesVersions(w.township), []);
  });

  it('adds empty rows on 再加 3 行, publishing nothing', async () => {
    const approver = await w.login('approver');
    const res = await w.post('/office/rules', approver, { ...form(w), action: 'more' });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /name="d6_name"/);
    assert.doesNotMatch(html, /name="d7_name"/);
    assert.match(html, /value="城关镇依申请公开办理规程"/);
    assert.deepEqual(await w.storage.portal.rulesVersions(w.township), []);
  });

  it('publishes a version each time, hints at a missing 审查机制, and the portal shows the latest, escaped', async () => {
    const approver = await w.login('approver');
    const first = await w.post('/office/rules', approver, form(w));
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/office/rules?done');
    const office = await (await w.get('/office/rules?done', approver)).text();
    assert.match(office, /政府信息公开制度已发布/);
    assert.match(office, /提示：未列出政府信息公开审查机制（条例第十七条/);
    assert.doesNotMatch(office, /条例第四十五条）。如已有/, 'the 第四十五条 rules are there');
    assert.match(office, /value="城关镇依申请公开办理规程"/, 'the form holds the published list');

    const [item] = await townshipDocuments(w, ['城关镇政府信息公开保密审查制度'], { today: w.today });
    const second = await w.post('/office/rules', approver, {
      ...form(w),
      d1_name: '城关镇政府信息公开保密审查制度',
      d1_issuedOn: '2024-02-01',
      d1_itemId: item!,
      d1_covers_review: 'on',
    });
    assert.equal(second.status, 303);
    assert.doesNotMatch(await (await w.get('/office/rules', approver)).text(), /提示：/);

    const html = await (await w.get(`/rules?agency=${w.township}`)).text();
    assert.match(html, /<h1[^>]*>城关镇人民政府政府信息公开制度<\/h1>/);
    assert.match(html, /第 2 版/);
    assert.match(html, /共 3 项/);
    assert.match(html, /城关镇政府信息公开工作制度&lt;script&gt;/);
    assert.match(html, /<p>第一条 为规范本镇政府信息公开工作。<\/p><p>第二条 党政办公室负责日常工作。<\/p>/);
    assert.match(html, new RegExp(`<a href="/catalogue/${item}">城关镇政府信息公开保密审查制度</a>`));
    assert.match(html, /涉及：申请登记、审核、办理、答复、归档（条例第四十五条）/);
    assert.doesNotMatch(html, /一项要删除的制度/);
    const versions = await w.storage.portal.rulesVersions(w.township);
    assert.deepEqual(
      versions.map((v) => v.rules.documents.map((d) => d.name)),
      [
        ['城关镇政府信息公开工作制度<script>', '城关镇依申请公开办理规程'],
        ['城关镇政府信息公开工作制度<script>', '城关镇政府信息公开保密审查制度', '城关镇依申请公开办理规程'],
      ],
    );
    assert.equal((await w.storage.auditLog.list({ action: 'rules.publish' })).length, 2);
  });

  it('shows each agency its own rules: another agency’s page never shows the township’s', async () => {
    for (const path of ['/rules', `/rules?agency=${w.county}`, `/rules?agency=${w.other}`]) {
      const html = await (await w.get(path)).text();
      assert.match(html, /本机关尚未发布政府信息公开制度/, path);
      assert.doesNotMatch(html, /城关镇政府信息公开工作制度/, path);
    }
    // Another county's approver publishes for their own agency, whatever the form says.
    const outsider = await w.login('outsider');
    assert.equal(
      (
        await w.post('/office/rules', outsider, {
          d0_name: '邻县政府信息公开工作制度',
          d0_issuedOn: '2024-01-01',
        })
      ).status,
      303,
    );
    assert.doesNotMatch(
      await (await w.get(`/rules?agency=${w.township}`)).text(),
      /邻县政府信息公开工作制度/,
    );
    assert.match(await (await w.get(`/rules?agency=${w.other}`)).text(), /邻县政府信息公开工作制度/);
    assert.equal((await w.storage.portal.rulesVersions(w.township)).length, 2);
  });
});
