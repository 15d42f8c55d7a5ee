/**
 * 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号) worked through: Art. 3 (one method per request,
 * progressive), Art. 4 (按件计收, per applicant per natural month, cumulative), Art. 5 (按量计收).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { localDate } from '../calendar/local-date.js';
import { addDecimals, compareDecimals } from '../shared/decimal.js';
import { assessFee, chargeUnits, piecesEarlierInMonth } from './charge.js';
import { PER_PIECE_2020, PER_VOLUME_2020, type ProgressiveSchedule, scheduleProblem } from './schedule.js';

const perPiece = (earlier: number, pieces: number) =>
  assessFee({ method: 'perPiece', piecesEarlierThisMonth: earlier, pieces }).amount;
const perVolume = (pages: number) => assessFee({ method: 'perVolume', pages }).amount;

describe('Art. 4 按件计收: per applicant, per natural month, cumulative', () => {
  it('the first 10 件 of a month are free', () => {
    assert.equal(perPiece(0, 10), '0');
    assert.equal(perPiece(9, 1), '0');
  });

  it('件 11 to 30 cost 100元 each: a first request of 12 件 costs 2 × 100 = 200元', () => {
    assert.equal(perPiece(0, 12), '200');
    assert.equal(perPiece(10, 20), '2000');
  });

  it('the 35th 件 of the month falls in the band 31–40 and costs 200元', () => {
    const fee = assessFee({ method: 'perPiece', piecesEarlierThisMonth: 34, pieces: 1 });
    assert.equal(fee.amount, '200');
    assert.deepEqual(fee.explanation, ['第35件，每件200元，计200元', `合计200元（${PER_PIECE_2020.basis}）`]);
  });

  it('a request crossing bands pays each part at its own rate: 件 26–35 = 5 × 100 + 5 × 200 = 1500元', () => {
    const fee = assessFee({ method: 'perPiece', piecesEarlierThisMonth: 25, pieces: 10 });
    assert.equal(fee.amount, '1500');
    assert.deepEqual(
      fee.lines.map((l) => [l.from, l.to, l.rate, l.subtotal]),
      [
        [26, 30, '100', '500'],
        [31, 35, '200', '1000'],
      ],
    );
  });

  it('each further band of 10 raises the rate by 100元/件: the 51st 件 costs 400元', () => {
    assert.equal(perPiece(40, 1), '300');
    assert.equal(perPiece(50, 1), '400');
    // 1–10 free, 11–30: 2000, 31–40: 2000, 41–50: 3000, 51–60: 4000
    assert.equal(perPiece(0, 60), '11000');
  });

  it('counts only the same natural month: January’s 件 do not raise February’s rate', () => {
    const earlier = [
      { on: localDate('2025-01-20'), pieces: 25 },
      { on: localDate('2025-02-03'), pieces: 4 },
      { on: localDate('2025-02-10'), pieces: 3 },
    ];
    assert.equal(piecesEarlierInMonth(earlier, localDate('2025-02-14')), 7);
    assert.equal(piecesEarlierInMonth(earlier, localDate('2025-01-31')), 25);
  });
});

describe('Art. 5 按量计收: pages of one request', () => {
  it('up to 30 pages free, then 10, 20 and 40元 per page for each part', () => {
    assert.equal(perVolume(30), '0');
    assert.equal(perVolume(31), '10');
    assert.equal(perVolume(100), '700');
    assert.equal(perVolume(101), '720');
    assert.equal(perVolume(200), '2700');
    // 70 × 10 + 100 × 20 + 50 × 40 = 700 + 2000 + 2000
    assert.equal(perVolume(250), '4700');
  });
});

describe('Art. 3: one method per request, progressive tables as configurable data', () => {
  it('an assessment names its single method', () => {
    assert.equal(assessFee({ method: 'perVolume', pages: 40 }).method, 'perVolume');
    assert.equal(assessFee({ method: 'perPiece', piecesEarlierThisMonth: 0, pieces: 1 }).method, 'perPiece');
  });

  it('takes another table: a province charging 50元/件 from the 6th 件, +50 per band of 5', () => {
    const local: ProgressiveSchedule = {
      unit: '件',
      bands: [
        { upTo: 5, rate: '0' },
        { upTo: 10, rate: '50' },
      ],
      beyond: { width: 5, raiseBy: '50' },
      basis: '某省实施办法',
    };
    assert.equal(scheduleProblem(local), undefined);
    // 件 6–10: 5 × 50 = 250; 件 11–12: 2 × 100 = 200
    assert.equal(
      assessFee(
        { method: 'perPiece', piecesEarlierThisMonth: 0, pieces: 12 },
        {
          perPiece: local,
          perVolume: PER_VOLUME_2020,
        },
      ).amount,
      '450',
    );
  });

  it('keeps amounts exact with fractional rates (0.1元 per page)', () => {
    const cents: ProgressiveSchedule = { unit: '页', bands: [{ upTo: null, rate: '0.1' }], basis: 'test' };
    assert.equal(chargeUnits(cents, 1, 3).amount, '0.3');
  });

  it('refuses a table that ends without saying what comes after', () => {
    assert.equal(scheduleProblem(PER_PIECE_2020), undefined);
    assert.equal(scheduleProblem(PER_VOLUME_2020), undefined);
    assert.match(
      scheduleProblem({ unit: '页', bands: [{ upTo: 30, rate: '0' }], basis: '' }) ?? '',
      /最后一档/,
    );
  });

  it('charging a request in two parts costs the same as in one (property)', () => {
    fc.assert(
      fc.property(fc.nat(80), fc.nat(60), fc.nat(60), (earlier, a, b) => {
        const whole = chargeUnits(PER_PIECE_2020, earlier + 1, a + b).amount;
        const parts = addDecimals([
          chargeUnits(PER_PIECE_2020, earlier + 1, a).amount,
          chargeUnits(PER_PIECE_2020, earlier + 1 + a, b).amount,
        ]);
        assert.equal(compareDecimals(whole, parts), 0);
      }),
    );
  });
});
