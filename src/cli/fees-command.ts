/**
 * @module `gongkai fees quote`: the 信息处理费 for one request under 《政府信息公开信息处理费管理办法》
 * (国办函〔2020〕109号), 按量 (Art. 5, --pages) or 按件 (Art. 4, --pieces after --earlier 件 the same
 * applicant already had that natural month), with every band crossed. `requests record ID fee-notice`
 * reads its counts with the same parseCount; the ledger assesses its amount. The charge itself is the
 * domain's (domain/fees). The command line is a contract (docs/cli.md).
 */
import type { Command } from 'commander';
import { assessFee, basisText, type FeeAssessment, type FeeBasis } from '../domain/fees/charge.js';
import { feeBasisOf } from '../ledger/index.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import type { SetExit } from './cli-options.js';

/** The largest count taken: per-piece bands are unrolled ten by ten, so the count stays bounded. */
const MAX_UNITS = 1_000_000;

/** The options that give a fee's basis: pages (按量) or pieces after earlier pieces (按件). */
export interface FeeBasisOptions {
  readonly pages?: string | undefined;
  readonly pieces?: string | undefined;
  readonly earlier?: string | undefined;
}

const METHOD_WORDS: Readonly<Record<FeeBasis['method'], string>> = {
  perPiece: '按件计收 (per piece)',
  perVolume: '按量计收 (per volume)',
};

/** A count of pages or 件: a whole number from 0 (full-width digits read as digits). */
export function parseCount(text: string, option: string): number {
  const digits = text.normalize('NFKC').trim();
  const n = Number(digits);
  if (!/^\d+$/.test(digits) || n > MAX_UNITS)
    throw new CliFailure(
      `${option} ${text}: 应为 0 至 ${MAX_UNITS} 之间的整数 (a whole number from 0 to ${MAX_UNITS})`,
    );
  return n;
}

/**
 * The basis the options give, or undefined when they give none: exactly one of --pages and --pieces
 * (one method per request, Art. 3); --earlier only with --pieces (the ledger's rule, feeBasisOf).
 */
function parseFeeBasis(o: FeeBasisOptions): FeeBasis | undefined {
  const basis = feeBasisOf({
    ...(o.pages !== undefined ? { pages: parseCount(o.pages, '--pages') } : {}),
    ...(o.pieces !== undefined ? { pieces: parseCount(o.pieces, '--pieces') } : {}),
    ...(o.earlier !== undefined ? { earlier: parseCount(o.earlier, '--earlier') } : {}),
  });
  if (!basis.ok) throw new CliFailure(basis.error.message);
  return basis.value;
}

function quoteJson(fee: FeeAssessment) {
  return {
    method: fee.method,
    amount: fee.amount,
    lines: fee.lines.map((l) => ({
      from: l.from,
      to: l.to,
      units: l.units,
      rate: l.rate,
      subtotal: l.subtotal,
    })),
    basis: fee.basis,
    explanation: fee.explanation,
  };
}

export function registerFeesCommand(program: Command, io: CliIo, setExit: SetExit): void {
  const fees = program
    .command('fees')
    .description('信息处理费（《政府信息公开信息处理费管理办法》）(information processing fees)');

  fees
    .command('quote')
    .description('计算一件申请的信息处理费及其计算过程 (the fee for one request, explained)')
    .option('--pages <n>', '按量计收：本次提供的页数（《办法》第五条）(pages, per volume)')
    .option('--pieces <n>', '按件计收：本次申请的件数（《办法》第四条）(pieces, per piece)')
    .option('--earlier <m>', '按件计收：同一申请人本自然月此前已有的件数，默认 0 (pieces earlier this month)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .action((options: FeeBasisOptions & { json?: boolean }) => {
      const basis = parseFeeBasis(options);
      if (!basis)
        throw new CliFailure(
          '请给出 --pages（按量计收）或 --pieces（按件计收）之一 (give --pages or --pieces)',
        );
      const fee = assessFee(basis);
      if (options.json) io.stdout(`${JSON.stringify(quoteJson(fee), null, 2)}\n`);
      else
        io.stdout(
          `${[`${fee.amount} 元`, `${METHOD_WORDS[fee.method]}：${basisText(basis)}`, ...fee.explanation].join('\n')}\n`,
        );
      setExit(EXIT.ok);
    });
}
