/**
 * 网上申请 as 条例第二十九条 asks for it: who applies (name, 身份证明, contact), what information, and in
 * what form and way. Every problem is named by its field, all at once, in Chinese.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checkOnlineApplication,
  creditCodeValid,
  maskIdNumber,
  ONLINE_LIMITS,
  type OnlineApplicationInput,
  residentIdValid,
} from './online-application.js';

/** The examples GB 11643-1999 and GB 32100-2015 print, and a real company's code. */
const RESIDENT_ID = '11010519491231002X';
const CREDIT_CODE = '91350100M000100Y43';

const person: OnlineApplicationInput = {
  applicant: '张三',
  type: '自然人',
  idType: '居民身份证',
  idNumber: RESIDENT_ID,
  phone: '13800138000',
  content: '潭城镇2020年某路段拓宽工程的征收补偿方案',
  medium: 'electronic',
  delivery: 'email',
  email: 'zhangsan@example.cn',
};

const fieldsOf = (input: OnlineApplicationInput) => {
  const checked = checkOnlineApplication(input);
  return checked.ok ? [] : checked.problems.map((p) => p.field);
};

describe('条例第二十九条(一): name, 身份证明 and contact', () => {
  it('takes a complete application from a person', () => {
    const checked = checkOnlineApplication(person);
    assert.ok(checked.ok);
    assert.deepEqual(checked.value.applicant, {
      kind: 'natural',
      name: '张三',
      idDocument: { type: '居民身份证', number: RESIDENT_ID },
      contact: { phone: '13800138000', email: 'zhangsan@example.cn' },
    });
    assert.deepEqual(checked.value.requestedForm, { medium: 'electronic', delivery: 'email' });
  });

  it('takes an organisation by its 统一社会信用代码', () => {
    const checked = checkOnlineApplication({
      ...person,
      applicant: '福建某某律师事务所',
      type: '法律服务机构',
      idType: '统一社会信用代码',
      idNumber: CREDIT_CODE,
    });
    assert.ok(checked.ok);
    assert.equal(checked.value.applicant.kind, 'legalService');
  });

  it('names every missing item at once', () => {
    assert.deepEqual(fieldsOf({}), [
      'applicant',
      'type',
      'idType',
      'idNumber',
      'phone',
      'content',
      'delivery',
    ]);
  });

  it('asks for a phone or an e-mail address: one is enough', () => {
    const { email: _e, ...phoneOnly } = person;
    assert.deepEqual(fieldsOf({ ...phoneOnly, delivery: 'online' }), []);
    assert.deepEqual(fieldsOf({ ...person, phone: '' }), []);
    assert.deepEqual(fieldsOf({ ...person, phone: '', email: '', delivery: 'online' }), ['phone']);
  });

  it('refuses a phone number or an e-mail address that cannot be one', () => {
    for (const phone of ['12345', '1380013800', '23800138000', '0591-123'])
      assert.deepEqual(fieldsOf({ ...person, phone }), ['phone'], phone);
    for (const phone of ['138 0013 8000', '0591-87654321', '059187654321', '+8613800138000'])
      assert.deepEqual(fieldsOf({ ...person, phone }), [], phone);
    for (const email of ['zhangsan', 'a@b', 'a b@example.cn'])
      assert.deepEqual(fieldsOf({ ...person, email }), ['email'], email);
  });

  it('checks a 居民身份证 number by its check character and birth date (GB 11643)', () => {
    assert.ok(residentIdValid(RESIDENT_ID));
    assert.ok(residentIdValid('440524188001010014'));
    assert.ok(!residentIdValid('110105194912310021'), 'wrong check character');
    assert.ok(!residentIdValid('11010519491331002X'), 'no 13th month');
    assert.ok(!residentIdValid('11010519490230002X'), 'no 30 February');
    assert.deepEqual(fieldsOf({ ...person, idNumber: '110105194912310021' }), ['idNumber']);
    // typed in lower case, the x is still the check character
    assert.deepEqual(fieldsOf({ ...person, idNumber: RESIDENT_ID.toLowerCase() }), []);
  });

  it('checks a 统一社会信用代码 by its check character (GB 32100)', () => {
    assert.ok(creditCodeValid(CREDIT_CODE));
    assert.ok(!creditCodeValid('91350100M000100Y44'));
    assert.ok(!creditCodeValid('91350100I000100Y43'), 'I is not in the alphabet');
  });

  it('gives a person an identity document, not an organisation code', () => {
    assert.deepEqual(fieldsOf({ ...person, idType: '统一社会信用代码', idNumber: CREDIT_CODE }), ['idType']);
    assert.deepEqual(fieldsOf({ ...person, idType: '驾驶证' }), ['idType']);
    assert.deepEqual(fieldsOf({ ...person, idType: '护照', idNumber: 'E12345678' }), []);
  });
});

