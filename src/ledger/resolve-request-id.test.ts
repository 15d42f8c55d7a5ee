/**
 * Naming a request by the first characters of its id, as staff type it: the whole id, or a prefix of
 * at least six characters that only one request has. Nothing else is guessed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { systemActor } from '../domain/access/policy.js';
import { localDate } from '../domain/calendar/local-date.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { addAgency } from './agencies.js';
import { ledgerDeriveStep } from './derive.js';
import { intakeRequest, resolveRequestId } from './requests.js';

const IDS = [
  'aaaa1111-0000-4000-8000-000000000001',
  'aaaa1111-0000-4000-8000-000000000002',
  'aaaa2222-0000-4000-8000-000000000003',
  'bbbb3333-0000-4000-8000-000000000004',
];
const staff = systemActor('staff-1');

for (const dialect of DIALECTS) {
  describe(`resolveRequestId on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('takes the whole id or a prefix only one request has; refuses a short, unknown or shared one', () =>
      withStorage(
        dialect,
        async (storage) => {
          const agency = await addAgency(storage, staff, { name: '某镇' });
          assert.ok(agency.ok);
          for (const id of IDS) {
            const taken = await intakeRequest(
              storage,
              staff,
              {
                id,
                agencyId: agency.value.id,
                applicant: { kind: 'natural', name: '张三', contact: {} },
                content: { description: '某文件' },
                requestedForm: { medium: 'paper', delivery: 'post' },
                channel: 'inPerson',
                receivedOn: localDate('2025-03-03'),
              },
              { today: localDate('2025-12-31') },
            );
            assert.ok(taken.ok);
          }
          const resolve = async (text: string) => {
            const r = await resolveRequestId(storage, text);
            return r.ok ? r.value : r.error.code;
          };
          assert.equal(await resolve(IDS[3]!), IDS[3]);
          assert.equal(await resolve(` ${IDS[0]} `), IDS[0]);
          assert.equal(await resolve('bbbb33'), IDS[3]);
          assert.equal(await resolve('AAAA22'), IDS[2], 'ids are lower case; the prefix is compared so');
          assert.equal(await resolve('aaaa2222-0000'), IDS[2]);
          assert.equal(await resolve('bbbb3'), 'request.unknown', 'five characters are too few');
          assert.equal(await resolve('cccccc'), 'request.unknown');
          assert.equal(await resolve('aaaa%1'), 'request.unknown', 'no LIKE wildcards');
          assert.equal(await resolve('aaaa_1'), 'request.unknown', 'no LIKE wildcards');
          const shared = await resolveRequestId(storage, 'aaaa1111');
          assert.ok(!shared.ok);
          assert.equal(shared.error.code, 'request.ambiguous');
          assert.match(shared.error.message, new RegExp(`${IDS[0]}、${IDS[1]}$`));
        },
        { derive: ledgerDeriveStep },
      ));
  });
}
