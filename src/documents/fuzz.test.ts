/**
 * Fuzzing every reader with mutated reports: truncated, shuffled, random bytes, huge lines, deeply
 * nested HTML, damaged DOCX and PDF files. None may throw, hang or take more than a few milliseconds per kilobyte; each returns a
 * report or a clear error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { exampleReport } from '../domain/report/example.js';
import { arbitraryReport } from '../test-support/arbitrary-report.js';
import { renderDocx } from './docx/render-docx.js';
import { renderHtml } from './html/render-html.js';
import { renderJson } from './json/report-json.js';
import { launchPdfBrowser, renderPdf } from './pdf/render-pdf.js';
import { readReport } from './read-report.js';
import { renderText } from './text/render-text.js';

const encoder = new TextEncoder();

/** Generous for a shared 2-core CI machine: the goal is milliseconds per report, not seconds. */
const MS_PER_KB = 5;
const MS_FLOOR = 50;

/**
 * Reads within the CPU-time budget. A single slow read may be a garbage-collection pause or a
 * first-time compilation, so a slow read is timed again (up to three times) and the fastest
 * counts; a reader that is really slow on an input stays slow every time.
 */
async function readWithinBudget(bytes: Uint8Array, what: string): Promise<void> {
  const budget = Math.max(MS_FLOOR, (bytes.length / 1024) * MS_PER_KB);
  let fastest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && fastest > budget; attempt++) {
    // CPU time, not wall time: other processes on a busy CI machine must not make the reader look slow.
    const started = process.cpuUsage();
    let result: Awaited<ReturnType<typeof readReport>>;
    try {
      result = await readReport(bytes);
    } catch (e) {
      assert.fail(`${what}: reader threw ${(e as Error).stack}`);
    }
    const used = process.cpuUsage(started);
    fastest = Math.min(fastest, (used.user + used.system) / 1000);
    if (!result.ok) {
      assert.match(result.error.code, /^(input|read|json)\./);
      assert.ok(
        result.error.message.length > 5 && !result.error.message.includes('\n'),
        result.error.message,
      );
    }
  }
  assert.ok(
    fastest <= budget,
    `${what}: ${fastest.toFixed(1)} ms for ${bytes.length} bytes (budget ${budget.toFixed(0)} ms)`,
  );
}

/** Mutations of a report's text. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('shuffle' as const), seed: fc.integer() }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    junk: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({ kind: fc.constant('dropLines' as const), every: fc.integer({ min: 2, max: 9 }) }),
  fc.record({
    kind: fc.constant('digits' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 400 }),
  }),
);

function mutate(text: string, m: { kind: string; [k: string]: unknown }): Uint8Array {
  const bytes = encoder.encode(text);
  switch (m.kind) {
    case 'truncate':
      return bytes.subarray(0, Math.floor(bytes.length * (m.at as number)));
    case 'shuffle': {
      const lines = text.split('\n');
      let seed = m.seed as number;
      for (let i = lines.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) | 0;
        const j = Math.abs(seed) % (i + 1);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      return encoder.encode(lines.join('\n'));
    }
    case 'bytes': {
      const at = Math.floor(bytes.length * (m.at as number));
      const junk = m.junk as Uint8Array;
      const out = new Uint8Array(bytes.length + junk.length);
      out.set(bytes.subarray(0, at));
      out.set(junk, at);
      out.set(bytes.subarray(at), at + junk.length);
      return out;
    }
    case 'dropLines':
      return encoder.encode(
        text
          .split('\n')
          .filter((_, i) => i % (m.every as number) !== 0)
          .join('\n'),
      );
    default: {
      const at = Math.floor(text.length * (m.at as number));
      return encoder.encode(
        `${text.slice(0, at)}${'1234567890'.repeat(m.length as number)}${text.slice(at)}`,
      );
    }
  }
}

/** Damage to a binary document: cut short, or bytes overwritten somewhere. */
const damage = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('overwrite' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    junk: fc.uint8Array({ minLength: 1, maxLength: 32 }),
  }),
);

function damaged(bytes: Uint8Array, d: { kind: string; at: number; junk?: Uint8Array }): Uint8Array {
  const at = Math.floor(bytes.length * d.at);
  if (d.kind === 'truncate') return bytes.subarray(0, at);
  const out = Uint8Array.from(bytes);
  out.set(d.junk!.subarray(0, Math.max(0, out.length - at)), at);
  return out;
}

