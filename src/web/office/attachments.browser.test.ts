/**
 * 附件 in Debian's chromium, as the office and a visitor use them: the township's liaison opens a draft
 * in the back office and uploads its Word file with the file picker; a PDF renamed .docx is refused
 * on the page, with the reason read out (role=alert); the approver publishes; the visitor sees the
 * file on the item's public page, downloads it under its Chinese name, and finds the item by a word
 * that is only in the file. axe-core checks both pages; nothing is fetched from another host.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { draftItem } from '../../catalogue/index.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import { okValue, townshipActor, withTownshipCode } from '../../test-support/catalogue-world.js';
import { minimalPdf, sampleDocx } from '../../test-support/sample-files.js';
import { axeViolations, type ServedWorld, servedWorld, signIn } from '../../test-support/served-world.js';
import { type WebWorld, webWorld } from '../../test-support/web-world.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('an item’s 附件 uploaded in the back office and downloaded from the portal, in a browser', () => {
  let w: WebWorld;
  let browser: Browser;
  let served: ServedWorld | undefined;
  let origin = '';
  let itemId = '';

  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
    served = await servedWorld(w);
    ({ origin, browser } = served);
    const drafted = await draftItem(
      w.storage,
      townshipActor(w, ['liaison']),
      {
        agencyId: w.township,
        title: '城关镇集体土地征收补偿安置方案',
        publisher: '城关镇人民政府',
        writtenOn: w.today,
        docNumber: '',
        topic: '城乡建设',
        body: '补偿安置方案全文见附件。',
        kind: 'other',
      },
      { today: w.today as LocalDate },
    );
    itemId = okValue(drafted).id;
  });
  after(() => served?.close());

  const signedIn = async (name: string): Promise<Page> => {
    const context = await browser.newContext({
      viewport: { width: 1100, height: 900 },
      acceptDownloads: true,
    });
    context.on('request', (r) => assert.ok(r.url().startsWith(origin), `a request to ${r.url()}`));
    const page = await context.newPage();
    await signIn(page, origin, name);
    await page.goto(`${origin}/office/catalogue`);
    return page;
  };

  it('uploaded, refused when renamed, published, listed, downloaded and searched', async () => {
    const liaison = await signedIn('liaison');
    await liaison.click('a:has-text("城关镇集体土地征收补偿安置方案")');
    assert.equal(new URL(liaison.url()).pathname, `/office/catalogue/${itemId}`);

    // A PDF named as a Word file: refused, and said so where a screen reader announces it.
    await liaison.setInputFiles('#f-file', {
      name: '方案.docx',
      mimeType: DOCX,
      buffer: Buffer.from(minimalPdf('x')),
    });
    await liaison.click('button:has-text("上传")');
    assert.match((await liaison.textContent('[role=alert]')) ?? '', /内容与其声称的类型不符/);

    const bytes = await sampleDocx('青石岭村民委员会');
    await liaison.setInputFiles('#f-file', {
      name: '补偿安置方案.docx',
      mimeType: DOCX,
      buffer: Buffer.from(bytes),
    });
    await liaison.click('button:has-text("上传")');
    assert.match((await liaison.textContent('[role=status]')) ?? '', /附件已上传/);
    assert.match((await liaison.textContent('main')) ?? '', /补偿安置方案\.docx.*Word 文档（DOCX）/s);
    assert.deepEqual(await axeViolations(liaison), [], `/office/catalogue/${itemId}`);
    await liaison.screenshot({ path: 'docs/screenshots/catalogue-item-office.png', fullPage: true });
    await liaison.context().close();

    const approver = await signedIn('approver');
    await approver.click('button:has-text("审核发布")');
    assert.match((await approver.textContent('main')) ?? '', /已发布/);
    await approver.context().close();

    const visitor = await (await browser.newContext({ acceptDownloads: true })).newPage();
    visitor.context().on('request', (r) => assert.ok(r.url().startsWith(origin), `a request to ${r.url()}`));
    await visitor.goto(`${origin}/catalogue/${itemId}`);
    assert.match(
      (await visitor.textContent('section.attachments')) ?? '',
      /补偿安置方案\.docx（Word 文档（DOCX），\d+ KB）/,
    );
    assert.deepEqual(await axeViolations(visitor), [], `/catalogue/${itemId}`);
    await visitor.screenshot({ path: 'docs/screenshots/catalogue-item-attachments.png', fullPage: true });
    const [download] = await Promise.all([
      visitor.waitForEvent('download'),
      visitor.click('section.attachments a'),
    ]);
    assert.equal(download.suggestedFilename(), '补偿安置方案.docx');
    assert.deepEqual(readFileSync((await download.path())!), Buffer.from(bytes));

    // The word is only in the file's text.
    await visitor.goto(`${origin}/search?q=${encodeURIComponent('青石岭')}`);
    assert.match((await visitor.textContent('main')) ?? '', /城关镇集体土地征收补偿安置方案/);
    await visitor.context().close();
  });
});
