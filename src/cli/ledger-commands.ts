import type { Command } from 'commander';
import { decodeReportBytes } from '../documents/decode.js';
import { parseReportFill } from '../documents/json/report-fill.js';
import { RENDER_TARGETS } from '../documents/render.js';
import { applyFill, fillTemplate } from '../domain/report/fill.js';
import { hasErrors } from '../domain/report/validation/finding.js';
import { validateReport } from '../domain/report/validation/validate.js';
import {
  AGENCY_KINDS,
  type AgencyNode,
  addAgency,
  agencyTree,
  buildAnnualReport,
  completeReportYear,
  DEFAULT_AGENCY_KIND,
  explainReportCell,
  todayInChina,
} from '../ledger/index.js';
import { FORCE_FLAGS, FORCE_HELP, readInputFile, writeOutputFile } from './cli-files.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import { parseId, parseYear, type SetExit } from './cli-options.js';
import {
  cliOperator,
  DATABASE_FLAGS,
  DATABASE_HELP,
  databaseUrl,
  refused,
  withLedger,
} from './ledger-session.js';
import { loadReportFile } from './read-report-file.js';
import { renderTargetOf, writeRendered } from './report-commands.js';

/** A text file named on the command line, decoded as the report readers decode (UTF-8, UTF-16, GB18030). */
function decodedText(path: string, what: string): string {
  const decoded = decodeReportBytes(readInputFile(path, what));
  if (!decoded.ok) throw new CliFailure(`${path}: ${decoded.message}`);
  return decoded.text;
}

function agencyJson(node: AgencyNode): unknown {
  return {
    id: node.id,
    name: node.name,
    kind: node.kind,
    code: node.code,
    parentId: node.parentId,
    children: node.children.map(agencyJson),
  };
}

