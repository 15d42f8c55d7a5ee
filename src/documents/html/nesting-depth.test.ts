import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { nestingDepth } from './nesting-depth.js';

interface Node {
  readonly type: string;
  readonly name?: string;
  readonly children?: readonly Node[];
}

/** Elements the parser never puts on its stack (they have no content), though the tree holds them. */
const VOID_IN_TREE = new Set(['br', 'img', 'hr', 'input']);

/** The depth of the parser's own tree: the length its stack of open elements reached. */
function parsedDepth(html: string): number {
  let deepest = 0;
  const walk: [Node, number][] = [[parseDocument(html) as unknown as Node, 0]];
  while (walk.length > 0) {
    const [node, depth] = walk.pop()!;
    const element = node.type === 'tag' || node.type === 'script' || node.type === 'style';
    const here = element && !VOID_IN_TREE.has(node.name!) ? depth + 1 : depth;
    if (here > deepest) deepest = here;
    for (const child of node.children ?? []) walk.push([child, here]);
  }
  return deepest;
}

const TAGS = [
  'div',
  'p',
  'span',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'li',
  'ul',
  'dd',
  'dt',
  'option',
  'optgroup',
  'select',
  'h1',
  'br',
  'img',
  'hr',
  'input',
  'svg',
  'math',
  'mi',
  'title',
  'script',
  'style',
  'textarea',
  'rt',
  'rp',
  'body',
  'head',
  'font',
];
const token = fc.oneof(
  fc.constantFrom(...TAGS).map((tag) => `<${tag}>`),
  fc.constantFrom(...TAGS).map((tag) => `</${tag}>`),
  fc.constantFrom(...TAGS).map((tag) => `<${tag}/>`),
  fc.constantFrom(...TAGS).map((tag) => `<${tag.toUpperCase()} class="a>b">`),
  fc.constantFrom('x', '<!-- <div> -->', '&nbsp;', '<!doctype html>', '< div>', '<', '>'),
);

describe('the nesting depth counted before parsing', () => {
  it('is the depth of the parser’s own tree, on any tag soup (property)', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }), (tokens) => {
        const html = tokens.join('');
        assert.equal(nestingDepth(html), parsedDepth(html), html);
      }),
      { numRuns: 3000 },
    );
  });

  it('follows the parser where a closing tag may be left out', () => {
    // A <p> closes the <p> before it; a <span> in it nests; <br> and <img> never do.
    assert.equal(nestingDepth('<div><p>a<p>b<br><img src=x><span>c</span></div>'), 3);
    // "<tr><p><tr><p>…": a <tr> closes no <p>, so each pair nests deeper, as the parser keeps them.
    assert.equal(nestingDepth('<tr><p>'.repeat(10)), 20);
    assert.equal(nestingDepth('<table><tr><td>a<td>b<tr><td>c</table>'), 3);
    // A <tbody> closes no open <td>: the fuzz test's "<tbody><td>…" nests as deep as it is long.
    assert.equal(nestingDepth('<tbody><td>'.repeat(50)), 100);
    // Tags inside a script's text are text.
    assert.equal(nestingDepth(`<script>${'"<div>"+'.repeat(50)}</script>`), 1);
  });

  it('counts a page nested 100,000 deep in linear time', () => {
    for (const pattern of ['<div>', '<tbody><td>', '<table><tr><td>', '<p><span>']) {
      const html = pattern.repeat(50_000) + '</div>'.repeat(50_000);
      const started = process.cpuUsage();
      const depth = nestingDepth(html);
      const used = process.cpuUsage(started);
      assert.ok(depth >= 50_000, `${pattern}: ${depth}`);
      assert.ok((used.user + used.system) / 1000 < 2000, `${pattern}: linear, not the square of the depth`);
    }
  });
});
