/**
 * @module Per-file results on disk while a batch runs: one JSON line each, in a file of a hidden
 * temporary folder (hidden, so that auditing the temporary directory does not read it). The folder is
 * removed as soon as the file is open: the open descriptor keeps the data, and nothing is left behind
 * however the process ends (Ctrl-C, a kill, a crash). Where an open file cannot be removed (Windows),
 * it is removed on close instead.
 * A result is final only when the whole batch has been read (last year's report may come later in the
 * walk than this year's), so the outputs are written from here afterwards, one record at a time:
 * sequentially for JSON and CSV, by offset for the per-agency tables of the HTML page.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileResult } from './types.js';

/** Where a record is in the spill file. */
export interface SpillRef {
  readonly offset: number;
  readonly length: number;
}

const CHUNK = 1 << 16;
const READ_CHUNK = 1 << 16;

export class Spill {
  private readonly dir = mkdtempSync(join(tmpdir(), '.gongkai-audit-'));
  private readonly fd = openSync(join(this.dir, 'results.ndjson'), 'w+');
  private removed = removeQuietly(this.dir);
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private written = 0;
  private end = 0;

  /** Appends a result; returns where it is. */
  append(result: FileResult): SpillRef {
    return this.appendJson(JSON.stringify(result));
  }

  /** Appends a result as its JSON text (one line: JSON.stringify never writes a line break). */
  appendJson(json: string): SpillRef {
    const line = Buffer.from(`${json}\n`, 'utf8');
    const ref = { offset: this.end, length: line.length - 1 };
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.end += line.length;
    if (this.pendingBytes >= CHUNK) this.flush();
    return ref;
  }

  flush(): void {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < chunk.length)
      done += writeSync(this.fd, chunk, done, chunk.length - done, this.written + done);
    this.written += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  read(ref: SpillRef): FileResult {
    return JSON.parse(this.readJson(ref)) as FileResult;
  }

  readJson(ref: SpillRef): string {
    this.flush();
    const buffer = Buffer.allocUnsafe(ref.length);
    let done = 0;
    while (done < ref.length) {
      const n = readSync(this.fd, buffer, done, ref.length - done, ref.offset + done);
      if (n === 0) throw new Error('spill file ended early');
      done += n;
    }
    return buffer.toString('utf8');
  }

  /** Every record, in the order appended. */
  *all(): Generator<FileResult> {
    for (const line of this.lines()) yield JSON.parse(line) as FileResult;
  }

  /**
   * Every record's JSON text, in the order appended, reading 64 KB at a time: each piece is decoded up to
   * its last line break at once (a line break byte is never inside a UTF-8 character) and split.
   */
  *lines(): Generator<string> {
    this.flush();
    let position = 0;
    let carry = Buffer.alloc(0);
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const n = readSync(this.fd, buffer, 0, READ_CHUNK, position);
      if (n === 0) break;
      position += n;
      const data = carry.length ? Buffer.concat([carry, buffer.subarray(0, n)]) : buffer.subarray(0, n);
      const end = data.lastIndexOf(10);
      if (end === -1) {
        carry = Buffer.from(data);
        continue;
      }
      const lines = data.toString('utf8', 0, end).split('\n');
      carry = Buffer.from(data.subarray(end + 1));
      yield* lines;
    }
  }

  close(): void {
    try {
      closeSync(this.fd);
    } finally {
      if (!this.removed) this.removed = removeQuietly(this.dir);
    }
  }
}

function removeQuietly(dir: string): boolean {
  try {
    rmSync(dir, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}