function agencyLines(nodes: readonly AgencyNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.id}  ${n.name}（${n.kind}）${n.code ? `  代码 ${n.code}` : ''}`,
    ...agencyLines(n.children, depth + 1),
  ]);
}

function registerAgencyCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const agency = program.command('agency').description('机关：添加、列出 (agencies: add, list)');

  agency
    .command('add')
    .description('添加机关，输出新机关的编号 (add an agency; prints its id)')
    .argument('<name>', '机关名称 (agency name)')
    .option('--parent <id>', '上级机关编号 (parent agency id)')
    .option('--code <code>', '统一社会信用代码或内部代码，不可重复 (unique code)')
    .option(
      '--kind <kind>',
      `层级：${AGENCY_KINDS.filter((k) => k !== DEFAULT_AGENCY_KIND).join('、')} (level)；默认 ${DEFAULT_AGENCY_KIND}`,
    )
    .option('--json', '以 JSON 输出 {"id": …} (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (
        name: string,
        options: { parent?: string; code?: string; kind?: string; json?: boolean; database?: string },
      ) => {
        const parentId = options.parent === undefined ? undefined : parseId(options.parent, '--parent');
        const added = await withLedger(databaseUrl(options.database), 'write', (storage) =>
          addAgency(storage, cliOperator(), {
            name,
            ...(parentId !== undefined ? { parentId } : {}),
            ...(options.code !== undefined ? { code: options.code } : {}),
            ...(options.kind !== undefined ? { kind: options.kind } : {}),
          }),
        );
        if (!added.ok) throw refused(added.error);
        io.stdout(options.json ? `${JSON.stringify({ id: added.value.id })}\n` : `${added.value.id}\n`);
        io.stderr(`已添加机关 ${added.value.name}，编号 ${added.value.id} (agency added)\n`);
        setExit(EXIT.ok);
      },
    );

  agency
    .command('list')
    .description('按层级列出全部机关 (list every agency as a tree)')
    .option('--json', '以 JSON 输出（树）(machine-readable tree)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (options: { json?: boolean; database?: string }) => {
      const tree = await withLedger(databaseUrl(options.database), 'read', agencyTree);
      if (options.json) io.stdout(`${JSON.stringify(tree.map(agencyJson), null, 2)}\n`);
      else if (tree.length === 0) io.stdout('尚无机关 (no agencies)\n');
      else io.stdout(`${agencyLines(tree).join('\n')}\n`);
      setExit(EXIT.ok);
    });
}

function registerReportLedgerCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const report = program.commands.find((c) => c.name() === 'report');
  if (!report) throw new Error('the report command must be registered first');

  report
    .command('build')
    .description('由申请台账生成年度报告 (build the annual report from the request ledger)')
    .requiredOption('--agency <id>', '机关编号 (agency id)')
    .requiredOption('--year <year>', '报告年度 (report year)')
    .option('--json', '输出年度报告 JSON (report JSON on stdout)')
    .option('--to <format>', `生成文档 (render): ${RENDER_TARGETS.filter((t) => t !== 'json').join('|')}`)
    .option('-o, --output <file>', '输出文件 (output file)')
    .option(
      '--verify',
      '按办理规则重放每件申请的全部事件，列出不计入的记录（较慢）(replay every log by the rules)',
    )
    .option(
      '--fill <file>',
      '台账之外的部分：第一、五、六部分文字、第二部分数字、发布日期（部分报告 JSON）(the parts the ledger does not hold)',
    )
    .option('--fill-template', '输出填写文件模板 JSON，可再用 --fill 读入 (write a fill file to start from)')
    .option('--previous <file>', '--fill-template：上年度报告，沿用其文字和存量数字 (last year’s report)')
    .option(FORCE_FLAGS, FORCE_HELP)
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (options: {
        agency: string;
        year: string;
        json?: boolean;
        to?: string;
        output?: string;
        verify?: boolean;
        fill?: string;
        fillTemplate?: boolean;
        previous?: string;
        force?: boolean;
        database?: string;
      }) => {
        const agencyId = parseId(options.agency, '--agency');
        const year = parseYear(options.year);
        const thisYear = Number(todayInChina().slice(0, 4));
        if (year > thisYear)
          throw new CliFailure(`--year ${year}: 报告年度尚未开始，不能生成 (a future year)`);
        if (options.fillTemplate && (options.fill || options.to || options.json))
          throw new CliFailure(
            '--fill-template 只输出模板，不能与 --fill、--to、--json 同用 (--fill-template stands alone)',
          );
        if (options.previous && !options.fillTemplate)
          throw new CliFailure('--previous 只用于 --fill-template (--previous goes with --fill-template)');
        if (options.json && options.to && options.to !== 'json')
          throw new CliFailure('--json 与 --to 不能同时使用 (--json and --to exclude each other)');
        const to = options.json ? 'json' : options.to;
        const write = {
          force: options.force === true,
          inputs: [options.fill, options.previous].filter((f): f is string => f !== undefined),
        };
        // Without --to, -o FILE.docx names the format by its extension (the template is always JSON).
        const target =
          options.fillTemplate || (to === undefined && options.output === undefined)
            ? undefined
            : renderTargetOf(to, options.output, io, write);

        const fillText = options.fill === undefined ? undefined : decodedText(options.fill, '填写文件');
        const previous =
          options.previous === undefined ? undefined : (await loadReportFile(options.previous)).report;
        const built = await withLedger(databaseUrl(options.database), 'read', (storage) =>
          buildAnnualReport(storage, cliOperator(), agencyId, year, { verify: options.verify === true }),
        );
        if (!built.ok) throw refused(built.error);
        if (year === thisYear)
          io.stderr(`警告 (warning): ${year} 年度尚未结束，报告中的数字还会变化 (the year is not over)\n`);
        if (options.fillTemplate) {
          const template = {
            year,
            format: built.value.report.format,
            agency: built.value.report.agency,
            ...fillTemplate(built.value.report, previous),
          };
          const json = `${JSON.stringify(template, null, 2)}\n`;
          if (options.output) writeOutputFile(options.output, new TextEncoder().encode(json), write);
          else io.stdout(json);
          io.stderr(
            `已生成 ${year} 年度填写文件模板${previous ? `（沿用 ${previous.year} 年度报告的文字和存量数字）` : ''}；填好后用 --fill 读入 (fill template written)\n`,
          );
          setExit(EXIT.ok);
          return;
        }
        let report = built.value.report;
        if (fillText !== undefined) {
          const fill = parseReportFill(fillText, { year, format: report.format });
          if (!fill.ok) throw new CliFailure(`${options.fill}: ${fill.message}`);
          report = applyFill(report, fill.fill);
          // What the catalogue counts is the catalogue's, as sections 三 and 四 are the ledger's.
          const fromCatalogue = built.value.fromCatalogue;
          const overridden = Object.keys(fromCatalogue).filter(
            (row) => fill.fill.proactive?.[row] !== undefined,
          );
          if (overridden.length > 0)
            io.stderr(
              `警告 (warning): 填写文件中的${overridden.map((r) => (r === 'rules' ? '“规章”' : '“规范性文件”')).join('、')}行未采用：按政府信息公开目录统计 (counted from the catalogue)\n`,
            );
          report = { ...report, proactive: { ...report.proactive, ...fromCatalogue } };
        }
        const { excluded } = built.value;
        for (const x of excluded)
          io.stderr(`警告 (warning): ${x.id} 未计入报告 (left out): ${x.refusal.message}\n`);
        for (const f of built.value.findings) io.stderr(`警告 (warning): ${f.rule}：${f.message}\n`);
        const findings = validateReport(report);
        if (hasErrors(findings)) {
          const errors = findings.filter((f) => f.severity === 'error');
          io.stderr(`警告 (warning): 生成的报告有 ${errors.length} 项错误 (errors in the report)：\n`);
          for (const f of errors.slice(0, 20)) io.stderr(`  ${f.rule}：${f.message}\n`);
          if (errors.length > 20)
            io.stderr(`  ……另有 ${errors.length - 20} 项，请用 gongkai report check 查看\n`);
        }

        if (target) {
          await writeRendered(report, target, options.output, io, write);
        } else {
          const row = (key: 'new' | 'carriedOver' | 'total' | 'carriedForward') =>
            report.requests[key]?.[6] ?? 0;
          const block = (key: 'review' | 'litigationDirect' | 'litigationAfterReview') =>
            report.reviewLitigation[key].total ?? 0;
          io.stdout(
            `${[
              `报告：${report.agency} ${report.year} 年度（${report.format} 年格式），由申请台账生成 (built from the ledger)`,
              `第三部分：本年新收 ${row('new')} 件，上年结转 ${row('carriedOver')} 件，本年办结 ${row('total')} 件，结转下年度 ${row('carriedForward')} 件`,
              `第四部分：行政复议 ${block('review')} 件，直接起诉 ${block('litigationDirect')} 件，复议后起诉 ${block('litigationAfterReview')} 件`,
              excluded.length > 0
                ? `未计入 ${excluded.length} 条记录（见上方警告）(left out)`
                : '全部记录均已计入 (every record counted)',
              `用 --json 输出 JSON，--to ${RENDER_TARGETS.filter((t) => t !== 'json').join('|')} -o 文件 生成文档`,
            ].join('\n')}\n`,
          );
        }
        setExit(EXIT.ok);
      },
    );

  report
    .command('complete')
    .description(
      '标记年度报告已完成（定稿）：此后改变该年度数字的更正须确认，并列入该年度报告的发现 (mark a report year complete)',
    )
    .requiredOption('--agency <id>', '机关编号 (agency id)')
    .requiredOption('--year <year>', '报告年度 (report year)')
    .option('--by <staff>', '审核人 (who marks it)；默认 cli:<用户名>')
    .option('--json', '以 JSON 输出 {"agency","year","completedBy"} (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (options: { agency: string; year: string; by?: string; json?: boolean; database?: string }) => {
        const agencyId = parseId(options.agency, '--agency');
        const year = parseYear(options.year);
        const actor = cliOperator(options.by === undefined ? undefined : options.by.trim() || undefined);
        const completed = await withLedger(databaseUrl(options.database), 'write', (storage) =>
          completeReportYear(storage, actor, agencyId, year),
        );
        if (!completed.ok) throw refused(completed.error);
        const c = completed.value;
        io.stdout(
          options.json
            ? `${JSON.stringify({ agency: c.agencyId, year: c.year, completedBy: c.completedBy })}\n`
            : `${c.year} 年度报告已标记完成 (report year marked complete)；此后改变其数字的更正须加 --confirm-completed-year\n`,
        );
        setExit(EXIT.ok);
      },
    );

  report
    .command('explain')
    .description('列出报告某一单元格计入的申请或案件 (list the requests or cases counted in a cell)')
    .requiredOption('--agency <id>', '机关编号 (agency id)')
    .requiredOption('--year <year>', '报告年度 (report year)')
    .requiredOption(
      '--cell <row.column>',
      '单元格，如 granted.natural、denied.stateSecret.total、review.upheld',
    )
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (options: { agency: string; year: string; cell: string; json?: boolean; database?: string }) => {
        const agencyId = parseId(options.agency, '--agency');
        const year = parseYear(options.year);
        const explained = await withLedger(databaseUrl(options.database), 'read', (storage) =>
          explainReportCell(storage, cliOperator(), agencyId, year, options.cell),
        );
        if (!explained.ok) throw refused(explained.error);
        const x = explained.value;
        if (options.json) {
          io.stdout(`${JSON.stringify(x, null, 2)}\n`);
        } else {
          const what = x.cell.section === '三' ? '件申请 (requests)' : '件案件 (cases)';
          io.stdout(
            `${x.agency} ${x.year} 年度 第${x.cell.section}部分 ${x.rowLabel} · ${x.columnLabel}：${x.value} ${what}\n`,
          );
          for (const item of x.items) io.stdout(`${item.line}\n`);
        }
        setExit(EXIT.ok);
      },
    );
}

export function registerLedgerCommands(program: Command, io: CliIo, setExit: SetExit): void {
  registerAgencyCommands(program, io, setExit);
  registerReportLedgerCommands(program, io, setExit);
}
