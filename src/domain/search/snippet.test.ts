/** Highlighting: every occurrence marked, longest first, Latin in either case; HTML always escaped. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highlight, markedHtml, SNIPPET_CHARS, snippet, snippetHtml } from './snippet.js';

describe('highlight and snippet', () => {
  it('marks every occurrence, the longer needle winning', () => {
    assert.deepEqual(highlight('春节调休，调休安排', ['调休', '调休安排']), [
      { text: '春节', mark: false },
      { text: '调休', mark: true },
      { text: '，', mark: false },
      { text: '调休安排', mark: true },
    ]);
    assert.deepEqual(highlight('ABC abc', ['abc']).filter((p) => p.mark).length, 2);
    assert.deepEqual(highlight('无', ['调休']), [{ text: '无', mark: false }]);
  });

  it('escapes the item’s text: only <mark> is HTML', () => {
    const html = markedHtml(highlight('<script>alert("调休")</script>&', ['调休']));
    assert.equal(html, '&lt;script&gt;alert(&quot;<mark>调休</mark>&quot;)&lt;/script&gt;&amp;');
  });

  it('cuts a snippet around the first occurrence', () => {
    const text = `${'前'.repeat(200)}征收${'后'.repeat(200)}`;
    const s = snippet([text], ['征收']);
    assert.ok(s.cutBefore && s.cutAfter);
    assert.equal(s.parts.map((p) => p.text).join('').length, SNIPPET_CHARS);
    assert.match(snippetHtml(s), /^…前+<mark>征收<\/mark>后+…$/);
    // No occurrence in the body: the attachments' text, else the body's start.
    assert.equal(snippet(['正文', '附件征收'], ['征收']).parts[1]?.text, '征收');
    assert.equal(snippet(['正文', ''], ['征收']).parts[0]?.text, '正文');
  });
});
