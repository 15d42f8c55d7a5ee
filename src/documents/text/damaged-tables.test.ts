/**
 * Tables as stored pages damage them (issue 10, kind 6): a row label lost (a blank line where 规章
 * stood), a row whose empty cells the page dropped so that only its label is left, a page cut off
 * after a label. What the table's structure leaves one place for is read, and said; what it does not
 * is reported, never placed by guess; blanks are never turned into 0.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleReport } from '../../domain/report/example.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { parseTextReport } from './parse-text.js';
import { BLANK_CELL_MARK, renderText } from './render-text.js';

const WITH_RULES: AnnualReport = (() => {
  const report = exampleReport(2023);
  return { ...report, proactive: { ...report.proactive, rules: { issued: 1, repealed: 0, inForce: 5 } } };
})();

/** The report as one-cell-per-line text, with `edit` applied to its lines. */
function page(report: AnnualReport, edit: (lines: string[]) => string[]): string {
  return edit(renderText(report).split('\n')).join('\n');
}

const rulesOf = (read: ReturnType<typeof parseTextReport>) =>
  read.ok ? read.report.proactive.rules : undefined;
const rulesNotes = (read: ReturnType<typeof parseTextReport>) =>
  read.ok ? read.notes.map((n) => n.rule) : [];

describe('a section 二 row whose label is missing', () => {
  it('is read as the block’s first row when its cells stand between the headers and the second row', () => {
    const read = parseTextReport(page(WITH_RULES, (lines) => lines.map((l) => (l === '规章' ? '  ' : l))));
    assert.ok(read.ok);
    assert.deepEqual(rulesOf(read), { issued: 1, repealed: 0, inForce: 5 });
    assert.deepEqual(read.report.proactive.normativeDocuments, WITH_RULES.proactive.normativeDocuments);
    const note = read.notes.find((n) => n.rule === 'read.row-by-position');
    assert.ok(note, 'the reading is said');
    assert.match(note.message, /按表格位置读作“规章”/);
  });

  it('is not guessed when the cells would not fill exactly the place left', () => {
    // Two of 规章's three cells, then 行政规范性文件: the place is not filled, so nothing is placed.
    const read = parseTextReport(
      page(WITH_RULES, (lines) => {
        const at = lines.indexOf('规章');
        return [...lines.slice(0, at), ...lines.slice(at + 2, at + 4), ...lines.slice(at + 6)];
      }),
    );
    assert.ok(read.ok);
    assert.equal(rulesOf(read), undefined);
    assert.ok(rulesNotes(read).includes('read.stray-number'));
    assert.ok(!rulesNotes(read).includes('read.row-by-position'));
  });

  it('is not guessed for a second row: its cells would follow the first row’s', () => {
    const read = parseTextReport(
      page(WITH_RULES, (lines) => lines.map((l) => (l === '行政规范性文件' ? '' : l))),
    );
    assert.ok(read.ok);
    assert.equal(read.report.proactive.normativeDocuments, undefined);
    assert.equal(rulesOf(read), undefined, '规章 does not take six cells');
    assert.ok(rulesNotes(read).includes('read.row-unreadable'));
  });
});

describe('a row printed with its label alone', () => {
  const blankNew: AnnualReport = {
    ...WITH_RULES,
    requests: { ...WITH_RULES.requests, new: Array(7).fill(null) },
  };

  it('reads as blank cells, not zeros, when the next row follows it', () => {
    const dropped = page(blankNew, (lines) => lines.filter((l) => l !== BLANK_CELL_MARK));
    const read = parseTextReport(dropped);
    assert.ok(read.ok);
    assert.deepEqual(read.report.requests.new, Array(7).fill(null));
    assert.deepEqual(read.report.requests.carriedOver, WITH_RULES.requests.carriedOver);
  });

  it('is not read at all when the page ends right after its label', () => {
    const cut = page(WITH_RULES, (lines) =>
      lines.slice(0, lines.indexOf('二、上年结转政府信息公开申请数量') + 1),
    );
    const read = parseTextReport(cut);
    assert.equal(read.ok, false);
    const partial = read.ok ? undefined : read.error.partial?.report;
    assert.ok(partial);
    assert.deepEqual(partial.requests.new, WITH_RULES.requests.new);
    assert.equal(partial.requests.carriedOver, undefined);
  });
});
