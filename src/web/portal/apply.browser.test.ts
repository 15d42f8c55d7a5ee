/**
 * 依申请公开 online in Debian's chromium (issue 11's bar): a citizen fills in the form (first with
 * mistakes, told where), gets a 查询码, looks it up and sees it waiting; the township's handler signs
 * in, finds it in the inbox, confirms it on the day both sides confirmed (条例第三十一条(三)) and it is a
 * request with channel 网上 in the ledger; the citizen's lookup then shows its 答复期限. Every public page
 * on the way — the form, the form with its problems, the receipt, the lookup — is checked by axe-core
 * (from node_modules) against WCAG 2.0/2.1 A and AA at phone width, and nothing is fetched from another host.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, type ServedWorld, servedWorld, signIn } from '../../test-support/served-world.js';
import { type WebWorld, webWorld } from '../../test-support/web-world.js';

describe('a citizen files a request online and a handler confirms it, in a browser', () => {
  let w: WebWorld;
  let browser: Browser;
  let served: ServedWorld | undefined;
  let origin = '';

  before(async () => {
    w = await webWorld({ publicRequests: { perAddress: 100, windowMinutes: 60 } });
    served = await servedWorld(w);
    ({ origin, browser } = served);
  });

  after(() => served?.close());

  it('from the form to the ledger and back to the lookup', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const elsewhere: string[] = [];
    context.on('request', (r) => {
      if (!r.url().startsWith(origin)) elsewhere.push(r.url());
    });
    const citizen = await context.newPage();
    try {
      await citizen.goto(`${origin}/apply`);
      assert.deepEqual(await axeViolations(citizen), [], '/apply');

      // Sent with the ID number mistyped and no contact: told where, nothing typed lost.
      await citizen.selectOption('#f-agency', String(w.township));
      await citizen.fill('#f-applicant', '王五');
      await citizen.fill('#f-idNumber', '110105194912310021');
      await citizen.fill('#f-content', '城关镇2025年农村道路建设项目的资金使用情况');
      await citizen.click('button[type=submit]');
      const summary = await citizen.textContent('.error-summary');
      assert.match(summary ?? '', /有 2 处需要修改/);
      assert.match(summary ?? '', /校验位/);
      assert.equal(await citizen.inputValue('#f-applicant'), '王五');
      assert.deepEqual(await axeViolations(citizen), [], '/apply with its problems');
      await citizen.click('.error-summary a[href="#f-idNumber"]');
      assert.equal(await citizen.evaluate('location.hash'), '#f-idNumber');

      await citizen.fill('#f-idNumber', '11010519491231002X');
      await citizen.fill('#f-phone', '13800138000');
      await citizen.click('button[type=submit]');
      await citizen.waitForURL(/\/apply\/receipt\//);
      const code = (await citizen.textContent('.lookup-code'))?.trim() ?? '';
      assert.match(code, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      assert.deepEqual(await axeViolations(citizen), [], 'the receipt');

      await citizen.click('text=查询办理进度');
      assert.match((await citizen.textContent('main')) ?? '', /已提交，待确认/);
      assert.deepEqual(await axeViolations(citizen), [], '/lookup');

      // The handler, in another browser session.
      const office = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
      await signIn(office, origin, 'handler');
      await office.goto(`${origin}/office/inbox`);
      const waiting = office.locator('.online-applications details', { hasText: '王五' });
      assert.equal(await waiting.count(), 1);
      await waiting.locator('summary').click();
      assert.match((await waiting.textContent()) ?? '', /1101\*{12}2X/);
      await waiting.locator('input[name=confirmedOn]').fill(w.today);
      await waiting.locator('button', { hasText: '确认并登记' }).click();
      await office.waitForURL(/\/office\/requests\/[0-9a-f-]{36}/);
      const request = (await office.textContent('main')) ?? '';
      assert.match(request, /网上/);
      assert.match(request, new RegExp(code));
      await office.context().close();

      const listed = await w.storage.requests.forAgencies([w.township]);
      assert.equal(listed.filter((r) => r.channel === 'online').length, 1, 'in the ledger with channel 网上');

      await citizen.goto(`${origin}/lookup?code=${code}`);
      const shown = (await citizen.textContent('main')) ?? '';
      assert.match(shown, /已确认受理：办理中/);
      assert.match(shown, /答复期限\d{4}-\d{2}-\d{2}/);
      assert.ok(!shown.includes('王五'), 'the lookup names nobody');
      assert.deepEqual(await axeViolations(citizen), [], '/lookup, confirmed');
      assert.deepEqual(elsewhere, []);
    } finally {
      await context.close();
    }
  });
});
