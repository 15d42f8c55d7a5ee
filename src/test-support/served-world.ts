/**
 * @module For the browser tests: the web world's app on a loopback socket and Debian's chromium beside
 * it (never a downloaded browser), closed together.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { launchPdfBrowser } from '../documents/pdf/render-pdf.js';
import type { WebWorld } from './web-world.js';

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