describe('fuzzing the readers', () => {
  it('survives thousands of mutated text, HTML and JSON reports (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryReport(),
        fc.constantFrom('text', 'html', 'json'),
        mutation,
        async (report, shape, m) => {
          const text =
            shape === 'text'
              ? renderText(report)
              : shape === 'html'
                ? renderHtml(report)
                : renderJson(report);
          await readWithinBudget(mutate(text, m), `${shape}/${m.kind}`);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads huge lines and a long digit run without hanging', async () => {
    const text = renderText(exampleReport(2024));
    const longLine = `${text}\n${'政府信息公开'.repeat(200_000)}\n`;
    await readWithinBudget(encoder.encode(longLine), 'huge line');
    const digits = text.replace('（一）予以公开', `（一）予以公开\n\n${'7'.repeat(5_000)}`);
    await readWithinBudget(encoder.encode(digits), 'long digit run');
    // A digit run cutting the title: the other title forms are searched near each 年度报告, not from
    // every position of the line (it took 85 ms for 6 KB, quadratic in the line's length).
    const cutTitle = text.replace('年政府信息', `年政府信${'1234567890'.repeat(3_000)}息`);
    await readWithinBudget(encoder.encode(cutTitle), 'digit run inside the title');
    const glued = text.replace(/\n\n(?=\d)/g, '');
    await readWithinBudget(encoder.encode(glued), 'every number glued to its label');
  });

  it('reads deeply nested HTML without overflowing the stack', async () => {
    const depth = 20_000;
    const html = `<html><body>${'<div>'.repeat(depth)}${renderHtml(exampleReport(2024), { fragment: true })}${'</div>'.repeat(depth)}</body></html>`;
    await readWithinBudget(encoder.encode(html), 'nested HTML');
    const tables = `<html><body>${'<table><tr><td>'.repeat(3_000)}1${'</td></tr></table>'.repeat(3_000)}</body></html>`;
    await readWithinBudget(encoder.encode(tables), 'nested tables');
  });

  it('reads HTML nested to any depth in time linear in its size (property)', async () => {
    const tags = ['div', 'table', 'tr', 'td', 'span', 'p', 'tbody', 'font'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...tags), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.boolean(),
        async (pattern, depth, closed) => {
          const open = Array.from({ length: depth }, (_, i) => `<${pattern[i % pattern.length]}>`).join('');
          const close = closed
            ? Array.from({ length: depth }, (_, i) => `</${pattern[(depth - 1 - i) % pattern.length]}>`).join(
                '',
              )
            : '';
          const body = renderHtml(exampleReport(2024), { fragment: true });
          await readWithinBudget(
            encoder.encode(`<html><body>${open}${body}${close}</body></html>`),
            `nested ${depth}`,
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reads wide and long HTML tables without overflowing the stack (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_500 }),
        fc.integer({ min: 1, max: 150 }),
        async (rows, columns) => {
          const row = `<tr>${'<td>1</td>'.repeat(columns)}</tr>`;
          const html = `<html><body>${renderHtml(exampleReport(2024), { fragment: true })}<table>${row.repeat(rows)}</table></body></html>`;
          await readWithinBudget(encoder.encode(html), `table ${rows} × ${columns}`);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('reads a report whose bytes are damaged in any encoding as a report or a clear error (property)', async () => {
    const text = renderText(exampleReport(2023, '某某镇人民政府'));
    const encodings = {
      'utf-8': encoder.encode(text),
      gb18030: Uint8Array.from(iconv.encode(text, 'gb18030')),
      'utf-16le': Uint8Array.from(iconv.encode(text, 'utf-16le', { addBOM: true })),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(encodings) as (keyof typeof encodings)[])),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0x80, max: 0xff })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (encoding, damage) => {
          const bytes = Uint8Array.from(encodings[encoding]);
          for (const [at, byte] of damage) bytes[Math.floor(at * (bytes.length - 1))] = byte;
          await readWithinBudget(bytes, `${encoding} damaged`);
          const read = await readReport(bytes);
          if (encoding === 'utf-8' && read.ok) {
            // A few bad bytes amid UTF-8 are read as UTF-8 and said, never re-guessed as GB18030.
            assert.equal(read.encoding, 'utf-8');
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('survives damaged DOCX and PDF files (property)', async () => {
    const browser = await launchPdfBrowser();
    let documents: Uint8Array[];
    try {
      documents = [await renderDocx(exampleReport(2020)), await renderPdf(exampleReport(2024), { browser })];
    } finally {
      await browser.close();
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1), damage, async (which, d) =>
        readWithinBudget(damaged(documents[which]!, d), `${which === 0 ? 'docx' : 'pdf'}/${d.kind}`),
      ),
      { numRuns: 150 },
    );
  });

  it('reads random bytes as a clear error (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) =>
        readWithinBudget(bytes, 'random bytes'),
      ),
      { numRuns: 500 },
    );
  });
});
