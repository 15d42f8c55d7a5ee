/**
 * What every benchmark prints and times the same way: the machine line that docs/performance.md quotes,
 * and a timed loop (a warm-up for the JIT, then passes until the time is up). For the HTTP benchmarks
 * (bench/web.ts, bench/portal.ts): the server process (the app on `startServer` beside a bare yardstick
 * app) and autocannon's exact figures; what they load is imported when they run, so that the other
 * benchmarks load none of it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** `machine: MODEL × CORES, RAM GiB, Node VERSION, load 1 5 15`: where a figure came from. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `machine: ${os.cpus()[0]?.model} × ${os.availableParallelism()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${load}`;
}

/**
 * Runs `pass` (which handles `perPass` reports) for a warm-up of `warmUpSeconds`, then for `seconds`;
 * the reports per second of the timed part.
 */
export async function reportsPerSecond(
  pass: () => Promise<unknown>,
  perPass: number,
  seconds: number,
  warmUpSeconds = 1,
): Promise<number> {
  const warmUntil = performance.now() + warmUpSeconds * 1000;
  do await pass();
  while (performance.now() < warmUntil);
  const start = performance.now();
  let reports = 0;
  while (performance.now() - start < seconds * 1000) {
    await pass();
    reports += perPass;
  }
  return reports / ((performance.now() - start) / 1000);
}

// ── HTTP benchmarks ────────────────────────────────────────────────────────────────────────────

interface AutocannonResult {
  readonly requests: { readonly average: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly '2xx': number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type AutocannonRun = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => AutocannonInstance;

/**
 * The server process of an HTTP benchmark (its script run with `--serve-child FILE`): the platform's
 * app on `startServer` (what `gongkai serve` runs, log off, the rest of the configuration as shipped)
 * and, beside it in the same process on the same @hono/node-server stack, a bare Hono app that answers
 * a stored copy of a page (PUT /copy/NAME, then GET /copy/NAME: same bytes, same c.html()) with no
 * middleware, session, database or rendering: the yardstick of what socket, HTTP and framework cost.
 * Prints {"app","yardstick"} once both listen; stops on SIGTERM or SIGINT.
 */
export async function serveBesideYardstick(file: string): Promise<void> {
  const [{ serve }, { Hono }, { DEFAULT_CONFIG }, { startServer }] = await Promise.all([
    import('@hono/node-server'),
    import('hono'),
    import('../src/web/config.js'),
    import('../src/web/server.js'),
  ]);
  const app = await startServer(
    // The load comes from one address: the search's per-address limit would answer it 429.
    {
      ...DEFAULT_CONFIG,
      host: '127.0.0.1',
      port: 0,
      database: file,
      log: false,
      publicSearch: { perAddress: 10_000_000, windowMinutes: 1 },
    },
    { say: () => {} },
  );
  const pages = new Map<string, string>();
  const yardstick = new Hono();
  yardstick.put('/copy/:name', async (c) => {
    pages.set(c.req.param('name'), await c.req.text());
    return c.body(null, 204);
  });
  yardstick.get('/copy/:name', (c) => {
    const page = pages.get(c.req.param('name'));
    return page === undefined ? c.text('none', 404) : c.html(page);
  });
  const bare = serve({ fetch: yardstick.fetch, hostname: '127.0.0.1', port: 0 });
  await once(bare, 'listening');
  const port = (bare.address() as { port: number }).port;
  process.stdout.write(`${JSON.stringify({ app: app.url, yardstick: `http://127.0.0.1:${port}` })}\n`);
  const stop = () => {
    bare.close();
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * Starts `script` (an import.meta.url) with `--serve-child FILE` (under --cpu-prof into `prof` if
 * given); resolves with the URLs it prints, the process, and its exit.
 */
export async function startServerChild(script: string, file: string, prof?: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []),
      '--import',
      'tsx',
      fileURLToPath(script),
      '--serve-child',
      file,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    void exited.then(([code]) => reject(new Error(`the server process stopped (${code})`)));
  });
  return { child, exited, urls: JSON.parse(line) as { app: string; yardstick: string } };
}

/** Stores `page` in the yardstick as /copy/NAME. */
export async function copyToYardstick(yardstick: string, name: string, page: string): Promise<void> {
  const put = await fetch(`${yardstick}/copy/${name}`, { method: 'PUT', body: page });
  if (put.status !== 204) throw new Error(`yardstick: ${put.status}`);
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly count: number;
}

/**
 * autocannon on `url` with `connections` for 2 s of warm-up, then `seconds`: requests/s, and p50 and
 * p99 exact over every 200 response's time (autocannon's own histogram keeps whole milliseconds). Any
 * error, timeout or non-2xx answer throws.
 */
export async function measure(
  url: string,
  connections: number,
  seconds: number,
  cookie?: string,
): Promise<Figures> {
  // @ts-expect-error autocannon ships no type declarations (typed by AutocannonRun above).
  const run = (await import('autocannon')).default as AutocannonRun;
  const headers = cookie ? { cookie } : undefined;
  await run({ url, connections, duration: 2, ...(headers ? { headers } : {}) });
  const times: number[] = [];
  const instance = run({ url, connections, duration: seconds, ...(headers ? { headers } : {}) });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) times.push(ms);
  });
  const result = await instance;
  if (result.errors || result.timeouts || result.non2xx)
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
  times.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    count: times.length,
  };
}

/** A time as the HTTP tables print it. */
export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
/** Requests per second as the HTTP tables print them. */
export const rate = (x: number) => `${Math.round(x).toLocaleString('en')}/s`;
