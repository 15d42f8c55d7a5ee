/**
 * @module Per-file results while a batch runs, one JSON line each: kept in memory up to 64 MB, beyond
 * that in a file of a hidden temporary folder (hidden, so that auditing the temporary directory does not
 * read it). The folder is removed as soon as the file is open: the open descriptor keeps the data, and
 * nothing is left behind however the process ends (Ctrl-C, a kill, a crash). Where an open file cannot be
 * removed (Windows), it is removed on close instead.
 * A result is final only when the whole batch has been read (last year's report may come later in the
 * walk than this year's), so the outputs are written from here afterwards, one record at a time:
 * sequentially for JSON and CSV, by index for the per-agency tables of the HTML page.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileResult } from './types.js';

/** Which record it is (the order it was appended in). */
export interface SpillRef {
  readonly index: number;
}

const CHUNK = 1 << 16;
const READ_CHUNK = 1 << 16;

/**
 * Records are kept as strings until they hold this many UTF-16 units (at most 64 MB): a batch of a few
 * thousand reports (about 1.7 KB a line) never touches the disk, and what the outputs read back costs
 * no decoding. A larger batch moves everything to the file at that point and goes on there.
 */
const MEMORY_UNITS = 32 << 20;

interface SpillFile {
  readonly dir: string;
  readonly fd: number;
  removed: boolean;
}

export class Spill {
  /** The records while they are kept in memory; undefined once they are in the file. */
  private kept: string[] | undefined = [];
  private keptUnits = 0;
  private count = 0;
  private file: SpillFile | undefined;
  /** Where each record is in the file, by index. */
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private written = 0;
  private end = 0;

  /** `memoryUnits`: how much is kept in memory before the file is used (tests give 0: the file at once). */
  constructor(private readonly memoryUnits = MEMORY_UNITS) {}

  /** Whether the records have moved to the file. */
  get onDisk(): boolean {
    return this.file !== undefined;
  }

  /** Appends a result; returns where it is. */
  append(result: FileResult): SpillRef {
    return this.appendJson(JSON.stringify(result));
  }

  /** Appends a result as its JSON text (one line: JSON.stringify never writes a line break). */
  appendJson(json: string): SpillRef {
    const ref = { index: this.count++ };
    if (this.kept) {
      this.kept.push(json);
      this.keptUnits += json.length;
      if (this.keptUnits > this.memoryUnits) this.moveToFile(this.kept);
    } else this.writeLine(json);
    return ref;
  }

  private moveToFile(kept: readonly string[]): void {
    const dir = mkdtempSync(join(tmpdir(), '.gongkai-audit-'));
    const fd = openSync(join(dir, 'results.ndjson'), 'w+');
    this.file = { dir, fd, removed: removeQuietly(dir) };
    this.kept = undefined;
    for (const line of kept) this.writeLine(line);
  }

  private writeLine(json: string): void {
    const line = Buffer.from(`${json}\n`, 'utf8');
    this.offsets.push(this.end);
    this.lengths.push(line.length - 1);
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.end += line.length;
    if (this.pendingBytes >= CHUNK) this.flush();
  }

  /** Writes what waits to be written to the file (nothing while the records are in memory). */
  flush(): void {
    if (this.pendingBytes === 0 || !this.file) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < chunk.length)
      done += writeSync(this.file.fd, chunk, done, chunk.length - done, this.written + done);
    this.written += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  read(ref: SpillRef): FileResult {
    return JSON.parse(this.readJson(ref)) as FileResult;
  }

  readJson(ref: SpillRef): string {
    if (this.kept) return this.kept[ref.index]!;
    this.flush();
    const length = this.lengths[ref.index]!;
    const offset = this.offsets[ref.index]!;
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.file!.fd, buffer, done, length - done, offset + done);
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
   * Every record's JSON text, in the order appended; from the file 64 KB at a time: each piece is decoded
   * up to its last line break at once (a line break byte is never inside a UTF-8 character) and split.
   */
  *lines(): Generator<string> {
    if (this.kept) {
      yield* this.kept;
      return;
    }
    this.flush();
    const fd = this.file!.fd;
    let position = 0;
    let carry = Buffer.alloc(0);
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const n = readSync(fd, buffer, 0, READ_CHUNK, position);
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
    this.kept = undefined;
    const file = this.file;
    if (!file) return;
    try {
      closeSync(file.fd);
    } finally {
      if (!file.removed) file.removed = removeQuietly(file.dir);
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