describe('条例第二十九条(二)(三): the information, and the form and way asked for', () => {
  it('needs a description and a way of getting the information', () => {
    assert.deepEqual(fieldsOf({ ...person, content: '   ' }), ['content']);
    assert.deepEqual(fieldsOf({ ...person, delivery: '' }), ['delivery']);
    assert.deepEqual(fieldsOf({ ...person, delivery: 'fax' }), ['delivery']);
    assert.deepEqual(fieldsOf({ ...person, medium: 'film' }), ['medium']);
  });

  it('needs an address to post to, and an e-mail address to send to', () => {
    assert.deepEqual(fieldsOf({ ...person, delivery: 'post' }), ['address']);
    assert.deepEqual(fieldsOf({ ...person, delivery: 'post', address: '平潭县潭城镇西航路1号' }), []);
    assert.deepEqual(fieldsOf({ ...person, email: '', delivery: 'email' }), ['email']);
  });

  it('keeps the lines of a description but no control character', () => {
    assert.deepEqual(fieldsOf({ ...person, content: '第一项\n第二项' }), []);
    assert.deepEqual(fieldsOf({ ...person, content: '第一项\u001b[2J' }), ['content']);
    assert.deepEqual(fieldsOf({ ...person, applicant: '张\u202e三' }), ['applicant']);
  });
});

describe('the limits of every field', () => {
  const over = (n: number) => '字'.repeat(n + 1);
  it('refuses each field one character over its limit, and takes it at the limit', () => {
    const cases: [keyof OnlineApplicationInput, number][] = [
      ['applicant', ONLINE_LIMITS.applicant],
      ['content', ONLINE_LIMITS.content],
      ['address', ONLINE_LIMITS.address],
    ];
    for (const [field, limit] of cases) {
      assert.deepEqual(fieldsOf({ ...person, [field]: over(limit) }), [field], field);
      assert.deepEqual(fieldsOf({ ...person, [field]: '字'.repeat(limit) }), [], field);
    }
    assert.deepEqual(fieldsOf({ ...person, idType: '其他', idNumber: 'A'.repeat(41) }), ['idNumber']);
    assert.deepEqual(fieldsOf({ ...person, email: `${'a'.repeat(250)}@x.cn` }), ['email']);
    assert.deepEqual(fieldsOf({ ...person, phone: '1'.repeat(31) }), ['phone']);
    assert.deepEqual(fieldsOf({ ...person, postcode: '35040' }), ['postcode']);
  });

  it('counts characters, not UTF-16 units: an applicant name of rare characters is not cut short', () => {
    assert.deepEqual(fieldsOf({ ...person, applicant: '𠀀'.repeat(ONLINE_LIMITS.applicant) }), []);
  });

  it('never throws, whatever the fields hold, and names only fields of the form', () => {
    const field = fc.option(fc.string({ maxLength: 60 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          applicant: field,
          type: field,
          idType: field,
          idNumber: field,
          phone: field,
          email: field,
          content: field,
          delivery: field,
        }),
        (input) => {
          const checked = checkOnlineApplication(input);
          if (!checked.ok)
            for (const p of checked.problems) {
              assert.ok(p.message.length > 0);
              assert.ok(!/undefined|\[object/.test(p.message), p.message);
            }
        },
      ),
    );
  });
});

describe('ID numbers on staff screens', () => {
  it('shows the first four and last two characters only', () => {
    assert.equal(maskIdNumber(RESIDENT_ID), '1101************2X');
    assert.equal(maskIdNumber('E1234'), '*****');
  });
});

describe('the form and way as a platform words them', () => {
  it('takes the codes, the labels and the usual synonyms', () => {
    for (const [delivery, expected] of [
      ['post', 'post'],
      ['邮寄', 'post'],
      ['自行领取', 'collect'],
      ['网上获取', 'online'],
    ] as const) {
      const checked = checkOnlineApplication({ ...person, delivery, address: '平潭县潭城镇西航路1号' });
      assert.ok(checked.ok, delivery);
      assert.equal(checked.value.requestedForm.delivery, expected);
    }
    const paper = checkOnlineApplication({ ...person, medium: '纸质' });
    assert.ok(paper.ok);
    assert.equal(paper.value.requestedForm.medium, 'paper');
  });
});
