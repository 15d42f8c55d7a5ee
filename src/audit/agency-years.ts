/**
 * @module The reports of a batch by agency and year, as digests: what the cross-year rules compare once
 * the whole batch has been read, and what the year-over-year tables show.
 *
 * Agencies are grouped by the name the report gives itself, compared as labels are (`labelKey`: full-
 * and half-width forms alike, no spaces), and shown as the first of its reports in the walk writes it.
 * When one agency has more than one report on a year (the same report as HTML and as text, say), each
 * of them is compared with the same report of the year before: the one whose path sorts first, so the
 * choice does not depend on the walk; and the batch's summary names them (`duplicates`).
 */
import { readFile } from 'node:fs/promises';
import { labelKey } from '../documents/label-key.js';
import type { ReportFormat } from '../domain/report/format.js';
import type { AnnualReport } from '../domain/report/model.js';
import { checkAgainstPreviousYear } from '../domain/report/validation/cross-year-rules.js';
import type { Finding } from '../domain/report/validation/finding.js';
import { checkIdenticalToPreviousYear } from '../domain/report/validation/identical-rule.js';
import { compareFigures, skeletonReport } from './digest.js';
import { DIFFERENCES_SHOWN, type DuplicateReport, differingCells } from './duplicates.js';

/** A file read again (rare: a suspected repeat, duplicates that differ); the readers load only then. */
async function readAgain(file: string) {
  const [{ readReport }, bytes] = await Promise.all([import('../documents/read-report.js'), readFile(file)]);
  return readReport(bytes);
}

import type { SpillRef } from './spill.js';
import type { ReportDigest } from './types.js';

export interface YearEntry {
  readonly file: string;
  /** The agency as its first report in the walk names it (the same object for all its reports), the year. */
  readonly agency: string;
  readonly year: number;
  readonly format: ReportFormat;
  /** Where the digest's numbers are in the pool, and how many. */
  readonly at: number;
  readonly count: number;
  readonly fingerprint: number;
  readonly flows: boolean;
  /** The file's status before the cross-year rules. */
  readonly clean: boolean;
  readonly spill?: SpillRef;
  /** Set when the cross-year rules found nothing against last year's report (`settle`): not run again. */
  crossYearClean?: true;
}

export interface YearPair {
  readonly agency: string;
  readonly year: number;
  readonly entry: YearEntry;
  readonly previous: YearEntry;
}

const byPath = (a: YearEntry, b: YearEntry) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

const POOL_CHUNK = 1 << 16;

/**
 * Every digest's numbers in shared chunks of 64K doubles: one small array per report would cost an
 * ArrayBuffer and its allocation (about 300 bytes) on top of the numbers.
 */
class NumberPool {
  private readonly chunks: Float64Array[] = [];
  private used = POOL_CHUNK;

  add(values: Float64Array): number {
    if (this.used + values.length > POOL_CHUNK) {
      this.chunks.push(new Float64Array(POOL_CHUNK));
      this.used = 0;
    }
    this.chunks.at(-1)!.set(values, this.used);
    const at = (this.chunks.length - 1) * POOL_CHUNK + this.used;
    this.used += values.length;
    return at;
  }

  view(at: number, count: number): Float64Array {
    const offset = at % POOL_CHUNK;
    return this.chunks[Math.floor(at / POOL_CHUNK)]!.subarray(offset, offset + count);
  }
}

/** The reports of one agency on one year; `first` is the one whose path sorts first. */
interface YearReports {
  readonly entries: YearEntry[];
  first: YearEntry;
}

interface Agency {
  /** As the first of its reports in the walk names it. */
  readonly name: string;
  readonly years: Map<number, YearReports>;
}

/** Two names are one agency when they match as labels do. */
export const agencyKey = (name: string): string => labelKey(name);

export class AgencyYears {
  /** By `agencyKey`. */
  private readonly agencies = new Map<string, Agency>();
  private readonly pool = new NumberPool();
  /** Repeats of last year confirmed by reading both files again: file → findings. */
  private readonly identical = new Map<string, Finding[]>();
  /** The last skeleton made of a previous year's report: one report is last year's for all its successors. */
  private lastSkeleton?: {
    readonly entry: YearEntry;
    readonly agency: string;
    readonly report: AnnualReport;
  };

