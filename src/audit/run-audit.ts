/**
 * @module A batch audit, start to end: walk the PATHs lazily → read and validate each file in worker
 * threads (pool.ts; each file bounded in time and memory) → keep only small aggregates and one digest
 * per agency-year → once every file is read, run the cross-year rules on consecutive years of each
 * agency, and name the agency-years read twice (duplicates.ts) → summary.
 *
 * Memory: per file, what stays is a digest of a few hundred bytes (digest.ts); results go to the spill
 * (only when an output needs them: `keepResults`; in memory up to 64 MB, then a temporary file) and are
 * read back, completed with their cross-year findings, one at a time by `results()` and `agencyFiles()`.
 */

import { AgencyYears, type YearEntry } from './agency-years.js';
import { completedLine, fileJsonText } from './file-json.js';
import { DEFAULT_LIMITS, type FileLimits, statusOf } from './file-status.js';
import { auditInWorkers } from './pool.js';
import { Spill, type SpillRef } from './spill.js';
import { type AuditSummary, Tally } from './tally.js';
import type { AuditedFile, FileBrief, FileResult } from './types.js';
import { type WalkItem, walkReportFiles } from './walk.js';

/** Batches up to this many files get one worker even with more cores: a worker takes time to start. */
const WORKER_THRESHOLD = 200;

export interface AuditOptions {
  readonly paths: readonly string[];
  /** Worker threads to read with. */
  readonly jobs: number;
  /** `auto`: `jobs` workers for batches of more than WORKER_THRESHOLD files, else one; `always`: `jobs`. */
  readonly workers: 'auto' | 'always';
  /** How long one file may take and how much memory (default `DEFAULT_LIMITS`). */
  readonly limits?: FileLimits;
  /** Keep the year-over-year figures (`--compare`). */
  readonly compare: boolean;
  /** Spill the per-file results for `results()` / `agencyFiles()` (JSON, CSV, HTML). */
  readonly keepResults: boolean;
  /** Absolute paths never read (the audit's own output). */
  readonly exclude?: ReadonlySet<string>;
  /** Called for each file as it is done, in walk order, before the cross-year rules. */
  readonly onFile?: (file: FileBrief, done: number) => void;
}

async function* chain<T>(head: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

export class AuditRun {
  constructor(
    readonly summary: AuditSummary,
    private readonly store: AgencyYears,
    private readonly spill: Spill | undefined,
    private readonly unreadableRefs: readonly SpillRef[],
    /** For each spilled result in order, its digest entry (undefined for an unreadable file). */
    private readonly entries: readonly (YearEntry | undefined)[],
  ) {}

  /** A spilled result completed with its cross-year findings; `entry` is its digest (none if unreadable). */
  private complete(result: FileResult, entry: YearEntry | undefined): FileResult {
    const previous = entry && this.store.previousOf(entry);
    if (!entry || !previous) return result;
    const more = this.store.crossYearFindings({ agency: entry.agency, year: entry.year, entry, previous });
    const findings = [...result.findings, ...more];
    return { ...result, status: statusOf(findings), findings, previousFile: previous.file };
  }

  /** Every file's line of the `--json` document, in walk order: `fileJsonText` of `results()`. */
  *jsonLines(): Generator<string> {
    let i = 0;
    for (const line of this.spilled().lines()) {
      const entry = this.entries[i++];
      const previous = entry && this.store.previousOf(entry);
      if (!entry || !previous) {
        yield line;
        continue;
      }
      const more = this.store.crossYearFindings({ agency: entry.agency, year: entry.year, entry, previous });
      yield completedLine(line, previous.file, more) ??
        fileJsonText(this.complete(JSON.parse(line) as FileResult, entry));
    }
  }

  private spilled(): Spill {
    if (!this.spill) throw new Error('results were not kept: run with keepResults');
    return this.spill;
  }

  /** Every file's result, in walk order. */
  *results(): Generator<FileResult> {
    let i = 0;
    for (const result of this.spilled().all()) yield this.complete(result, this.entries[i++]);
  }

  /** The agencies' keys, by name (agencyName gives the name to show). */
  agencyKeys(): string[] {
    return this.store.agencyKeys();
  }

  agencyName(key: string): string {
    return this.store.agencyName(key);
  }

  /** One agency's results, by year and then path. */
  *agencyFiles(key: string): Generator<FileResult> {
    const spill = this.spilled();
    for (const { entry } of this.store.entriesOf(key)) {
      if (entry.spill) yield this.complete(spill.read(entry.spill), entry);
    }
  }

  *unreadableFiles(): Generator<FileResult> {
    const spill = this.spilled();
    for (const ref of this.unreadableRefs) yield spill.read(ref);
  }

  comparison(key: string): { years: number[]; figures: number[][] } | undefined {
    return this.store.comparison(key);
  }

  close(): void {
    this.spill?.close();
  }
}

export async function runAudit(options: AuditOptions): Promise<AuditRun> {
  const counters = { skipped: 0 };
  const tally = new Tally();
  const store = new AgencyYears();
  const spill = options.keepResults ? new Spill() : undefined;
  const unreadableRefs: SpillRef[] = [];
  const entries: (YearEntry | undefined)[] = [];
  const fileOptions = { compare: options.compare };
  const limits = options.limits ?? DEFAULT_LIMITS;
  let done = 0;
  const emit = ({ json, brief, digest }: AuditedFile) => {
    tally.addFile(brief);
    const ref = spill?.appendJson(json);
    const entry = digest ? store.add(digest, brief.file, brief.status === 'clean', ref) : undefined;
    if (ref) {
      entries.push(entry);
      if (!entry) unreadableRefs.push(ref);
    }
    options.onFile?.(brief, ++done);
  };

  try {
    const walk = walkReportFiles(
      options.paths,
      counters,
      options.exclude ? { exclude: options.exclude } : {},
    );
    const pool = { file: fileOptions, limits };
    if (options.workers === 'always' || options.jobs <= 1) {
      await auditInWorkers(walk, { ...pool, jobs: Math.max(1, options.jobs) }, emit);
    } else {
      // Look ahead just far enough to know whether the batch is large enough for more than one worker.
      const head: WalkItem[] = [];
      let next = await walk.next();
      while (!next.done) {
        head.push(next.value);
        if (head.length > WORKER_THRESHOLD) break;
        next = await walk.next();
      }
      const jobs = head.length > WORKER_THRESHOLD ? options.jobs : 1;
      await auditInWorkers(chain(head, walk), { ...pool, jobs }, emit);
    }

    for (const pair of store.pairs()) {
      tally.yearPairs++;
      const findings = await store.settle(pair);
      if (findings.length > 0) tally.addLaterFindings(findings, pair.entry.clean);
    }
    const duplicates = await store.duplicates();
    spill?.flush();
    return new AuditRun(
      tally.summary({ skipped: counters.skipped, agencies: store.size, duplicates }),
      store,
      spill,
      unreadableRefs,
      entries,
    );
  } catch (error) {
    spill?.close();
    throw error;
  }
}
