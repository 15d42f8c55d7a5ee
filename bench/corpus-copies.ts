/**
 * The corpus copies the audit benchmarks run on: the reports of ../shared/corpus/reports of one shape,
 * copied round-robin to N files, 500 to a folder; without ../shared, 200 generated reports rendered in
 * that shape and copied the same way.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { renderHtml } from '../src/documents/html/render-html.js';
import { renderText } from '../src/documents/text/render-text.js';
import { arbitraryReport } from '../src/test-support/arbitrary-report.js';
import { SHARED_DIR } from '../src/test-support/shared-files.js';

export const CORPUS = join(SHARED_DIR, 'corpus', 'reports');
const PER_FOLDER = 500;

export function sizeOf(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) n += statSync(join(entry.parentPath, entry.name)).size;
  }
  return n;
}

/** The sources of one shape: the corpus files, or generated reports when ../shared is absent. */
export function sources(shape: 'text' | 'html', scratch: string): string[] {
  if (existsSync(CORPUS)) {
    const ext = shape === 'text' ? '.txt' : '.html';
    const found = readdirSync(CORPUS)
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => join(CORPUS, f));
    if (found.length > 0) return found;
  }
  const folder = join(scratch, `generated-${shape}`);
  mkdirSync(folder, { recursive: true });
  return fc.sample(arbitraryReport(), { numRuns: 200, seed: 20261125 }).map((report, i) => {
    const path = join(folder, `${i}.${shape === 'text' ? 'txt' : 'html'}`);
    writeFileSync(path, shape === 'text' ? renderText(report) : renderHtml(report));
    return path;
  });
}

export function replicate(from: readonly string[], dir: string, n: number, ext: string): void {
  for (let i = 0; i < n; i++) {
    const folder = join(dir, String(Math.floor(i / PER_FOLDER)).padStart(3, '0'));
    if (i % PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    copyFileSync(from[i % from.length]!, join(folder, `${i}${ext}`));
  }
}
