/**
 * @module `gongkai audit-log verify`: recomputes the audit log's hash chain (操作日志) and names the first
 * entry that was altered, or after which one was removed. Exit 0 whole, 1 broken. The command line is a
 * contract (docs/cli.md).
 */
import type { Command } from 'commander';
import type { ChainVerdict } from '../storage/index.js';
import { type CliIo, EXIT } from './cli-io.js';
import type { SetExit } from './cli-options.js';
import { DATABASE_FLAGS, DATABASE_HELP, databaseUrl, withLedger } from './ledger-session.js';

function verdictText(verdict: ChainVerdict): string {
  if (verdict.whole)
    return `操作日志完整：共 ${verdict.checked} 条 (audit log whole: ${verdict.checked} entries)`;
  const { id, problem } = verdict.firstBad;
  const what =
    problem === 'hash'
      ? `第 ${id} 条记录被修改 (entry ${id} was altered)`
      : `第 ${id} 条记录之前的记录缺失或被改写 (an entry before entry ${id} was removed or rewritten)`;
  return `操作日志不完整：${what}；已核对 ${verdict.checked} 条 (audit log broken; ${verdict.checked} entries checked)`;
}

export function registerAuditLogCommand(program: Command, io: CliIo, setExit: SetExit): void {
  const auditLog = program
    .command('audit-log')
    .description('操作日志：核验哈希链 (audit log: verify its hash chain)');

  auditLog
    .command('verify')
    .description('核验操作日志，指出第一条被修改或之前有缺失的记录 (find the first altered or removed entry)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (options: { json?: boolean; database?: string }) => {
      const verdict = await withLedger(databaseUrl(options.database), 'read', (storage) =>
        storage.auditLog.verify(),
      );
      io.stdout(options.json ? `${JSON.stringify(verdict)}\n` : `${verdictText(verdict)}\n`);
      setExit(verdict.whole ? EXIT.ok : EXIT.findings);
    });
}
