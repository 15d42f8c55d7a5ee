/**
 * @module The back office in Debian's chromium, driven as its users drive it: a handler of a township
 * logs in, registers a paper request (refused once, for an empty content), asks for a correction and
 * records the corrected application; an approver extends the reply period and records a partial
 * disclosure (部分公开), confirming the dialog, after which the request is gone from the inbox; an
 * oversight user of the county sees the request, before and after, with no action to take. Every page
 * asks only the test server for anything, logs no script error, has `lang="zh-CN"` and a label on every
 * field. Full-page screenshots go to test-results/screens/ (git-ignored) for a person to look at.
 *
 * Needs /usr/bin/chromium (or GONGKAI_CHROMIUM); `npm test` installs it first.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createUser } from '../accounts/index.js';
import { chromiumPath, DEFAULT_CHROMIUM } from '../documents/pdf/render-pdf.js';
import { systemActor } from '../domain/access/policy.js';
import { addDays, type LocalDate } from '../domain/calendar/local-date.js';
import { isWorkingDay } from '../domain/calendar/working-days.js';
import { EVENT_LABELS } from '../domain/requests/events.js';
import { addAgency, EVENT_NAMES, openLedger, type RecordableKind, todayInChina } from '../ledger/index.js';
import { loadCalendar } from '../storage/index.js';
import { DEFAULT_CONFIG } from './config.js';
import { type RunningServer, startServer } from './server.js';

const PASSWORD = 'browser-test-42';
const SCREENS = fileURLToPath(new URL('../../test-results/screens/', import.meta.url));
const CONTENT = '2024年本镇农村道路硬化工程的招标公告及中标结果';
const CORRECTION_ITEMS = '请写明所需信息的文件名称或文号';

/**
 * Offline and quiet, as render-pdf.ts launches it: no sandbox (containers lack user namespaces), and
 * nothing of chromium's own (updates, sync, QUIC probes) that could reach the network during the test.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's chromium, never a downloaded one; a missing binary fails with the command that installs it. */
async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath))
    throw new Error(
      executablePath === DEFAULT_CHROMIUM
        ? `未找到 Chromium（${executablePath}），请安装后重试 (Chromium not found; install it with):\n` +
            `  ${process.getuid?.() === 0 ? '' : 'sudo '}apt-get install -y chromium fonts-wqy-zenhei fonts-noto-cjk`
        : `GONGKAI_CHROMIUM=${executablePath} 不存在 (does not exist): correct or unset the variable`,
    );
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Dates a clerk could really enter today: the receipt three working days ago (so a correction, due
 * within seven working days of it by 条例第三十条, is still allowed), the correction notice and the
 * corrected application on the two working days after it, the extension and the decision today.
 */
function datesFor(today: LocalDate, working: (d: LocalDate) => boolean) {
  const back = (from: LocalDate, count: number) => {
    let d = from;
    for (let n = 0; n < count; ) {
      d = addDays(d, -1);
      if (working(d)) n++;
    }
    return d;
  };
  const nextWorking = (from: LocalDate) => {
    let d = addDays(from, 1);
    while (!working(d)) d = addDays(d, 1);
    return d;
  };
  const received = back(today, 3);
  const correctionAsked = nextWorking(received);
  const corrected = nextWorking(correctionAsked);
  assert.ok(corrected < today, `${received} ${correctionAsked} ${corrected} ${today}`);
  return { received, correctionAsked, correctionDue: addDays(today, 15), corrected, today };
}

/** An element's text, trimmed; the pages put no layout-made text (CSS content) in what is asserted. */
const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

/** One signed-in person: a browser context of their own (cookies apart) and what its pages did. */
interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every URL a page asked for that is not on the test server. */
  readonly foreign: string[];
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
}

