/**
 * The command line loads only the modules of the command it runs, and nobody can tell: every help page
 * is the one the fully loaded program prints. A mistyped command or option gets a suggestion, in
 * Chinese first; commander's English never reaches the user.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type CliRun, gongkai } from '../test-support/run-cli.js';
import type { CliIo } from './cli-io.js';
import { MODULES, runCli } from './program.js';

/** `gongkai ...argv` with every command's module loaded, as before start-up was made lazy. */
async function eager(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    stdoutIsTerminal: false,
  };
  const code = await runCli(argv, io, { loadAll: true });
  return { code, out, err };
}

/** The command names a help page lists under "Commands:" (without `help`). */
function commandsOf(help: string): string[] {
  if (!help.includes('Commands:')) return [];
  const list = help.slice(help.indexOf('Commands:'));
  return [...list.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}

describe('lazy start-up: the same program as with every module loaded', () => {
  it('prints the same top-level help, from stubs, as the loaded modules give', async () => {
    const lazy = await gongkai('--help');
    assert.equal(lazy.code, 0);
    assert.equal(lazy.out, (await eager('--help')).out);
    assert.equal((await gongkai()).err, (await eager()).err, 'no command at all');
  });

  it('prints the same help for every group and every subcommand', async () => {
    const top = commandsOf((await eager('--help')).out);
    assert.ok(top.length >= 10, top.join());
    for (const group of top) {
      const full = await eager(group, '--help');
      assert.equal((await gongkai(group, '--help')).out, full.out, `gongkai ${group} --help`);
      assert.equal((await gongkai('help', group)).out, full.out, `gongkai help ${group}`);
      for (const sub of commandsOf(full.out)) {
        const page = await gongkai(group, sub, '--help');
        assert.equal(page.out, (await eager(group, sub, '--help')).out, `gongkai ${group} ${sub} --help`);
      }
    }
  });

  it('names every subcommand in exactly one module of the table, so each loads only its own', async () => {
    for (const group of commandsOf((await eager('--help')).out)) {
      for (const sub of commandsOf((await eager(group, '--help')).out)) {
        const owners = MODULES.filter((m) => m.adds[group]?.includes(sub));
        assert.equal(
          owners.length,
          1,
          `${group} ${sub}: in ${owners.length} modules of MODULES (src/cli/program.ts)`,
        );
      }
      assert.ok(
        MODULES.some((m) => Object.hasOwn(m.adds, group)),
        `${group}: in no module of MODULES (src/cli/program.ts)`,
      );
    }
  });

  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const run = await gongkai(flag);
      assert.equal(run.code, 0);
      assert.equal(run.out, `${version}\n`);
    }
  });
});

describe('did you mean: a suggestion for a typo, in Chinese first', () => {
  /** The first line on stderr; the usage that follows it is commander's help. */
  const firstLine = (run: CliRun) => run.err.split('\n')[0];

  it('suggests the command meant', async () => {
    const run = await gongkai('reprot', 'check', 'x.txt');
    assert.equal(run.code, 2);
    assert.equal(
      firstLine(run),
      'gongkai: 未知命令“reprot”(unknown command)；您是否要输入 report？(did you mean report?)',
    );
    assert.equal(
      firstLine(await gongkai('report', 'chekc', 'x.txt')),
      'gongkai: 未知命令“chekc”(unknown command)；您是否要输入 check？(did you mean check?)',
    );
  });

  it('suggests the option meant, also when the typo leaves a required option missing', async () => {
    // `requests list` requires --agency: commander would say only that it is missing.
    const run = await gongkai('requests', 'list', '--agnecy', '1');
    assert.equal(run.code, 2);
    assert.equal(
      firstLine(run),
      'gongkai: 未知选项“--agnecy”(unknown option)；您是否要输入 --agency？(did you mean --agency?)',
    );
    assert.equal(
      firstLine(await gongkai('report', 'check', 'x.txt', '--strcit')),
      'gongkai: 未知选项“--strcit”(unknown option)；您是否要输入 --strict？(did you mean --strict?)',
    );
  });

  it('lists several when several are as close', async () => {
    // "uset" is one edit from both `calendar set` and `calendar unset`.
    assert.equal(
      firstLine(await gongkai('calendar', 'uset', '2027-01-01')),
      'gongkai: 未知命令“uset”(unknown command)；您是否要输入 set、unset 之一？(did you mean one of set, unset?)',
    );
  });

  it('suggests nothing for a word like no command, and never prints commander’s English', async () => {
    const run = await gongkai('frobnicate');
    assert.equal(firstLine(run), 'gongkai: 未知命令“frobnicate”(unknown command)');
    for (const typo of [
      ['reprot'],
      ['report', 'chekc'],
      ['requests', 'list', '--agnecy', '1'],
      ['audit', '--jsno'],
    ]) {
      const { err } = await gongkai(...typo);
      assert.doesNotMatch(err, /Did you mean|error: /, typo.join(' '));
    }
  });

  it('still says a missing required option when no typo explains it', async () => {
    assert.equal(
      firstLine(await gongkai('requests', 'list')),
      'gongkai: 缺少必需选项 --agency <id> (required option)',
    );
  });
});
