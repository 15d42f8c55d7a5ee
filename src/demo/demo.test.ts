/**
 * The demo county (演示数据) on SQLite and PostgreSQL: loaded into a fresh database through the use
 * cases, it holds every open state and every closing, overdue and due-soon requests in the inbox on
 * its day, users of all five roles, 复议/诉讼 cases, annual reports of both years that pass every
 * error rule, and a published 政府信息公开指南; the rules refuse next to none of its events, no ID number is stored, and the same
 * `now` gives the same requests. Also on other days (early January, a holiday, today), for the
 * states and the refusals: the server loads it on whatever day it starts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listUsers } from '../accounts/index.js';
import { browseCatalogue, publicAttachment, publicItem } from '../catalogue/index.js';
import { ROLES, systemActor } from '../domain/access/policy.js';
import { rulesFindings } from '../domain/portal/rules.js';
import { hasErrors } from '../domain/report/validation/finding.js';
import { validateReport } from '../domain/report/validation/validate.js';
import type { OutcomeKind } from '../domain/requests/outcomes.js';
import { ledgerDeriveStep } from '../ledger/derive.js';
import {
  buildAnnualReport,
  inbox,
  listRequests,
  type RequestLine,
  todayInChina,
  viewRequest,
} from '../ledger/index.js';
import { publicSearch } from '../search/public-search.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { DEMO_PASSWORD, type DemoSummary, loadDemo } from './index.js';

/** A Wednesday, 10:00 in Beijing. */
const NOW = new Date('2026-11-18T02:00:00Z');
const reader = systemActor('t');
/** Refusals tolerated: the generator dates histories by the rules, so there should be none. */
const MAX_REFUSED = 3;
const ledger = { derive: ledgerDeriveStep };

/** Every request of the demo received in the two years, as of `now`'s date. */
async function allLines(storage: Storage, demo: DemoSummary, now: Date): Promise<RequestLine[]> {
  const today = todayInChina(now);
  const year = Number(today.slice(0, 4));
  const lines: RequestLine[] = [];
  for (const y of [year - 1, year]) {
    const got = await listRequests(storage, reader, demo.countyId, { year: y, asOf: today });
    assert.ok(got.ok, got.ok ? '' : got.error.message);
    assert.deepEqual(got.value.excluded, []);
    lines.push(...got.value.lines);
  }
  return lines;
}

const statesOf = (lines: readonly RequestLine[]) => new Set(lines.map((l) => l.status.state));
const ALL_STATES = ['inProgress', 'paused', 'awaitingCorrection', 'decided', 'lapsed', 'withdrawn'];

