/**
 * Who may do what in the ledger, on SQLite and PostgreSQL: the policy table (src/domain/access) as the
 * use cases apply it. A county (县) with a township (乡镇) below it, and another county beside them:
 * - a handler (经办人) of the township registers requests there and records what happens to them;
 * - an extension (条例第三十三条: 经政府信息公开工作机构负责人同意) and a decision are the approver's
 *   (审核人): a handler's is refused as forbidden and writes nothing;
 * - a request of an agency the actor does not belong to is refused exactly as a request that does not
 *   exist ('request.unknown'), for reading and for recording, so that nobody learns its id is real;
 * - oversight (监督) of the county reads the township's requests (one request, the inbox) but records
 *   nothing on them;
 * - a liaison (联络员) reads no request data at all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialCalendar } from '../calendar/official-calendar.js';
import { type Actor, POLICY, type Role, systemActor } from '../domain/access/policy.js';
import { localDate } from '../domain/calendar/local-date.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { addAgency } from './agencies.js';
import { ledgerDeriveStep } from './derive.js';
import type { EventInput } from './event-input.js';
import { ledgerRefusal } from './refusals.js';
import { inbox, listRequests, viewRequest } from './request-view.js';
import { intakeRequest, recordRequestEvent } from './requests.js';

const d = localDate;
const calendar = officialCalendar();
const TODAY = d('2025-06-16');
const options = { today: TODAY, calendar };
const viewOn = { asOf: TODAY, calendar };

type UserActor = Extract<Actor, { kind: 'user' }>;

interface Offices {
  readonly county: number;
  readonly township: number;
  readonly elsewhere: number;
  /** A user of an agency with these roles; oversight and admin of the county see the township too. */
  readonly user: (name: string, roles: Role[], agencyId: number) => UserActor;
}

async function offices(storage: Storage): Promise<Offices> {
  const root = systemActor('cli:root');
  const county = await addAgency(storage, root, { name: '平潭县人民政府', kind: '区县' });
  assert.ok(county.ok);
  const township = await addAgency(storage, root, {
    name: '潭城镇人民政府',
    kind: '乡镇/街道',
    parentId: county.value.id,
  });
  assert.ok(township.ok);
  const elsewhere = await addAgency(storage, root, { name: '闽侯县人民政府', kind: '区县' });
  assert.ok(elsewhere.ok);
  let nextUserId = 1;
  return {
    county: county.value.id,
    township: township.value.id,
    elsewhere: elsewhere.value.id,
    user: (name, roles, agencyId) => ({
      kind: 'user',
      userId: nextUserId++,
      name,
      roles,
      agencyId,
      subordinateIds: agencyId === county.value.id ? [township.value.id] : [],
    }),
  };
}

/** A request received at the agency on 2025-06-09 (a Monday), taken in by `actor`. */
async function register(storage: Storage, actor: Actor, agencyId: number) {
  return intakeRequest(
    storage,
    actor,
    {
      agencyId,
      applicant: { kind: 'natural', name: '张三', contact: {} },
      content: { description: '潭城镇2024年道路维修项目的招标文件' },
      channel: 'inPerson',
      receivedOn: d('2025-06-09'),
    },
    options,
  );
}

const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error!.code);

const EXTENDED: EventInput = {
  kind: 'Extended',
  at: d('2025-06-12'),
  workingDays: 20,
  approver: '办公室主任',
  reason: '需调取档案',
};
const DECIDED: EventInput = { kind: 'Decided', at: d('2025-06-13'), outcome: 'disclosed' };
const WITHDRAWN: EventInput = { kind: 'Withdrawn', at: d('2025-06-12') };
/** A handler's event, and the approver's two. */
const EVENTS: readonly EventInput[] = [WITHDRAWN, EXTENDED, DECIDED];

