/**
 * The 政府信息公开 column's own pages (issue 11), through `app.request()`: the home with its standard
 * sub-columns and each agency's column; the 指南 an approver publishes from the back office (条例第十二条:
 * refused with each missing item named; a new version each time, the latest shown); the site map; the
 * foot every page prints with the site's facts (portal.md §1.3) and the visit counter.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type WebWorld, webWorld } from '../../test-support/web-world.js';
import { VisitTally } from '../visit-tally.js';

const SITE = {
  siteName: '示范县人民政府',
  sponsor: '示范县人民政府办公室',
  contact: '示范县人民路1号 电话：0591-00000000',
  siteCode: '3590000001',
  icp: '闽ICP备09032658号',
  publicSecurity: '闽公网安备35012802000123号',
  visitCounter: true,
};

const guideForm = {
  office_name: '城关镇党政办公室',
  office_address: '示范县城关镇人民路1号',
  office_hours: '工作日 8:30—17:30',
  office_phone: '0591-00000000',
  office_fax: '无',
  office_online: 'gk@example.gov.cn',
  classification: '按机构职能、政策文件、规划计划分类\n按索引号编排',
  howToObtain: '通过本网站查阅<script>',
  requestProcedure: '',
  fees: '',
  supervision: '',
};

describe('the column’s home, guide, site map and foot', () => {
  let w: WebWorld;
  let visits: VisitTally;
  before(async () => {
    w = await webWorld({ site: SITE });
    visits = new VisitTally(w.storage, () => new Date(), 60_000);
  });
  after(() => w.close());

  it('shows the standard sub-columns and each agency’s own column, under its parent', async () => {
    const res = await w.get('/');
    assert.equal(res.status, 200);
    const html = await res.text();
    for (const column of ['政府信息公开指南', '法定主动公开内容', '政府信息公开年报', '依申请公开'])
      assert.match(html, new RegExp(column), column);
    assert.match(
      html,
      new RegExp(`<li class="depth-1"><span>城关镇人民政府</span>：<a href="/guide\\?agency=${w.township}">`),
    );
    assert.match(html, /<meta name="SiteName" content="示范县人民政府"\/>/);
    assert.match(html, /<meta name="SiteIDCode" content="3590000001"\/>/);
  });

  it('prints the site’s facts at the foot of every public page, the numbers linked to where they are registered', async () => {
    for (const path of ['/', '/catalogue', '/apply', '/lookup', '/sitemap', '/guide']) {
      const html = await (await w.get(path)).text();
      assert.match(html, /主办单位：示范县人民政府办公室/, path);
      assert.match(html, /网站标识码：3590000001/, path);
      assert.match(
        html,
        /<a href="https:\/\/beian.miit.gov.cn\/" rel="noopener noreferrer">闽ICP备09032658号<\/a>/,
        path,
      );
      assert.match(html, /recordcode=35012802000123/, path);
      assert.match(html, /访问量：\d/, path);
      assert.match(html, /<a href="\/sitemap">网站地图<\/a>/, path);
    }
  });

  it('has no guide until one is published; an incomplete one is refused naming each missing item', async () => {
    assert.match(await (await w.get('/guide')).text(), /本机关尚未发布政府信息公开指南/);
    const approver = await w.login('approver');
    const incomplete = await w.post('/office/guide', approver, {
      ...guideForm,
      office_fax: '',
      classification: '',
    });
    assert.equal(incomplete.status, 422);
    const page = await incomplete.text();
    assert.match(page, /请填写传真号码（条例第十二条第二款/);
    assert.match(page, /请填写政府信息的分类、编排体系/);
    assert.match(page, /value="城关镇党政办公室"/, 'what was typed is kept');
    const handler = await w.login('handler');
    assert.equal((await w.post('/office/guide', handler, guideForm)).status, 403);
  });

  it('publishes a version each time; the portal shows the latest, escaped, and the earlier stay', async () => {
    const approver = await w.login('approver');
    assert.equal((await w.post('/office/guide', approver, guideForm)).status, 303);
    assert.equal(
      (await w.post('/office/guide', approver, { ...guideForm, office_hours: '工作日 9:00—17:00' })).status,
      303,
    );
    const html = await (await w.get(`/guide?agency=${w.township}`)).text();
    assert.match(html, /城关镇人民政府政府信息公开指南/);
    assert.match(html, /第 2 版/);
    assert.match(html, /工作日 9:00—17:00/);
    assert.match(html, /<p>按机构职能、政策文件、规划计划分类<\/p><p>按索引号编排<\/p>/);
    assert.match(html, /通过本网站查阅&lt;script&gt;/);
    const versions = await w.storage.portal.guideVersions(w.township);
    assert.deepEqual(
      versions.map((v) => v.guide.office.hours),
      ['工作日 8:30—17:30', '工作日 9:00—17:00'],
    );
    const audited = await w.storage.auditLog.list({ action: 'guide.publish' });
    assert.equal(audited.length, 2);
    // Another agency's guide is its own.
    assert.match(await (await w.get(`/guide?agency=${w.other}`)).text(), /本机关尚未发布政府信息公开指南/);
  });

  it('lists every page of the site in the site map', async () => {
    const html = await (await w.get('/sitemap')).text();
    for (const href of ['/', '/guide', '/catalogue', '/apply', '/lookup', '/reports'])
      assert.match(html, new RegExp(`<a href="${href}">`), href);
    // And every 栏目 of the 目录, as the catalogue's own navigation lists them (with their counts).
    const pages = html.slice(html.indexOf('<h1>网站地图</h1>'), html.indexOf('<nav class="column-nav"'));
    assert.equal(pages.match(/<a href="\/reports">/g)?.length, 1, 'each page once in the list of pages');
    assert.match(html, /<nav class="column-nav" aria-label="按栏目浏览">/);
    assert.match(html, /<a href="\/catalogue\?column=fdzdgknr">/);
    assert.match(html, /<a href="\/catalogue\?column=fdzdgknr-07">[^<]*<span class="count">\(\d+\)<\/span>/);
  });

  it('counts page views in memory and adds them to the database in batches', async () => {
    const before = await visits.total();
    visits.hit();
    visits.hit();
    assert.equal(await visits.total(), before + 2);
    const stored = await w.storage.portal.visitTotal();
    await visits.flush();
    assert.equal(await w.storage.portal.visitTotal(), stored + 2);
    assert.equal(await visits.total(), before + 2, 'nothing counted twice');
  });
});
