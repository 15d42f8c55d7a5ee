import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outcomeLeafRows, requestRowSpec } from '../../domain/report/labels.js';
import { OUTCOMES, reportRowOf } from '../../domain/requests/outcomes.js';
import { parseRegisterDate } from './register.js';
import { applicantKindOfWording, outcomeOfWording } from './wording.js';

const outcome = (text: string) => {
  const r = outcomeOfWording(text);
  return r.ok ? r.value : `refused: ${r.reason}`;
};

describe('办理结果 wording → outcome, by rule', () => {
  it('reads the wordings registers use', () => {
    const cases: [string, string][] = [
      ['予以公开', 'disclosed'],
      ['部分公开', 'partial'],
      ['属于国家秘密', 'stateSecret'],
      ['本机关不掌握相关政府信息', 'notHeld'],
      ['重复申请', 'repeated'],
      ['（三）不予公开-属于国家秘密', 'stateSecret'],
      ['不予公开（国家秘密）', 'stateSecret'],
      ['(三)不予公开 — 国家秘密', 'stateSecret'],
      ['不予公开：危及“三安全一稳定”', 'security'],
      ['（五）不予处理/重复申请', 'repeated'],
      ['1.本机关不掌握相关政府信息', 'notHeld'],
      ['（一）予以公开', 'disclosed'],
      ['已主动公开，告知获取方式和途径', 'alreadyPublic'],
      ['部分公开（区分处理的，只计这一情形，不计其他情形）', 'partial'],
      ['撤回申请', 'withdrawn'],
      ['逾期不补正', 'noCorrection'],
      ['其他', 'other'],
      ['　予以公开。', 'disclosed'],
    ];
    for (const [text, kind] of cases) assert.equal(outcome(text), kind, text);
  });

  it('reads every official row label of both formats that names one outcome', () => {
    for (const row of [...outcomeLeafRows('2019'), ...outcomeLeafRows('2021')]) {
      const holders = OUTCOMES.filter((o) => o.row2021 === row.key);
      if (holders.length !== 1) continue;
      const label = row.group ? `${requestRowSpec(row.key).label}` : row.label;
      assert.equal(outcome(label), holders[0]!.kind, label);
    }
    for (const o of OUTCOMES) {
      const kind = outcome(o.label);
      assert.equal(kind, o.kind, o.label);
      assert.equal(reportRowOf(o.kind, '2021'), o.row2021);
    }
  });

  it('never guesses: unknown words, a group alone, or a case under the wrong group are refused', () => {
    for (const text of ['公开', '不予公开', '无法提供', '同意', '不予公开-重复申请', '国家秘密?', ''])
      assert.match(String(outcome(text)), /^refused: /, text);
    assert.match(String(outcome('不予公开-重复申请')), /不属于“（三）不予公开”/);
  });
});

describe('申请人类型 wording', () => {
  it('takes the six columns, with or without 法人或其他组织', () => {
    assert.deepEqual(applicantKindOfWording('自然人'), { ok: true, value: 'natural' });
    assert.deepEqual(applicantKindOfWording(' 法人或其他组织-科研机构 '), { ok: true, value: 'research' });
    assert.deepEqual(applicantKindOfWording('法人或其他组织（社会公益组织）'), {
      ok: true,
      value: 'publicInterest',
    });
    const refused = applicantKindOfWording('外星人');
    assert.equal(refused.ok, false);
  });

  it('takes the words registers use (公民 → 自然人, 企业/公司 → 商业企业) and counts a bare 法人或其他组织 under 其他, with a warning', () => {
    assert.deepEqual(applicantKindOfWording('公民'), { ok: true, value: 'natural' });
    assert.deepEqual(applicantKindOfWording('企业'), { ok: true, value: 'commercial' });
    assert.deepEqual(applicantKindOfWording('公司'), { ok: true, value: 'commercial' });
    const bare = applicantKindOfWording('法人或其他组织');
    assert.ok(bare.ok && bare.value === 'other');
    assert.match(bare.ok ? (bare.warning ?? '') : '', /未写明是哪一类法人或其他组织，计入“其他”列/);
  });
});

describe('register dates', () => {
  const date = (cell: string | number | Date) => {
    const r = parseRegisterDate(cell, '收到日期');
    return r.ok ? r.value : 'refused';
  };
  it('reads 2024-03-01, 2024/3/1, 2024年3月1日, full-width digits, a time after it, and Excel cells', () => {
    assert.equal(date('2024-03-01'), '2024-03-01');
    assert.equal(date('2024/3/1'), '2024-03-01');
    assert.equal(date('2024年3月1日'), '2024-03-01');
    assert.equal(date('２０２４年３月１日'), '2024-03-01');
    assert.equal(date('2024 年 3 月 1 日'), '2024-03-01');
    assert.equal(date('2024-03-01 09:30:00'), '2024-03-01');
    assert.equal(date(new Date(Date.UTC(2024, 2, 1))), '2024-03-01');
    assert.equal(date(45352), '2024-03-01');
  });
  it('refuses impossible or unreadable dates', () => {
    for (const text of ['2024-02-30', '2023/2/29', '3/1/2024', '2024年13月1日', '昨天', '20240301'])
      assert.equal(date(text), 'refused', text);
    assert.match(
      (parseRegisterDate('x', '答复日期') as { reason: string }).reason,
      /^答复日期“x”不是有效日期/,
    );
  });
});