  get size(): number {
    return this.agencies.size;
  }

  private yearsOf(agency: string): Map<number, YearReports> | undefined {
    const key = agencyKey(agency);
    return key === '' ? undefined : this.agencies.get(key)?.years;
  }

  add(digest: ReportDigest, file: string, clean: boolean, spill?: SpillRef): YearEntry {
    // A report that names no agency ("本局", "我镇") is nobody's previous or next year, nor a repeat of
    // another such report: each is an agency of its own.
    const named = agencyKey(digest.agency);
    const key = named === '' ? `\u0000${file}` : named;
    const agency = this.agencies.get(key) ?? { name: digest.agency, years: new Map<number, YearReports>() };
    this.agencies.set(key, agency);
    const { years } = agency;
    const { format, numbers, fingerprint, flows } = digest;
    const entry: YearEntry = {
      file,
      agency: agency.name,
      year: digest.year,
      format,
      at: this.pool.add(numbers),
      count: numbers.length,
      fingerprint,
      flows,
      clean,
      ...(spill ? { spill } : {}),
    };
    const reports = years.get(digest.year);
    if (!reports) years.set(digest.year, { entries: [entry], first: entry });
    else {
      reports.entries.push(entry);
      if (byPath(entry, reports.first) < 0) reports.first = entry;
    }
    return entry;
  }

  /** The report of the year before that the cross-year rules compare with. */
  previous(agency: string, year: number): YearEntry | undefined {
    return this.yearsOf(agency)?.get(year - 1)?.first;
  }

  /** The report of the year before that the cross-year rules compare `entry` with. */
  previousOf(entry: YearEntry): YearEntry | undefined {
    return this.previous(entry.agency, entry.year);
  }

  private numbers(entry: YearEntry): Float64Array {
    return this.pool.view(entry.at, entry.count);
  }

  /** Every report that has a report of the year before in the batch. */
  *pairs(): Generator<YearPair> {
    for (const { name: agency, years } of this.agencies.values()) {
      for (const [year, reports] of years) {
        const previous = this.previous(agency, year);
        if (!previous) continue;
        for (const entry of reports.entries) yield { agency, year, entry, previous };
      }
    }
  }

  /**
   * Confirms a suspected repeat of last year: the digests' fingerprints match, so both files are read
   * again (rare, and cheaper than keeping every report) and the domain rule decides on the full reports.
   */
  async confirmIdentical(pair: YearPair): Promise<void> {
    const { entry, previous } = pair;
    if (!entry.flows || entry.format !== previous.format || entry.fingerprint !== previous.fingerprint)
      return;
    try {
      const [now, last] = await Promise.all([entry.file, previous.file].map(readAgain));
      if (!now?.ok || !last?.ok) return;
      const findings = checkIdenticalToPreviousYear(now.report, last.report);
      if (findings.length > 0) this.identical.set(entry.file, findings);
    } catch {
      // The file changed or vanished since it was read: no claim is made about it.
    }
  }

  /**
   * The cross-year findings of a pair once the whole batch is read: a suspected repeat of last year
   * confirmed or not, then `crossYearFindings`; a pair with none is marked, so the outputs do not run
   * the rules on it again.
   */
  async settle(pair: YearPair): Promise<Finding[]> {
    await this.confirmIdentical(pair);
    const findings = this.crossYearFindings(pair);
    if (findings.length === 0) pair.entry.crossYearClean = true;
    return findings;
  }

  /** The cross-year findings of a pair (R6–R8 on the digests, and a confirmed repeat of last year). */
  crossYearFindings(pair: YearPair): Finding[] {
    const { agency, year, entry, previous } = pair;
    if (entry.crossYearClean) return [];
    const now = skeletonReport({ agency, year, format: entry.format, numbers: this.numbers(entry) });
    let memo = this.lastSkeleton;
    if (memo?.entry !== previous || memo.agency !== agency) {
      const report = skeletonReport({
        agency,
        year: year - 1,
        format: previous.format,
        numbers: this.numbers(previous),
      });
      memo = this.lastSkeleton = { entry: previous, agency, report };
    }
    return [...checkAgainstPreviousYear(now, memo.report), ...(this.identical.get(entry.file) ?? [])];
  }

