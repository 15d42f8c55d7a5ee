/**
 * 政府信息公开制度 (条例第四条、第十七条、第四十五条): what keeps a list of rule documents from being
 * published, named with the document and the field; what the list lacks of the statutory rules, said
 * as a finding.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { LocalDate } from '../calendar/local-date.js';
import {
  checkRules,
  type DisclosureRulesDraft,
  RULE_NAME_LIMIT,
  RULE_SUMMARY_LIMIT,
  RULE_TOPICS,
  RULES_LIMIT,
  type RuleDocumentDraft,
  rulesFindings,
  trimRules,
} from './rules.js';

const TODAY = '2026-06-30' as LocalDate;

const doc = (name: string, more: Partial<RuleDocumentDraft> = {}): RuleDocumentDraft => ({
  name,
  docNumber: '',
  issuedOn: '2024-03-01',
  summary: '',
  covers: [],
  ...more,
});

const complete: DisclosureRulesDraft = {
  documents: [
    doc('城关镇政府信息公开工作制度', { docNumber: '城政〔2024〕3号', covers: ['work'] }),
    doc('城关镇政府信息公开保密审查制度', { covers: ['review'] }),
    doc('城关镇依申请公开办理工作规程', { covers: ['requests'], summary: '登记\n审核\n办理' }),
  ],
};

const where = (rules: DisclosureRulesDraft) =>
  checkRules(rules, TODAY).map((p) => `${p.index ?? '-'}:${p.field ?? '-'}`);

describe('政府信息公开制度: the list of rule documents', () => {
  it('takes a list whose documents each have a name and a real past date, the rest optional', () => {
    assert.deepEqual(checkRules(complete, TODAY), []);
    assert.deepEqual(
      checkRules({ documents: [doc('某制度', { issuedOn: TODAY })] }, TODAY),
      [],
      'today is not future',
    );
  });

  it('refuses an empty list and one longer than a page holds', () => {
    assert.deepEqual(checkRules({ documents: [] }, TODAY), [{ message: '请至少列出一项制度' }]);
    const many = Array.from({ length: RULES_LIMIT + 1 }, (_, i) => doc(`制度${i}`));
    assert.deepEqual(where({ documents: many }), ['-:-']);
  });

  it('names the document and the field of each problem', () => {
    const problems = checkRules(
      {
        documents: [
          doc(' '),
          doc('某制度', { issuedOn: '2025-02-29' }),
          doc('某办法', { issuedOn: '2026-07-01' }),
          doc('另一办法', { issuedOn: '' }),
          doc('某规程', { issuedOn: '2024/03/01', itemId: '../x', covers: ['other'] }),
        ],
      },
      TODAY,
    );
    assert.deepEqual(
      problems.map((p) => [p.index, p.field]),
      [
        [0, 'name'],
        [1, 'issuedOn'],
        [2, 'issuedOn'],
        [3, 'issuedOn'],
        [4, 'issuedOn'],
        [4, 'itemId'],
        [4, 'covers'],
      ],
    );
    assert.equal(problems[0]!.message, '请填写制度名称');
    assert.match(problems[1]!.message, /“2025-02-29”不是真实的日期，请按 YYYY-MM-DD 填写/);
    assert.match(problems[2]!.message, /成文日期 2026-07-01 晚于今天（2026-06-30）/);
    assert.equal(problems[3]!.message, '请填写成文日期');
  });

  it('takes each rule once: a name repeated, spaces or full-width forms aside, points to the first', () => {
    const problems = checkRules(
      { documents: [doc('保密审查制度'), doc('公开工作制度'), doc(' 保密审查 制度 '), doc('保密审查制度')] },
      TODAY,
    );
    assert.deepEqual(
      problems.map((p) => [p.index, p.message]),
      [
        [2, '名称与第 1 项相同；同一制度只列一次，新修订的请更新原项'],
        [3, '名称与第 1 项相同；同一制度只列一次，新修订的请更新原项'],
      ],
    );
    assert.deepEqual(where({ documents: [doc('制度Ａ'), doc('制度A')] }), ['1:name']);
  });

  it('limits each text, counting characters, not UTF-16 units', () => {
    const at = (more: Partial<RuleDocumentDraft>, name = '某制度') => where({ documents: [doc(name, more)] });
    assert.deepEqual(at({}, '𠀀'.repeat(RULE_NAME_LIMIT)), []);
    assert.deepEqual(at({}, '字'.repeat(RULE_NAME_LIMIT + 1)), ['0:name']);
    assert.deepEqual(at({ summary: '字'.repeat(RULE_SUMMARY_LIMIT + 1) }), ['0:summary']);
    assert.deepEqual(at({ docNumber: '号'.repeat(51) }), ['0:docNumber']);
  });

  it('finds, without refusing, a list that shows no 审查机制 (第十七条) or no 申请办理 rules (第四十五条)', () => {
    assert.deepEqual(rulesFindings(trimRules(complete)), []);
    const onlyWork = trimRules({ documents: [doc('公开工作制度', { covers: ['work', 'supervision'] })] });
    assert.deepEqual(checkRules(onlyWork, TODAY), []);
    const findings = rulesFindings(onlyWork);
    assert.deepEqual(
      findings.map((f) => f.topic),
      ['review', 'requests'],
    );
    assert.match(findings[0]!.message, /条例第十七条/);
    assert.match(findings[1]!.message, /条例第四十五条/);
  });

  it('keeps a list trimmed, its topics once each in the Regulation’s order, an empty 目录 id left out', () => {
    const kept = trimRules({
      documents: [
        doc(' 某制度 ', { summary: ' 内容 \n', itemId: ' ', covers: ['requests', 'work', 'requests'] }),
      ],
    });
    assert.deepEqual(kept.documents[0], {
      name: '某制度',
      docNumber: '',
      issuedOn: '2024-03-01',
      summary: '内容',
      covers: ['work', 'requests'],
    });
  });

  it('says of any list either that it stands or why, and every finding is a statutory topic none covers', () => {
    const arbitraryDoc = fc.record({
      name: fc.oneof(fc.constantFrom('保密审查制度', '工作制度', ''), fc.string({ maxLength: 8 })),
      docNumber: fc.string({ maxLength: 3 }),
      issuedOn: fc.oneof(
        fc.constantFrom('2024-02-29', '2023-02-29', '2027-01-01', TODAY),
        fc.string({ maxLength: 10 }),
      ),
      summary: fc.string({ maxLength: 5 }),
      covers: fc.subarray([...RULE_TOPICS]),
    });
    fc.assert(
      fc.property(fc.array(arbitraryDoc, { maxLength: 6 }), (documents) => {
        const problems = checkRules({ documents }, TODAY);
        for (const p of problems) assert.ok(p.message.length > 0);
        if (problems.length === 0) {
          assert.ok(documents.length > 0);
          const kept = trimRules({ documents });
          const names = kept.documents.map((d) => d.name.normalize('NFKC').replace(/\s+/g, ''));
          assert.equal(new Set(names).size, names.length);
          assert.ok(kept.documents.every((d) => d.issuedOn <= TODAY && d.name !== ''));
          for (const f of rulesFindings(kept))
            assert.ok(kept.documents.every((d) => !d.covers.includes(f.topic)));
        }
      }),
    );
  });
});
