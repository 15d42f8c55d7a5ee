import type { Command } from 'commander';
import {
  addHeaderSynonym,
  HEADER_KEY_WORDS,
  headerKeyOf,
  type ImportSummary,
  importRegister,
  listHeaderSynonyms,
  parseColumnMap,
  type RowListing,
  type RowStatus,
  readRegisterTable,
  removeHeaderSynonym,
} from '../ledger/index.js';
import { readInputFile } from './cli-files.js';
import { CliFailure, type CliIo, EXIT, processIo } from './cli-io.js';
import { parseId, type SetExit } from './cli-options.js';
import {
  cliOperator,
  DATABASE_FLAGS,
  DATABASE_HELP,
  databaseUrl,
  refused,
  requestsCommand,
  withLedger,
} from './ledger-session.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Rows checked before a progress line is worth showing. */
const PROGRESS_FROM_ROWS = 2000;

const STATUS_WORDS: Readonly<Record<RowStatus, string>> = {
  new: '新增 (new)',
  unchanged: '无变化 (unchanged)',
  changed: '更正 (changed)',
  invalid: '无效 (invalid)',
  skipped: '跳过 (skipped)',
};

/** One row of the register as the dry run lists it. */
function listingLine(l: RowListing): string {
  const what = l.fields?.length ? `：${l.fields.join('、')}` : l.reason ? `：${l.reason}` : '';
  const id = l.requestId ? `  ${l.requestId.slice(0, 8)}` : '';
  return `  第 ${l.rowNumber} 行  ${STATUS_WORDS[l.status]}${id}${what}`;
}

function summaryText(file: string, shape: string, s: ImportSummary, skipInvalid: boolean): string {
  const lines = [`台账 ${file}（${shape}）：共 ${s.rows} 行 (rows)`];
  const verb = s.written ? '已' : '可';
  lines.push(
    `${verb}新增 ${s.created} 件，已在台账中 ${s.existing} 件（不重复导入），${verb}按台账办结 ${s.updated} 件，${verb}按台账更正 ${s.corrected} 件 (new, already there, closed since, corrected)`,
  );
  if (s.dryRun) {
    lines.push('逐行 (every row)：');
    for (const l of s.listing) lines.push(listingLine(l));
  } else {
    const changed = s.listing.filter((l) => l.status === 'changed');
    if (changed.length > 0) {
      lines.push(`${verb}更正或办结 ${changed.length} 件 (changed)：`);
      for (const l of changed) lines.push(listingLine(l));
    }
  }
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

function registerHeadersCommands(requests: Command, io: CliIo, setExit: SetExit): void {
  const headers = requests
    .command('headers')
    .description('台账导入的表头同义词：列出、添加、删除 (the register importer’s header synonyms)');
  headers
    .command('list')
    .description('列出每一列可用的表头：内置的和管理员添加的 (list the headers of every column)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (options: { json?: boolean; database?: string }) => {
      const listed = await withLedger(databaseUrl(options.database), 'read', (storage) =>
        listHeaderSynonyms(storage, cliOperator()),
      );
      if (!listed.ok) throw refused(listed.error);
      if (options.json)
        io.stdout(
          `${JSON.stringify(
            listed.value.map((r) => ({
              column: r.key,
              columnLabel: r.column,
              header: r.header,
              builtIn: r.added === undefined,
              ...(r.added ? { addedBy: r.added.by, addedAt: r.added.at } : {}),
            })),
            null,
            2,
          )}\n`,
        );
      else {
        const byColumn = new Map<string, string[]>();
        for (const r of listed.value)
          byColumn.set(r.column, [
            ...(byColumn.get(r.column) ?? []),
            r.added ? `${r.header}（添加）` : r.header,
          ]);
        io.stdout(`${[...byColumn].map(([column, names]) => `${column}：${names.join('、')}`).join('\n')}\n`);
      }
      setExit(EXIT.ok);
    });
  headers
    .command('add')
    .description('添加表头：台账中该名称的列即为此列 (add a header for a column)')
    .argument('<column>', `本系统的列：${Object.values(HEADER_KEY_WORDS).join('、')} (column)`)
    .argument('<header>', '台账中使用的表头 (the header the registers use)')
    .option('--by <staff>', '操作人 (who)；默认 cli:<用户名>')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (column: string, header: string, options: { by?: string; database?: string }) => {
      const key = headerKeyOf(column);
      if (!key.ok) throw refused(key.error);
      const added = await withLedger(databaseUrl(options.database), 'write', (storage) =>
        addHeaderSynonym(storage, cliOperator(options.by?.trim() || undefined), key.value, header),
      );
      if (!added.ok) throw refused(added.error);
      io.stdout(`已添加：表头“${added.value.header}”即“${HEADER_KEY_WORDS[key.value]}”列 (header added)\n`);
      setExit(EXIT.ok);
    });
  headers
    .command('remove')
    .description('删除管理员添加的表头 (remove an added header)')
    .argument('<header>', '表头 (header)')
    .option('--by <staff>', '操作人 (who)；默认 cli:<用户名>')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (header: string, options: { by?: string; database?: string }) => {
      const removed = await withLedger(databaseUrl(options.database), 'write', (storage) =>
        removeHeaderSynonym(storage, cliOperator(options.by?.trim() || undefined), header),
      );
      if (!removed.ok) throw refused(removed.error);
      io.stdout(`已删除表头“${removed.value.header}”(header removed)\n`);
      setExit(EXIT.ok);
    });
}

export function registerRequestsImportCommand(program: Command, io: CliIo, setExit: SetExit): void {
  const requests = requestsCommand(program);
  registerHeadersCommands(requests, io, setExit);

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
                corrected: s.corrected,
                invalid: s.invalid.map((p) => ({ row: p.rowNumber, reason: p.reason })),
                warnings: s.warnings.map((p) => ({ row: p.rowNumber, reason: p.reason })),
                skipped: s.skipped.map((p) => ({ row: p.rowNumber, reason: p.reason })),
                listing: s.listing.map((l) => ({
                  row: l.rowNumber,
                  status: l.status,
                  ...(l.requestId ? { id: l.requestId } : {}),
                  ...(l.fields ? { fields: l.fields } : {}),
                  ...(l.reason ? { reason: l.reason } : {}),
                })),
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
