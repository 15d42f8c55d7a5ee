import type { Command } from 'commander';
import { findingJson } from '../documents/json/finding-json.js';
import type { ReportShape } from '../documents/read-result.js';
import {
  isRenderTarget,
  RENDER_TARGETS,
  type RenderTarget,
  renderReport,
  TARGET_EXTENSIONS,
  TEXT_TARGETS,
  targetOfFileName,
} from '../documents/render.js';
import { exampleReport } from '../domain/report/example.js';
import { FORMAT_NOTICE } from '../domain/report/format.js';
import type { AnnualReport } from '../domain/report/model.js';
import { type Finding, hasErrors } from '../domain/report/validation/finding.js';
import { RULES } from '../domain/report/validation/rule-catalogue.js';
import { validateReadReport, validateReport } from '../domain/report/validation/validate.js';
import { checkOutputFile, FORCE_FLAGS, FORCE_HELP, type WriteOptions, writeOutputFile } from './cli-files.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import { parseYear, type SetExit } from './cli-options.js';
import { loadPartialReport, loadReportFile } from './read-report-file.js';

/** How many cells of each table were read (blank cells count as read). */
function cellsRead(report: AnnualReport): { proactive: number; requests: number; reviewLitigation: number } {
  const count = (cells: readonly unknown[]) => cells.filter((v) => v !== undefined).length;
  return {
    proactive: Object.values(report.proactive).reduce((n, row) => n + count(Object.values(row)), 0),
    requests: Object.values(report.requests).reduce((n, row) => n + count(row ?? []), 0),
    reviewLitigation: Object.values(report.reviewLitigation).reduce((n, b) => n + count(Object.values(b)), 0),
  };
}

function nonZeroCells(report: AnnualReport): number {
  const values = [
    ...Object.values(report.proactive).flatMap((r) => Object.values(r)),
    ...Object.values(report.requests).flatMap((r) => r ?? []),
    ...Object.values(report.reviewLitigation).flatMap((b) => Object.values(b)),
  ];
  return values.filter((v) => v !== null && v !== undefined && Number(v) !== 0).length;
}

const SHAPE_NAMES: Readonly<Record<ReportShape, string>> = {
  text: '纯文本',
  json: 'JSON',
  html: 'HTML 网页',
  pdf: 'PDF',
  docx: 'Word（DOCX）',
  xlsx: 'Excel（XLSX）',
};

function summaryLines(file: string, report: AnnualReport, shape: ReportShape, encoding?: string): string {
  const read = cellsRead(report);
  const total = read.proactive + read.requests + read.reviewLitigation;
  const nonZero = nonZeroCells(report);
  return [
    `报告：${report.agency} ${report.year} 年度政府信息公开工作年度报告`,
    `文件：${file}（${SHAPE_NAMES[shape]}${encoding ? `，${encoding}` : ''}）`,
    `格式：${report.format} 年格式（${FORMAT_NOTICE[report.format]}）　发布日期：${report.publishedOn ?? '未注明'}`,
    `读到数字：第二部分 ${read.proactive} 个，第三部分 ${read.requests} 个，第四部分 ${read.reviewLitigation} 个；共 ${total} 个，${nonZero === 0 ? '全部为 0' : `其中非零 ${nonZero} 个`}`,
  ].join('\n');
}

/** What a report FILE may be: the readers judge the shape from the content. */
const REPORT_FILE_HELP =
  '报告文件：纯文本、HTML、PDF、DOCX、XLSX 或 JSON，按内容识别 (text, HTML, PDF, DOCX, XLSX or JSON, told by content)';

/**
 * The format to render, checked before any work: `--to FORMAT`, else the extension of -o FILE (.docx,
 * .pdf …); a known extension that contradicts --to is refused, and so is a binary format onto a
 * terminal. With `write`, -o FILE is checked too (exists without --force, is the input …), so that a
 * render of several seconds is not done for nothing.
 */
