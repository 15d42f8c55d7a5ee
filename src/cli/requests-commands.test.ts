/**
 * `gongkai requests add|record|show|list` in-process, on SQLite and (with GONGKAI_TEST_POSTGRES_URL)
 * PostgreSQL: the contract of docs/cli.md. A request is entered, moved through every event the
 * Regulation knows (Art. 30 补正, Art. 32 third party, Art. 33 20 working days + one extension of 20,
 * Art. 34 other agencies, the fee measure), shown with its due date explained across National Day, and
 * listed as a deadline dashboard. A refused transition or bad input exits 2 with one line on stderr.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type FreshDatabase } from '../storage/test-dialects.js';
import { addRequestArgs, assertRefused, gongkai } from '../test-support/run-cli.js';

for (const dialect of DIALECTS) {
  describe(`gongkai requests add|record|show|list on ${dialect.name}`, { skip: dialect.skip }, () => {
    let fresh: FreshDatabase | undefined;
    let db = '';
    /** gongkai with --database of this suite */
    const run = (...argv: string[]) => gongkai(...argv, '--database', db);
    /** `requests add` for 张三 (自然人) at agency 1, with more options. */
    const tryAdd = (...argv: string[]) => run(...addRequestArgs('1'), ...argv);
    const add = async (...argv: string[]) => {
      const r = await tryAdd(...argv);
      assert.equal(r.code, 0, r.err);
      return r.out.trim();
    };
    const record = async (id: string, ...argv: string[]) => {
      const r = await run('requests', 'record', id, ...argv);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.err}`);
      return r;
    };
    const show = async (id: string, asOf: string) => {
      const r = await run('requests', 'show', id, '--as-of', asOf, '--json');
      assert.equal(r.code, 0, r.err);
      return JSON.parse(r.out);
    };

    before(async () => {
      fresh = await dialect.create();
      db = fresh.url;
      assert.equal((await run('agency', 'add', '平潭县')).code, 0);
      assert.equal((await run('agency', 'add', '平潭县教育局', '--parent', '1')).code, 0);
      assert.equal((await run('agency', 'add', '别的县')).code, 0);
    });
    after(() => fresh?.drop());

    it('void SEQ --reason voids a wrong decision (更正): the request opens again and the history keeps both', async () => {
      const id = await add('--received', '2024-05-06');
      await record(id, 'decided', '--on', '2024-05-08', '--outcome', '予以公开');
      assertRefused(await run('requests', 'void', id, '1', '--reason', '录错'), /“收到申请”不能作废/);
      assertRefused(await run('requests', 'void', id, 'two', '--reason', '录错'), /应为记录序号/);
      const voided = await run('requests', 'void', id, '2', '--reason', '答复日期录错', '--json');
      assert.equal(voided.code, 0, voided.err);
      assert.deepEqual(JSON.parse(voided.out), { id, seq: 3, voids: 2, reopened: true, completedYears: [] });
      const shown = await show(id, '2024-05-20');
      assert.equal(shown.closedOn, null);
      assert.deepEqual(
        shown.history.map((h: { seq: number; label: string; voidedBy: number | null }) => [
          h.seq,
          h.label,
          h.voidedBy,
        ]),
        [
          [1, '收到申请', null],
          [2, '作出答复', 3],
          [3, '作废记录', null],
        ],
      );
      const text = await run('requests', 'show', id, '--as-of', '2024-05-20');
      assert.match(text.out, /2\. 2024-05-08 {2}作出答复 .*【已作废：见第 3 条】/);
      assert.match(text.out, /3\. .*作废记录 .*作废第 2 条 {2}理由：答复日期录错/);
      assertRefused(await run('requests', 'void', id, '2', '--reason', '录错'), /已经作废/);
    });

    it('correct ID --received/--type/--applicant --reason corrects the particulars, keeping the old values', async () => {
      const id = await add('--received', '2023-12-29');
      assertRefused(await run('requests', 'correct', id, '--reason', '录错'), /请至少给出/);
      assertRefused(
        await run('requests', 'correct', id, '--type', '外星人', '--reason', '录错'),
        /--type 外星人/,
      );
      const corrected = await run(
        'requests',
        'correct',
        id.slice(0, 8),
        '--received',
        '2024-01-02',
        '--type',
        '公司',
        '--reason',
        '以签收单为准',
        '--json',
      );
      assert.equal(corrected.code, 0, corrected.err);
      assert.deepEqual(JSON.parse(corrected.out), {
        id,
        seq: 2,
        changes: [
          { field: 'applicantKind', from: 'natural', to: 'commercial' },
          { field: 'receivedOn', from: '2023-12-29', to: '2024-01-02' },
        ],
        completedYears: [],
      });
      const text = await run('requests', 'show', id, '--as-of', '2024-01-10');
      assert.match(
        text.out,
        /2\. .*申请信息更正 .*申请人类型：自然人 → 商业企业；收到申请之日：2023-12-29 → 2024-01-02/,
      );
      assert.equal((await show(id, '2024-01-10')).receivedOn, '2024-01-02');
      assertRefused(
        await run('requests', 'correct', id, '--received', '2024-01-02', '--reason', '录错'),
        /没有要更正的内容|nothing/,
      );
    });

    it('report complete marks a year; a correction changing it needs --confirm-completed-year and is a finding on its report', async () => {
      assertRefused(await run('report', 'complete', '--agency', '2', '--year', '2099'), /年度尚未结束/);
      const id = await run(...addRequestArgs('2', '2022-03-01'));
      assert.equal(id.code, 0, id.err);
      const requestId = id.out.trim();
      await record(requestId, 'decided', '--on', '2022-03-10', '--outcome', '予以公开');
      const done = await run('report', 'complete', '--agency', '2', '--year', '2022', '--json');
      assert.equal(done.code, 0, done.err);
      const marked = JSON.parse(done.out);
      assert.deepEqual([marked.agency, marked.year], [2, 2022]);
      assert.match(marked.completedBy, /^cli/);
      assertRefused(await run('report', 'complete', '--agency', '2', '--year', '2022'), /已标记完成/);
      assertRefused(
        await run('requests', 'void', requestId, '2', '--reason', '结果录错'),
        /2022 年度.*确认|已标记完成/,
      );
      const confirmed = await run(
        'requests',
        'void',
        requestId,
        '2',
        '--reason',
        '结果录错',
        '--confirm-completed-year',
      );
      assert.equal(confirmed.code, 0, confirmed.err);
      assert.match(confirmed.out, /已标记完成的 2022 年度报告/);
      const built = await run('report', 'build', '--agency', '2', '--year', '2022');
      assert.equal(built.code, 0, built.err);
      assert.match(built.err, /ledger\.corrected-after-complete：2022 年度报告标记完成后.*作废办理记录/);
      const later = await run('report', 'build', '--agency', '2', '--year', '2021');
      assert.doesNotMatch(later.err, /corrected-after-complete/);
    });

    it('add prints the new id; --json {"id","receivedOn","status"}; the same --ref twice is a duplicate', async () => {
      const id = await add('--received', '2024年3月1日');
      assert.match(id, /^[0-9a-f-]{36}$/);
      // Named by its first characters wherever an id is asked for.
      assert.equal((await show(id.slice(0, 8), '2024-03-04')).id, id);
      assertRefused(await run('requests', 'show', id.slice(0, 4)), /申请不存在/);
      const first = await run(
        'requests',
        'add',
        '--agency',
        '2',
        '--applicant',
        '某律师事务所',
        '--type',
        '法人或其他组织-法律服务机构',
        '--content',
        '招标文件',
        '--received',
        '2024/3/4',
        '--channel',
        '邮寄(签收)',
        '--ref',
        'OA-2024-7',
        '--json',
      );
      assert.equal(first.code, 0, first.err);
      const created = JSON.parse(first.out);
      assert.deepEqual(Object.keys(created), ['id', 'receivedOn', 'status']);
      assert.deepEqual([created.receivedOn, created.status], ['2024-03-04', 'created']);
      const again = await run(
        'requests',
        'add',
        '--agency',
        '2',
        '--applicant',
        '某律师事务所',
        '--type',
        '法律服务机构',
        '--content',
        '招标文件',
        '--received',
        '2024-03-04',
        '--ref',
        'OA-2024-7',
        '--json',
      );
      assert.deepEqual(JSON.parse(again.out), {
        id: created.id,
        receivedOn: '2024-03-04',
        status: 'duplicate',
      });
      assert.match(again.err, /未重复登记/);

      const shown = await show(created.id, '2024-03-05');
      assert.deepEqual(shown.applicant, { name: '某律师事务所', kind: 'legalService', type: '法律服务机构' });
      assert.equal(shown.channel, '邮寄（签收）');
      assert.equal(shown.externalRef, 'OA-2024-7');
      assert.deepEqual(shown.agency, { id: 2, name: '平潭县教育局' });
    });

    it('add keeps the arrival of a letter or online request apart from its confirmation, which starts the clock (Art. 31)', async () => {
      const id = await add('--channel', '平信', '--arrived', '2024/9/25', '--received', '2024-09-27');
      const view = await show(id, '2024-09-30');
      assert.equal(view.receivedOn, '2024-09-27');
      assert.deepEqual(view.intake, {
        channel: 'postOrdinary',
        arrivedOn: '2024-09-25',
        confirmedWithApplicantOn: '2024-09-27',
      });
      const text = await run('requests', 'show', id, '--as-of', '2024-09-30');
      assert.match(text.out, /收到申请之日 \(received\)：2024-09-27（2024-09-25 到达，2024-09-27 确认/);
      assertRefused(
        await tryAdd('--channel', '当面', '--arrived', '2024-09-25', '--received', '2024-09-27'),
        /到达日期只用于平信、网上、传真和电子邮件申请/,
      );
      assertRefused(
        await tryAdd('--channel', '网上', '--arrived', '2024-09-28', '--received', '2024-09-27'),
        /确认日期不能早于申请到达日期（条例第三十一条）/,
      );
    });

    it('add refuses a bad type, date, channel, agency or a receipt after today: exit 2, one line', async () => {
      const base = ['requests', 'add', '--applicant', '张三', '--content', '内容'];
      assertRefused(
        await run(...base, '--agency', '1', '--type', '外星人', '--received', '2024-03-01'),
        /申请人类型“外星人”/,
      );
      assertRefused(
        await run(...base, '--agency', '1', '--type', '自然人', '--received', '2024-02-30'),
        /不是有效日期/,
      );
      assertRefused(
        await run(
          ...base,
          '--agency',
          '1',
          '--type',
          '自然人',
          '--received',
          '2024-03-01',
          '--channel',
          '微信',
        ),
        /未知的申请渠道/,
      );
      assertRefused(
        await run(...base, '--agency', '99', '--type', '自然人', '--received', '2024-03-01'),
        /机关不存在/,
      );
      assertRefused(
        await run(...base, '--agency', '1', '--type', '自然人', '--received', '2099-01-01'),
        /事件日期晚于今天/,
      );
      assertRefused(
        await run(
          ...base,
          '--agency',
          '1',
          '--type',
          '自然人',
          '--received',
          '2024-03-01',
          '--applicant',
          ' ',
        ),
        /不能为空/,
      );
    });

    it('show: received 2024-09-27, due 2024-10-30 — day zero, National Day skipped, 09-29 and 10-12 counted', async () => {
      const id = await add('--received', '2024-09-27');
      const text = await run('requests', 'show', id, '--as-of', '2024-10-08');
      assert.equal(text.code, 0, text.err);
      assert.equal(text.err, '');
      assert.match(text.out, /^收到申请之日 \(received\)：2024-09-27$/m);
      assert.match(text.out, /^状态（截至 2024-10-08）\(state\)：办理中$/m);
      assert.match(text.out, /^答复期限 2024-10-30，剩余 17 个工作日$/m);
      assert.match(text.out, /收到申请之日：2024-09-27（第零日，不计入期限；条例第三十一条）/);
      assert.match(
        text.out,
        /计入的工作日（20 日）：2024-09-29（调休上班（国庆节））、2024-09-30、2024-10-08/,
      );
      assert.match(text.out, /2024-10-12（调休上班（国庆节））/);
      for (const day of ['01', '02', '03', '04', '05', '06', '07'])
        assert.match(text.out, new RegExp(`2024-10-${day}（法定节假日（国庆节））`));
      assert.match(text.out, /^ {2}1\. 2024-09-27 {2}收到申请 {2}cli:/m);

      const json = await show(id, '2024-10-31');
      assert.deepEqual(
        [json.state, json.stateLabel, json.dueDate, json.overdue, json.workingDaysLeft],
        ['inProgress', '办理中', '2024-10-30', true, null],
      );
      assert.equal(json.deadline.reply.dayZero, '2024-09-27');
      assert.equal(json.deadline.reply.counted.length, 20);
      assert.deepEqual(json.unknownYears, []);
      const overdue = await run('requests', 'show', id, '--as-of', '2024-10-31');
      assert.match(overdue.out, /^答复期限 2024-10-30，已逾期 \(overdue\)$/m);
    });

    it('a day the administrator closes moves every open request’s due date, and reopening it moves it back', async () => {
      const id = await add('--received', '2025-07-01');
      const decided = await add('--received', '2025-07-01');
      await record(decided, 'decided', '--on', '2025-07-08', '--outcome', '予以公开');
      const due = async (which: string) => (await show(which, '2025-07-15')).dueDate;
      assert.equal(await due(id), '2025-07-29', '20 working days after 07-01');
      assert.equal((await run('calendar', 'set', '2025-07-10', '--off', '--reason', '台风停工')).code, 0);
      assert.equal(await due(id), '2025-07-30', 'the closed day is not counted');
      const view = await show(id, '2025-07-15');
      assert.ok(
        view.deadline.reply.skipped.some(
          (d: { date: string; reason: string }) => d.date === '2025-07-10' && /台风停工/.test(d.reason),
        ),
        'the explanation names the closure',
      );
      assert.equal(await due(decided), '2025-07-30', 'a closed request’s deadline is recounted too');
      assert.equal((await show(decided, '2025-07-15')).answeredLate, false);
      assert.equal((await run('calendar', 'unset', '2025-07-10')).code, 0);
      assert.equal(await due(id), '2025-07-29');
    });

    it('show warns on stderr when the count crosses a year without a known holiday schedule', async () => {
      const id = await add('--received', '2018-12-20');
      const shown = await run('requests', 'show', id, '--as-of', '2018-12-21');
      assert.equal(shown.code, 0);
      assert.match(shown.err, /^警告 \(warning\): 2018 年的节假日安排尚未录入/);
      assertRefused(await run('requests', 'show', 'no-such-request'), /申请不存在/);
      assertRefused(await run('requests', 'show', id, '--as-of', '2018-12-19'), /查询日期早于收到申请之日/);
    });

    it('record: every event by its kebab-case name or Chinese label; amounts stay decimal strings', async () => {
      const id = await add('--received', '2024-03-01');
      await record(
        id,
        'correction-requested',
        '--on',
        '2024-03-04',
        '--items',
        '请写明文件名称',
        '--due-by',
        '2024-03-15',
      );
      await record(id, '收到补正申请', '--on', '2024-03-08');
      const extended = await record(
        id,
        'extended',
        '--on',
        '2024-03-11',
        '--days',
        '20',
        '--approver',
        '办公室主任',
        '--reason',
        '需调取档案',
        '--json',
      );
      assert.deepEqual(Object.keys(JSON.parse(extended.out)), [
        'id',
        'seq',
        'kind',
        'at',
        'state',
        'stateLabel',
        'dueDate',
      ]);
      assert.deepEqual([JSON.parse(extended.out).seq, JSON.parse(extended.out).kind], [4, 'Extended']);
      await record(id, 'third-party-started', '--on', '2024-03-12', '--party', '某公司');
      await record(id, 'third-party-ended', '--on', '2024-03-19');
      await record(id, '征求其他机关意见', '--on', '2024-03-20', '--with', '平潭县自然资源局');
      await record(id, 'agency-consultation-ended', '--on', '2024-03-27');
      await record(
        id,
        'fee-notice',
        '--on',
        '2024-03-28',
        '--amount',
        '12.50',
        '--method',
        'per-piece',
        '--delivered',
        '2024-03-29',
      );
      await record(id, 'fee-paid', '--on', '2024-04-02');
      const decided = await record(
        id,
        'decided',
        '--on',
        '2024-04-15',
        '--outcome',
        '本机关不掌握相关政府信息',
      );
      assert.match(decided.out, /已记录 \(recorded\)：2024-04-15 作出答复（第 11 条）/);
      assert.match(decided.out, /2024-04-15 办结：本机关不掌握相关政府信息/);

      const shown = await show(id, '2024-05-01');
      assert.deepEqual(
        shown.history.map((h: { kind: string }) => h.kind),
        [
          'Received',
          'CorrectionRequested',
          'CorrectionReceived',
          'Extended',
          'ThirdPartyConsultationStarted',
          'ThirdPartyConsultationEnded',
          'AgencyConsultationStarted',
          'AgencyConsultationEnded',
          'FeeNoticeSent',
          'FeePaid',
          'Decided',
        ],
      );
      assert.deepEqual(shown.history[8].details, {
        amount: '12.50',
        method: 'perPiece',
        deliveredOn: '2024-03-29',
      });
      assert.equal(shown.history[3].reason, '需调取档案');
      assert.deepEqual([shown.state, shown.outcome, shown.closedOn], ['decided', 'notHeld', '2024-04-15']);
      // Art. 30: the corrected application (03-08) is day zero of the 20 + 20 working days.
      assert.equal(shown.deadline.reply.dayZero, '2024-03-08');
      assert.equal(shown.deadline.reply.totalWorkingDays, 40);

      const lapsed = await add('--received', '2024-03-01');
      await record(
        lapsed,
        '要求补正',
        '--on',
        '2024-03-04',
        '--items',
        '请写明年份',
        '--due-by',
        '2024-03-15',
      );
      assertRefused(
        await run('requests', 'record', lapsed, 'correction-lapsed', '--on', '2024-03-15'),
        /补正期限尚未届满，不能视为放弃申请（条例第三十条）/,
      );
      await record(lapsed, 'correction-lapsed', '--on', '2024-03-18');

      const unpaid = await add('--received', '2024-03-01');
      await record(unpaid, 'fee-notice', '--on', '2024-03-05', '--amount', '100元', '--method', '按量');
      assertRefused(
        await run('requests', 'record', unpaid, 'fee-lapsed', '--on', '2024-03-10'),
        /缴费期限.*尚未届满/,
      );
      await record(unpaid, '逾期未缴费', '--on', '2024-05-06');

      const withdrawn = await add('--received', '2024-03-01');
      await record(withdrawn, 'withdrawn', '--on', '2024-03-05');
      assert.equal((await show(withdrawn, '2024-03-06')).stateLabel, '已撤回');

      const report = JSON.parse(
        (await run('report', 'build', '--agency', '1', '--year', '2024', '--json')).out,
      );
      assert.equal(report.requests['unable.notHeld'][0], 1);
      assert.equal(report.requests['other.noCorrection'][0], 1);
      assert.equal(report.requests['other.unpaidFee'][0], 1);
    });

    it('record refuses what the Regulation does not allow, and bad input: exit 2, one line, nothing written', async () => {
      const id = await add('--received', '2024-09-27');
      await record(id, 'extended', '--on', '2024-10-10', '--days', '10', '--approver', '办公室主任');
      // Art. 33: one extension only, of at most 20 working days.
      assertRefused(
        await run(
          'requests',
          'record',
          id,
          '延长答复期限',
          '--on',
          '2024-10-11',
          '--days',
          '5',
          '--approver',
          '主任',
        ),
        /答复期限只能延长一次（条例第三十三条）/,
      );
      // Every refusal says what the request's state accepts now.
      const extendedAgain = await run(
        'requests',
        'record',
        id,
        'extended',
        '--on',
        '2024-10-11',
        '--days',
        '5',
        '--approver',
        '主任',
      );
      assert.match(extendedAgain.err, /现在可以记录 \(allowed now\)：.*作出答复（decided）/);
      assert.doesNotMatch(extendedAgain.err, /延长答复期限（extended）/, 'not the extension it refuses');
      const closed = await add('--received', '2024-09-27');
      await record(closed, 'withdrawn', '--on', '2024-09-30');
      assert.match(
        (await run('requests', 'record', closed, 'decided', '--on', '2024-10-08', '--outcome', '予以公开'))
          .err,
        /该申请已办结，不能再记录办理事件；记录有误时请作废该条后重新记录/,
      );
      const other = await add('--received', '2024-09-27');
      assertRefused(
        await run(
          'requests',
          'record',
          other,
          'extended',
          '--on',
          '2024-10-11',
          '--days',
          '21',
          '--approver',
          '主任',
        ),
        /延长的期限最长不得超过20个工作日（条例第三十三条）/,
      );
      assertRefused(
        await run('requests', 'record', other, 'third-party-ended', '--on', '2024-10-11'),
        /当前状态下不能记录该事件：当前状态“办理中”，事件“第三方意见征求结束”/,
      );
      assertRefused(
        await run(
          'requests',
          'record',
          other,
          'fee-notice',
          '--on',
          '2024-10-11',
          '--amount',
          '1e3',
          '--method',
          'per-piece',
        ),
        /收费金额应为大于零的十进制数/,
      );
      assertRefused(
        await run('requests', 'record', other, 'decided', '--on', '2024-10-11', '--outcome', '撤回申请'),
        /应当记录相应事件，而不是作出答复/,
      );
      assertRefused(
        await run('requests', 'record', other, 'decided', '--on', '2024-10-11', '--outcome', '不予公开'),
        /只写了类别/,
      );
      assertRefused(
        await run('requests', 'record', other, 'decided', '--on', '2024-10-11'),
        /decided 需要 --outcome/,
      );
      assertRefused(
        await run('requests', 'record', other, 'withdrawn', '--on', '2024-10-11', '--days', '3'),
        /--days 不适用于事件 withdrawn（撤回申请）/,
      );
      assertRefused(
        await run('requests', 'record', other, 'received', '--on', '2024-10-11'),
        /未知事件“received”/,
      );
      assertRefused(
        await run('requests', 'record', other, 'withdrawn', '--on', '2099-01-01'),
        /事件日期晚于今天/,
      );
      assertRefused(
        await run('requests', 'record', other, 'withdrawn', '--on', '2024-09-26'),
        /事件日期不能早于前一事件/,
      );
      assertRefused(
        await run('requests', 'record', 'no-such-request', 'withdrawn', '--on', '2024-10-11'),
        /申请不存在/,
      );
      const shown = await show(other, '2024-10-12');
      assert.equal(shown.history.length, 1, 'nothing written');
      await record(other, 'decided', '--on', '2024-10-11', '--outcome', '（二）部分公开');
      assertRefused(
        await run('requests', 'record', other, 'withdrawn', '--on', '2024-10-12'),
        /申请已经答复/,
      );
    });

    it('record fee-notice computes the amount from --pages (Art. 5) or --pieces [--earlier] (Art. 4) when --amount is absent', async () => {
      const volume = await add('--received', '2024-03-01');
      const recorded = await record(
        volume,
        'fee-notice',
        '--on',
        '2024-03-05',
        '--method',
        'per-volume',
        '--pages',
        '150',
        '--delivered',
        '2024-03-06',
      );
      assert.match(
        recorded.out,
        /^收费金额 \(fee\)：150 页，第1–30页，免费；第31–100页，每页10元，计700元；第101–150页，每页20元，计1000元；合计1700元（《政府信息公开信息处理费管理办法》第五条（按量计收））$/m,
      );
      // 70 × 10 + 50 × 20
      assert.deepEqual((await show(volume, '2024-03-07')).history[1].details, {
        amount: '1700',
        method: 'perVolume',
        deliveredOn: '2024-03-06',
        basis: { method: 'perVolume', pages: 150 },
      });

      const piece = await add('--received', '2024-03-01');
      const json = await record(
        piece,
        '发出收费通知',
        '--on',
        '2024-03-05',
        '--method',
        '按件',
        '--pieces',
        '10',
        '--earlier',
        '25',
        '--json',
      );
      assert.equal(JSON.parse(json.out).kind, 'FeeNoticeSent');
      // 件 26–35 of the applicant's month: 5 × 100 + 5 × 200
      assert.deepEqual((await show(piece, '2024-03-07')).history[1].details, {
        amount: '1500',
        method: 'perPiece',
        basis: { method: 'perPiece', pieces: 10, piecesEarlierThisMonth: 25 },
      });

      // --amount agreeing with the computation is kept as written (canonical form).
      const both = await add('--received', '2024-03-01');
      await record(
        both,
        'fee-notice',
        '--on',
        '2024-03-05',
        '--method',
        'per-volume',
        '--pages',
        '31',
        '--amount',
        '010.00元',
      );
      assert.equal((await show(both, '2024-03-07')).history[1].details.amount, '10.00');
    });

    it('record fee-notice --pieces counts the applicant’s earlier 件 this month from the ledger (Art. 4)', async () => {
      // 张三 at agency 1 in June 2024: ten requests; the tenth is assessed as 3 件 (件 10–12: 0 + 100 + 100).
      const june: string[] = [];
      for (let day = 3; day <= 12; day++)
        june.push(await add('--received', `2024-06-${String(day).padStart(2, '0')}`));
      const tenth = await record(
        june[9]!,
        'fee-notice',
        '--on',
        '2024-06-13',
        '--method',
        'per-piece',
        '--pieces',
        '3',
      );
      assert.match(tenth.out, /本月此前在本机关 9 件：/);
      assert.match(tenth.out, /合计200元/);
      await add('--received', '2024-05-31'); // another month
      assert.equal((await tryAdd('--received', '2024-06-05', '--applicant', '李四')).code, 0); // another applicant
      assert.equal((await tryAdd('--received', '2024-06-06', '--type', '商业企业')).code, 0); // another type
      const last = await add('--received', '2024-06-13');
      const out = await record(last, 'fee-notice', '--on', '2024-06-14', '--method', '按件', '--pieces', '2');
      // 9 requests of one 件 and the tenth's 3: 件 13 and 14 of the month, 100 each.
      assert.match(out.out, /同一申请人（按姓名与类型）本月此前在本机关 12 件：/);
      assert.match(out.out, /合计200元/);
      const notice = (await show(last, '2024-06-14')).history[1].details;
      assert.deepEqual(notice.basis, { method: 'perPiece', pieces: 2, piecesEarlierThisMonth: 12 });
      assert.equal(notice.amount, '200');
      // The first request of a month starts at 件 1: free, so no notice is due.
      const july = await add('--received', '2024-07-01');
      assertRefused(
        await run(
          'requests',
          'record',
          july,
          'fee-notice',
          '--on',
          '2024-07-02',
          '--method',
          'per-piece',
          '--pieces',
          '1',
        ),
        /不收费，无需发出收费通知 \(no fee is due\)：.*应收 0 元/,
      );
    });

    it('record fee-notice refuses an --amount the measure does not give, a basis that does not fit --method, and no amount at all: nothing written', async () => {
      const id = await add('--received', '2024-03-01');
      const fee = (...argv: string[]) =>
        run('requests', 'record', id, 'fee-notice', '--on', '2024-03-05', ...argv);
      assertRefused(
        await fee('--method', 'per-volume', '--pages', '150', '--amount', '1600'),
        /^gongkai: 写明的金额与按《办法》计算的金额不一致 \(the amount disagrees with the fee measure\)：按《政府信息公开信息处理费管理办法》第五条（按量计收），150 页应收 1700 元，写明的是 1600 元$/,
      );
      assertRefused(
        await fee('--method', 'per-piece', '--pieces', '10', '--earlier', '25', '--amount', '1000'),
        /第四条（按件计收），本次 10 件（同一申请人本月此前 25 件）应收 1500 元，写明的是 1000 元/,
      );
      assertRefused(
        await fee('--method', 'per-piece', '--pages', '150'),
        /^gongkai: 页数用于按量计收；按件计收请给出件数 \(pages go with per-volume charging\)$/,
      );
      assertRefused(
        await fee('--method', 'per-volume', '--pieces', '3'),
        /^gongkai: 件数用于按件计收；按量计收请给出页数 \(pieces go with per-piece charging\)$/,
      );
      assertRefused(await fee('--method', 'per-volume', '--pages', '150', '--pieces', '3'), /只能给出一个/);
      assertRefused(
        await fee('--method', 'per-piece', '--earlier', '3'),
        /须与本次件数一起给出 \(earlier pieces go with pieces\)/,
      );
      assertRefused(
        await fee('--method', 'per-volume'),
        /^gongkai: 收费通知需要金额，或由页数（按量）\/ 件数（按件）按《办法》计算/,
      );
      assertRefused(
        await fee('--method', 'per-volume', '--pages', '2.5'),
        /--pages 2\.5: 应为 0 至 1000000 之间的整数/,
      );
      assertRefused(
        await fee('--method', 'per-volume', '--pages', '30'),
        /不收费，无需发出收费通知 \(no fee is due\)：按《政府信息公开信息处理费管理办法》第五条（按量计收），30 页应收 0 元/,
      );
      assertRefused(
        await run('requests', 'record', id, 'withdrawn', '--on', '2024-03-05', '--pages', '150'),
        /--pages 不适用于事件 withdrawn（撤回申请）/,
      );
      assert.equal((await show(id, '2024-03-07')).history.length, 1, 'nothing written');
    });

    it('list: the agency and its subordinates; --open by due date, overdue first, awaiting correction last', async () => {
      const fresh2 = await dialect.create();
      const saved = db;
      db = fresh2.url;
      try {
        for (const name of ['福州市', '平潭县', '别的县'])
          assert.equal(
            (await run('agency', 'add', name, ...(name === '平潭县' ? ['--parent', '1'] : []))).code,
            0,
          );
        const city = await add('--received', '2024-03-01');
        const county = (
          await run(
            'requests',
            'add',
            '--agency',
            '2',
            '--applicant',
            '李四',
            '--type',
            '商业企业',
            '--content',
            '内容',
            '--received',
            '2024-02-01',
          )
        ).out.trim();
        const answered = await add('--received', '2024-04-01');
        await record(answered, 'decided', '--on', '2024-04-10', '--outcome', '予以公开');
        const correcting = await add('--received', '2024-05-06');
        await record(
          correcting,
          'correction-requested',
          '--on',
          '2024-05-07',
          '--items',
          '请写明年份',
          '--due-by',
          '2024-05-20',
        );
        const recent = await add('--received', '2024-05-09');
        assert.equal(
          (
            await run(
              'requests',
              'add',
              '--agency',
              '3',
              '--applicant',
              '王五',
              '--type',
              '自然人',
              '--content',
              '内容',
              '--received',
              '2024-03-01',
            )
          ).code,
          0,
        );

        const open = await run('requests', 'list', '--agency', '1', '--open', '--as-of', '2024-05-10');
        assert.equal(open.code, 0, open.err);
        const lines = open.out.trimEnd().split('\n');
        assert.deepEqual(
          lines.map((l) => l.split('  ')[0]),
          [county, city, recent, correcting],
        );
        assert.match(
          lines[0]!,
          /李四（商业企业） {2}办理中 {2}答复期限 2024-03-05 {2}已逾期 \(overdue\) {2}平潭县$/,
        );
        assert.match(lines[2]!, /答复期限 2024-06-05 {2}剩余 19 个工作日 {2}福州市$/);
        assert.match(lines[3]!, /等待补正 {2}无答复期限（补正期限至 2024-05-20） {2}— {2}福州市$/);
        assert.match(open.err, /福州市及下级机关（2 个机关），截至 2024-05-10：未办结 4 件，其中已逾期 2 件/);

        const all = JSON.parse(
          (await run('requests', 'list', '--agency', '1', '--as-of', '2024-05-10', '--json')).out,
        );
        assert.deepEqual(Object.keys(all), ['agency', 'agencies', 'asOf', 'open', 'requests', 'excluded']);
        assert.deepEqual(all.agencies, [1, 2]);
        assert.deepEqual(
          all.requests.map((r: { id: string }) => r.id),
          [county, city, answered, correcting, recent],
          'receipt order',
        );
        const done = all.requests[2];
        assert.deepEqual(
          [
            done.state,
            done.closedOn,
            done.outcome,
            done.outcomeLabel,
            done.answeredLate,
            done.workingDaysLeft,
          ],
          ['decided', '2024-04-10', 'disclosed', '予以公开', false, null],
        );
        assert.deepEqual(Object.keys(done), [
          'id',
          'agencyId',
          'agencyName',
          'receivedOn',
          'applicant',
          'state',
          'stateLabel',
          'dueDate',
          'provisional',
          'overdue',
          'workingDaysLeft',
          'applicantDueBy',
          'closedOn',
          'outcome',
          'outcomeLabel',
          'answeredLate',
        ]);
        const text = await run('requests', 'list', '--agency', '1', '--as-of', '2024-05-10');
        assert.match(text.out, /已答复 {2}答复期限 2024-04-29 {2}2024-04-10 办结：予以公开 {2}福州市/);

        // --year: one year's register at a time.
        const older = await add('--received', '2023-12-29');
        const ids = async (...argv: string[]) =>
          JSON.parse((await run('requests', 'list', '--agency', '1', '--json', ...argv)).out).requests.map(
            (r: { id: string }) => r.id,
          );
        assert.deepEqual(await ids('--year', '2023', '--as-of', '2024-05-10'), [older]);
        assert.deepEqual(await ids('--year', '2024', '--as-of', '2024-05-10'), [
          county,
          city,
          answered,
          correcting,
          recent,
        ]);
        assert.deepEqual(await ids('--year', '2024', '--as-of', '2024-03-01'), [county, city]);
        assert.deepEqual(await ids('--year', '2024', '--open', '--as-of', '2024-05-10'), [
          county,
          city,
          recent,
          correcting,
        ]);
        assertRefused(await run('requests', 'list', '--agency', '1', '--year', '24'), /--year 24/);

        assertRefused(await run('requests', 'list', '--agency', '9'), /机关不存在/);
        assertRefused(await run('requests', 'list', '--agency', '1', '--as-of', '昨天'), /不是有效日期/);
      } finally {
        db = saved;
        await fresh2.drop();
      }
    });
  });
}