/** The little of the DOM the check reads: the project compiles without the DOM library. */
interface DomElement {
  readonly id: string;
  readonly outerHTML: string;
  readonly textContent: string | null;
  /** Form fields only: the labels that name the field (wrapping or by `for`). */
  readonly labels?: { readonly length: number } | null;
  hasAttribute(name: string): boolean;
}
interface DomDocument {
  readonly documentElement: { readonly lang: string };
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

/**
 * What a screen reader user or a keyboard user would trip over first: the page's language, a field
 * without a label, an id used twice (a label or aria-describedby would point at the wrong element), a
 * button without a name.
 */
function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: DomDocument }).document;
    const problems: string[] = [];
    if (doc.documentElement.lang !== 'zh-CN') problems.push(`html lang="${doc.documentElement.lang}"`);
    if (!doc.querySelector('h1')) problems.push('no h1');
    for (const field of doc.querySelectorAll('input:not([type="hidden"]), select, textarea')) {
      const labelled =
        (field.labels?.length ?? 0) > 0 ||
        field.hasAttribute('aria-label') ||
        field.hasAttribute('aria-labelledby');
      if (!labelled) problems.push(`no label: ${field.outerHTML.slice(0, 120)}`);
    }
    const seen = new Set<string>();
    for (const element of doc.querySelectorAll('[id]')) {
      if (seen.has(element.id)) problems.push(`id used twice: ${element.id}`);
      seen.add(element.id);
    }
    for (const button of doc.querySelectorAll('button'))
      if (!button.textContent?.trim() && !button.hasAttribute('aria-label'))
        problems.push(`button without a name: ${button.outerHTML.slice(0, 120)}`);
    return problems;
  });
}

