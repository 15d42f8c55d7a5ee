/**
 * `gongkai fees quote` in-process, with the figures of 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号):
 * Art. 5 按量计收 (≤30 pages free, 31–100 at 10元, 101–200 at 20元, 201 and more at 40元) and Art. 4
 * 按件计收 (≤10 件 a month free, 11–30 at 100元/件, then 100元 more for each further 10 件), cumulative
 * per applicant per natural month. Bad options exit 2 with one line on stderr.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Big from 'big.js';
import fc from 'fast-check';
import { assertRefused, gongkai } from '../test-support/run-cli.js';

interface QuoteJson {
  method: string;
  amount: string;
  lines: { from: number; to: number; units: number; rate: string; subtotal: string }[];
  basis: string;
  explanation: string[];
}

async function quote(...argv: string[]): Promise<QuoteJson> {
  const r = await gongkai('fees', 'quote', ...argv, '--json');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  return JSON.parse(r.out) as QuoteJson;
}

const ART4 = '《政府信息公开信息处理费管理办法》第四条（按件计收）';
const ART5 = '《政府信息公开信息处理费管理办法》第五条（按量计收）';

describe('gongkai fees quote --pages (Art. 5 按量计收)', () => {
  it('150 pages = 70 × 10 + 50 × 20 = 1700元: the amount first, then each band, the total and the article', async () => {
    const r = await gongkai('fees', 'quote', '--pages', '150');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.deepEqual(r.out.trimEnd().split('\n'), [
      '1700 元',
      '按量计收 (per volume)：150 页',
      '第1–30页，免费',
      '第31–100页，每页10元，计700元',
      '第101–150页，每页20元，计1000元',
      `合计1700元（${ART5}）`,
    ]);
  });

  it('--json: {"method","amount","lines","basis","explanation"}, amounts as decimal strings', async () => {
    const q = await quote('--pages', '250');
    assert.deepEqual(Object.keys(q), ['method', 'amount', 'lines', 'basis', 'explanation']);
    assert.equal(q.method, 'perVolume');
    // 70 × 10 + 100 × 20 + 50 × 40 = 700 + 2000 + 2000
    assert.equal(q.amount, '4700');
    assert.deepEqual(q.lines, [
      { from: 1, to: 30, units: 30, rate: '0', subtotal: '0' },
      { from: 31, to: 100, units: 70, rate: '10', subtotal: '700' },
      { from: 101, to: 200, units: 100, rate: '20', subtotal: '2000' },
      { from: 201, to: 250, units: 50, rate: '40', subtotal: '2000' },
    ]);
    assert.equal(q.basis, ART5);
    assert.equal(q.explanation.at(-1), `合计4700元（${ART5}）`);
  });

  it('the band edges: 30 pages free, the 31st 10元, 100 → 700元, 101 → 720元, 200 → 2700元, 201 → 2740元', async () => {
    for (const [pages, amount] of [
      ['0', '0'],
      ['30', '0'],
      ['31', '10'],
      ['100', '700'],
      ['101', '720'],
      ['200', '2700'],
      ['201', '2740'],
    ] as const)
      assert.equal((await quote('--pages', pages)).amount, amount, `${pages} pages`);
  });
});

describe('gongkai fees quote --pieces [--earlier] (Art. 4 按件计收)', () => {
  it('after 25 件 this month, 10 more = 5 × 100 + 5 × 200 = 1500元', async () => {
    const r = await gongkai('fees', 'quote', '--pieces', '10', '--earlier', '25');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.out.trimEnd().split('\n'), [
      '1500 元',
      '按件计收 (per piece)：本次 10 件（同一申请人本月此前 25 件）',
      '第26–30件，每件100元，计500元',
      '第31–35件，每件200元，计1000元',
      `合计1500元（${ART4}）`,
    ]);
    const q = await quote('--pieces', '10', '--earlier', '25');
    assert.equal(q.method, 'perPiece');
    assert.equal(q.amount, '1500');
    assert.equal(q.basis, ART4);
    assert.deepEqual(
      q.lines.map((l) => [l.from, l.to, l.units, l.rate, l.subtotal]),
      [
        [26, 30, 5, '100', '500'],
        [31, 35, 5, '200', '1000'],
      ],
    );
  });

  it('the first 10 件 of a month are free; --earlier defaults to 0; the 51st 件 costs 400元', async () => {
    assert.equal((await quote('--pieces', '10')).amount, '0');
    assert.equal((await quote('--pieces', '12')).amount, '200');
    assert.equal((await quote('--pieces', '1', '--earlier', '50')).amount, '400');
    // 1–10 free, 11–30: 2000, 31–40: 2000, 41–50: 3000, 51–60: 4000
    assert.equal((await quote('--pieces', '60')).amount, '11000');
  });

  it('N 件 after M earlier cost what M + N from the month’s start cost, less M from the start (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(120), fc.nat(80), async (m, n) => {
        const after = await quote('--pieces', String(n), '--earlier', String(m));
        const whole = await quote('--pieces', String(m + n));
        const before = await quote('--pieces', String(m));
        assert.equal(after.amount, new Big(whole.amount).minus(before.amount).toFixed());
      }),
    );
  });

  it('the lines cover the units charged, one after another, and add up to the amount (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.nat(400).map((p) => ['--pages', String(p)]),
          fc.tuple(fc.nat(80), fc.nat(80)).map(([n, m]) => ['--pieces', String(n), '--earlier', String(m)]),
        ),
        async (argv) => {
          const q = await quote(...argv);
          const first = argv[0] === '--pages' ? 1 : Number(argv[3]) + 1;
          const count = Number(argv[1]);
          let next = first;
          for (const l of q.lines) {
            assert.equal(l.from, next);
            assert.equal(l.units, l.to - l.from + 1);
            assert.equal(l.subtotal, new Big(l.rate).times(l.units).toFixed());
            next = l.to + 1;
          }
          assert.equal(next, first + count);
          assert.equal(q.amount, q.lines.reduce((s, l) => s.plus(l.subtotal), new Big(0)).toFixed());
          assert.equal(q.explanation.length, q.lines.length + 1);
        },
      ),
    );
  });
});

describe('gongkai fees quote refuses bad options: exit 2, one line, Chinese first', () => {
  it('exactly one of --pages and --pieces, --earlier only with --pieces', async () => {
    assertRefused(
      await gongkai('fees', 'quote'),
      /^gongkai: 请给出 --pages（按量计收）或 --pieces（按件计收）之一/,
    );
    assertRefused(
      await gongkai('fees', 'quote', '--pages', '40', '--pieces', '2'),
      /只能给出一个：一件申请只按一种方式计收/,
    );
    assertRefused(
      await gongkai('fees', 'quote', '--earlier', '3'),
      /本月此前件数只用于按件计收，须与本次件数一起给出/,
    );
    assertRefused(
      await gongkai('fees', 'quote', '--pages', '40', '--earlier', '3'),
      /本月此前件数只用于按件计收/,
    );
  });

  it('whole numbers ≥ 0 only', async () => {
    for (const [option, value] of [
      ['--pages', '3.5'],
      ['--pages', '-1'],
      ['--pages', '1e3'],
      ['--pages', '十'],
      ['--pieces', ''],
      ['--pieces', '2000000'],
    ] as const)
      assertRefused(
        await gongkai('fees', 'quote', option, value),
        new RegExp(`^gongkai: ${option} ${value}: 应为 0 至 1000000 之间的整数 \\(a whole number`),
      );
    assertRefused(
      await gongkai('fees', 'quote', '--pieces', '2', '--earlier', 'x'),
      /^gongkai: --earlier x: 应为 0 至 1000000 之间的整数/,
    );
    assert.equal((await quote('--pages', '１５０')).amount, '1700', 'full-width digits read as digits');
  });
});
