/**
 * A `--json` line completed by splicing is the line of the completed result, byte for byte, whatever
 * the strings hold (quotes, `,"status":"` itself, line breaks, control characters).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Finding } from '../domain/report/validation/finding.js';
import { completedLine, fileJsonText } from './file-json.js';
import { statusOf } from './file-status.js';
import type { FileResult } from './types.js';

const text = fc.oneof(
  fc.string(),
  fc.constantFrom(',"status":"clean"', '"findings":[', ']}', '\\"', '平潭综合实验区', '\n'),
);

const findingArb: fc.Arbitrary<Finding> = fc.record(
  {
    rule: fc.constantFrom('cell.missing', 'cross-year.carry-over', 'read.glued-digits') as fc.Arbitrary<
      Finding['rule']
    >,
    severity: fc.constantFrom('error', 'warning', 'info') as fc.Arbitrary<Finding['severity']>,
    message: text,
    messageEn: text,
    cells: fc.array(
      fc.record(
        {
          section: fc.constantFrom('二', '三', '四') as fc.Arbitrary<'二' | '三' | '四'>,
          row: text,
          column: text,
          previousYear: fc.constant(true as const),
        },
        { requiredKeys: ['section', 'row', 'column'] },
      ),
      { maxLength: 3 },
    ),
    expected: text,
    found: text,
  },
  { requiredKeys: ['rule', 'severity', 'message', 'messageEn', 'cells'] },
);

const resultArb: fc.Arbitrary<FileResult> = fc
  .record(
    {
      file: text,
      agency: text,
      year: fc.integer({ min: 2008, max: 2030 }),
      format: fc.constantFrom('2019', '2021') as fc.Arbitrary<'2019' | '2021'>,
      shape: fc.constantFrom('text', 'html', 'json', 'pdf', 'docx', 'xlsx') as fc.Arbitrary<
        FileResult['shape']
      >,
      encoding: fc.constantFrom('utf-8', 'gb18030'),
      findings: fc.array(findingArb, { maxLength: 4 }),
    },
    { requiredKeys: ['file', 'agency', 'year', 'format', 'shape', 'findings'] },
  )
  .map((r) => ({ ...r, status: statusOf(r.findings) }));

describe('completedLine', () => {
  it('is fileJsonText of the result completed with previousFile and the cross-year findings', () => {
    fc.assert(
      fc.property(resultArb, text, fc.array(findingArb, { maxLength: 3 }), (result, previousFile, more) => {
        const findings = [...result.findings, ...more];
        const completed: FileResult = { ...result, status: statusOf(findings), findings, previousFile };
        assert.equal(completedLine(fileJsonText(result), previousFile, more), fileJsonText(completed));
      }),
      { numRuns: 500 },
    );
  });

  it('declines a line that is not a readable file’s (the caller then parses it)', () => {
    const unreadable: FileResult = {
      file: 'a.txt',
      agency: null,
      year: null,
      format: null,
      shape: 'text',
      status: 'unreadable',
      findings: [],
      error: { code: 'input.empty', message: '文件为空 (empty file)' },
    };
    assert.equal(completedLine(fileJsonText(unreadable), 'b.txt', []), undefined);
    assert.equal(completedLine('{"file":"a"}', 'b.txt', []), undefined);
  });
});
