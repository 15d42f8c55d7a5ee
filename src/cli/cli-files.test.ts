/**
 * Output files are written safely: beside the target under a random name, never through a planted
 * link, never over the command's input, an existing file only with --force (keeping its mode and
 * owner), a link replaced itself, a device or FIFO written in place; and `-o FILE.docx` says the format.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderJson } from '../documents/json/report-json.js';
import { exampleReport } from '../domain/report/example.js';
import { assertRefused, gongkai } from '../test-support/run-cli.js';
import { checkOutputFile, readInputFile, writeOutputFile, writeOutputFileWith } from './cli-files.js';
import { CliFailure } from './cli-io.js';

const root = mkdtempSync(join(tmpdir(), 'gongkai-files-'));
let folders = 0;
/** A fresh folder per test: what is left in it is what the write left. */
const folder = () => {
  const dir = join(root, String(folders++));
  mkdirSync(dir);
  return dir;
};
const bytes = (text: string) => new TextEncoder().encode(text);
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** The one-line failure a write is refused with. */
function refusal(write: () => void): string {
  try {
    write();
  } catch (e) {
    assert.ok(e instanceof CliFailure, `a CliFailure, not ${String(e)}`);
    assert.doesNotMatch(e.message, /\n/);
    return e.message;
  }
  assert.fail('the write was not refused');
}

describe('writeOutputFile: a new file', () => {
  it('is written whole, with the mode a new file gets, and nothing else is left beside it', () => {
    const dir = folder();
    const out = join(dir, '报告.json');
    writeOutputFile(out, bytes('{"a":1}\n'));
    assert.equal(readFileSync(out, 'utf8'), '{"a":1}\n');
    const mask = process.umask(0);
    process.umask(mask);
    assert.equal(modeOf(out), 0o666 & ~mask);
    assert.deepEqual(readdirSync(dir), ['报告.json']);
  });

  it('never writes through a link planted where the temporary file of a predictable name would be', () => {
    const dir = folder();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const out = join(dir, 'out.txt');
    // The old scheme's name (OUT.<pid>.tmp) and its hidden variant: an attacker's guesses.
    for (const guess of [`${out}.${process.pid}.tmp`, join(dir, `.out.txt.${process.pid}.tmp`)])
      symlinkSync(victim, guess);
    writeOutputFile(out, bytes('report'));
    assert.equal(readFileSync(victim, 'utf8'), 'keep me');
    assert.equal(readFileSync(out, 'utf8'), 'report');
  });

  it('removes the temporary file when writing fails, and lets a bug through as it is', () => {
    const dir = folder();
    const bug = new TypeError('renderer bug');
    assert.throws(
      () =>
        writeOutputFileWith(join(dir, 'out.pdf'), () => {
          throw bug;
        }),
      (e) => e === bug,
    );
    assert.deepEqual(readdirSync(dir), []);
  });

  it('refuses, and keeps, a file another process created at the target while it was written', () => {
    const dir = folder();
    const out = join(dir, 'out.txt');
    const message = refusal(() =>
      writeOutputFileWith(out, (fd) => {
        writeFileSync(fd, 'mine');
        writeFileSync(out, 'theirs');
      }),
    );
    assert.equal(message, `${out}: 文件已存在，加 --force 覆盖 (file exists; use --force to replace it)`);
    assert.equal(readFileSync(out, 'utf8'), 'theirs');
    assert.deepEqual(readdirSync(dir), ['out.txt']);
  });

  it('says in one line that the folder does not exist', () => {
    const out = join(folder(), '无此目录', 'out.txt');
    assert.equal(
      refusal(() => writeOutputFile(out, bytes('x'))),
      `${out}: 无法写入 (cannot write)：目录不存在 (no such directory)`,
    );
  });
});