export function renderTargetOf(
  to: string | undefined,
  output: string | undefined,
  io: CliIo,
  write?: WriteOptions,
): RenderTarget {
  const extensions = RENDER_TARGETS.flatMap((t) => TARGET_EXTENSIONS[t]).join(' ');
  const named = output === undefined ? undefined : targetOfFileName(output);
  let target: RenderTarget;
  if (to === undefined) {
    if (output === undefined)
      throw new CliFailure(`请用 --to 指定输出格式 (give --to FORMAT)：${RENDER_TARGETS.join('|')}`);
    if (!named)
      throw new CliFailure(
        `-o ${output}: 无法从扩展名判断输出格式，请用 --to 指定；可识别的扩展名 (known extensions): ${extensions}`,
      );
    target = named;
  } else {
    if (!isRenderTarget(to))
      throw new CliFailure(`--to ${to}: 不支持的格式，可选 ${RENDER_TARGETS.join('|')} (unknown format)`);
    if (named && named !== to)
      throw new CliFailure(
        `-o ${output}: 扩展名表示 ${named} 格式，与 --to ${to} 不符 (the extension contradicts --to)；请改正其中一个`,
      );
    target = to;
  }
  if (!output && !TEXT_TARGETS.has(target) && io.stdoutIsTerminal)
    throw new CliFailure(`--to ${target} 是二进制格式，请用 -o 指定输出文件 (binary output needs -o FILE)`);
  if (output !== undefined && write) checkOutputFile(output, write);
  return target;
}

/** The report rendered into -o FILE (said on stderr), else onto stdout. */
export async function writeRendered(
  report: AnnualReport,
  target: RenderTarget,
  output: string | undefined,
  io: CliIo,
  write: WriteOptions = {},
): Promise<void> {
  const bytes = await renderReport(report, target);
  if (output) {
    writeOutputFile(output, bytes, write);
    io.stderr(`已写入 ${output}（${bytes.length} 字节）(written)\n`);
  } else io.stdout(new TextDecoder().decode(bytes));
}

