/**
 * 政府信息公开年报 published on the portal, on SQLite and PostgreSQL: an approver publishes a year's
 * report built from the ledger, and it is frozen — the ledger changing afterwards changes the built
 * report, not the published one; a correction is version 2 with its reason, and version 1 stays,
 * marked superseded; a report read from a file (the seed, by the report reader) must name the agency,
 * have no error and be of a year that is over; another agency's approver is answered as if the agency
 * did not exist, a handler is forbidden; every publication is in the audit log.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderJson } from '../documents/json/report-json.js';
import { readReport } from '../documents/read-report.js';
import type { Actor } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { staffActor } from '../test-support/staff-actor.js';
import { ledgerDeriveStep } from './derive.js';
import { publicReport, publicReports, publishFromFile, publishFromLedger } from './published-reports.js';
import { buildAnnualReport } from './report.js';
import { intakeRequest } from './requests.js';

const d = (s: string) => s as LocalDate;
const TODAY = d('2025-01-20');
const SEED = readFileSync('/work/shared/seed/000_f4b8342ecd306093.txt');

const person = staffActor;

async function world(s: Storage) {
  const town = await s.agencies.add({ name: '城关镇人民政府', kind: '乡镇/街道' });
  const seedTown = await s.agencies.add({ name: '新庙镇人民政府', kind: '乡镇/街道' });
  const other = await s.agencies.add({ name: '邻县人民政府', kind: '区县' });
  return {
    town: town.id,
    seedTown: seedTown.id,
    other: other.id,
    approver: person('approver', ['approver'], town.id),
    seedApprover: person('xinmiao', ['approver'], seedTown.id),
    handler: person('handler', ['handler'], town.id),
    outsider: person('outsider', ['approver', 'handler', 'oversight'], other.id),
  };
}

const register = (s: Storage, actor: Actor, agencyId: number, receivedOn: string) =>
  intakeRequest(
    s,
    actor,
    {
      agencyId,
      applicant: { kind: 'natural', name: '张三', contact: {} },
      content: { description: '某路段拓宽工程的征收补偿方案' },
      channel: 'inPerson',
      receivedOn: d(receivedOn),
    },
    { today: TODAY },
  );

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const code = (r: { ok: true } | { ok: false; error: { code: string } }) => (r.ok ? 'ok' : r.error.code);
const TEXT = { overview: '本年度工作总体情况。', problems: '存在的问题。', otherMatters: '无。' };
const received = (r: { requests: Record<string, readonly (number | null)[] | undefined> }) =>
  r.requests.new?.[0];

for (const dialect of DIALECTS) {
  describe(`publishing annual reports (${dialect.name})`, { skip: dialect.skip }, () => {
    const withWorld = (test: (s: Storage, w: Awaited<ReturnType<typeof world>>) => Promise<void>) =>
      withStorage(dialect, async (s) => test(s, await world(s)), { derive: ledgerDeriveStep });

    it('freezes a report built from the ledger: the ledger changing afterwards does not change it', () =>
      withWorld(async (s, w) => {
        value(await register(s, w.handler, w.town, '2024-05-06'));
        const published = value(
          await publishFromLedger(s, w.approver, w.town, 2024, { today: TODAY, fill: { text: TEXT } }),
        );
        assert.equal(published.version, 1);
        assert.equal(published.report.publishedOn, TODAY);
        assert.equal(received(published.report), 1);

        // One more request of 2024 registered late: the report built now counts it, the published one does not.
        value(await register(s, w.handler, w.town, '2024-11-04'));
        const built = value(await buildAnnualReport(s, w.approver, w.town, 2024));
        assert.equal(received(built.report), 2);
        const shown = await publicReport(s, w.town, 2024);
        assert.ok(shown);
        assert.equal(received(shown.report), 1);
        assert.equal(shown.currentVersion, 1);
        assert.deepEqual(shown.shown.source, { kind: 'ledger' });
        assert.equal(shown.report.text.overview, TEXT.overview);

        const audit = await s.auditLog.list({ action: 'report.publish' });
        assert.deepEqual(
          audit.map((a) => [a.actor, a.agencyId, a.subject]),
          [['approver', w.town, `report:${w.town}:2024`]],
        );
      }));

    it('publishes a correction as version 2 with its reason; version 1 stays, shown superseded', () =>
      withWorld(async (s, w) => {
        value(await register(s, w.handler, w.town, '2024-05-06'));
        value(await publishFromLedger(s, w.approver, w.town, 2024, { today: TODAY, fill: { text: TEXT } }));
        value(await register(s, w.handler, w.town, '2024-11-04'));
        const later = { today: d('2025-02-10'), fill: { text: TEXT } };

        assert.equal(
          code(await publishFromLedger(s, w.approver, w.town, 2024, later)),
          'report.reason-required',
        );
        const corrected = value(
          await publishFromLedger(s, w.approver, w.town, 2024, { ...later, reason: '补录漏登的一件申请' }),
        );
        assert.equal(corrected.version, 2);
        // The same report again is no correction.
        assert.equal(
          code(await publishFromLedger(s, w.approver, w.town, 2024, { ...later, reason: '再次发布' })),
          'report.unchanged',
        );

        const current = await publicReport(s, w.town, 2024);
        assert.ok(current);
        assert.equal(current.shown.version, 2);
        assert.equal(current.shown.reason, '补录漏登的一件申请');
        assert.equal(received(current.report), 2);
        const first = await publicReport(s, w.town, 2024, 1);
        assert.ok(first);
        assert.equal(received(first.report), 1);
        assert.deepEqual(first.shown.supersededBy, { version: 2, on: '2025-02-10' });
        assert.equal(first.currentVersion, 2);
        assert.deepEqual(
          first.history.map((h) => [h.version, h.publishedOn, h.supersededBy?.version]),
          [
            [1, TODAY, 2],
            [2, '2025-02-10', undefined],
          ],
        );
        assert.equal(await publicReport(s, w.town, 2024, 3), undefined);
        assert.equal(await publicReport(s, w.town, 2023), undefined);

        const listed = await publicReports(s);
        assert.deepEqual(
          listed.map((g) => [g.agency.name, g.reports.map((r) => [r.year, r.version, r.title])]),
          [['城关镇人民政府', [[2024, 2, '城关镇人民政府2024年政府信息公开工作年度报告']]]],
        );
        assert.equal((await s.auditLog.list({ action: 'report.publish' })).length, 2);
      }));

    it('answers another agency’s approver as if the agency did not exist, and forbids a handler', () =>
      withWorld(async (s, w) => {
        const options = { today: TODAY, fill: { text: TEXT } };
        assert.equal(code(await publishFromLedger(s, w.outsider, w.town, 2024, options)), 'agency.unknown');
        assert.equal(code(await publishFromLedger(s, w.handler, w.town, 2024, options)), 'access.forbidden');
        assert.equal(
          code(await publishFromFile(s, w.outsider, w.town, SEED, 'a.txt', options)),
          'agency.unknown',
        );
        assert.equal(
          code(await publishFromFile(s, w.handler, w.town, SEED, 'a.txt', options)),
          'access.forbidden',
        );
        assert.equal(
          code(await publishFromLedger(s, w.approver, w.town, 2025, options)),
          'report.publish-year-not-over',
        );
        assert.equal(code(await publishFromLedger(s, w.approver, w.town, 2017, options)), 'report.year');
        assert.deepEqual(await publicReports(s), []);
        assert.deepEqual(await s.auditLog.list({ action: 'report.publish' }), []);
      }));

    it('publishes the seed’s report read from its file, and refuses it for another agency', () =>
      withWorld(async (s, w) => {
        assert.equal(
          code(await publishFromFile(s, w.approver, w.town, SEED, '年报.txt', { today: TODAY })),
          'report.other-agency',
        );
        const published = value(
          await publishFromFile(s, w.seedApprover, w.seedTown, SEED, 'C:\\报告\\新庙镇2020年报.txt', {
            today: TODAY,
          }),
        );
        assert.equal(published.year, 2020);
        assert.equal(published.version, 1);
        const shown = await publicReport(s, w.seedTown, 2020);
        assert.ok(shown);
        assert.equal(shown.report.agency, '新庙镇');
        assert.equal(shown.report.publishedOn, '2021-01-18');
        assert.equal(shown.shown.publishedOn, TODAY);
        assert.equal(shown.shown.source.kind, 'file');
        assert.equal(shown.shown.source.kind === 'file' && shown.shown.source.fileName, '新庙镇2020年报.txt');
        assert.match(shown.shown.source.kind === 'file' ? shown.shown.source.sha256 : '', /^[0-9a-f]{64}$/);
        const audit = await s.auditLog.list({ action: 'report.publish' });
        assert.equal(audit.length, 1);
        assert.equal((audit[0]!.detail as { fileName: string }).fileName, '新庙镇2020年报.txt');
      }));

    it('refuses a file that is no report, an empty one, one too large, and a report with errors (findings listed)', () =>
      withWorld(async (s, w) => {
        const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
        assert.equal(
          code(await publishFromFile(s, w.seedApprover, w.seedTown, png, 'report.txt')),
          'report.unreadable',
        );
        assert.equal(
          code(await publishFromFile(s, w.seedApprover, w.seedTown, new Uint8Array(0), 'x.txt')),
          'report.file-empty',
        );
        assert.equal(
          code(
            await publishFromFile(
              s,
              w.seedApprover,
              w.seedTown,
              new Uint8Array(5 * 1024 * 1024 + 1),
              'x.pdf',
            ),
          ),
          'report.file-too-large',
        );
        const read = await readReport(SEED);
        assert.ok(read.ok);
        const broken = {
          ...read.report,
          requests: { ...read.report.requests, new: [3, 0, 0, 0, 0, 0, 0] },
        };
        const refused = await publishFromFile(
          s,
          w.seedApprover,
          w.seedTown,
          new TextEncoder().encode(renderJson(broken)),
          'broken.json',
          { today: TODAY },
        );
        assert.ok(!refused.ok);
        assert.equal(refused.error.code, 'report.invalid');
        assert.ok(refused.error.findings?.some((f) => f.rule === 'requests.row-total'));
        assert.equal(refused.error.findings?.[0]?.severity, 'error');
        assert.deepEqual(await publicReports(s), []);
      }));
  });
}
