/**
 * 目录信息: drafted, perhaps submitted, published with its 索引号 (once), withdrawn if published in error;
 * 有效性 from amendment and repeal events; corrections are events too. The state is the log replayed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { LocalDate } from '../calendar/local-date.js';
import {
  applyItemEvent,
  catalogueDocumentOf,
  defaultColumnOf,
  type ItemEvent,
  type ItemParticulars,
  type ItemState,
  itemStateOf,
  keywordsOf,
  publicStateOf,
  type StoredParticulars,
  TRANSITIONS,
} from './catalogue-item.js';
import { documentRows } from './section-two.js';

const d = (s: string) => s as LocalDate;
const TODAY = d('2025-06-30');

const particulars: StoredParticulars = {
  title: '某县人民政府关于规范行政执法的若干规定',
  publisher: '某县人民政府',
  writtenOn: d('2024-03-01'),
  docNumber: '某政规〔2024〕1号',
  topic: '综合政务',
  body: '第一条 为了规范行政执法……',
  kind: '规范性文件',
};

const drafted: ItemEvent = { kind: 'Drafted', on: d('2024-03-05'), by: 'liaison', particulars };
const published: ItemEvent = {
  kind: 'Published',
  on: d('2024-03-10'),
  by: 'approver',
  indexNumber: '000014349/2024-00001',
};

const state = (...events: ItemEvent[]): ItemState => {
  const s = itemStateOf(events, TODAY);
  assert.ok(s.ok, s.ok ? '' : s.error.message);
  return s.value;
};
const refusal = (...events: ItemEvent[]) => {
  const s = itemStateOf(events, TODAY);
  assert.ok(!s.ok, 'refused');
  return s.error;
};

describe('a catalogue item’s life', () => {
  it('is a draft, without a 索引号, until it is published', () => {
    const s = state(drafted);
    assert.equal(s.status, 'draft');
    assert.equal(s.indexNumber, undefined);
    assert.equal(s.validity, '有效');
  });

  it('may go to approval first, and is published from the draft or from approval, with its 索引号', () => {
    const direct = state(drafted, published);
    assert.equal(direct.status, 'published');
    assert.equal(direct.indexNumber, '000014349/2024-00001');
    assert.equal(direct.publishedOn, '2024-03-10');
    const submitted = state(drafted, { kind: 'Submitted', on: d('2024-03-06'), by: 'liaison' }, published);
    assert.equal(submitted.submittedOn, '2024-03-06');
    assert.equal(submitted.status, 'published');
  });

  it('is published once: its 索引号 is never changed', () => {
    const again = refusal(drafted, published, { ...published, indexNumber: '000014349/2024-00002' });
    assert.equal(again.code, 'catalogue.already-published');
    assert.equal(again.eventIndex, 2);
  });

  it('is not published without a 索引号', () => {
    assert.equal(refusal(drafted, { ...published, indexNumber: ' ' }).code, 'catalogue.index-number-missing');
  });

  it('is amended (已修改) by a named document, more than once, then repealed (已废止) from a date', () => {
    const amended = state(
      drafted,
      published,
      { kind: 'Amended', on: d('2024-09-01'), by: 'approver', document: '某政规〔2024〕5号' },
      { kind: 'Amended', on: d('2024-10-01'), by: 'approver', document: '某政规〔2024〕7号' },
    );
    assert.equal(amended.validity, '已修改');
    assert.deepEqual(
      amended.amendments.map((a) => a.document),
      ['某政规〔2024〕5号', '某政规〔2024〕7号'],
    );
    const repealed = state(drafted, published, {
      kind: 'Repealed',
      on: d('2025-01-15'),
      by: 'approver',
      document: '某政规〔2025〕1号',
    });
    assert.equal(repealed.validity, '已废止');
    assert.deepEqual(repealed.repealed, { on: '2025-01-15', document: '某政规〔2025〕1号' });
  });

  it('refuses an amendment without its document, and anything after the repeal', () => {
    assert.equal(
      refusal(drafted, published, { kind: 'Amended', on: d('2024-09-01'), by: 'a', document: '' }).code,
      'catalogue.document-empty',
    );
    const repeal: ItemEvent = { kind: 'Repealed', on: d('2025-01-15'), by: 'a' };
    assert.equal(refusal(drafted, published, repeal, repeal).code, 'catalogue.already-repealed');
    assert.equal(
      refusal(drafted, published, repeal, { kind: 'Amended', on: d('2025-02-01'), by: 'a', document: 'x' })
        .code,
      'catalogue.already-repealed',
    );
  });

  it('is neither amended, repealed nor withdrawn before it is published', () => {
    for (const e of [
      { kind: 'Amended', on: d('2024-04-01'), by: 'a', document: 'x' },
      { kind: 'Repealed', on: d('2024-04-01'), by: 'a' },
      { kind: 'Withdrawn', on: d('2024-04-01'), by: 'a', reason: '误发' },
    ] as ItemEvent[])
      assert.equal(refusal(drafted, e).code, 'catalogue.not-published', e.kind);
  });

  it('is withdrawn with a reason, keeps its 索引号, and takes nothing more (not even a new publication)', () => {
    const withdrawn: ItemEvent = { kind: 'Withdrawn', on: d('2024-03-11'), by: 'approver', reason: '误发' };
    const s = state(drafted, published, withdrawn);
    assert.equal(s.status, 'withdrawn');
    assert.equal(s.indexNumber, '000014349/2024-00001');
    assert.equal(refusal(drafted, published, { ...withdrawn, reason: '  ' }).code, 'catalogue.reason-empty');
    assert.equal(
      refusal(drafted, published, withdrawn, { ...published, on: d('2024-03-12') }).code,
      'catalogue.already-withdrawn',
    );
  });

  it('keeps its events in date order, none after today, none before the 成文日期', () => {
    assert.equal(refusal(drafted, { ...published, on: d('2024-03-01') }).code, 'catalogue.date-order');
    assert.equal(refusal(drafted, { ...published, on: d('2025-07-01') }).code, 'catalogue.date-after-today');
    assert.equal(
      refusal({ ...drafted, particulars: { ...particulars, writtenOn: d('2024-04-01') } }).code,
      'catalogue.written-after-event',
    );
  });

  it('refuses a draft without 名称 (条例第十二条), 发布机构, 主题分类 or a real 成文日期', () => {
    const draft = (p: Partial<ItemParticulars>) => ({ ...drafted, particulars: { ...particulars, ...p } });
    const title = refusal(draft({ title: '  ' }));
    assert.equal(title.code, 'catalogue.title-empty');
    assert.match(title.message, /条例第十二条/);
    assert.equal(refusal(draft({ publisher: '' })).code, 'catalogue.publisher-empty');
    assert.equal(refusal(draft({ topic: '' })).code, 'catalogue.topic-empty');
    assert.equal(refusal(draft({ writtenOn: d('2024-02-30') })).code, 'catalogue.date');
    assert.equal(refusal(draft({ title: '标题\n第二行' })).code, 'catalogue.control-characters');
    assert.equal(refusal(draft({ title: '长'.repeat(201) })).code, 'catalogue.too-long');
  });

  it('is corrected by an event that keeps the old values in the log; a published item keeps its 体裁', () => {
    const corrected = state(drafted, published, {
      kind: 'Corrected',
      on: d('2024-03-12'),
      by: 'approver',
      changes: { title: '某县人民政府关于规范行政执法的规定' },
      reason: '名称多了“若干”',
    });
    assert.equal(corrected.particulars.title, '某县人民政府关于规范行政执法的规定');
    assert.equal(corrected.indexNumber, '000014349/2024-00001');
    const correction = (changes: Partial<ItemParticulars>, reason = '录入错误'): ItemEvent => ({
      kind: 'Corrected',
      on: d('2024-03-12'),
      by: 'a',
      changes,
      reason,
    });
    assert.equal(
      refusal(drafted, correction({ title: particulars.title })).code,
      'catalogue.correction-nothing',
    );
    assert.equal(refusal(drafted, correction({ title: 'x' }, '')).code, 'catalogue.reason-empty');
    assert.equal(refusal(drafted, published, correction({ kind: '规章' })).code, 'catalogue.correction-kind');
    assert.equal(state(drafted, correction({ kind: '规章' })).particulars.kind, '规章');
  });

  it('counts in section 二 as its 体裁, published, repealed or withdrawn say', () => {
    const repealed = state(drafted, published, { kind: 'Repealed', on: d('2025-01-15'), by: 'a' });
    assert.deepEqual(catalogueDocumentOf(repealed), {
      kind: 'normativeDocument',
      writtenOn: '2024-03-01',
      publishedOn: '2024-03-10',
      repealedOn: '2025-01-15',
    });
    const rows = documentRows([catalogueDocumentOf(repealed)], 2025, '2021');
    assert.deepEqual(rows.normativeDocuments, { issued: 0, repealed: 1, inForce: 0 });
    assert.equal(catalogueDocumentOf(state(drafted)).publishedOn, undefined);
    const withdrawn = state(drafted, published, {
      kind: 'Withdrawn',
      on: d('2024-03-11'),
      by: 'a',
      reason: '误发',
    });
    assert.equal(catalogueDocumentOf(withdrawn).withdrawn, true);
  });

  it('follows the transition table: an event is accepted exactly in the statuses it names (property)', () => {
    const events: ItemEvent[] = [
      { kind: 'Submitted', on: d('2024-05-01'), by: 'a' },
      { kind: 'Published', on: d('2024-05-01'), by: 'a', indexNumber: 'X/2024-00001' },
      { kind: 'Amended', on: d('2024-05-01'), by: 'a', document: '某文' },
      { kind: 'Repealed', on: d('2024-05-01'), by: 'a' },
      { kind: 'Withdrawn', on: d('2024-05-01'), by: 'a', reason: '误发' },
      { kind: 'Corrected', on: d('2024-05-01'), by: 'a', changes: { topic: '财政' }, reason: '录错' },
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 8 }), (log) => {
        let s = state(drafted);
        for (const e of log) {
          const next = applyItemEvent(s, e, TODAY);
          if (e.kind === 'Drafted') continue;
          const allowed = TRANSITIONS[e.kind].from.includes(s.status);
          if (!allowed) assert.ok(!next.ok, `${e.kind} from ${s.status}`);
          if (next.ok) {
            // Once issued, the 索引号 never changes.
            if (s.indexNumber !== undefined) assert.equal(next.value.indexNumber, s.indexNumber);
            s = next.value;
          }
        }
      }),
    );
  });
});

describe('an item’s 栏目, 关键词 and 公开方式', () => {
  const draft = (p: Partial<ItemParticulars>): ItemEvent => ({
    ...drafted,
    particulars: { ...particulars, ...p },
  });
  const correction = (changes: Partial<ItemParticulars>): ItemEvent => ({
    kind: 'Corrected',
    on: d('2024-03-12'),
    by: 'approver',
    changes,
    reason: '栏目放错',
  });

  it('reads a log written before them with the defaults: its 体裁’s column, no keywords, 主动公开', () => {
    const s = state(drafted);
    assert.equal(s.particulars.column, 'fdzdgknr-01', '规范性文件: 条例第二十条第（一）项');
    assert.deepEqual(s.particulars.keywords, []);
    assert.equal(s.particulars.disclosure, '主动公开');
    assert.equal(s.particulars.disclosureReason, '');
    assert.equal(state(draft({ kind: 'other' })).particulars.column, 'fdzdgknr');
    assert.equal(defaultColumnOf('规章'), 'fdzdgknr-01');
  });

  it('keeps keywords trimmed and once each, and refuses more than ten or one with a separator', () => {
    assert.deepEqual(state(draft({ keywords: [' 宅基地 ', '宅基地', '农村'] })).particulars.keywords, [
      '宅基地',
      '农村',
    ]);
    assert.deepEqual(keywordsOf('宅基地，农村、管理 ; 规定  宅基地'), ['宅基地', '农村', '管理', '规定']);
    assert.equal(
      refusal(draft({ keywords: Array.from({ length: 11 }, (_, i) => `词${i}`) })).code,
      'catalogue.keywords-too-many',
    );
    for (const bad of ['宅基地 管理', '宅基地，管理', '长'.repeat(21), 'a\u0007'])
      assert.equal(refusal(draft({ keywords: [bad] })).code, 'catalogue.keyword', bad);
  });

  it('asks a reason of 不予公开, allows one for 依申请公开, and refuses one for 主动公开', () => {
    assert.equal(refusal(draft({ disclosure: '不予公开' })).code, 'catalogue.disclosure-reason-missing');
    const withheld = state(draft({ disclosure: '不予公开', disclosureReason: ' 涉及商业秘密 ' }));
    assert.equal(withheld.particulars.disclosureReason, '涉及商业秘密');
    assert.ok(state(draft({ disclosure: '依申请公开' })).particulars.disclosure === '依申请公开');
    assert.equal(
      refusal(draft({ disclosure: '主动公开', disclosureReason: '理由' })).code,
      'catalogue.disclosure-reason-unexpected',
    );
    assert.equal(refusal(draft({ disclosure: '不公开' as never })).code, 'catalogue.disclosure');
    assert.equal(refusal(draft({ column: 'Bad Column' })).code, 'catalogue.column');
  });

  it('changes on a published item only by a correction, which the log keeps beside the old values', () => {
    const moved = state(drafted, published, correction({ column: 'fdzdgknr-03', keywords: ['规划'] }));
    assert.equal(moved.particulars.column, 'fdzdgknr-03');
    assert.deepEqual(moved.particulars.keywords, ['规划']);
    assert.equal(moved.indexNumber, '000014349/2024-00001');
    // The same list again is no change (compared as values, not as objects).
    assert.equal(
      refusal(drafted, published, correction({ keywords: [] })).code,
      'catalogue.correction-nothing',
    );
    assert.equal(
      refusal(drafted, published, correction({ disclosure: '不予公开' })).code,
      'catalogue.disclosure-reason-missing',
    );
  });

  it('shows the public a 主动公开 item whole, a 依申请公开 one without its body, nothing else', () => {
    const pub = (p: Partial<ItemParticulars>) => state(draft(p), published);
    assert.equal(publicStateOf(pub({}))?.particulars.body, particulars.body);
    const onRequest = publicStateOf(pub({ disclosure: '依申请公开' }));
    assert.equal(onRequest?.particulars.body, '');
    assert.equal(onRequest?.particulars.title, particulars.title);
    assert.equal(publicStateOf(pub({ disclosure: '不予公开', disclosureReason: '国家秘密' })), undefined);
    assert.equal(publicStateOf(state(drafted)), undefined, 'a draft');
  });
});
