/**
 * @module The ledger tests' small world: a fresh database opened as the ledger opens it (its derive
 * step), a township with a handler and an approver, and a request received on a day.
 */
import assert from 'node:assert/strict';
import { type Actor, systemActor } from '../domain/access/policy.js';
import { type LocalDate, localDate } from '../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../domain/calendar/working-days.js';
import { addAgency } from '../ledger/agencies.js';
import { ledgerDeriveStep } from '../ledger/derive.js';
import { intakeRequest } from '../ledger/requests.js';
import type { Storage } from '../storage/index.js';
import { type TestDialect, withStorage } from '../storage/test-dialects.js';

/** A fresh database opened as the ledger opens it (its derive step), as every command and the server do. */
export const inLedger = (dialect: TestDialect, test: (storage: Storage) => Promise<void>) =>
  withStorage(dialect, test, { derive: ledgerDeriveStep });

export const operator = systemActor('cli:root');

/** 潭城镇人民政府 with its 经办人 (jingban) and 审核人 (shenhe). */
export async function township(storage: Storage) {
  const added = await addAgency(storage, operator, { name: '潭城镇人民政府', kind: '乡镇/街道' });
  assert.ok(added.ok);
  const id = added.value.id;
  const user = (name: string, roles: ('handler' | 'approver')[]): Actor => ({
    kind: 'user',
    userId: roles.length,
    name,
    roles,
    agencyId: id,
    subordinateIds: [],
  });
  return { id, handler: user('jingban', ['handler']), approver: user('shenhe', ['approver']) };
}

/** 张三's request for a compensation plan, handed in at the agency on `on`; its id. */
export async function receivedOn(
  storage: Storage,
  agencyId: number,
  on: string,
  options: { readonly today: LocalDate; readonly calendar: WorkingCalendar },
): Promise<string> {
  const intake = await intakeRequest(
    storage,
    operator,
    {
      agencyId,
      applicant: { kind: 'natural', name: '张三', contact: {} },
      content: { description: '某路段拓宽工程的征收补偿方案' },
      channel: 'inPerson',
      receivedOn: localDate(on),
    },
    options,
  );
  assert.ok(intake.ok);
  return intake.value.id;
}