  /** Agency names in Chinese collation order. */
  /** Every agency's key, by name in collation order (a report naming no agency is one of its own). */
  agencyKeys(): string[] {
    return [...this.agencies.entries()]
      .sort(([ka, a], [kb, b]) => a.name.localeCompare(b.name, 'zh-CN') || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .map(([key]) => key);
  }

  /** The agency's name as the first of its reports in the walk gives it ("" when none names it). */
  agencyName(key: string): string {
    return this.agencies.get(key)?.name ?? '';
  }

  /**
   * Every agency-year with more than one report: each later report (by path) against the one whose
   * path sorts first, by agency (collation order), year and path. Equal fingerprints settle that the
   * numbers agree; otherwise both files are read again (rare) to name the cells that differ.
   */
  async duplicates(): Promise<DuplicateReport[]> {
    const out: DuplicateReport[] = [];
    const agencies = [...this.agencies.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    for (const { name: agency, years } of agencies) {
      for (const year of [...years.keys()].sort((a, b) => a - b)) {
        const { first, entries } = years.get(year)!;
        for (const other of [...entries].sort(byPath)) {
          if (other === first || other.file === first.file) continue;
          // Equal fingerprints settle it without reading anything again (the usual case).
          out.push(
            this.agreeing(agency, year, first, other) ?? (await this.duplicate(agency, year, first, other)),
          );
        }
      }
    }
    return out;
  }

  private agreeing(
    agency: string,
    year: number,
    first: YearEntry,
    other: YearEntry,
  ): DuplicateReport | undefined {
    if (first.format !== other.format || first.fingerprint !== other.fingerprint) return undefined;
    return {
      agency,
      year,
      files: [first.file, other.file],
      formats: [first.format, other.format],
      numbersAgree: true,
      differingCells: 0,
      differences: [],
    };
  }

  private async duplicate(
    agency: string,
    year: number,
    first: YearEntry,
    other: YearEntry,
  ): Promise<DuplicateReport> {
    const base = {
      agency,
      year,
      files: [first.file, other.file] as const,
      formats: [first.format, other.format] as const,
    };
    try {
      const [a, b] = await Promise.all([first.file, other.file].map(readAgain));
      const read = (r: typeof a) => (r?.ok ? r.report : r?.error.partial?.report);
      const [ra, rb] = [read(a), read(b)];
      if (ra && rb) {
        const differences = differingCells(ra, rb);
        return {
          ...base,
          numbersAgree: differences.length === 0,
          differingCells: differences.length,
          differences: differences.slice(0, DIFFERENCES_SHOWN),
        };
      }
    } catch {
      // The file changed or vanished since it was read: nothing is claimed about its numbers.
    }
    return { ...base, numbersAgree: null, differingCells: null, differences: [] };
  }

  /** One agency's reports (by its key), by year and then path. */
  entriesOf(key: string): { year: number; entry: YearEntry }[] {
    const years = this.agencies.get(key)?.years;
    if (!years) return [];
    return [...years]
      .sort(([a], [b]) => a - b)
      .flatMap(([year, reports]) => [...reports.entries].sort(byPath).map((entry) => ({ year, entry })));
  }

  /**
   * The year-over-year figures of an agency with reports on two years or more: one column per year
   * (the report whose path sorts first when a year has several). Undefined without `--compare`.
   */
  comparison(key: string): { years: number[]; figures: number[][] } | undefined {
    const years = this.agencies.get(key)?.years;
    if (!years || years.size < 2) return undefined;
    const columns = [...years.keys()].sort((a, b) => a - b);
    const figures: number[][] = [];
    for (const year of columns) {
      const first = years.get(year)!.first;
      const values = compareFigures({ format: first.format, numbers: this.numbers(first) });
      if (!values) return undefined;
      figures.push(values);
    }
    return { years: columns, figures };
  }
}
