import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LocalDate } from '../calendar/local-date.js';
import { correctionReason, REASON_MAX, reportNamesAgency, versionHistory } from './publication.js';

const d = (s: string) => s as LocalDate;

describe('publishing an annual report: the rules without storage', () => {
  it('asks a correction for its reason, and drops one given with the first version', () => {
    assert.deepEqual(correctionReason(1, '无'), { ok: true });
    assert.deepEqual(correctionReason(2, undefined), { ok: false, code: 'report.reason-required' });
    assert.deepEqual(correctionReason(2, '  \n '), { ok: false, code: 'report.reason-required' });
    assert.deepEqual(correctionReason(3, ' 第三部分数字有误 '), { ok: true, reason: '第三部分数字有误' });
    assert.deepEqual(correctionReason(2, '字'.repeat(REASON_MAX + 1)), {
      ok: false,
      code: 'report.reason-long',
    });
    assert.deepEqual(correctionReason(2, '更正\u202e'), { ok: false, code: 'report.reason-long' });
  });

  it('takes a report as the agency’s when it names it, with or without 人民政府 / 办事处', () => {
    assert.ok(reportNamesAgency('新庙镇', '新庙镇人民政府'));
    assert.ok(reportNamesAgency('新庙镇人民政府', '新庙镇'));
    assert.ok(reportNamesAgency('中山街道', '中山街道办事处'));
    assert.ok(reportNamesAgency('示范县 人民政府', '示范县人民政府'));
    assert.ok(!reportNamesAgency('新庙镇', '城关镇人民政府'));
    assert.ok(!reportNamesAgency('', '城关镇人民政府'));
    assert.ok(!reportNamesAgency('人民政府', '城关镇人民政府'));
  });

  it('marks each version but the last as replaced by the next, with the day', () => {
    const history = versionHistory([
      { version: 2, publishedOn: d('2025-03-01'), reason: '更正' },
      { version: 1, publishedOn: d('2025-01-20') },
    ]);
    assert.deepEqual(history, [
      { version: 1, publishedOn: '2025-01-20', supersededBy: { version: 2, on: '2025-03-01' } },
      { version: 2, publishedOn: '2025-03-01', reason: '更正' },
    ]);
  });
});
