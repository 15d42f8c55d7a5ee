/**
 * @module `gongkai serve [--host 127.0.0.1] [--port 3000] [--database URL] [--demo]`: the platform on a
 * socket until SIGTERM or SIGINT (then it finishes what is in flight, closes the database and exits 0).
 * Settings come from the environment and gongkai.config.json (src/web/config.ts); the options here win.
 * The web layer and the demo loader are imported when the command runs, so other commands start fast.
 */
import type { Command } from 'commander';
import { redactDatabaseUrl } from '../storage/url.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import type { SetExit } from './cli-options.js';
import { environmentFailure } from './environment-failure.js';
import { DATABASE_FLAGS, DATABASE_HELP } from './ledger-session.js';

export function registerServeCommand(program: Command, io: CliIo, setExit: SetExit): void {
  program
    .command('serve')
    .description('启动政府信息公开工作平台（后台与接口）(start the platform: back office and API)')
    .option('--host <host>', '监听地址，默认 127.0.0.1 或 GONGKAI_HOST (address to listen on)')
    .option('--port <port>', '端口，默认 3000 或 GONGKAI_PORT；0 为任一空闲端口 (port)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .option(
      '--demo',
      '数据库为空时载入演示县（各类申请、案件和各角色用户）(load the demo county into an empty database)',
    )
    .action(async (options: { host?: string; port?: string; database?: string; demo?: boolean }) => {
      const { ConfigError, loadConfig } = await import('../web/config.js');
      let config: Awaited<ReturnType<typeof loadConfig>>;
      try {
        config = loadConfig();
      } catch (e) {
        if (e instanceof ConfigError) throw new CliFailure(`配置有误 (bad configuration)：${e.message}`);
        throw e;
      }
      const port = options.port === undefined ? config.port : Number(options.port);
      if (!/^\d{1,5}$/.test(options.port ?? String(port)) || port > 65535)
        throw new CliFailure(`--port ${options.port}: 应为 0 至 65535 之间的端口号 (a port number)`);
      const { serveUntilSignal } = await import('../web/server.js');
      const loadDemo = options.demo ? (await import('../demo/index.js')).loadDemo : undefined;
      const database = options.database || config.database;
      try {
        await serveUntilSignal(
          {
            ...config,
            ...(options.host ? { host: options.host } : {}),
            port,
            database,
          },
          {
            demo: options.demo === true,
            ...(loadDemo ? { loadDemo } : {}),
            say: (text) => io.stderr(`${text}\n`),
          },
        );
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new CliFailure(`端口 ${port} 已被占用 (port in use)；请用 --port 指定其他端口`);
        if (code === 'EACCES' && (e as { syscall?: string }).syscall === 'listen')
          throw new CliFailure(`无权监听端口 ${port} (permission denied)`);
        // The database: a locked, read-only or unreachable one is the operator's to mend, said in one line.
        const failure = environmentFailure(e, redactDatabaseUrl(database));
        if (failure) throw new CliFailure(failure);
        throw e;
      }
      setExit(EXIT.ok);
    });
}
