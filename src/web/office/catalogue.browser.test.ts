/**
 * The catalogue from draft to search, in Debian's chromium (issue 11's bar): the township's liaison
 * drafts a 规范性文件 in the back office; the approver publishes it (条例第十七条: reviewed before it is
 * public) and its 索引号 is issued; it is in the public catalogue and found by the portal's search; the
 * approver records its repeal, and section 二 of the year's built report counts it 本年废止, no longer
 * 现行有效. axe-core checks the office page; nothing is fetched from another host.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../domain/access/policy.js';
import { buildAnnualReport } from '../../ledger/index.js';
import { withTownshipCode } from '../../test-support/catalogue-world.js';
import { axeViolations, type ServedWorld, servedWorld, signIn } from '../../test-support/served-world.js';
import { type WebWorld, webWorld } from '../../test-support/web-world.js';

const TITLE = '城关镇关于规范农村集体资产征收补偿的若干规定';

describe('a 规范性文件 from the liaison’s draft to the search and section 二, in a browser', () => {
  let w: WebWorld;
  let browser: Browser;
  let served: ServedWorld | undefined;
  let origin = '';

  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
    served = await servedWorld(w);
    ({ origin, browser } = served);
  });

  after(() => served?.close());

  const signedIn = async (name: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    context.on('request', (r) => assert.ok(r.url().startsWith(origin), `a request to ${r.url()}`));
    const page = await context.newPage();
    await signIn(page, origin, name);
    await page.goto(`${origin}/office/catalogue`);
    return page;
  };

  it('drafted, published, found, repealed — and counted so in section 二', async () => {
    const year = Number(w.today.slice(0, 4));
    const sectionTwo = async () => {
      const built = await buildAnnualReport(w.storage, systemActor('t'), w.township, year);
      assert.ok(built.ok);
      return built.value.report.proactive.normativeDocuments;
    };

    const liaison = await signedIn('liaison');
    await liaison.fill('#f-title', TITLE);
    await liaison.fill('#f-docNumber', `城政规〔${year}〕1号`);
    await liaison.fill('#f-topic', '农业、林业、水利');
    await liaison.selectOption('#f-kind', '规范性文件');
    await liaison.selectOption('#f-column', 'fdzdgknr-01');
    await liaison.fill('#f-body', '为规范农村集体资产征收补偿工作，结合本镇实际，制定本规定。');
    await liaison.click('text=保存草稿');
    assert.match((await liaison.textContent('main')) ?? '', /草稿已保存/);
    assert.match((await liaison.textContent('tbody')) ?? '', /草稿/);
    assert.equal(
      await liaison.locator('button', { hasText: '审核发布' }).count(),
      0,
      'a liaison does not publish',
    );
    await liaison.context().close();
    assert.equal((await (await w.get('/catalogue')).text()).includes(TITLE), false, 'a draft is not public');

    const approver = await signedIn('approver');
    await approver.click('button:has-text("审核发布")');
    assert.match((await approver.textContent('main')) ?? '', /已发布，索引号已赋予/);
    const row = (await approver.textContent('tbody')) ?? '';
    assert.match(row, /000014349\/\d{4}-00001/);
    assert.deepEqual(await axeViolations(approver), [], '/office/catalogue');
    // The column tree and an item's 栏目/关键词/公开方式 page, with the tree's forms opened.
    const itemId = await approver.getAttribute('a[href$="/metadata"]', 'href');
    for (const path of ['/office/columns', itemId ?? '']) {
      await approver.goto(`${origin}${path}`);
      await approver.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
      assert.deepEqual(await axeViolations(approver), [], path);
    }
    await approver.goto(`${origin}/office/catalogue`);

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${origin}/catalogue`);
    assert.match((await visitor.textContent('main')) ?? '', new RegExp(TITLE));
    await visitor.goto(`${origin}/search?q=${encodeURIComponent('征收')}`);
    assert.match((await visitor.innerHTML('main')) ?? '', /<mark>征收<\/mark>/);
    await visitor.context().close();
    const before = await sectionTwo();
    assert.equal(before?.issued, 1);
    assert.equal(before?.inForce, 1);

    await approver.fill('input[name=on]', w.today);
    await approver.click('text=记录废止');
    assert.match((await approver.textContent('main')) ?? '', /已记录废止/);
    assert.match((await approver.textContent('tbody')) ?? '', /已废止/);
    await approver.context().close();
    const after = await sectionTwo();
    assert.equal(after?.repealed, 1, '本年废止');
    assert.equal(after?.inForce, 0, '现行有效');
  });
});
