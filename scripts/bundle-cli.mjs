// The command line as it runs: src/cli/main.ts and the audit worker bundled by esbuild into
// dist/bundle/ (`npm run build` calls this after tsc has type-checked the code). Node 20's ESM
// loader spends most of a short command's start-up resolving and reading modules one file at a time
// (kysely alone is some 400 files): one file per command group, split where the commands differ, is what
// brings `requests add` near `node -e ''` (docs/performance.md, "Command-line start-up").
//
// Bundled: our code and the pure-ESM packages that are many small files (kysely, zod, commander, hono
// and the OpenAPI packages that share zod's instance with ours). Everything else stays a package that
// Node loads itself: native addons (better-sqlite3, argon2), packages that find their own files on
// disk (playwright-core, unpdf, chinese-days' data) and big CommonJS libraries loaded only by the
// commands that need them (exceljs, docx, jszip, pg).
import { cpSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Dependencies that go into the bundle; every other dependency stays external. */
const BUNDLED = new Set(['kysely', 'zod', 'commander', 'hono', '@hono/zod-openapi', '@hono/node-server']);

/**
 * Bundles into `outdir` (two levels below the project, as dist/bundle is: program.ts finds
 * package.json at ../../package.json). Returns esbuild's metafile.
 */
export async function bundleCli({ root = process.cwd(), outdir = join(root, 'dist', 'bundle') } = {}) {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  rmSync(outdir, { recursive: true, force: true });
  const external = Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name));
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts', 'audit-worker': 'src/audit/audit-worker.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: [...external, ...external.map((name) => `${name}/*`)],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    // Bundled CommonJS (commander's dependencies) calls require(): give it Node's.
    banner: {
      js: "import { createRequire as __gongkaiRequire } from 'node:module'; const require = __gongkaiRequire(import.meta.url);",
    },
  });
  // src/web/static-files.ts reads ./static/ beside the module that holds it.
  cpSync(join(root, 'src', 'web', 'static'), join(outdir, 'static'), { recursive: true });
  return result.metafile;
}

if (import.meta.url === `file://${process.argv[1]}`) await bundleCli();
