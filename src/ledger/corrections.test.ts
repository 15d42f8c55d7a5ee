/**
 * 更正, never erasure, on SQLite and PostgreSQL: an approver voids a recorded event with a reason; the
 * void is itself an entry of the log, the voided event stays in the history marked as such, and the
 * state, the due date, the cached closing columns and the annual report's counts follow the log without
 * it. A decision entered with the wrong date is voided and entered again; the receipt cannot be voided;
 * a void that would leave a later event without its premise is refused; a handler may not void
 * (the approver's action, like the decision it corrects).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendar } from '../calendar/official-calendar.js';
import type { Actor } from '../domain/access/policy.js';
import { localDate } from '../domain/calendar/local-date.js';
import { historyDetailText } from '../present/request-view.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS } from '../storage/test-dialects.js';
import { inLedger, operator, receivedOn, township } from '../test-support/ledger-world.js';
import { voidRequestEvent } from './corrections.js';
import { buildAnnualReport } from './report.js';
import { viewRequest } from './request-view.js';
import { recordRequestEvent } from './requests.js';

const d = localDate;
const calendar = officialCalendar();
const TODAY = d('2025-06-16');
const options = { today: TODAY, calendar };
const root = operator;

const received = (storage: Storage, agencyId: number, on: string) =>
  receivedOn(storage, agencyId, on, options);

for (const dialect of DIALECTS) {
  describe(`更正 (voiding an event) on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('voids a decision entered with the wrong date: the request opens again, the report follows, the history keeps both', () =>
      inLedger(dialect, async (storage) => {
        const office = await township(storage);
        const id = await received(storage, office.id, '2024-12-02');
        // Entered as 2024-12-20 though the answer went out on 2025-01-06.
        const wrong = await recordRequestEvent(
          storage,
          office.approver,
          id,
          { kind: 'Decided', at: d('2024-12-20'), outcome: 'disclosed' },
          options,
        );
        assert.ok(wrong.ok);
        const closed = await buildAnnualReport(storage, root, office.id, 2024);
        assert.ok(closed.ok);
        assert.equal(closed.value.report.requests.carriedForward?.[6], 0, 'decided in 2024: nothing carried');

        const voided = await voidRequestEvent(
          storage,
          office.approver,
          id,
          wrong.value.seq,
          '答复日期录错，应为 2025-01-06',
          options,
        );
        assert.ok(voided.ok, voided.ok ? '' : voided.error.message);
        assert.deepEqual(voided.value, { seq: 3, voids: 2, reopened: true, completedYears: [] });
        const row = await storage.requests.get(id);
        assert.equal(row?.derived.closedOn, null, 'the cached closing columns opened again');
        const open = await viewRequest(storage, office.approver, id, { asOf: TODAY, calendar });
        assert.ok(open.ok);
        assert.equal(open.value.status.closedOn, undefined);
        assert.ok(open.value.allowed.includes('Decided'));
        const reopened = await buildAnnualReport(storage, root, office.id, 2024);
        assert.ok(reopened.ok);
        assert.equal(
          reopened.value.report.requests.carriedForward?.[6],
          1,
          'open at the end of 2024: carried forward',
        );

        const right = await recordRequestEvent(
          storage,
          office.approver,
          id,
          { kind: 'Decided', at: d('2025-01-06'), outcome: 'disclosed' },
          options,
        );
        assert.ok(right.ok, right.ok ? '' : right.error.message);
        const view = await viewRequest(storage, office.approver, id, { asOf: TODAY, calendar });
        assert.ok(view.ok);
        assert.equal(view.value.status.closedOn, '2025-01-06');
        assert.deepEqual(
          view.value.history.map((h) => [h.seq, h.kind, historyDetailText(h)]),
          [
            [1, 'Received', ''],
            [2, 'Decided', '办理结果：予以公开 【已作废：见第 3 条】'],
            [3, 'Voided', '作废第 2 条'],
            [4, 'Decided', '办理结果：予以公开'],
          ],
        );
        const void3 = view.value.history[2]!;
        assert.ok(
          void3.kind === 'Voided' &&
            void3.reason === '答复日期录错，应为 2025-01-06' &&
            void3.by === 'shenhe',
        );
        // Nothing was changed or removed: every row written is still there, in order.
        assert.deepEqual(
          (await storage.requests.events(id)).map((e) => e.type),
          ['Received', 'Decided', 'Voided', 'Decided'],
        );
        const [audit] = await storage.auditLog.list({ action: 'request.void' });
        assert.deepEqual(audit?.detail, {
          seq: 3,
          voids: 2,
          kind: 'Decided',
          reopened: true,
          completedYears: [],
        });
      }));

    it('moves the due date when a wrong extension is voided', () =>
      inLedger(dialect, async (storage) => {
        const office = await township(storage);
        const id = await received(storage, office.id, '2025-06-03');
        const extended = await recordRequestEvent(
          storage,
          office.approver,
          id,
          { kind: 'Extended', at: d('2025-06-10'), workingDays: 20, approver: '李主任' },
          options,
        );
        assert.ok(extended.ok);
        const before = await viewRequest(storage, office.approver, id, { asOf: TODAY, calendar });
        assert.ok(before.ok);
        const voided = await voidRequestEvent(
          storage,
          office.approver,
          id,
          extended.value.seq,
          '误操作',
          options,
        );
        assert.ok(voided.ok);
        assert.equal(voided.value.reopened, false);
        const after = await viewRequest(storage, office.approver, id, { asOf: TODAY, calendar });
        assert.ok(after.ok);
        assert.ok(
          after.value.status.dueDate! < before.value.status.dueDate!,
          'the 20 extra working days are gone',
        );
        assert.ok(after.value.allowed.includes('Extended'), 'and the one extension may be recorded again');
        const schedule = await storage.schedules.page({
          agencyIds: [office.id],
          open: true,
          offset: 0,
          limit: 5,
        });
        assert.equal(schedule.rows[0]?.schedule?.dueOn, after.value.status.dueDate, 'the inbox follows');
      }));

    it('refuses to void the receipt, a void, an entry voided already, one that is not there, or one a later entry rests on', () =>
      inLedger(dialect, async (storage) => {
        const office = await township(storage);
        const id = await received(storage, office.id, '2025-06-03');
        const asked = await recordRequestEvent(
          storage,
          office.handler,
          id,
          {
            kind: 'CorrectionRequested',
            at: d('2025-06-04'),
            items: '请写明路段名称',
            dueBy: d('2025-06-13'),
          },
          options,
        );
        assert.ok(asked.ok);
        const corrected = await recordRequestEvent(
          storage,
          office.handler,
          id,
          { kind: 'CorrectionReceived', at: d('2025-06-09') },
          options,
        );
        assert.ok(corrected.ok);
        const code = async (seq: number, reason = '录错') => {
          const r = await voidRequestEvent(storage, office.approver, id, seq, reason, options);
          return r.ok ? 'ok' : r.error.code;
        };
        assert.equal(await code(1), 'void.receipt');
        assert.equal(await code(9), 'void.unknown-entry');
        assert.equal(await code(2, '  '), 'void.reason-empty');
        // 收到补正申请 rests on 要求补正 (条例第三十条): void the later one first.
        const blocked = await voidRequestEvent(storage, office.approver, id, 2, '录错', options);
        assert.ok(!blocked.ok);
        assert.equal(blocked.error.code, 'void.breaks-log');
        assert.match(blocked.error.message, /第 3 条（收到补正申请）不再成立/);
        assert.equal(await code(3), 'ok');
        assert.equal(await code(3), 'void.already');
        assert.equal(await code(4), 'void.of-void');
        assert.equal(await code(2), 'ok');
        // A handler may not void; another agency's request is unknown.
        const handler = await voidRequestEvent(storage, office.handler, id, 1, '录错', options);
        assert.ok(!handler.ok && handler.error.code === 'access.forbidden');
        const stranger: Actor = { ...office.approver, agencyId: office.id + 100 } as Actor;
        const hidden = await voidRequestEvent(storage, stranger, id, 2, '录错', options);
        assert.ok(!hidden.ok && hidden.error.code === 'request.unknown');
        assert.equal((await storage.requests.events(id)).length, 5, 'two voids written, nothing else');
      }));
  });
}
