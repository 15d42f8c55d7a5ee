/**
 * The public catalogue pages in Debian's chromium, checked by axe-core (loaded from node_modules into
 * the page, nothing fetched from another host) against WCAG 2.0/2.1 A and AA: the column's home, the
 * 指南 and 制度 pages (none published, and published), the site map, the list, an item, the
 * not-found page, and the search (its form, its results, a refused query); at desktop and phone widths; no request leaves the test server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { publishGuide, publishRules, repealItem } from '../../catalogue/index.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import {
  okValue,
  townshipActor,
  townshipDocuments,
  withTownshipCode,
} from '../../test-support/catalogue-world.js';
import { axeViolations, type ServedWorld, servedWorld } from '../../test-support/served-world.js';
import { type WebWorld, webWorld } from '../../test-support/web-world.js';

const d = (s: string) => s as LocalDate;

describe('the public catalogue in a browser, checked by axe-core', () => {
  let w: WebWorld;
  let browser: Browser;
  let served: ServedWorld | undefined;
  let origin = '';
  let item = '';

  before(async () => {
    w = await webWorld();
    await withTownshipCode(w);
    const ids = await townshipDocuments(w, ['城关镇农村宅基地管理规定', '城关镇关于调整农村低保标准的通知'], {
      today: d('2024-06-01'),
    });
    item = ids[1]!;
    okValue(
      await repealItem(
        w.storage,
        townshipActor(w, ['approver']),
        item,
        { on: d('2024-09-01') },
        { today: d('2024-09-02') },
      ),
    );
    okValue(
      await publishGuide(w.storage, townshipActor(w, ['approver']), w.township, {
        office: {
          name: '城关镇党政办公室',
          address: '示范县城关镇人民路1号',
          hours: '工作日 8:30—17:30',
          phone: '0591-00000000',
          fax: '无',
          online: 'gk@example.gov.cn',
        },
        classification: '按机构职能、政策文件、规划计划分类，按索引号编排。',
        howToObtain: '通过本网站查阅、检索和下载。',
        requestProcedure: '通过本网站“依申请公开”栏目在线提交申请。',
        fees: '',
        supervision: '',
      }),
    );
    // The township's 制度: one linked to its 目录 item, one without a 文号, the 第十七条 one missing.
    okValue(
      await publishRules(
        w.storage,
        townshipActor(w, ['approver']),
        w.township,
        {
          documents: [
            {
              name: '城关镇政府信息公开工作制度',
              docNumber: '城政〔2024〕3号',
              issuedOn: '2024-03-01',
              summary: '第一条 为规范本镇政府信息公开工作。\n第二条 党政办公室负责日常工作。',
              itemId: ids[0]!,
              covers: ['work'],
            },
            {
              name: '城关镇依申请公开办理规程',
              docNumber: '',
              issuedOn: '2024-04-01',
              summary: '',
              covers: ['requests'],
            },
          ],
        },
        d('2024-06-01'),
      ),
    );
    served = await servedWorld(w);
    ({ origin, browser } = served);
  });

  after(() => served?.close());

  for (const [name, width] of [
    ['desktop', 1100],
    ['phone', 390],
  ] as const)
    it(`finds no WCAG 2.1 A/AA violation on the list, an item, the not-found page and the search (${name})`, async () => {
      // The site's CSP allows no inline script; axe is the test's, so only the test's page bypasses it.
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      const elsewhere: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(origin)) elsewhere.push(r.url());
      });
      try {
        for (const path of [
          // The column's home, the county's guide and rules (none published: the notice), the township's, the site map.
          '/guide',
          '/',
          `/guide?agency=${w.township}`,
          '/rules',
          `/rules?agency=${w.township}`,
          '/sitemap',
          '/catalogue',
          // The township's tree (with the 基层 areas) as navigation, a column and a topic asked.
          `/catalogue?agency=${w.township}&column=fdzdgknr-01&topic=${encodeURIComponent('城乡建设')}`,
          `/catalogue/${item}`,
          '/catalogue/no-such-item',
          // The search: the form alone, results with <mark>, a refused query.
          '/search',
          `/search?q=${encodeURIComponent('低保')}`,
          `/search?q=${encodeURIComponent('镇')}`,
        ]) {
          await page.goto(`${origin}${path}`);
          assert.deepEqual(await axeViolations(page), [], path);
          assert.equal(
            await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'),
            true,
            `${path} fits ${width} px`,
          );
        }
        assert.deepEqual(elsewhere, []);
      } finally {
        await context.close();
      }
    });
});
