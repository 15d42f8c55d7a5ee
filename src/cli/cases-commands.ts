/**
 * @module `gongkai cases add|close`: the register of 行政复议 and 行政诉讼 cases brought over a
 * request, which section 四 of `report build` counts. The ledger checks by the domain's rules and
 * audits; this file parses options and prints. The command line is a contract (docs/cli.md).
 */
import type { Command } from 'commander';
import { REVIEW_BLOCKS } from '../domain/report/labels.js';
import { CASE_RESULT_LABELS, type CaseResult } from '../domain/requests/cases.js';
import {
  addCase,
  CASE_KIND_LABELS,
  closeCase,
  resolveCaseId,
  resolveRequestId,
  withdrawCase,
} from '../ledger/index.js';
import type { CaseKind } from '../storage/index.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import { DATE_FORMS, fold, nonEmpty, parseDateOption, type SetExit } from './cli-options.js';
import {
  CONFIRM_COMPLETED_YEAR,
  CONFIRM_COMPLETED_YEAR_HELP,
  cliOperator,
  DATABASE_FLAGS,
  DATABASE_HELP,
  databaseUrl,
  refused,
  withLedger,
} from './ledger-session.js';

/** 复议 / 直接起诉 / 复议后起诉, or the block's name in section 四 (行政复议, 未经复议直接起诉). */
const KINDS = new Map<string, CaseKind>([
  ...(Object.entries(CASE_KIND_LABELS) as [CaseKind, string][]).map(([k, label]) => [label, k] as const),
  ...REVIEW_BLOCKS.map((b) => [b.label, b.key] as const),
]);

function parseKind(text: string): CaseKind {
  const kind = KINDS.get(fold(text));
  if (!kind)
    throw new CliFailure(
      `--kind ${text}: 应为 ${Object.values(CASE_KIND_LABELS).join('、')} 之一 (case kind)`,
    );
  return kind;
}

type ClosedResult = Exclude<CaseResult, 'pending'>;
const RESULTS = new Map<string, ClosedResult>(
  (['upheld', 'corrected', 'other'] as const).flatMap((r) => [
    [CASE_RESULT_LABELS[r], r] as const,
    [`结果${CASE_RESULT_LABELS[r]}`, r] as const,
  ]),
);

function parseResult(text: string): ClosedResult {
  const result = RESULTS.get(fold(text));
  if (!result) throw new CliFailure(`--result ${text}: 应为 维持、纠正 或 其他 (case result)`);
  return result;
}

