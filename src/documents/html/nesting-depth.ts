/**
 * @module How deep the HTML parser (htmlparser2) will nest a page's elements, found before it parses.
 * The parser keeps its open elements in an array it shifts and unshifts at the front, so its time grows
 * with the square of the depth: a page nested 100,000 deep took minutes. Counting the depth first lets
 * the reader refuse such a page in linear time.
 *
 * The count runs the parser's own tokenizer (so comments, quoted attributes and the raw text of
 * <script>, <style>, <title>, <textarea> and <xmp> are read exactly as the parser reads them) and
 * replays the parser's rules for the stack of open elements with a stack that costs O(1) per tag. The
 * rules below are htmlparser2 10's (Parser.js: openImpliesClose, voidElements, foreign contexts); the
 * property test in nesting-depth.test.ts compares this count with the depth of the parser's own tree
 * on random tag soup, so an upgrade that changes them fails there, not in production.
 */
import { Tokenizer } from 'htmlparser2';

const FORM = 'input option optgroup select button datalist textarea';
/** An opening tag closes the innermost open elements while they are among these. */
const IMPLIES_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  (
    [
      ['tr', 'tr th td'],
      ['th', 'th'],
      ['td', 'thead th td'],
      ['body', 'head link script'],
      ['li', 'li'],
      ...'p h1 h2 h3 h4 h5 h6'.split(' ').map((tag) => [tag, 'p']),
      ...'select input output button datalist textarea'.split(' ').map((tag) => [tag, FORM]),
      ['option', 'option'],
      ['optgroup', 'optgroup option'],
      ['dd', 'dd dt'],
      ['dt', 'dd dt'],
      ...'address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol pre section table ul'
        .split(' ')
        .map((tag) => [tag, 'p']),
      ['rt', 'rt rp'],
      ['rp', 'rt rp'],
      ['tbody', 'thead tbody'],
      ['tfoot', 'thead tbody'],
    ] as [string, string][]
  ).map(([tag, closed]) => [tag, new Set(closed.split(' '))]),
);
const VOID = new Set(
  'area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(
    ' ',
  ),
);
/** Inside <svg> and <math> a "<x/>" closes itself; inside these it does not again. */
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);

/** The deepest the parser's stack of open elements gets on this page. */
export function nestingDepth(html: string): number {
  const stack: string[] = [];
  // How many of each element are open: a closing tag with none open costs nothing, as in the parser.
  const open = new Map<string, number>();
  const foreign: boolean[] = [false];
  let deepest = 0;
  let tagName = '';
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
  };
  const openTag = (name: string) => {
    tagName = name;
    const closes = IMPLIES_CLOSE.get(name);
    while (closes && stack.length > 0 && closes.has(stack.at(-1)!)) pop();
    if (VOID.has(name)) return;
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > deepest) deepest = stack.length;
    if (FOREIGN.has(name)) foreign.push(true);
    else if (INTEGRATION.has(name)) foreign.push(false);
  };
  const closeCurrent = () => {
    if (stack.at(-1) === tagName) pop();
  };
  const nameAt = (start: number, end: number) => html.slice(start, end).toLowerCase();
  const ignore = () => {};
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: true },
    {
      onopentagname: (start, end) => openTag(nameAt(start, end)),
      onselfclosingtag: () => {
        if (foreign.at(-1) === true) closeCurrent();
      },
      onclosetag: (start, end) => {
        const name = nameAt(start, end);
        if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.pop();
        if (VOID.has(name)) return;
        if ((open.get(name) ?? 0) > 0) {
          while (stack.at(-1) !== name) pop();
          pop();
        } else if (name === 'p') {
          // "</p>" with no <p> open: the parser opens one and closes it at once.
          openTag('p');
          closeCurrent();
        }
      },
      onopentagend: ignore,
      onattribdata: ignore,
      onattribentity: ignore,
      onattribend: ignore,
      onattribname: ignore,
      oncdata: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onend: ignore,
      onprocessinginstruction: ignore,
      ontext: ignore,
      ontextentity: ignore,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return deepest;
}
