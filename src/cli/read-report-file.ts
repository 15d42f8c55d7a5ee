/** @module Reading a report file named on the command line; every failure names the file (and line). */
import { readFileSync, statSync } from 'node:fs';
import { readReport } from '../documents/read-report.js';
import type { ReportShape } from '../documents/read-result.js';
import type { AnnualReport } from '../domain/report/model.js';
import type { Finding } from '../domain/report/validation/finding.js';
import { CliFailure } from './cli-io.js';

export interface LoadedReport {
  readonly report: AnnualReport;
  readonly notes: readonly Finding[];
  readonly shape: ReportShape;
  readonly encoding?: string;
}

function fileBytes(path: string): Uint8Array {
  try {
    if (statSync(path).isDirectory())
      throw new CliFailure(`${path}: 这是一个目录，不是报告文件 (is a directory)`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliFailure(`${path}: 文件不存在 (no such file)`);
    if (code === 'EACCES') throw new CliFailure(`${path}: 没有读取权限 (permission denied)`);
    throw new CliFailure(`${path}: 无法读取 (cannot read): ${(e as Error).message}`);
  }
}

export async function loadReportFile(path: string): Promise<LoadedReport> {
  const result = await readReport(fileBytes(path));
  if (!result.ok) {
    const where = result.error.line === undefined ? path : `${path}:${result.error.line}`;
    throw new CliFailure(`${where}: ${result.error.message}`);
  }
  return result;
}