for (const dialect of DIALECTS) {
  describe(`who may do what in the ledger, on ${dialect.name}`, { skip: dialect.skip }, () => {
    const withOffices = (test: (storage: Storage, o: Offices) => Promise<void>) =>
      withStorage(dialect, async (storage) => test(storage, await offices(storage)), {
        derive: ledgerDeriveStep,
      });

    it('a handler of the township registers a request there and records its events, in their own name', () =>
      withOffices(async (storage, o) => {
        const handler = o.user('wang.handler', ['handler'], o.township);
        const taken = await register(storage, handler, o.township);
        assert.ok(taken.ok, JSON.stringify(taken));
        const id = taken.value.id;
        const recorded = await recordRequestEvent(
          storage,
          handler,
          id,
          { kind: 'ThirdPartyConsultationStarted', at: d('2025-06-10'), thirdParty: '某建设公司' },
          options,
        );
        assert.ok(recorded.ok, JSON.stringify(recorded));

        const seen = await viewRequest(storage, handler, id, viewOn);
        assert.ok(seen.ok);
        assert.deepEqual(
          seen.value.history.map((h) => [h.kind, h.by]),
          [
            ['Received', 'wang.handler'],
            ['ThirdPartyConsultationStarted', 'wang.handler'],
          ],
        );
        const audit = await storage.auditLog.list({ subject: `request:${id}` });
        assert.deepEqual(
          audit.map((a) => [a.action, a.actor, a.userId, a.agencyId]),
          [
            ['request.intake', 'wang.handler', handler.userId, o.township],
            ['request.event', 'wang.handler', handler.userId, o.township],
          ],
        );
      }));

    it('a handler cannot register at the county above it or at another county: to them those agencies do not exist', () =>
      withOffices(async (storage, o) => {
        const handler = o.user('wang.handler', ['handler'], o.township);
        assert.equal(codeOf(await register(storage, handler, o.county)), 'agency.unknown');
        assert.equal(codeOf(await register(storage, handler, o.elsewhere)), 'agency.unknown');
        assert.equal((await storage.auditLog.list({ action: 'request.intake' })).length, 0);
      }));

    it('条例第三十三条: an extension and a decision are the approver’s; a handler’s is refused as forbidden and writes nothing', () =>
      withOffices(async (storage, o) => {
        assert.match(POLICY['request.extend'].basis, /第三十三条/);
        const handler = o.user('wang.handler', ['handler'], o.township);
        const approver = o.user('chen.head', ['approver'], o.township);
        const taken = await register(storage, handler, o.township);
        assert.ok(taken.ok);
        const id = taken.value.id;

        for (const event of [EXTENDED, DECIDED]) {
          const refused = await recordRequestEvent(storage, handler, id, event, options);
          assert.equal(codeOf(refused), 'access.forbidden', event.kind);
        }
        assert.equal((await storage.requests.events(id)).length, 1, 'nothing written');
        assert.equal((await storage.auditLog.list({ action: 'request.event' })).length, 0);

        const extended = await recordRequestEvent(storage, approver, id, EXTENDED, options);
        assert.ok(extended.ok, JSON.stringify(extended));
        const decided = await recordRequestEvent(storage, approver, id, DECIDED, options);
        assert.ok(decided.ok, JSON.stringify(decided));
        const seen = await viewRequest(storage, approver, id, viewOn);
        assert.ok(seen.ok);
        assert.equal(seen.value.status.outcome, 'disclosed');
        assert.deepEqual(
          seen.value.history.map((h) => h.by),
          ['wang.handler', 'chen.head', 'chen.head'],
        );
        // The approver does not take requests in: that is the handler's.
        assert.equal(codeOf(await register(storage, approver, o.township)), 'access.forbidden');
      }));

    it('a request of another agency is refused as unknown, not as forbidden, for reading and for recording', () =>
      withOffices(async (storage, o) => {
        const ours = o.user('wang.handler', ['handler'], o.township);
        const taken = await register(storage, ours, o.township);
        assert.ok(taken.ok);
        const id = taken.value.id;
        const missing = '00000000-0000-4000-8000-000000000000';

        for (const other of [
          o.user('lin.handler', ['handler'], o.elsewhere),
          o.user('lin.head', ['approver'], o.elsewhere),
          // Nor does the county's handler see the township's: only oversight reads below its agency.
          o.user('zhou.handler', ['handler'], o.county),
        ]) {
          const viewed = await viewRequest(storage, other, id, viewOn);
          assert.ok(!viewed.ok);
          assert.deepEqual(viewed.error, ledgerRefusal('request.unknown', id), other.name);
          const nowhere = await viewRequest(storage, other, missing, viewOn);
          assert.deepEqual(nowhere.ok ? undefined : nowhere.error, ledgerRefusal('request.unknown', missing));
          for (const event of EVENTS) {
            const recorded = await recordRequestEvent(storage, other, id, event, options);
            assert.ok(!recorded.ok);
            assert.deepEqual(
              recorded.error,
              ledgerRefusal('request.unknown', id),
              `${other.name} ${event.kind}`,
            );
          }
        }
        assert.equal((await storage.requests.events(id)).length, 1, 'nothing written');
      }));

    it('oversight of the county reads the township’s request and sees it in its inbox, but records nothing', () =>
      withOffices(async (storage, o) => {
        const handler = o.user('wang.handler', ['handler'], o.township);
        const taken = await register(storage, handler, o.township);
        assert.ok(taken.ok);
        const id = taken.value.id;
        const elsewhere = await register(storage, systemActor('cli:root'), o.elsewhere);
        assert.ok(elsewhere.ok);
        const oversight = o.user('liu.oversight', ['oversight'], o.county);

        const seen = await viewRequest(storage, oversight, id, viewOn);
        assert.ok(seen.ok, JSON.stringify(seen));
        assert.equal(seen.value.agency.id, o.township);

        const box = await inbox(storage, oversight, {}, viewOn);
        assert.ok(box.ok, JSON.stringify(box));
        assert.equal(box.value.agency.id, o.county, 'its own agency by default');
        assert.deepEqual([...box.value.agencyIds].sort(), [o.county, o.township].sort());
        assert.deepEqual(
          box.value.lines.map((l) => [l.id, l.agencyName]),
          [[id, '潭城镇人民政府']],
        );
        assert.equal(box.value.total, 1, 'not the other county’s request');
        const listed = await listRequests(storage, oversight, o.county, viewOn);
        assert.ok(listed.ok);
        assert.deepEqual(
          listed.value.lines.map((l) => l.id),
          [id],
        );
        // The other county is beyond its reach: as if it did not exist.
        const beyond = await inbox(storage, oversight, { agencyId: o.elsewhere }, viewOn);
        assert.equal(codeOf(beyond), 'agency.unknown');
        assert.equal(
          codeOf(await viewRequest(storage, oversight, elsewhere.value.id, viewOn)),
          'request.unknown',
        );

        for (const event of EVENTS) {
          const recorded = await recordRequestEvent(storage, oversight, id, event, options);
          assert.equal(codeOf(recorded), 'access.forbidden', event.kind);
        }
        assert.equal(codeOf(await register(storage, oversight, o.township)), 'access.forbidden');
        assert.equal((await storage.requests.events(id)).length, 1, 'nothing written');
      }));

    it('a liaison of the township reads no request: not one, not the inbox, not the list', () =>
      withOffices(async (storage, o) => {
        const handler = o.user('wang.handler', ['handler'], o.township);
        const taken = await register(storage, handler, o.township);
        assert.ok(taken.ok);
        const liaison = o.user('xu.liaison', ['liaison'], o.township);
        assert.equal(codeOf(await viewRequest(storage, liaison, taken.value.id, viewOn)), 'access.forbidden');
        assert.equal(codeOf(await inbox(storage, liaison, {}, viewOn)), 'access.forbidden');
        assert.equal(codeOf(await listRequests(storage, liaison, o.township, viewOn)), 'access.forbidden');
        assert.equal(
          codeOf(await recordRequestEvent(storage, liaison, taken.value.id, WITHDRAWN, options)),
          'access.forbidden',
        );
        assert.equal(codeOf(await register(storage, liaison, o.township)), 'access.forbidden');
      }));
  });
}
