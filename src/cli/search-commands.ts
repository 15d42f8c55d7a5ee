/**
 * @module `gongkai search reindex [--agency CODE]`: rebuilds the portal's search index from the
 * catalogue (reindexPublished): for a database whose items were published before the index existed
 * (migration 0011), or after the segmenter's dictionary changed. Progress goes to stderr, a batch at a
 * time; the counts to stdout. The command line is a contract (docs/cli.md).
 */
import type { Command } from 'commander';
import { reindexPublished } from '../search/index.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import type { SetExit } from './cli-options.js';
import { DATABASE_FLAGS, DATABASE_HELP, databaseUrl, withLedger } from './ledger-session.js';

export function registerSearchCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const search = program.command('search').description('门户检索：重建索引 (the portal’s search index)');

  search
    .command('reindex')
    .description('按政府信息公开目录重建检索索引 (rebuild the search index from the catalogue)')
    .option(
      '--agency <code>',
      '只重建该机关及其下级机关的条目：机关代码或编号 (one agency and those below it: code or id)',
    )
    .option('--json', '以 JSON 输出 {"indexed": …, "removed": …} (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (options: { agency?: string; json?: boolean; database?: string }) => {
      const outcome = await withLedger(databaseUrl(options.database), 'read', async (storage) => {
        let agencyId: number | undefined;
        if (options.agency !== undefined) {
          const text = options.agency.trim();
          const agency =
            (await storage.agencies.byCode(text)) ??
            (/^[1-9]\d{0,9}$/.test(text) ? await storage.agencies.get(Number(text)) : undefined);
          if (!agency)
            throw new CliFailure(
              `--agency ${options.agency}: 没有这个机关 (no such agency)；用 gongkai agency list 查看机关代码和编号`,
            );
          agencyId = agency.id;
        }
        let shown = 0;
        return reindexPublished(storage, {
          ...(agencyId !== undefined ? { agencyId } : {}),
          progress: (done, of) => {
            // A line a second at most: a million items must not print five thousand lines.
            const now = Date.now();
            if (done < of && now - shown < 1000) return;
            shown = now;
            io.stderr(`已处理 ${done} / ${of} 条 (items done)\n`);
          },
        });
      });
      io.stdout(
        options.json
          ? `${JSON.stringify(outcome)}\n`
          : `检索索引已重建：收录 ${outcome.indexed} 条，移出 ${outcome.removed} 条 (indexed ${outcome.indexed}, removed ${outcome.removed})\n`,
      );
      setExit(EXIT.ok);
    });
}