describe('writeOutputFile: an existing file', () => {
  it('is refused without force, and left as it was', () => {
    const dir = folder();
    const out = join(dir, 'out.txt');
    writeFileSync(out, 'old');
    assert.equal(
      refusal(() => writeOutputFile(out, bytes('new'))),
      `${out}: 文件已存在，加 --force 覆盖 (file exists; use --force to replace it)`,
    );
    assert.equal(readFileSync(out, 'utf8'), 'old');
    assert.throws(() => checkOutputFile(out), /文件已存在/);
  });

  it('is replaced with force, keeping its mode and its owner', () => {
    const dir = folder();
    const out = join(dir, 'out.txt');
    writeFileSync(out, 'old');
    chmodSync(out, 0o640);
    // Only root may give a file to someone else; others own what they write either way.
    const owner = process.getuid?.() === 0 ? 65534 : statSync(out).uid;
    if (process.getuid?.() === 0) chownSync(out, owner, owner);
    writeOutputFile(out, bytes('new'), { force: true });
    assert.equal(readFileSync(out, 'utf8'), 'new');
    assert.equal(modeOf(out), 0o640);
    assert.equal(statSync(out).uid, owner);
    assert.deepEqual(readdirSync(dir), ['out.txt']);
  });

  it('is never the command’s own input, even with force: not by its name, a link or a hard link', () => {
    const dir = folder();
    const input = join(dir, 'report.json');
    writeFileSync(input, 'the input');
    const viaLink = join(dir, 'link.json');
    symlinkSync(input, viaLink);
    const viaHardLink = join(dir, 'hard.json');
    linkSync(input, viaHardLink);
    for (const out of [input, viaLink, viaHardLink, join(dir, '.', 'report.json')]) {
      const message = refusal(() => writeOutputFile(out, bytes('x'), { inputs: [input], force: true }));
      assert.match(message, /这是本命令读取的文件 .*不能覆盖 \(is the command's input file\)/);
      assert.ok(message.startsWith(`${out}: `), message);
    }
    assert.equal(readFileSync(input, 'utf8'), 'the input');
  });

  it('is refused when it is a directory', () => {
    const dir = folder();
    assert.match(
      refusal(() => writeOutputFile(dir, bytes('x'), { force: true })),
      /这是一个目录 \(is a directory\)/,
    );
  });
});

describe('writeOutputFile: a symbolic link', () => {
  it('is refused without force; with force the link itself is replaced, never the file it names', () => {
    const dir = folder();
    const pointed = join(dir, 'elsewhere.txt');
    writeFileSync(pointed, 'not yours');
    const out = join(dir, 'out.txt');
    symlinkSync(pointed, out);
    assert.match(
      refusal(() => writeOutputFile(out, bytes('x'))),
      /是一个符号链接，加 --force 替换该链接本身/,
    );
    assert.ok(lstatSync(out).isSymbolicLink());
    writeOutputFile(out, bytes('report'), { force: true });
    assert.ok(lstatSync(out).isFile());
    assert.equal(readFileSync(out, 'utf8'), 'report');
    assert.equal(readFileSync(pointed, 'utf8'), 'not yours');
  });

  it('may dangle: without force refused, with force replaced', () => {
    const dir = folder();
    const out = join(dir, 'out.txt');
    symlinkSync(join(dir, 'nothing'), out);
    assert.match(
      refusal(() => writeOutputFile(out, bytes('x'))),
      /符号链接/,
    );
    writeOutputFile(out, bytes('x'), { force: true });
    assert.ok(lstatSync(out).isFile());
  });
});

describe('writeOutputFile: devices and pipes are written in place', () => {
  it('writes /dev/null without force and leaves it a device', () => {
    writeOutputFile('/dev/null', bytes('discarded'));
    assert.ok(statSync('/dev/null').isCharacterDevice());
  });

  it('says a full disk in one line (/dev/full)', () => {
    assert.equal(
      refusal(() => writeOutputFile('/dev/full', bytes('x'))),
      '/dev/full: 无法写入 (cannot write)：磁盘空间已满，无法写入 (disk full)；请腾出空间后重试',
    );
  });

  it('writes a FIFO for its reader, and it stays a FIFO', async () => {
    const dir = folder();
    const fifo = join(dir, 'pipe');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => {
      read += chunk.toString('utf8');
    });
    const closed = new Promise((done) => reader.on('close', done));
    writeOutputFile(fifo, bytes('通过管道'));
    await closed;
    assert.equal(read, '通过管道');
    assert.ok(lstatSync(fifo).isFIFO());
  });

  it('writes /dev/stdout when it is a pipe or a file, appending as `>>` would', () => {
    const dir = folder();
    const script = `import { writeOutputFile } from './src/cli/cli-files.ts';
writeOutputFile('/dev/stdout', new TextEncoder().encode('到标准输出'));`;
    const node = `"${process.execPath}" --import tsx --input-type=module -e "$SCRIPT"`;
    const file = join(dir, 'out.txt');
    writeFileSync(file, '已有内容；');
    // A shell's pipe and `>>` (node's own child pipes are sockets, which cannot be opened by name).
    const run = spawnSync('bash', ['-c', `${node} | cat && ${node} >> "${file}"`], {
      encoding: 'utf8',
      env: { ...process.env, SCRIPT: script },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '到标准输出');
    assert.equal(readFileSync(file, 'utf8'), '已有内容；到标准输出');
  });
});

describe('readInputFile', () => {
  it('names a missing file and a directory in one line', () => {
    const dir = folder();
    assert.equal(
      refusal(() => readInputFile(join(dir, 'x.txt'), '报告文件')),
      `${join(dir, 'x.txt')}: 文件不存在 (no such file)`,
    );
    assert.equal(
      refusal(() => readInputFile(dir, '报告文件')),
      `${dir}: 这是一个目录，不是报告文件 (is a directory)`,
    );
  });
});

describe('gongkai report render -o: the format from the extension, --force, never the input', () => {
  const source = () => {
    const dir = folder();
    const path = join(dir, 'report.json');
    writeFileSync(path, renderJson(exampleReport(2024)));
    return { dir, path };
  };

  for (const [extension, magic] of [
    ['.html', '<!doctype html>'],
    ['.HTM', '<!doctype html>'],
    ['.docx', 'PK'],
    ['.xlsx', 'PK'],
    ['.txt', '示例市示例区人民政府'],
    ['.json', '{'],
  ] as const) {
    it(`takes ${extension} for its format without --to`, async () => {
      const { dir, path } = source();
      const out = join(dir, `out${extension}`);
      const run = await gongkai('report', 'render', path, '-o', out);
      assert.equal(run.code, 0, run.err);
      assert.ok(readFileSync(out, 'utf8').toLowerCase().startsWith(magic.toLowerCase()), extension);
    });
  }

  it('refuses an extension it does not know without --to, listing the ones it does', async () => {
    const { dir, path } = source();
    const out = join(dir, 'out.odt');
    assertRefused(
      await gongkai('report', 'render', path, '-o', out),
      /^gongkai: -o .*out\.odt: 无法从扩展名判断输出格式，请用 --to 指定；可识别的扩展名 \(known extensions\): \.html \.htm \.docx \.xlsx \.pdf \.txt \.json$/,
    );
  });

  it('refuses --to that contradicts the extension, and takes --to with an extension it does not know', async () => {
    const { dir, path } = source();
    assertRefused(
      await gongkai('report', 'render', path, '--to', 'pdf', '-o', join(dir, 'out.docx')),
      /扩展名表示 docx 格式，与 --to pdf 不符 \(the extension contradicts --to\)/,
    );
    const run = await gongkai('report', 'render', path, '--to', 'txt', '-o', join(dir, 'out.report'));
    assert.equal(run.code, 0, run.err);
  });

  it('refuses neither --to nor -o', async () => {
    const { path } = source();
    assertRefused(await gongkai('report', 'render', path), /请用 --to 指定输出格式 \(give --to FORMAT\)/);
  });

  it('refuses an existing output without --force, before rendering, and replaces it with --force', async () => {
    const { dir, path } = source();
    const out = join(dir, 'out.txt');
    writeFileSync(out, 'old');
    assertRefused(
      await gongkai('report', 'render', path, '-o', out),
      /文件已存在，加 --force 覆盖 \(file exists; use --force to replace it\)/,
    );
    assert.equal(readFileSync(out, 'utf8'), 'old');
    assert.equal((await gongkai('report', 'render', path, '-o', out, '--force')).code, 0);
    assert.match(readFileSync(out, 'utf8'), /示例市示例区人民政府/);
  });

  it('never renders over its own input, even with --force', async () => {
    const { path } = source();
    const before = readFileSync(path, 'utf8');
    assertRefused(
      await gongkai('report', 'render', path, '--to', 'json', '-o', path, '--force'),
      /这是本命令读取的文件/,
    );
    assert.equal(readFileSync(path, 'utf8'), before);
  });

  it('report example -o: refuses an existing file without --force', async () => {
    const out = join(folder(), 'example.json');
    assert.equal((await gongkai('report', 'example', '--year', '2024', '-o', out)).code, 0);
    assertRefused(await gongkai('report', 'example', '--year', '2024', '-o', out), /文件已存在/);
    assert.equal((await gongkai('report', 'example', '--year', '2024', '-o', out, '--force')).code, 0);
  });
});