for (const dialect of DIALECTS) {
  describe(`demo county on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('holds every state, every role, cases, and reports that pass every error rule', (t) =>
      withStorage(
        dialect,
        async (storage) => {
          const demo = await loadDemo(storage, NOW);
          const today = todayInChina(NOW);
          t.diagnostic(
            `${demo.requests} requests, ${demo.events} events, ${demo.cases} cases, ` +
              `${demo.refused.length} refused, loaded in ${demo.elapsedMs} ms`,
          );
          for (const r of demo.refused) t.diagnostic(`refused ${r.what} ${r.code}: ${r.message}`);
          assert.ok(demo.refused.length <= MAX_REFUSED, `${demo.refused.length} refused`);
          assert.ok(demo.requests >= 250 && demo.requests <= 500, `${demo.requests} requests`);
          // The county's 政府信息公开指南 is published (条例第十二条), for the portal's /guide.
          const guide = await storage.portal.guide(demo.countyId);
          assert.equal(guide?.version, 1);
          assert.match(guide?.guide.office.name ?? '', /政务公开办/);
          // And its 政府信息公开制度, the statutory rules among them (nothing for the office to add).
          const rules = await storage.portal.rulesVersions(demo.countyId);
          assert.equal(rules.length, 1);
          assert.deepEqual(rulesFindings(rules[0]!.rules), []);
          // The county's own columns (栏目) under the standard ones, with published items to browse.
          const county = await storage.agencies.get(demo.countyId);
          const browse = await browseCatalogue(storage, {
            agency: { id: demo.countyId, kind: county!.kind },
            column: `zdy-${demo.countyId}-1`,
          });
          assert.equal(browse?.column?.name, '重点领域信息公开');
          assert.equal(browse?.total, 1, 'the item in 优化营商环境, below it');
          assert.ok((browse?.counts.get('fdzdgknr') ?? 0) >= 4);
          // The budget item carries a Word 附件 the public may download, its text in the search.
          const budget = (await storage.catalogue.list([demo.countyId])).find((i) =>
            /财政预算/.test(i.title),
          );
          const files = budget ? (await publicItem(storage, budget.id))?.state.attachments : undefined;
          assert.deepEqual(
            files?.map((f) => f.name),
            ['示范县2025年县级一般公共预算表.docx'],
          );
          const file = await publicAttachment(storage, budget!.id, files![0]!.id);
          assert.equal(file?.type, 'docx');
          // A word only the file holds (not the item's body) finds the item.
          const searched = await publicSearch(storage, '社会保障和就业支出');
          assert.ok(searched.ok && searched.value.items.some((i) => i.id === budget!.id));

          // Users of every role, and a console line for each, after a header naming the password.
          const users = await listUsers(storage, reader);
          assert.ok(users.ok);
          assert.deepEqual(new Set(users.value.flatMap((u) => u.roles)), new Set(ROLES));
          for (const name of ['admin', 'jiandu', 'xian.jingban', 'chengguan.jingban', 'chengguan.shenhe'])
            assert.ok(
              users.value.some((u) => u.name === name),
              name,
            );
          assert.equal(demo.logins.length, users.value.length + 1);
          assert.match(demo.logins[0]!, new RegExp(`演示.*${DEMO_PASSWORD}`));
          assert.match(demo.logins.find((l) => l.includes('chengguan.jingban'))!, /经办人.*城关镇/);
          assert.ok(/^[A-Za-z0-9]{10,}$/.test(DEMO_PASSWORD) && /\d/.test(DEMO_PASSWORD));

          // Every open state and every closing; both years; channels and applicant kinds mixed.
          const lines = await allLines(storage, demo, NOW);
          assert.equal(lines.length, demo.requests);
          assert.deepEqual(statesOf(lines), new Set(ALL_STATES));
          for (const y of ['2025', '2026'])
            assert.ok(lines.filter((l) => l.receivedOn.startsWith(y)).length > 60, y);
          assert.equal(new Set(lines.map((l) => l.channel)).size, 6);
          assert.ok(new Set(lines.map((l) => l.applicantKind)).size >= 5);
          assert.ok(lines.filter((l) => l.applicantKind === 'natural').length > lines.length / 2);
          const outcomes = new Set(lines.map((l) => l.status.outcome).filter((o) => o !== undefined));
          const expected: readonly OutcomeKind[] = [
            'disclosed',
            'partial',
            'notHeld',
            'noCorrection',
            'unpaidFee',
            'withdrawn',
          ];
          for (const o of expected) assert.ok(outcomes.has(o), o);
          assert.ok(outcomes.size >= 12, `${outcomes.size} outcomes`);
          assert.ok(lines.some((l) => l.status.pausedFor.includes('thirdParty')));
          assert.ok(lines.some((l) => l.status.pausedFor.includes('fee')));

          // The inbox on the day: overdue, due within 3 working days, on time; paused; awaiting correction.
          const count = async (filters: Parameters<typeof inbox>[2]) => {
            const got = await inbox(
              storage,
              reader,
              { agencyId: demo.countyId, ...filters },
              { asOf: today },
            );
            assert.ok(got.ok);
            return got.value.total;
          };
          for (const urgency of ['overdue', 'dueSoon', 'onTime'] as const)
            assert.ok((await count({ urgency })) > 0, urgency);
          for (const state of ['inProgress', 'paused', 'awaitingCorrection'] as const)
            assert.ok((await count({ state })) > 0, state);

          // Extensions among open and closed requests, recorded by an approver, the rest by handlers.
          const open = lines.filter((l) => l.status.closedOn === undefined);
          const histories = await Promise.all(
            lines
              .slice(0, 120)
              .concat(open)
              .map((l) => viewRequest(storage, reader, l.id, { asOf: today })),
          );
          const items = histories.flatMap((h) => (h.ok ? h.value.history : []));
          assert.ok(items.some((i) => i.kind === 'Extended'));
          for (const i of items)
            assert.match(i.by, i.kind === 'Extended' || i.kind === 'Decided' ? /\.shenhe$/ : /\.jingban$/);

          // 复议 and 诉讼, about decided requests.
          const cases = [
            ...new Map(
              (await Promise.all([2025, 2026].map((y) => storage.cases.forYear(demo.agencyIds, y))))
                .flat()
                .map((c) => [c.id, c]),
            ).values(),
          ];
          assert.ok(cases.length >= 5, `${cases.length} cases`);
          assert.equal(cases.length, demo.cases);
          assert.ok(
            cases.some((c) => c.kind === 'review') && cases.some((c) => c.kind === 'litigationDirect'),
          );
          assert.ok(cases.some((c) => c.result === 'pending') && cases.some((c) => c.result !== 'pending'));
          const decided = new Set(lines.filter((l) => l.status.state === 'decided').map((l) => l.id));
          for (const c of cases) assert.ok(decided.has(c.requestId!), c.id);

          // The annual reports of both years, of every agency, pass every error rule (and carry over).
          for (const agencyId of demo.agencyIds) {
            const previous = await buildAnnualReport(storage, reader, agencyId, 2025);
            const current = await buildAnnualReport(storage, reader, agencyId, 2026);
            assert.ok(previous.ok && current.ok);
            for (const [built, options] of [
              [previous.value, {}],
              [current.value, { previous: previous.value.report }],
            ] as const) {
              const findings = validateReport(built.report, options);
              assert.ok(
                !hasErrors(findings),
                `${built.agency.name} ${built.report.year}: ${JSON.stringify(findings.filter((f) => f.severity === 'error'))}`,
              );
            }
          }

          // No ID document anywhere (身份证明), let alone a number that looks like one.
          const logs = await storage.requests.eventsOf(lines.map((l) => l.id));
          const stored = JSON.stringify([...logs.values()]);
          assert.doesNotMatch(stored, /idDocument|\d{17}[\dXx]/);
        },
        ledger,
      ));

    it('gives the same requests for the same `now`', () =>
      withStorage(
        dialect,
        (first) =>
          withStorage(
            dialect,
            async (second) => {
              const [a, b] = [await loadDemo(first, NOW), await loadDemo(second, NOW)];
              const [x, y] = [await allLines(first, a, NOW), await allLines(second, b, NOW)];
              assert.ok(x.length > 250);
              assert.deepEqual(y, x);
            },
            ledger,
          ),
        ledger,
      ));

    // Early January (this year barely begun), National Day, a Sunday, and the day the test runs.
    for (const now of [
      new Date('2026-01-05T01:00:00Z'),
      new Date('2026-10-03T01:00:00Z'),
      new Date('2025-06-15T01:00:00Z'),
      new Date(),
    ])
      it(`holds every state on ${todayInChina(now)}, next to nothing refused`, (t) =>
        withStorage(
          dialect,
          async (storage) => {
            const demo = await loadDemo(storage, now);
            t.diagnostic(`${demo.requests} requests, ${demo.refused.length} refused, ${demo.elapsedMs} ms`);
            for (const r of demo.refused) t.diagnostic(`refused ${r.what} ${r.code}: ${r.message}`);
            assert.ok(demo.refused.length <= MAX_REFUSED, `${demo.refused.length} refused`);
            assert.deepEqual(statesOf(await allLines(storage, demo, now)), new Set(ALL_STATES));
            assert.ok(demo.cases >= 5, `${demo.cases} cases`);
          },
          ledger,
        ));
  });
}
