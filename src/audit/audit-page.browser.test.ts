/**
 * The audit page (`gongkai audit --html OUT`) opened in Debian's chromium, offline, as a supervising
 * office opens it from a shared drive: it asks for nothing on the network, runs without script errors,
 * and its findings tables sort by any column, by mouse or keyboard. Needs /usr/bin/chromium (or
 * GONGKAI_CHROMIUM).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { renderJson } from '../documents/json/report-json.js';
import { launchPdfBrowser } from '../documents/pdf/render-pdf.js';
import { exampleReport } from '../domain/report/example.js';
import { withBrokenCarryOver } from '../test-support/report-variants.js';
import { gongkai } from '../test-support/run-cli.js';

const AGENCY = '甲县自然资源局';

describe('the audit page in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-page-'));
  const page = join(dir, '检查结果.html');
  let browser: Browser;
  let tab: Page;
  const external: string[] = [];
  const errors: string[] = [];

  before(async () => {
    const batch = join(dir, '报告');
    mkdirSync(batch);
    writeFileSync(join(batch, '2021.json'), renderJson(exampleReport(2021, AGENCY)));
    writeFileSync(join(batch, '2022.json'), renderJson(withBrokenCarryOver(exampleReport(2022, AGENCY))));
    // Last year's numbers again: a warning.
    writeFileSync(
      join(batch, '2023.json'),
      renderJson({ ...exampleReport(2022, AGENCY), year: 2023, publishedOn: '2024-01-26' }),
    );
    const run = await gongkai('audit', batch, '--html', page, '--quiet');
    assert.equal(run.code, 1, run.err);
    browser = await launchPdfBrowser();
    const context = await browser.newContext({ offline: true });
    tab = await context.newPage();
    tab.on('request', (r) => {
      if (!r.url().startsWith('file:')) external.push(r.url());
    });
    tab.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(pathToFileURL(page).href);
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One column of the agency's findings table, top to bottom. */
  const column = (index: number) =>
    tab.$$eval(
      `section.gk-agency table.gk-findings tbody tr`,
      (rows, i) =>
        rows.map((r) =>
          (
            (r as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells[i as number]
              ?.textContent ?? ''
          ).trim(),
        ),
      index,
    );
  const header = (name: string) =>
    tab.locator('section.gk-agency table.gk-findings thead th', { hasText: name });

  it('loads offline: no request leaves the file, no script error', async () => {
    assert.deepEqual(external, []);
    assert.deepEqual(errors, []);
    assert.equal(await tab.locator('section.gk-agency h2').textContent(), AGENCY);
  });

  it('sorts by year, up then down, and marks the column', async () => {
    const before = await column(1);
    assert.ok(before.length >= 4, before.join());
    await header('年度').click();
    const up = await column(1);
    assert.deepEqual(up, [...before].sort());
    assert.equal(await header('年度').getAttribute('aria-sort'), 'ascending');
    await header('年度').click();
    assert.deepEqual(await column(1), [...before].sort().reverse());
    assert.equal(await header('年度').getAttribute('aria-sort'), 'descending');
  });

  it('sorts by severity in its own order (错误 before 警告 before none), by keyboard too', async () => {
    await header('级别').focus();
    await tab.keyboard.press('Enter');
    const levels = await column(3);
    const rank = (l: string) => ['错误', '警告', '提示', '—'].indexOf(l);
    assert.ok(
      levels.every((l) => rank(l) >= 0),
      levels.join(),
    );
    assert.deepEqual(
      levels.map(rank),
      levels.map(rank).sort((a, b) => a - b),
    );
    assert.equal(levels[0], '错误');
    assert.equal(levels.at(-1), '—');
    assert.deepEqual(errors, []);
  });
});
