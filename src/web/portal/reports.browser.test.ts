/**
 * 政府信息公开年报 in Debian's chromium (issue 11's bar: "the annual report page renders the seed's
 * report (screenshot kept)"): the approver of 新庙镇 signs in, uploads the seed's report file on
 * /office/reports (read by the report reader, judged by its content), and it is published; the public
 * page shows it in the official layout under the server's real Content-Security-Policy (the stylesheet
 * linked, no inline style), at phone width (390 px: the page does not scroll sideways, each table
 * scrolls in its own labelled, focusable region) and at 1100 px; axe-core (from node_modules) finds no
 * WCAG 2.0/2.1 A or AA violation on the office page, the list or the report; nothing is fetched from
 * another host. Screenshots go to test-results/screens/; with GONGKAI_UPDATE_SCREENSHOTS=1 the report's
 * are also written to docs/screenshots/, where the README shows them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../accounts/index.js';
import { systemActor } from '../../domain/access/policy.js';
import { addAgency } from '../../ledger/index.js';
import { axeViolations, type ServedWorld, servedWorld, signIn } from '../../test-support/served-world.js';
import { PASSWORD, type WebWorld, webWorld } from '../../test-support/web-world.js';

const SEED = '/work/shared/seed/000_f4b8342ecd306093.txt';
const SCREENS = fileURLToPath(new URL('../../../test-results/screens/', import.meta.url));
const KEPT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/** A computed style of the first element matching `selector` (a string: tsc here has no DOM types). */
const styleOf = (page: Page, selector: string, property: string) =>
  page.evaluate(
    `getComputedStyle(document.querySelector(${JSON.stringify(selector)}))[${JSON.stringify(property)}]`,
  );

async function shoot(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  const png = await page.screenshot({ fullPage: true });
  writeFileSync(join(SCREENS, name), png);
  if (process.env.GONGKAI_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(KEPT, { recursive: true });
    writeFileSync(join(KEPT, name), png);
  }
}

describe('the seed’s annual report published from its file and read on the portal, in a browser', () => {
  let w: WebWorld;
  let browser: Browser;
  let served: ServedWorld | undefined;
  let origin = '';
  let town = 0;

  before(async () => {
    w = await webWorld();
    const root = systemActor('test');
    const added = await addAgency(w.storage, root, {
      name: '新庙镇人民政府',
      kind: '乡镇/街道',
      parentId: w.county,
    });
    assert.ok(added.ok);
    town = added.value.id;
    const made = await createUser(w.storage, root, {
      name: 'xinmiao',
      agencyId: town,
      roles: ['approver'],
      password: PASSWORD,
    });
    assert.ok(made.ok);
    served = await servedWorld(w);
    ({ origin, browser } = served);
  });

  after(() => served?.close());

  it('from the upload to the public page, at phone and desktop width', async () => {
    const elsewhere: string[] = [];
    const office = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    office.on('request', (r) => {
      if (!r.url().startsWith(origin)) elsewhere.push(r.url());
    });
    const approver = await office.newPage();
    await signIn(approver, origin, 'xinmiao');
    await approver.click('nav >> text=年度报告发布');
    await approver.waitForURL(/\/office\/reports/);
    assert.deepEqual(await axeViolations(approver), [], '/office/reports');
    await approver.setInputFiles('#f-file', SEED);
    await approver.click('button:has-text("读取并发布")');
    await approver.waitForURL(/published=2020-v1/);
    assert.match((await approver.textContent('.notice.done')) ?? '', /2020 年度报告已发布（第 1 版）/);
    await office.close();

    for (const width of [390, 1100]) {
      // No bypassCSP: the page must look right under the server's own policy.
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      context.on('request', (r) => {
        if (!r.url().startsWith(origin)) elsewhere.push(r.url());
      });
      const page = await context.newPage();
      const refusedByCsp: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) refusedByCsp.push(m.text());
      });
      try {
        await page.goto(`${origin}/reports`);
        assert.deepEqual(await axeViolations(page), [], `/reports at ${width}`);
        await page.click('text=新庙镇人民政府2020年政府信息公开工作年度报告');
        await page.waitForURL(new RegExp(`/reports/${town}/2020$`));
        assert.equal(await page.textContent('article.gk-report h1'), '新庙镇2020年政府信息公开工作年度报告');
        // The linked stylesheet applies: the report's title is centred, its cells bordered.
        assert.equal(await styleOf(page, 'article.gk-report h1', 'textAlign'), 'center');
        assert.equal(await styleOf(page, 'article.gk-report td', 'borderTopStyle'), 'solid');
        // The page itself never scrolls sideways; a wide table scrolls inside its region.
        const [scrollWidth, innerWidth] = (await page.evaluate(
          '[document.documentElement.scrollWidth, window.innerWidth]',
        )) as [number, number];
        assert.ok(scrollWidth <= innerWidth, `page ${scrollWidth} px wide in a ${innerWidth} px window`);
        const regions = page.locator('section.gk-table-scroll');
        assert.equal(await regions.count(), 3);
        if (width === 390) {
          const third = regions.nth(1);
          assert.match((await third.getAttribute('aria-label')) ?? '', /^三、/);
          const [inner, outer] = await third.evaluate((r) => [r.scrollWidth, r.clientWidth]);
          assert.ok(inner > outer, 'section 三 scrolls inside its region on a phone');
          await third.focus();
          await page.keyboard.press('ArrowRight');
          // Scrolling by key may be animated: wait for it to move.
          let moved = 0;
          for (let tries = 0; tries < 60 && moved === 0; tries += 1) {
            moved = (await page.evaluate(
              "document.querySelectorAll('section.gk-table-scroll')[1].scrollLeft",
            )) as number;
            if (moved === 0) await new Promise((resolve) => setTimeout(resolve, 50));
          }
          assert.ok(moved > 0, 'the keyboard scrolls it');
          // The page afresh for the axe run and the screenshot: the region at its start, unfocused.
          await page.reload();
        }
        assert.deepEqual(await axeViolations(page), [], `the report at ${width}`);
        assert.deepEqual(refusedByCsp, [], 'nothing refused by the CSP');
        await shoot(page, width === 390 ? 'annual-report-seed-phone.png' : 'annual-report-seed.png');
      } finally {
        await context.close();
      }
    }
    assert.deepEqual(elsewhere, []);
  });
});
