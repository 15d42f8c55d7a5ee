import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { countReportFiles, distinctRoots, isSkippedName, type WalkItem, walkReportFiles } from './walk.js';

async function collect(items: AsyncIterable<WalkItem>): Promise<WalkItem[]> {
  const out: WalkItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('walking the PATHs of a batch', () => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-walk-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const put = (path: string) => {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, 'x');
    return full;
  };
  const wanted = [
    put('a/报告.txt'),
    put('a/b/c/d/深层.html'),
    put('a/表格.docx'),
    put('a/无扩展名'),
    put('a/图片.PNG.txt'),
    put('a/x.pdf'),
  ];
  put('a/图片.png');
  put('a/封面.JPG');
  put('a/打包.zip');
  put('a/程序.exe');
  put('a/.隐藏.txt');
  put('a/.git/config.txt');
  put('a/.cache/深/报告.txt');
  symlinkSync(join(root, 'a/b'), join(root, 'a/链接目录'));
  symlinkSync(join(root, 'a/报告.txt'), join(root, 'a/链接文件.txt'));

  it('finds every file in nested folders, passing over hidden ones and images, archives, programs', async () => {
    const counters = { skipped: 0 };
    const items = await collect(walkReportFiles([join(root, 'a')], counters));
    assert.ok(items.every((i) => !('error' in i)));
    const paths = items.map((i) => i.path).sort();
    assert.deepEqual(paths, [...wanted, join(root, 'a/链接文件.txt')].sort());
    assert.equal(counters.skipped, 4, 'png, JPG, zip, exe');
  });

  it('does not follow a link to a folder (no loops), but reads a link to a file', async () => {
    const paths = (await collect(walkReportFiles([join(root, 'a')]))).map((i) => i.path);
    assert.ok(!paths.some((p) => p.includes('链接目录')));
    assert.ok(paths.includes(join(root, 'a/链接文件.txt')));
  });

  it('reads a file named on the command line whatever its name, and a folder inside another once', async () => {
    const png = join(root, 'a/图片.png');
    assert.deepEqual(await collect(walkReportFiles([png])), [{ path: png }]);
    const items = await collect(walkReportFiles([join(root, 'a'), join(root, 'a/b'), `${join(root, 'a')}/`]));
    assert.equal(items.length, wanted.length + 1);
  });

  it('leaves out the excluded paths and counts what it would give', async () => {
    const exclude = new Set([resolve(wanted[0]!)]);
    const items = await collect(walkReportFiles([join(root, 'a')], { skipped: 0 }, { exclude }));
    assert.ok(!items.some((i) => i.path === wanted[0]));
    assert.equal(await countReportFiles([join(root, 'a')], { exclude }), items.length);
  });

  it('names the extensions it passes over, case-insensitively, and keeps documents', () => {
    for (const name of ['a.png', 'b.JPEG', 'c.7z', 'd.tar', 'e.so', 'f.mp4', '.hidden'])
      assert.ok(isSkippedName(name), name);
    for (const name of ['a.txt', 'b.html', 'c.docx', 'd.pdf', 'e.json', 'f.xlsx', 'g', 'h.htm', 'i.doc'])
      assert.ok(!isSkippedName(name), name);
  });

  it('drops a PATH inside another PATH and repeats, keeping order', () => {
    assert.deepEqual(distinctRoots(['x/y', 'x', 'z', 'x', 'x/y/w', 'xy']), ['x', 'z', 'xy']);
  });
});