export function registerReportCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const report = program
    .command('report')
    .description('年度报告：检查、解析、生成 (annual reports: check, parse, render)');

  report
    .command('check')
    .description('读取并检查年度报告的勾稽关系等规则 (read a report and check every rule)')
    .argument('<file>', REPORT_FILE_HELP)
    .option('--previous <file>', '上一年度的报告，用于跨年度检查 (last year’s report, for cross-year rules)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option('--strict', '有警告也返回 1 (warnings fail too)')
    .action(async (file: string, options: { previous?: string; json?: boolean; strict?: boolean }) => {
      const loaded = await loadReportFile(file);
      const previous = options.previous ? (await loadReportFile(options.previous)).report : undefined;
      const findings = validateReadReport(loaded.report, loaded.notes, previous ? { previous } : {});
      const failed =
        hasErrors(findings) || (options.strict === true && findings.some((f) => f.severity === 'warning'));
      const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
      if (options.json) {
        io.stdout(
          `${JSON.stringify(
            {
              file,
              agency: loaded.report.agency,
              year: loaded.report.year,
              format: loaded.report.format,
              publishedOn: loaded.report.publishedOn,
              shape: loaded.shape,
              encoding: loaded.encoding,
              cellsRead: cellsRead(loaded.report),
              summary: { errors: count('error'), warnings: count('warning'), info: count('info') },
              passed: !failed,
              findings: findings.map(findingJson),
            },
            null,
            2,
          )}\n`,
        );
      } else {
        io.stdout(`${summaryLines(file, loaded.report, loaded.shape, loaded.encoding)}\n`);
        if (findings.length === 0) {
          io.stdout('结果：未发现问题 (no findings)\n');
        } else {
          io.stdout((await import('./findings-table.js')).findingsTable(findings, loaded.report));
          io.stdout(
            `结果：错误 ${count('error')} 项，警告 ${count('warning')} 项，提示 ${count('info')} 项 (errors, warnings, notes)${failed ? '' : '，检查通过'}\n`,
          );
        }
      }
      setExit(failed ? EXIT.findings : EXIT.ok);
    });

  report
    .command('parse')
    .description('把报告读成年度报告 JSON (read a report into report JSON)')
    .argument('<file>', REPORT_FILE_HELP)
    .option('--json', '输出 JSON（默认）(JSON output, the default)')
    .option(
      '--partial',
      '页面不完整时输出已读到的部分，读取说明放在 findings 中 (print what a cut-off page holds, reading notes in findings)',
    )
    .action(async (file: string, options: { partial?: boolean }) => {
      if (options.partial) {
        const read = await loadPartialReport(file);
        const { renderJson } = await import('../documents/json/report-json.js');
        const model = JSON.parse(renderJson(read.report)) as Record<string, unknown>;
        io.stdout(`${JSON.stringify({ ...model, findings: read.notes.map(findingJson) }, null, 2)}\n`);
        if (!read.whole)
          io.stderr(`警告 (warning): ${file}: 页面不完整，只输出已读到的部分 (partial report)\n`);
        setExit(EXIT.ok);
        return;
      }
      const loaded = await loadReportFile(file);
      for (const note of loaded.notes) io.stderr(`警告 (warning): ${file}: ${note.message}\n`);
      io.stdout((await import('../documents/json/report-json.js')).renderJson(loaded.report));
      setExit(EXIT.ok);
    });

  report
    .command('render')
    .description(`生成官方版式的文档 (render the official layout): ${RENDER_TARGETS.join('|')}`)
    .argument('<file>', REPORT_FILE_HELP)
    .option(
      '--to <format>',
      `输出格式；省略时按 -o 文件的扩展名 (output format; default: the extension of -o): ${RENDER_TARGETS.join('|')}`,
    )
    .option('-o, --output <file>', '输出文件；省略时写到标准输出 (output file; stdout when omitted)')
    .option(FORCE_FLAGS, FORCE_HELP)
    .action(async (file: string, options: { to?: string; output?: string; force?: boolean }) => {
      const write = { inputs: [file], force: options.force === true };
      const target = renderTargetOf(options.to, options.output, io, write);
      const loaded = await loadReportFile(file);
      const findings = validateReport(loaded.report);
      if (hasErrors(findings)) {
        io.stderr(
          `警告 (warning): ${file} 有 ${findings.filter((f) => f.severity === 'error').length} 项错误，照原样生成；请用 gongkai report check 查看\n`,
        );
      }
      await writeRendered(loaded.report, target, options.output, io, write);
      setExit(EXIT.ok);
    });

  report
    .command('example')
    .description('生成一份示例报告（JSON）(write an example report as JSON)')
    .option('--year <year>', '报告年度 (report year)', String(new Date().getFullYear() - 1))
    .option('--agency <name>', '机关名称 (agency name)')
    .option('-o, --output <file>', '输出文件；省略时写到标准输出 (output file; stdout when omitted)')
    .option(FORCE_FLAGS, FORCE_HELP)
    .action(async (options: { year: string; agency?: string; output?: string; force?: boolean }) => {
      const { renderJson } = await import('../documents/json/report-json.js');
      const json = renderJson(exampleReport(parseYear(options.year), options.agency));
      if (options.output) {
        writeOutputFile(options.output, new TextEncoder().encode(json), { force: options.force === true });
        io.stderr(`已写入 ${options.output} (written)\n`);
      } else {
        io.stdout(json);
      }
      setExit(EXIT.ok);
    });

  report
    .command('rules')
    .description('列出全部检查规则 (list every rule)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .action((options: { json?: boolean }) => {
      if (options.json) {
        io.stdout(`${JSON.stringify(RULES, null, 2)}\n`);
      } else {
        for (const [id, rule] of Object.entries(RULES)) {
          io.stdout(
            `${id}\t${rule.severity}\t${rule.title}\n\t\t${rule.titleEn}\n\t\t依据 (basis): ${rule.basis}\n`,
          );
        }
      }
      setExit(EXIT.ok);
    });
}