describe('the back office in a browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-web-browser-'));
  const database = join(dir, 'gongkai.db');
  let server: RunningServer;
  let browser: Browser;
  let dates: ReturnType<typeof datesFor>;
  let requestId = '';
  const people: Person[] = [];
  let handler: Person;
  let approver: Person;
  let oversight: Person;

  /** A new context for one user, logged in through the login form. */
  const logIn = async (name: string): Promise<Person> => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const person: Person = { context, page: await context.newPage(), foreign: [], errors: [] };
    people.push(person);
    // Anything for another host is recorded, and refused so that the test cannot wait on the network.
    await context.route(
      (url) => url.origin !== new URL(server.url).origin,
      (route) => route.abort('blockedbyclient'),
    );
    context.on('request', (r) => {
      if (!r.url().startsWith(`${server.url}/`)) person.foreign.push(r.url());
    });
    const { page } = person;
    page.on('console', (m) => {
      if (m.type() === 'error') person.errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => person.errors.push(`${page.url()}: ${e.message}`));
    await page.goto(`${server.url}/office`);
    assert.match(page.url(), /\/login\?next=/);
    await page.getByLabel('用户名').fill(name);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/office\/inbox$/);
    return person;
  };

  /** The <details> of one action on the request page, found by its summary as a clerk finds it. */
  const action = (page: Page, label: string) =>
    page.locator('details', { has: page.locator('summary', { hasText: label }) });

  /** The request page's facts row (申请编号, 状态, 答复期限 …) as text. */
  const fact = (page: Page, name: string) =>
    textOf(page.locator('table.facts tr', { has: page.locator('th', { hasText: name }) }).locator('td'));

  /** The history table, one array of cell texts per row (the approver's 更正 column aside). */
  const history = (page: Page) =>
    page
      .locator('table.history tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          [...r.querySelectorAll('td:not(.correct)')].map((td) => (td.textContent ?? '').trim()),
        ),
      );

  /**
   * Sends the action's form with its button (记录“…”) and waits for the page that says it was
   * recorded: the URL alone would not do, as the page before may carry another ?done= already.
   */
  const record = async (page: Page, kind: RecordableKind) => {
    await action(page, EVENT_LABELS[kind])
      .getByRole('button', { name: `记录“${EVENT_LABELS[kind]}”` })
      .click();
    await page.waitForURL((url) => url.searchParams.get('done') === EVENT_NAMES[kind]);
  };

  const notice = (page: Page) => textOf(page.locator('.notice.done'));
  const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENS, name), fullPage: true });

  before(async () => {
    // First, so that a machine without chromium learns it before anything else is set up.
    browser = await launchChromium();
    mkdirSync(SCREENS, { recursive: true });
    const storage = await openLedger(database);
    try {
      const root = systemActor('t');
      const county = await addAgency(storage, root, { name: '平潭县', kind: '区县' });
      assert.ok(county.ok, JSON.stringify(county));
      const township = await addAgency(storage, root, {
        name: '潭城镇人民政府',
        kind: '乡镇/街道',
        parentId: county.value.id,
      });
      assert.ok(township.ok, JSON.stringify(township));
      for (const [name, displayName, agencyId, role] of [
        ['jingban', '林经办', township.value.id, 'handler'],
        ['shenhe', '陈审核', township.value.id, 'approver'],
        ['jiandu', '王监督', county.value.id, 'oversight'],
      ] as const) {
        const user = await createUser(storage, root, {
          name,
          displayName,
          agencyId,
          roles: [role],
          password: PASSWORD,
        });
        assert.ok(user.ok, JSON.stringify(user));
      }
      const calendar = await loadCalendar(storage);
      dates = datesFor(todayInChina(), (d) => isWorkingDay(calendar, d));
    } finally {
      await storage.close();
    }
    server = await startServer({ ...DEFAULT_CONFIG, database, port: 0, log: false });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a handler logs in and is refused a registration without content, the problem beside the field', async () => {
    handler = await logIn('jingban');
    const { page } = handler;
    assert.equal(await textOf(page.locator('h1')), '待办申请');
    assert.match(await textOf(page.locator('header .who')), /潭城镇人民政府[\s\S]*林经办（经办人）/);
    assert.equal(await page.getByText('没有符合条件的未办结申请。').count(), 1);
    assert.deepEqual(await accessibilityProblems(page), []);

    await page.getByRole('link', { name: '登记申请' }).click();
    await page.waitForURL(/\/office\/requests\/new$/);
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.getByLabel('姓名或名称').fill('张三');
    await page.getByLabel('身份证明类型').fill('居民身份证');
    await page.getByLabel('身份证明号码').fill('350128199001011234');
    await page.getByLabel('联系电话').fill('0591-12345678');
    await page.getByLabel('通信地址').fill('平潭县潭城镇西航路 1 号');
    await page.getByLabel('载体形式').selectOption({ label: '纸质' });
    await page.getByLabel('获取方式').selectOption({ label: '邮寄' });
    await page.getByLabel('申请渠道').selectOption({ label: '邮寄（签收）' });
    // A signed-for letter counts from its signing (条例第三十一条): no arrival date to enter, and the
    // office's own number is still asked for.
    assert.equal(await page.getByLabel('到达日期').isVisible(), false);
    assert.equal(await page.getByLabel('本机关登记编号').isVisible(), true);
    await page.getByLabel('本机关登记编号').fill('潭政公开〔2026〕17号');
    await page.getByLabel('收到申请之日').fill(dates.received);
    // The content is left empty: the form says so beside the field and keeps what was typed.
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.waitForURL(/\/office\/requests$/);
    assert.match(await textOf(page.locator('.notice.refused')), /^未登记/);
    const content = page.locator('#f-content');
    assert.equal(await content.getAttribute('aria-invalid'), 'true');
    assert.match(await textOf(page.locator('#f-content-error')), /请填写申请内容/);
    assert.equal(await content.getAttribute('aria-describedby'), 'f-content-error');
    assert.equal(await page.getByLabel('姓名或名称').inputValue(), '张三');
    assert.equal(await page.getByLabel('收到申请之日').inputValue(), dates.received);
    assert.equal(await page.getByLabel('申请渠道').inputValue(), 'postSigned');
    assert.equal(await page.getByLabel('到达日期').isVisible(), false);
    assert.deepEqual(await accessibilityProblems(page), []);
    await shoot(page, 'register-refused.png');
  });

  it('registers the paper request, asks for a correction and records the corrected application', async () => {
    const { page } = handler;
    await page.getByLabel('内容描述').fill(CONTENT);
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.waitForURL(/\/office\/requests\/[^/?]+\?done=registered$/);
    requestId = new URL(page.url()).pathname.split('/').at(-1)!;
    assert.equal(await notice(page), '已登记。');
    assert.ok((await fact(page, '申请编号')).startsWith(requestId));
    assert.equal(await fact(page, '申请人'), '张三（自然人）');
    assert.equal(await fact(page, '申请内容'), CONTENT);
    assert.equal(await fact(page, '申请渠道'), '邮寄（签收）');
    assert.match(await fact(page, '申请编号'), /（本机关编号 潭政公开〔2026〕17号）$/);
    assert.equal(await fact(page, '收到申请之日'), dates.received);
    assert.equal(await fact(page, '状态'), '办理中');
    assert.deepEqual(
      (await history(page)).map((r) => r[2]),
      ['收到申请'],
    );
    // The approver's actions are not offered to a handler.
    assert.equal(await action(page, '延长答复期限').count(), 0);
    assert.equal(await action(page, '作出答复').count(), 0);

    const correction = action(page, '要求补正');
    assert.equal(await correction.getAttribute('open'), null, 'the actions start closed');
    await correction.locator('summary').click();
    await correction.getByLabel('日期', { exact: true }).fill(dates.correctionAsked);
    await correction.getByLabel('需要补正的事项').fill(CORRECTION_ITEMS);
    await correction.getByLabel('补正期限').fill(dates.correctionDue);
    await record(page, 'CorrectionRequested');
    assert.equal(await notice(page), '已记录“要求补正”。');
    assert.match(await fact(page, '状态'), /^等待补正/);
    assert.deepEqual((await history(page)).at(-1), [
      '2',
      dates.correctionAsked,
      '要求补正',
      'jingban',
      `补正事项：${CORRECTION_ITEMS}；补正期限至 ${dates.correctionDue}`,
    ]);

    const received = action(page, '收到补正申请');
    await received.locator('summary').click();
    await received.getByLabel('日期', { exact: true }).fill(dates.corrected);
    await record(page, 'CorrectionReceived');
    assert.equal(await notice(page), '已记录“收到补正申请”。');
    assert.equal(await fact(page, '状态'), '办理中');
    assert.deepEqual(
      (await history(page)).map((r) => [r[1], r[2]]),
      [
        [dates.received, '收到申请'],
        [dates.correctionAsked, '要求补正'],
        [dates.corrected, '收到补正申请'],
      ],
    );
    // 条例第三十条: the reply period now runs from the corrected application.
    assert.match(await textOf(page.locator('ol.deadline-lines')), new RegExp(dates.corrected));
    assert.deepEqual(await accessibilityProblems(page), []);
  });

  it('an oversight user of the county sees the open request in the inbox, with nothing to record', async () => {
    oversight = await logIn('jiandu');
    const { page } = oversight;
    const row = page.locator('tbody tr', { has: page.locator(`a[href="/office/requests/${requestId}"]`) });
    assert.equal(await row.count(), 1);
    // The county's inbox reaches the township below it, and says whose request it is.
    assert.match(await textOf(row), /潭城镇人民政府/);
    assert.equal(await page.getByRole('link', { name: '登记申请' }).count(), 0);
    await row.locator('a').click();
    await page.waitForURL(new RegExp(`/office/requests/${requestId}$`));
    assert.equal(await fact(page, '申请内容'), CONTENT);
    assert.equal(await page.locator('form[action$="/events"]').count(), 0);
    assert.equal(await textOf(page.locator('#no-actions')), '您的角色不能在此申请上记录办理事项。');
  });

  it('an approver extends the reply period from the inbox', async () => {
    approver = await logIn('shenhe');
    const { page } = approver;
    const link = page.locator(`tbody a[href="/office/requests/${requestId}"]`);
    assert.equal(await textOf(link), dates.received);
    assert.deepEqual(await accessibilityProblems(page), []);
    await shoot(page, 'inbox.png');
    await link.click();
    await page.waitForURL(new RegExp(`/office/requests/${requestId}$`));
    // The handler's actions are not offered to an approver.
    assert.equal(await action(page, '要求补正').count(), 0);
    const dueBefore = await fact(page, '答复期限');

    const extension = action(page, '延长答复期限');
    await extension.locator('summary').click();
    assert.equal(await extension.getByLabel('延长的工作日数').inputValue(), '20');
    assert.equal(await extension.getByLabel('同意延长的负责人').inputValue(), '陈审核');
    await extension.getByLabel('日期', { exact: true }).fill(dates.today);
    await record(page, 'Extended');
    assert.equal(await notice(page), '已记录“延长答复期限”。');
    assert.deepEqual((await history(page)).at(-1), [
      '4',
      dates.today,
      '延长答复期限',
      'shenhe',
      '延长 20 个工作日，经 陈审核 同意',
    ]);
    assert.notEqual(await fact(page, '答复期限'), dueBefore);
    assert.equal(await action(page, '延长答复期限').count(), 0, 'one extension only (条例第三十三条)');
  });

  it('records a partial disclosure after confirming, and the request leaves the inbox', async () => {
    const { page } = approver;
    const decision = action(page, '作出答复');
    await decision.locator('summary').click();
    await decision.getByLabel('日期', { exact: true }).fill(dates.today);
    await decision.getByLabel('办理结果').selectOption({ label: '部分公开（区分处理）' });
    await decision.getByLabel('说明（可选）').fill('招标公告公开；评标专家名单属个人信息，不予公开');
    assert.deepEqual(await accessibilityProblems(page), []);
    await shoot(page, 'request-deciding.png');

    // Cancelled first: nothing is sent.
    const asked: string[] = [];
    const answer = (accept: boolean) => {
      page.once('dialog', (d) => {
        asked.push(d.message());
        void (accept ? d.accept() : d.dismiss());
      });
    };
    answer(false);
    await decision.getByRole('button', { name: '记录“作出答复”' }).click();
    assert.deepEqual(asked, ['确认记录“作出答复”？记录后申请即办结。']);
    assert.equal((await history(page)).length, 4);
    assert.equal(await fact(page, '状态'), '办理中');

    answer(true);
    await record(page, 'Decided');
    assert.equal(asked.length, 2);
    assert.equal(await notice(page), '已记录“作出答复”。');
    assert.match(await fact(page, '状态'), new RegExp(`^已答复，.*${dates.today}`));
    const last = (await history(page)).at(-1)!;
    assert.deepEqual(last.slice(0, 4), ['5', dates.today, '作出答复', 'shenhe']);
    assert.match(last[4]!, /^办理结果：部分公开（区分处理）说明：招标公告公开/);
    assert.equal(await page.locator('form[action$="/events"]').count(), 0);
    assert.equal(await textOf(page.locator('#no-actions')), '申请已办结，不能再记录办理事项。');
    assert.deepEqual(await accessibilityProblems(page), []);
    await shoot(page, 'request.png');

    await page.getByRole('link', { name: '待办申请' }).click();
    await page.waitForURL(/\/office\/inbox$/);
    assert.equal(await page.locator(`a[href="/office/requests/${requestId}"]`).count(), 0);
    assert.equal(await page.getByText('没有符合条件的未办结申请。').count(), 1);
  });

  it('the oversight user opens the decided request by its address and has no action buttons', async () => {
    const { page } = oversight;
    await page.goto(`${server.url}/office/requests/${requestId}`);
    assert.match(await fact(page, '状态'), /^已答复/);
    assert.equal((await history(page)).at(-1)?.[2], '作出答复');
    assert.equal(await page.locator('form[action$="/events"]').count(), 0);
    assert.equal(await page.locator('details').count(), 0);
    assert.match(await textOf(page.locator('#no-actions')), /申请已办结/);
    await page.goto(`${server.url}/office/inbox`);
    assert.equal(await page.locator(`a[href="/office/requests/${requestId}"]`).count(), 0);
  });

  it('asked no other host for anything and logged no script error', () => {
    assert.equal(people.length, 3);
    // Chromium logs a page answered with an error status as a console error: the refused registration
    // is answered 422 on purpose (the form comes back with its problems), once.
    const refusedForm = (e: string) =>
      /\/office\/requests: Failed to load resource: .* status of 422 \(Unprocessable Entity\)$/.test(e);
    assert.equal(handler.errors.filter(refusedForm).length, 1, handler.errors.join('\n'));
    for (const person of people) {
      assert.deepEqual(person.foreign, []);
      assert.deepEqual(
        person.errors.filter((e) => !refusedForm(e)),
        [],
      );
    }
  });
});
