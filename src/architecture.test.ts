/**
 * The layers of docs/architecture.md, checked: the domain core imports no I/O, no adapter and no clock;
 * adapters never import the command line; nothing imports test support outside tests.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';

const SRC = new URL('.', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const files = sourceFiles(SRC).map((path) => ({
  path: relative(SRC, path),
  text: readFileSync(path, 'utf8'),
  isTest: /\.test\.tsx?$/.test(path),
}));
const importsOf = (text: string) =>
  [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
const layerOf = (path: string) => path.split('/')[0]!;

describe('architecture: what may import what', () => {
  it('keeps src/domain pure: no node: modules, no adapters, no clock', () => {
    for (const f of files.filter((f) => layerOf(f.path) === 'domain' && !f.isTest)) {
      for (const spec of importsOf(f.text)) {
        assert.ok(!spec.startsWith('node:'), `${f.path} imports ${spec}`);
        assert.ok(!/\.\.\/(\.\.\/)*(documents|cli|storage|web)\//.test(spec), `${f.path} imports ${spec}`);
      }
      assert.doesNotMatch(f.text, /Date\.now\(|new Date\(\)/, `${f.path} reads the clock`);
    }
  });

  it('keeps document adapters free of the command line', () => {
    for (const f of files.filter((f) => layerOf(f.path) === 'documents')) {
      for (const spec of importsOf(f.text)) assert.ok(!/\/cli\//.test(spec), `${f.path} imports ${spec}`);
    }
  });

  it('uses test support only from tests and benchmarks', () => {
    for (const f of files.filter((f) => !f.isTest && layerOf(f.path) !== 'test-support')) {
      for (const spec of importsOf(f.text))
        assert.ok(!spec.includes('test-support'), `${f.path} imports ${spec}`);
    }
  });

  it('lets each layer import only the layers the table of docs/architecture.md names', () => {
    const allowed: Readonly<Record<string, readonly string[]>> = {
      domain: [],
      calendar: ['domain'],
      documents: ['domain'],
      storage: ['domain', 'calendar'],
      ledger: ['storage', 'domain', 'calendar', 'documents'],
      audit: ['documents', 'domain'],
      accounts: ['storage', 'domain'],
      search: ['storage', 'domain'],
      catalogue: ['ledger', 'storage', 'domain', 'search', 'documents'],
      present: ['ledger', 'domain'],
      demo: ['ledger', 'catalogue', 'accounts', 'storage', 'domain'],
      cli: [
        'present',
        'ledger',
        'accounts',
        'audit',
        'search',
        'storage',
        'documents',
        'calendar',
        'domain',
        'demo',
      ],
      web: [
        'present',
        'ledger',
        'catalogue',
        'search',
        'accounts',
        'storage',
        'documents',
        'domain',
        'calendar',
        'audit',
      ],
    };
    const seen = new Set<string>();
    for (const f of files.filter((f) => !f.isTest && layerOf(f.path) in allowed)) {
      const layer = layerOf(f.path);
      for (const spec of importsOf(f.text).filter((s) => s.startsWith('.'))) {
        const target = layerOf(relative(SRC, join(SRC, dirname(f.path), spec)));
        if (target === layer) continue;
        seen.add(`${layer}→${target}`);
        assert.ok(allowed[layer]!.includes(target), `${f.path} imports ${spec} (${layer} → ${target})`);
      }
      // The calendar reads chinese-days' data file as a module is loaded (createRequire), and nothing else.
      if (layer === 'calendar')
        for (const spec of importsOf(f.text))
          assert.ok(!spec.startsWith('node:') || spec === 'node:module', `${f.path} imports ${spec}`);
    }
    // The check saw real edges between layers, so a broken path computation cannot pass it silently.
    for (const edge of [
      'cli→ledger',
      'ledger→storage',
      'storage→domain',
      'audit→documents',
      'present→ledger',
    ])
      assert.ok(seen.has(edge), edge);
  });

  it('found the source files it checks', () => {
    assert.ok(files.filter((f) => layerOf(f.path) === 'domain').length > 5);
  });
});
