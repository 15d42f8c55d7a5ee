/** 政府信息公开指南 (条例第十二条第二款): what it must contain, named when missing. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkGuide,
  type DisclosureGuide,
  GUIDE_SECTION_LIMIT,
  paragraphsOf,
  REQUIRED_GUIDE_FIELDS,
} from './guide.js';

const completeGuide: DisclosureGuide = {
  office: {
    name: '城关镇党政办公室',
    address: '示范县城关镇人民路1号',
    hours: '工作日 8:30—12:00，14:30—17:30',
    phone: '0591-00000000',
    fax: '无',
    online: 'gk@example.gov.cn',
  },
  classification: '本机关主动公开的政府信息按机构职能、政策文件、规划计划等分类，按索引号编排。',
  howToObtain: '通过本网站政府信息公开栏目查阅；也可到镇便民服务中心查阅。',
  requestProcedure: '',
  fees: '',
  supervision: '',
};

describe('条例第十二条第二款: what a guide must contain', () => {
  it('takes a guide with every required item, the usual sections left out', () => {
    assert.deepEqual(checkGuide(completeGuide), []);
  });

  it('names each required item that is missing, the office’s six and the two of the information', () => {
    const problems = checkGuide({});
    assert.deepEqual(new Set(problems.map((p) => p.field)), new Set(REQUIRED_GUIDE_FIELDS));
    assert.equal(problems.length, REQUIRED_GUIDE_FIELDS.length);
    assert.ok(problems.every((p) => p.message.includes('条例第十二条')));
    const noFax = checkGuide({ ...completeGuide, office: { ...completeGuide.office, fax: ' ' } });
    assert.deepEqual(
      noFax.map((p) => p.field),
      ['office.fax'],
      'a fax number, or 无, is still to be said',
    );
  });

  it('limits each section', () => {
    const long = checkGuide({ ...completeGuide, fees: '字'.repeat(GUIDE_SECTION_LIMIT + 1) });
    assert.deepEqual(
      long.map((p) => p.field),
      ['fees'],
    );
  });

  it('prints a section as its non-blank lines', () => {
    assert.deepEqual(paragraphsOf('第一段\n\n  第二段  \r\n'), ['第一段', '第二段']);
  });
});
