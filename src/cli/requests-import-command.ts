import type { Command } from 'commander';
import { type ImportSummary, importRegister, parseColumnMap, readRegisterTable } from '../ledger/index.js';
import { readInputFile } from './cli-files.js';
import { CliFailure, type CliIo, EXIT, processIo } from './cli-io.js';
import { parseId, type SetExit } from './cli-options.js';
import {
  cliOperator,
  DATABASE_FLAGS,
  DATABASE_HELP,
  databaseUrl,
  refused,
  withLedger,
} from './ledger-commands.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Rows checked before a progress line is worth showing. */
const PROGRESS_FROM_ROWS = 2000;

function summaryText(file: string, shape: string, s: ImportSummary, skipInvalid: boolean): string {
  const lines = [`台账 ${file}（${shape}）：共 ${s.rows} 行 (rows)`];
  const verb = s.written ? '已新增' : '可新增';
  lines.push(
    `${verb} ${s.created} 件，已在台账中 ${s.existing} 件（不重复导入），按台账办结 ${s.updated} 件 (new, already there, closed since)`,
  );
  if (s.skipped.length > 0)
    lines.push(
      `跳过 ${s.skipped.length} 行 (skipped)：${s.skipped.map((p) => `第 ${p.rowNumber} 行${p.reason.split('，')[0]}`).join('、')}`,
    );
  if (s.warnings.length > 0) {
    lines.push(`请核对 ${s.warnings.length} 行 (check these rows)：`);
    for (const p of s.warnings) lines.push(`  第 ${p.rowNumber} 行：${p.reason}`);
  }
  if (s.invalid.length > 0) {
    lines.push(`无效 ${s.invalid.length} 行 (invalid rows)：`);
    for (const p of s.invalid) lines.push(`  第 ${p.rowNumber} 行：${p.reason}`);
  }
  if (s.dryRun) lines.push('试运行，未写入数据库 (dry run: nothing written)');
  else if (s.written)
    lines.push(
      `已写入数据库 (written)${s.invalid.length > 0 ? '；无效行未导入 (invalid rows skipped)' : ''}`,
    );
  else if (s.invalid.length > 0 && !skipInvalid)
    lines.push(
      '有无效行，未导入任何记录；修正后重新导入，或用 --skip-invalid 只导入有效行 (nothing imported)',
    );
  else lines.push('没有需要写入的记录 (nothing to write)');
  return `${lines.join('\n')}\n`;
}

/** The `requests` command group, made by the first command registered under it. */
export function requestsCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'requests') ??
    program.command('requests').description('政府信息公开申请台账 (the request ledger)')
  );
}

export function registerRequestsImportCommand(program: Command, io: CliIo, setExit: SetExit): void {
  const requests = requestsCommand(program);

  requests
    .command('import')
    .description('导入申请台账（.xlsx 或 .csv）(import a request register)')
    .argument('<file>', '台账文件：.xlsx，或 UTF-8 / GBK 编码的 .csv (register file)')
    .requiredOption('--agency <id>', '机关编号 (agency id)')
    .option('--dry-run', '只检查，报告将导入什么，不写入 (check only, write nothing)')
    .option('--skip-invalid', '导入有效行，列出无效行 (import the valid rows, list the rest)')
    .option(
      '--map <mapping>',
      '列名映射，如 收到日期=受理时间,申请人=姓名（可重复）(header mapping DEFAULT=HEADER, repeatable)',
      collect,
    )
    .option('--sheet <name>', '工作表名称（默认第一个）(xlsx sheet; default the first)')
    .option('--json', '以 JSON 输出结果 (machine-readable result)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (
        file: string,
        options: {
          agency: string;
          dryRun?: boolean;
          skipInvalid?: boolean;
          map?: string[];
          sheet?: string;
          json?: boolean;
          database?: string;
        },
      ) => {
        const agencyId = parseId(options.agency, '--agency');
        const columnMap = parseColumnMap(options.map ?? []);
        if (!columnMap.ok) throw refused(columnMap.error);
        const table = await readRegisterTable(
          readInputFile(file, '台账文件'),
          options.sheet === undefined ? {} : { sheet: options.sheet },
        );
        if (!table.ok) throw new CliFailure(`${file}: ${table.error.message}`);
        const shape =
          table.value.shape === 'xlsx' ? 'Excel 工作簿' : `CSV，${table.value.encoding ?? 'utf-8'}`;

        const showProgress =
          io === processIo && process.stderr.isTTY === true && table.value.rows.length >= PROGRESS_FROM_ROWS;
        const onProgress = showProgress
          ? (done: number, total: number) =>
              io.stderr(`\r检查中 (checking) ${done}/${total} 行${done === total ? '\n' : ''}`)
          : undefined;
        const result = await withLedger(
          databaseUrl(options.database),
          options.dryRun ? 'read' : 'write',
          (storage) =>
            importRegister(storage, cliOperator(), table.value, {
              agencyId,
              dryRun: options.dryRun === true,
              skipInvalid: options.skipInvalid === true,
              columnMap: columnMap.value,
              source: file,
              ...(onProgress ? { onProgress } : {}),
            }),
        );
        if (!result.ok) {
          // The command line's way to say which column is which.
          const hint =
            result.error.code === 'import.missing-columns' ? '：用 --map 收到日期=文件中的列名 指定' : '';
          throw new CliFailure(`${file}: ${result.error.message}${hint}`);
        }
        const s = result.value;
        if (options.json)
          io.stdout(
            `${JSON.stringify(
              {
                file,
                agency: agencyId,
                rows: s.rows,
                created: s.created,
                existing: s.existing,
                updated: s.updated,
                invalid: s.invalid.map((p) => ({ row: p.rowNumber, reason: p.reason })),
                warnings: s.warnings.map((p) => ({ row: p.rowNumber, reason: p.reason })),
                skipped: s.skipped.map((p) => ({ row: p.rowNumber, reason: p.reason })),
                written: s.written,
                dryRun: s.dryRun,
              },
              null,
              2,
            )}\n`,
          );
        else io.stdout(summaryText(file, shape, s, options.skipInvalid === true));
        setExit(s.invalid.length > 0 && options.skipInvalid !== true ? EXIT.findings : EXIT.ok);
      },
    );
}
