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
