/**
 * Another git revision's command line, for the benchmarks that time it beside this checkout's: the
 * revision exported with `git archive` into a folder, given this checkout's node_modules, and bundled
 * with its own scripts/bundle-cli.mjs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Bundles revision `rev` of the repository at `root` into `dir` (made here); the path of its bin. */
export function baselineBin(root: string, rev: string, dir: string): string {
  mkdirSync(dir);
  const archive = spawnSync('git', ['archive', '--format=tar', rev], { cwd: root, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive ${rev}: ${archive.stderr.toString()}`);
  const tar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (tar.status !== 0) throw new Error(`tar: ${tar.stderr.toString()}`);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const bundle = spawnSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: dir, encoding: 'utf8' });
  if (bundle.status !== 0) throw new Error(`bundling ${rev}: ${bundle.stderr}`);
  return join(dir, 'bin', 'gongkai.js');
}