export function registerCasesCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const cases = program
    .command('cases')
    .description('行政复议、行政诉讼案件登记 (reconsideration and litigation cases)');

  cases
    .command('add')
    .description('登记一件复议或诉讼案件，输出其编号 (record a case; prints its id)')
    .requiredOption('--request <id>', '案件所涉申请的编号 (the request it is about)')
    .requiredOption('--kind <kind>', '复议、直接起诉 或 复议后起诉 (case kind)')
    .requiredOption('--filed <date>', `立案日期，如 ${DATE_FORMS} (filing date)`)
    .option('--by <staff>', '登记人 (who records it)；默认 cli:<用户名>')
    .option(
      '--confirm-duplicate',
      '同一申请已有同类同日立案的案件时，确认这是另一件案件 (record it though a case of that kind was filed that day)',
    )
    .option('--json', '以 JSON 输出 {"id", …} (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (options: {
        request: string;
        kind: string;
        filed: string;
        by?: string;
        confirmDuplicate?: boolean;
        json?: boolean;
        database?: string;
      }) => {
        const requestId = nonEmpty(options.request, '--request');
        const kind = parseKind(options.kind);
        const filedOn = parseDateOption(options.filed, '--filed');
        const actor = cliOperator(options.by === undefined ? undefined : nonEmpty(options.by, '--by'));
        const added = await withLedger(databaseUrl(options.database), 'write', async (storage) => {
          const resolved = await resolveRequestId(storage, requestId);
          if (!resolved.ok) return resolved;
          return addCase(storage, actor, {
            requestId: resolved.value,
            kind,
            filedOn,
            ...(options.confirmDuplicate ? { confirmDuplicate: true } : {}),
          });
        });
        if (!added.ok) throw refused(added.error);
        const c = added.value;
        io.stdout(
          options.json
            ? `${JSON.stringify({ id: c.id, agencyId: c.agencyId, requestId: c.requestId, kind: c.kind, filedOn: c.filedOn, result: c.result })}\n`
            : `${c.id}\n`,
        );
        io.stderr(`已登记${CASE_KIND_LABELS[c.kind]}案件，立案 ${c.filedOn}，尚未审结 (case recorded)\n`);
        setExit(EXIT.ok);
      },
    );

  cases
    .command('close')
    .description('记录案件审结及结果 (record a case’s result)')
    .argument('<id>', '案件编号，或其开头至少 6 位 (case id, or its first 6+ characters)')
    .requiredOption('--result <result>', '维持、纠正 或 其他 (result)')
    .requiredOption('--on <date>', '审结日期 (the day it closed)')
    .option('--by <staff>', '记录人 (who records it)；默认 cli:<用户名>')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (
        id: string,
        options: { result: string; on: string; by?: string; json?: boolean; database?: string },
      ) => {
        const caseId = nonEmpty(id, '案件编号');
        const result = parseResult(options.result);
        const closedOn = parseDateOption(options.on, '--on');
        const actor = cliOperator(options.by === undefined ? undefined : nonEmpty(options.by, '--by'));
        const closed = await withLedger(databaseUrl(options.database), 'write', async (storage) => {
          const resolved = await resolveCaseId(storage, caseId);
          return resolved.ok
            ? closeCase(storage, actor, { caseId: resolved.value, result, closedOn })
            : resolved;
        });
        if (!closed.ok) throw refused(closed.error);
        const c = closed.value;
        io.stdout(
          options.json
            ? `${JSON.stringify({ id: c.id, result: c.result, closedOn: c.closedOn })}\n`
            : `${c.id}：${c.closedOn} 审结，结果${CASE_RESULT_LABELS[c.result]} (case closed)\n`,
        );
        setExit(EXIT.ok);
      },
    );

  cases
    .command('withdraw')
    .description('撤销误登记的案件：保留记录，不再计入年度报告第四部分 (withdraw a case entered by mistake)')
    .argument('<id>', '案件编号，或其开头至少 6 位 (case id, or its first 6+ characters)')
    .requiredOption('--reason <text>', '撤销理由 (why)')
    .option('--by <staff>', '记录人 (who records it)；默认 cli:<用户名>')
    .option(CONFIRM_COMPLETED_YEAR, CONFIRM_COMPLETED_YEAR_HELP)
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (
        id: string,
        options: {
          reason: string;
          by?: string;
          confirmCompletedYear?: boolean;
          json?: boolean;
          database?: string;
        },
      ) => {
        const caseId = nonEmpty(id, '案件编号');
        const reason = nonEmpty(options.reason, '--reason');
        const actor = cliOperator(options.by === undefined ? undefined : nonEmpty(options.by, '--by'));
        const withdrawn = await withLedger(databaseUrl(options.database), 'write', async (storage) => {
          const resolved = await resolveCaseId(storage, caseId);
          if (!resolved.ok) return resolved;
          return withdrawCase(
            storage,
            actor,
            { caseId: resolved.value, reason },
            { confirmCompletedYear: options.confirmCompletedYear === true },
          );
        });
        if (!withdrawn.ok) throw refused(withdrawn.error);
        const c = withdrawn.value;
        io.stdout(
          options.json
            ? `${JSON.stringify({ id: c.id, withdrawn: c.withdrawn })}\n`
            : `${c.id}：已撤销登记，不再计入第四部分 (case withdrawn)\n`,
        );
        setExit(EXIT.ok);
      },
    );
}
