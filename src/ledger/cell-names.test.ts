/**
 * `report explain --cell` in the printed table's words: a clerk names the cell as the report prints it
 * (第三部分 rows and applicant columns, 第四部分 blocks and result columns), in either format.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellOfWords } from './cell-names.js';

const cell = (text: string, format: '2019' | '2021' = '2021') => {
  const r = cellOfWords(text, format);
  return r.ok ? `${r.value.section}:${r.value.row}.${r.value.column}` : r.error;
};

describe('a cell named in words', () => {
  it('reads section 三 rows and columns as printed, without ordinals or remarks', () => {
    assert.equal(cell('予以公开.自然人'), '三:granted.natural');
    assert.equal(cell('（二）部分公开.商业企业'), '三:partial.commercial');
    assert.equal(cell('本年新收.总计'), '三:new.total');
    assert.equal(cell('结转下年度继续办理.其他'), '三:carriedForward.other');
    assert.equal(cell('不予公开.属于国家秘密.科研机构'), '三:denied.stateSecret.research');
    assert.equal(
      cell('国家秘密.法律服务机构'),
      '三:denied.stateSecret.legalService',
      'a unique part is enough',
    );
    assert.equal(cell('无法提供.本机关不掌握相关政府信息.社会公益组织'), '三:unable.notHeld.publicInterest');
    assert.equal(cell('（七）总计．总计'), '三:total.total', 'a full-width dot too');
  });

  it('reads section 四 blocks and their result columns', () => {
    assert.equal(cell('行政复议.结果维持'), '四:review.upheld');
    assert.equal(cell('行政诉讼.复议后起诉.尚未审结'), '四:litigationAfterReview.pending');
    assert.equal(cell('未经复议直接起诉.总计'), '四:litigationDirect.total');
  });

  it('refuses a name that fits several rows, with the candidates, and an unknown one with the choices', () => {
    assert.match(cell('公开.自然人'), /“公开”可指多个行：.*予以公开、部分公开.*请写完整/);
    assert.equal(cell('其他.自然人'), '三:other.other.natural', 'the one row printed 其他');
    assert.match(cell('重复申请.外星人'), /未知的列“外星人”，可用：自然人、商业企业/);
    assert.match(cell('天上掉下来.自然人'), /未知的行“天上掉下来”/);
    assert.match(cell('予以公开'), /应写成 行\.列/);
  });
});
