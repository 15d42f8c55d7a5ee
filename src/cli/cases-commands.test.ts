/**
 * `gongkai cases add|close` in-process, on SQLite and (with GONGKAI_TEST_POSTGRES_URL) PostgreSQL, end to
 * end with `gongkai report build`: a case filed about a request counts in section 四 of its agency's
 * report (尚未审结 until closed, then under its result); a 复议后起诉 needs the 复议 case about the same
 * request. Bad input and refused cases exit 2 with one line on stderr.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type FreshDatabase } from '../storage/test-dialects.js';
import { addRequestArgs, assertRefused, gongkai } from '../test-support/run-cli.js';

for (const dialect of DIALECTS) {
  describe(`gongkai cases add|close on ${dialect.name}`, { skip: dialect.skip }, () => {
    let fresh: FreshDatabase | undefined;
    let db = '';
    const run = (...argv: string[]) => gongkai(...argv, '--database', db);
    const request = async (agency: string) => {
      const added = await run(...addRequestArgs(agency, '2024-03-01'));
      assert.equal(added.code, 0, added.err);
      const id = added.out.trim();
      const decided = await run(
        'requests',
        'record',
        id,
        'decided',
        '--on',
        '2024-03-20',
        '--outcome',
        '不予公开-属于国家秘密',
      );
      assert.equal(decided.code, 0, decided.err);
      return id;
    };
    const addCase = async (requestId: string, kind: string, filed: string) => {
      const added = await run('cases', 'add', '--request', requestId, '--kind', kind, '--filed', filed);
      assert.equal(added.code, 0, added.err);
      return added.out.trim();
    };
    const sectionFour = async (agency: string, year: string) => {
      const built = await run('report', 'build', '--agency', agency, '--year', year, '--json');
      assert.equal(built.code, 0, built.err);
      return JSON.parse(built.out).reviewLitigation;
    };

    before(async () => {
      fresh = await dialect.create();
      db = fresh.url;
      assert.equal((await run('agency', 'add', '平潭县')).code, 0);
      assert.equal((await run('agency', 'add', '别的县')).code, 0);
    });
    after(() => fresh?.drop());

    it('a 复议, a direct suit and a suit after the 复议 count in section 四 of the request’s agency, by result', async () => {
      const requestId = await request('1');
      const review = await addCase(requestId, '复议', '2024/4/1');
      assert.match(review, /^[0-9a-f-]{36}$/);
      const direct = await run(
        'cases',
        'add',
        '--request',
        requestId,
        '--kind',
        '直接起诉',
        '--filed',
        '2024年4月10日',
        '--json',
      );
      assert.equal(direct.code, 0, direct.err);
      assert.deepEqual((({ id: _id, ...rest }) => rest)(JSON.parse(direct.out)), {
        agencyId: 1,
        requestId,
        kind: 'litigationDirect',
        filedOn: '2024-04-10',
        result: 'pending',
      });
      assert.match(direct.err, /已登记直接起诉案件，立案 2024-04-10/);

      let four = await sectionFour('1', '2024');
      assert.deepEqual(four.review, { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
      assert.deepEqual(four.litigationDirect, { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
      assert.equal(four.litigationAfterReview.total, 0);
      assert.equal((await sectionFour('2', '2024')).review.total, 0, 'another agency counts none');

      const closed = await run('cases', 'close', review, '--result', '维持', '--on', '2024-06-01');
      assert.equal(closed.code, 0, closed.err);
      assert.equal(closed.out, `${review}：2024-06-01 审结，结果维持 (case closed)\n`);
      await addCase(requestId, '复议后起诉', '2024-07-01');
      assert.equal(
        (
          await run(
            'cases',
            'close',
            direct.out.match(/"id":"([^"]+)"/)![1]!,
            '--result',
            '纠正',
            '--on',
            '2025-02-01',
          )
        ).code,
        0,
      );

      four = await sectionFour('1', '2024');
      assert.deepEqual(four.review, { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 });
      assert.deepEqual(
        four.litigationDirect,
        { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 },
        'closed in 2025',
      );
      assert.deepEqual(four.litigationAfterReview, {
        upheld: 0,
        corrected: 0,
        other: 0,
        pending: 1,
        total: 1,
      });
      const next = await sectionFour('1', '2025');
      assert.deepEqual(next.litigationDirect, { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
      const summary = await run('report', 'build', '--agency', '1', '--year', '2024');
      assert.match(summary.out, /第四部分：行政复议 1 件，直接起诉 1 件，复议后起诉 1 件/);
    });

    it('refuses bad input and what the register may not hold: exit 2, one line', async () => {
      const requestId = await request('2');
      assertRefused(
        await run('cases', 'add', '--request', requestId, '--kind', '信访', '--filed', '2024-04-01'),
        /--kind 信访: 应为 复议、直接起诉、复议后起诉 之一/,
      );
      assertRefused(
        await run('cases', 'add', '--request', requestId, '--kind', '复议', '--filed', '4月1日'),
        /不是有效日期/,
      );
      assertRefused(
        await run('cases', 'add', '--request', 'no-such', '--kind', '复议', '--filed', '2024-04-01'),
        /申请不存在/,
      );
      assertRefused(
        await run('cases', 'add', '--request', requestId, '--kind', '复议后起诉', '--filed', '2024-04-01'),
        /复议后起诉应当关联同一申请的行政复议案件/,
      );
      assertRefused(
        await run('cases', 'add', '--request', requestId, '--kind', '复议', '--filed', '2024-02-01'),
        /立案日期早于收到申请之日/,
      );
      assertRefused(
        await run('cases', 'add', '--request', requestId, '--kind', '复议', '--filed', '2099-01-01'),
        /日期晚于今天/,
      );
      assert.equal((await sectionFour('2', '2024')).review.total, 0, 'nothing written');

      const id = await addCase(requestId, '行政复议', '2024-04-01');
      assertRefused(
        await run('cases', 'close', id, '--result', '撤销', '--on', '2024-05-01'),
        /应为 维持、纠正 或 其他/,
      );
      assertRefused(
        await run('cases', 'close', id, '--result', '维持', '--on', '2024-03-31'),
        /结案日期不能早于立案日期/,
      );
      assertRefused(
        await run('cases', 'close', 'no-such', '--result', '维持', '--on', '2024-05-01'),
        /案件不存在/,
      );
      assert.equal((await run('cases', 'close', id, '--result', '其他', '--on', '2024-05-01')).code, 0);
      assertRefused(
        await run('cases', 'close', id, '--result', '维持', '--on', '2024-06-01'),
        /案件已审结，不能再次结案/,
      );
      assert.deepEqual((await sectionFour('2', '2024')).review, {
        upheld: 0,
        corrected: 0,
        other: 1,
        pending: 0,
        total: 1,
      });
    });
    it('refuses a second case of the same kind, request and day as a likely duplicate unless confirmed; a case entered by mistake is withdrawn, kept, and no longer counted', async () => {
      assert.equal((await run('agency', 'add', '第三个县')).code, 0);
      const requestId = await request('3');
      const first = await addCase(requestId, '复议', '2024-05-06');
      assertRefused(
        await run('cases', 'add', '--request', requestId, '--kind', '复议', '--filed', '2024-05-06'),
        /可能重复登记/,
      );
      const twin = await run(
        'cases',
        'add',
        '--request',
        requestId,
        '--kind',
        '复议',
        '--filed',
        '2024-05-06',
        '--confirm-duplicate',
      );
      assert.equal(twin.code, 0, twin.err);
      assert.equal((await sectionFour('3', '2024')).review.total, 2);
      assertRefused(await run('cases', 'withdraw', first, '--reason', ' '), /--reason|理由/);
      // A case is named by its first characters, as a request is.
      assertRefused(
        await run('cases', 'withdraw', twin.out.trim().slice(0, 4), '--reason', '重复录入'),
        /案件不存在/,
      );
      const withdrawn = await run(
        'cases',
        'withdraw',
        twin.out.trim().slice(0, 8),
        '--reason',
        '重复录入',
        '--json',
      );
      assert.equal(withdrawn.code, 0, withdrawn.err);
      assert.equal(JSON.parse(withdrawn.out).withdrawn.reason, '重复录入');
      assert.equal(JSON.parse(withdrawn.out).id, twin.out.trim());
      assert.equal((await sectionFour('3', '2024')).review.total, 1, 'the withdrawn case no longer counts');
      assertRefused(await run('cases', 'withdraw', twin.out.trim(), '--reason', '再撤一次'), /已撤销登记/);
      assertRefused(
        await run('cases', 'close', twin.out.trim(), '--result', '维持', '--on', '2024-06-01'),
        /已撤销登记/,
      );
      // A review a lawsuit follows goes second.
      await addCase(requestId, '复议后起诉', '2024-07-01');
      assertRefused(await run('cases', 'withdraw', first, '--reason', '录错'), /请先撤销后者/);
    });
  });
}
