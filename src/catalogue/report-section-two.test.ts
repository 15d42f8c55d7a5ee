/**
 * 条例 第二十条第（一）项 in the built report: when the agency's catalogue tracks its 规范性文件, section
 * 二's row follows the catalogue — a document repealed in the year is counted as 本年废止 and is no
 * longer 现行有效 — on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Role, systemActor } from '../domain/access/policy.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { buildAnnualReport } from '../ledger/report.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { staffActor } from '../test-support/staff-actor.js';
import { draftItem, publishItem, repealItem } from './index.js';

const d = (s: string) => s as LocalDate;
const person = (roles: Role[], agencyId: number) => staffActor(roles.join(','), roles, agencyId);
const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
};

for (const dialect of DIALECTS)
  describe(`section 二 of the built report from the catalogue (${dialect})`, () => {
    it('counts the year’s 规范性文件 and changes when one is repealed', async () => {
      await withStorage(dialect, async (s) => {
        const county = await s.agencies.add({ name: '某县人民政府', kind: '区县', code: '000014349' });
        const liaison = person(['liaison'], county.id);
        const approver = person(['approver'], county.id);
        const options = { today: d('2024-06-30') };
        const documents = [];
        for (const writtenOn of ['2023-04-01', '2024-03-01', '2024-05-01'])
          documents.push(
            value(
              await draftItem(
                s,
                liaison,
                {
                  agencyId: county.id,
                  title: `某县规范性文件 ${writtenOn}`,
                  publisher: '某县人民政府',
                  writtenOn: d(writtenOn),
                  docNumber: `某政规〔${writtenOn.slice(0, 4)}〕${documents.length + 1}号`,
                  topic: '综合政务',
                  body: '第一条……',
                  kind: '规范性文件',
                },
                options,
              ),
            ),
          );
        for (const doc of documents) value(await publishItem(s, approver, doc.id, options));
        const operator = systemActor('test');
        const before = value(await buildAnnualReport(s, operator, county.id, 2024));
        assert.deepEqual(before.report.proactive.normativeDocuments, { issued: 2, repealed: 0, inForce: 3 });
        assert.deepEqual(Object.keys(before.fromCatalogue), ['normativeDocuments']);

        value(
          await repealItem(
            s,
            approver,
            documents[0]!.id,
            { on: d('2024-09-01') },
            { today: d('2024-10-01') },
          ),
        );
        const after = value(await buildAnnualReport(s, operator, county.id, 2024));
        assert.deepEqual(after.report.proactive.normativeDocuments, { issued: 2, repealed: 1, inForce: 2 });
        // 2023's report is as it was: the repeal falls in 2024.
        const lastYear = value(await buildAnnualReport(s, operator, county.id, 2023));
        assert.deepEqual(lastYear.report.proactive.normativeDocuments, {
          issued: 1,
          repealed: 0,
          inForce: 1,
        });
      });
    });

    it('leaves section 二 to the fill when the catalogue holds no such document', async () => {
      await withStorage(dialect, async (s) => {
        const county = await s.agencies.add({ name: '某镇人民政府', kind: '乡镇', code: 'T001' });
        const built = value(await buildAnnualReport(s, systemActor('test'), county.id, 2024));
        assert.deepEqual(built.fromCatalogue, {});
      });
    });
  });
