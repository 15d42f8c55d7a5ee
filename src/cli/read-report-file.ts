import { readReport } from '../documents/read-report.js';
import type { ReportShape } from '../documents/read-result.js';
import type { AnnualReport } from '../domain/report/model.js';
import type { Finding } from '../domain/report/validation/finding.js';
import { readInputFile } from './cli-files.js';
import { CliFailure } from './cli-io.js';

export interface LoadedReport {
  readonly report: AnnualReport;
  readonly notes: readonly Finding[];
  readonly shape: ReportShape;
  readonly encoding?: string;
}

export async function loadReportFile(path: string): Promise<LoadedReport> {
  const result = await readReport(readInputFile(path, '报告文件'));
  if (!result.ok) {
    const where = result.error.line === undefined ? path : `${path}:${result.error.line}`;
    throw new CliFailure(`${where}: ${result.error.message}`);
  }
  return result;
}

/**
 * A report file read for what it holds (`report parse --partial`): a whole report, or what a page cut
 * off before its end gave, with the reading notes saying what is missing; refused only when nothing
 * of a report was read.
 */
export async function loadPartialReport(
  path: string,
): Promise<{ readonly report: AnnualReport; readonly notes: readonly Finding[]; readonly whole: boolean }> {
  const result = await readReport(readInputFile(path, '报告文件'));
  if (result.ok) return { report: result.report, notes: result.notes, whole: true };
  if (result.error.partial) return { ...result.error.partial, whole: false };
  const where = result.error.line === undefined ? path : `${path}:${result.error.line}`;
  throw new CliFailure(`${where}: ${result.error.message}`);
}
