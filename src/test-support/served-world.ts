/**
 * @module For the browser tests: the web world's app on a loopback socket and Debian's chromium beside
 * it (never a downloaded browser), closed together.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { launchPdfBrowser } from '../documents/pdf/render-pdf.js';
import { PASSWORD, type WebWorld } from './web-world.js';

export interface ServedWorld {
  readonly origin: string;
  readonly browser: Browser;
  /** Closes the browser, the socket and the world's database. */
  close(): Promise<void>;
}

export async function servedWorld(w: WebWorld): Promise<ServedWorld> {
  const server = serve({ fetch: w.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchPdfBrowser();
  return {
    origin,
    browser,
    close: async () => {
      await browser.close();
      server.close();
      await w.close();
    },
  };
}

/** axe-core, served from node_modules into the page (never fetched from another host). */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core finds against WCAG 2.1 A and AA on the page as it stands: "rule: help (targets)" each.
 * The page's CSP allows only its own scripts: axe is run through the DevTools protocol instead, so
 * the page is checked under the server's own policy.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(
    "axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
  )) as { violations: { id: string; help: string; nodes: { target: unknown }[] }[] };
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
  );
}

/** Signs `name` in through the login form (the world's password) on a page of its own context. */
export async function signIn(page: Page, origin: string, name: string): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
}
