/**
 * Migration 0002 on SQLite and PostgreSQL, on a database as the code before it left it: request rows
 * whose `applicant_kind` and `channel` hold the display labels then written (自然人, 邮寄（签收）…).
 * - After the migration every such row reads back with the key (natural, postSigned …), so that the
 *   report counts each request in the applicant column the label meant, together with rows written
 *   after it; a value that was never a label is left as it was (the ledger lists it as unreadable).
 * - Every open row gets schedule columns not yet computed, so the inbox computes them when it first
 *   lists the agency; closed rows are not the inbox's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { localDate } from '../../domain/calendar/local-date.js';
import { openHandle } from '../../test-support/audit-log-tamper.js';
import { migrateTo } from '../migrations.js';
import { aggregateRequestSections, UnmappableRequestError } from '../report-aggregate.js';
import { openDatabase } from '../storage.js';
import { DIALECTS } from '../test-dialects.js';

interface OldRow {
  readonly id: string;
  readonly applicantKind: string;
  readonly channel: string;
  readonly receivedOn: string;
  readonly decided?: { readonly on: string; readonly outcome: string };
}

/** As the ledger wrote them before 0002: labels in both columns, the derived columns filled. */
const OLD_ROWS: readonly OldRow[] = [
  { id: 'r1', applicantKind: '自然人', channel: '当面', receivedOn: '2024-03-01' },
  {
    id: 'r2',
    applicantKind: '自然人',
    channel: '邮寄（签收）',
    receivedOn: '2024-03-04',
    decided: { on: '2024-03-20', outcome: 'disclosed' },
  },
  {
    id: 'r3',
    applicantKind: '商业企业',
    channel: '网上',
    receivedOn: '2024-04-01',
    decided: { on: '2024-04-25', outcome: 'partial' },
  },
  { id: 'r4', applicantKind: '科研机构', channel: '平信', receivedOn: '2024-05-06' },
  { id: 'r5', applicantKind: '社会公益组织', channel: '传真', receivedOn: '2024-06-03' },
  { id: 'r6', applicantKind: '法律服务机构', channel: '电子邮件', receivedOn: '2024-07-01' },
  { id: 'r7', applicantKind: '其他', channel: '未记载', receivedOn: '2024-08-01' },
];

const KEYS: Readonly<Record<string, [string, string]>> = {
  r1: ['natural', 'inPerson'],
  r2: ['natural', 'postSigned'],
  r3: ['commercial', 'online'],
  r4: ['research', 'postOrdinary'],
  r5: ['publicInterest', 'fax'],
  r6: ['legalService', 'email'],
  r7: ['other', 'unrecorded'],
};

const CREATED = '2024-09-01T00:00:00.000Z';

for (const dialect of DIALECTS) {
  describe(`migration 0002 (stored keys) on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('turns the labels of rows written before it into keys; the report counts them in the columns they meant', async () => {
      const fresh = await dialect.create();
      try {
        const before = await openHandle(fresh.url);
        try {
          await migrateTo(before, '0001_ledger');
          const agency = async (name: string) => {
            await sql`insert into agencies (name, kind, created_at) values (${name}, ${'区县'}, ${CREATED})`.execute(
              before.db,
            );
            const row = await sql<{
              id: number;
            }>`select id from agencies where name = ${name}`.execute(before.db);
            return Number(row.rows[0]!.id);
          };
          const county = await agency('平潭县');
          const odd = await agency('别的县');
          const rows = [
            ...OLD_ROWS.map((r) => ({ ...r, agencyId: county })),
            // Never a label of the code: the migration has nothing to turn it into.
            { id: 'r8', applicantKind: '公民', channel: '当面', receivedOn: '2024-03-01', agencyId: odd },
          ];
          for (const r of rows) {
            const d = 'decided' in r ? r.decided : undefined;
            await sql`insert into disclosure_requests
                (id, agency_id, applicant_kind, applicant_name, content, channel, received_on, created_at,
                 last_seq, closed_on, closing_type, outcome)
              values (${r.id}, ${r.agencyId}, ${r.applicantKind}, ${`申请人${r.id}`}, ${'某文件'}, ${r.channel},
                 ${r.receivedOn}, ${CREATED}, ${d ? 2 : 1}, ${d?.on ?? null}, ${d ? 'Decided' : null},
                 ${d?.outcome ?? null})`.execute(before.db);
            const events = [
              { seq: 1, type: 'Received', at: r.receivedOn, payload: { type: 'Received', at: r.receivedOn } },
              ...(d
                ? [
                    {
                      seq: 2,
                      type: 'Decided',
                      at: d.on,
                      payload: { type: 'Decided', at: d.on, outcome: d.outcome },
                    },
                  ]
                : []),
            ];
            for (const e of events)
              await sql`insert into request_events (request_id, seq, type, at, actor, payload, recorded_at)
                values (${r.id}, ${e.seq}, ${e.type}, ${e.at}, ${'staff-1'}, ${JSON.stringify(e.payload)},
                  ${CREATED})`.execute(before.db);
          }
        } finally {
          await before.close();
        }

        const storage = await openDatabase(fresh.url);
        try {
          for (const [id, [kind, channel]] of Object.entries(KEYS)) {
            const row = await storage.requests.get(id);
            assert.deepEqual([row?.applicantKind, row?.channel], [kind, channel], id);
          }
          const odd = await storage.requests.get('r8');
          assert.deepEqual([odd?.applicantKind, odd?.channel], ['公民', 'inPerson'], 'left as it was');
          assert.equal((await storage.requests.events('r2')).length, 2, 'the logs are untouched');

          // One request written after the migration, by key, counts in the same column.
          const county = (await storage.requests.get('r1'))!.agencyId;
          const written = await storage.requests.intake(
            {
              agencyId: county,
              applicantKind: 'natural',
              applicantName: '新申请人',
              content: '某文件',
              channel: 'online',
              receivedOn: localDate('2024-10-08'),
            },
            { type: 'Received', at: localDate('2024-10-08') },
          );

          const section = (await aggregateRequestSections(storage.db, 2024, [county])).get(county)!;
          //                          自然人 商业 科研 公益 法律 其他 总计
          assert.deepEqual(section.new, [3, 1, 1, 1, 1, 1, 8]);
          assert.deepEqual(section.granted, [1, 0, 0, 0, 0, 0, 1]);
          assert.deepEqual(section.partial, [0, 1, 0, 0, 0, 0, 1]);
          assert.deepEqual(section.carriedForward, [2, 0, 1, 1, 1, 1, 6]);
          await assert.rejects(
            aggregateRequestSections(storage.db, 2024, [odd!.agencyId]),
            (e) => e instanceof UnmappableRequestError && e.value === '公民',
          );

          // The inbox's schedule: not yet computed for any open row; closed rows are not its own.
          const stale = await storage.schedules.stale([county], localDate('2024-12-31'), 100);
          assert.deepEqual(stale.map((r) => r.id).sort(), ['r1', 'r4', 'r5', 'r6', 'r7', written.id].sort());
          const page = await storage.schedules.page({
            agencyIds: [county],
            open: true,
            offset: 0,
            limit: 100,
          });
          assert.equal(page.total, 6);
          assert.ok(page.rows.every((r) => r.schedule === null));
        } finally {
          await storage.close();
        }
      } finally {
        await fresh.drop();
      }
    });
  });
}
