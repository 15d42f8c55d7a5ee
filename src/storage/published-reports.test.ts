/**
 * Published annual reports in storage, on SQLite and PostgreSQL: versions are added, never changed or
 * deleted; a version number is taken once per agency and year; the current version is the highest; a
 * correction carries its reason and the first version has none; a file's name and hash go with it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { NewPublishedReport } from './published-reports.js';
import { DIALECTS, withStorage } from './test-dialects.js';

const version = (agencyId: number, year: number, n: number, extra: Partial<NewPublishedReport> = {}) =>
  ({
    agencyId,
    year,
    version: n,
    reportJson: JSON.stringify({ year, version: n }),
    source: { kind: 'ledger' },
    publishedOn: `${year + 1}-01-20` as LocalDate,
    publishedBy: 'approver',
    ...(n > 1 ? { reason: '更正第三部分的数字' } : {}),
    ...extra,
  }) as NewPublishedReport;

for (const dialect of DIALECTS) {
  describe(`published reports in storage, on ${dialect.name}`, { skip: dialect.skip }, () => {
    it('adds versions, keeps each once, and answers the current one per year', () =>
      withStorage(dialect, async (s) => {
        const a = (await s.agencies.add({ name: '城关镇人民政府', kind: '乡镇/街道' })).id;
        const b = (await s.agencies.add({ name: '邻县人民政府', kind: '区县' })).id;
        assert.equal(await s.publishedReports.add(version(a, 2023, 1)), true);
        assert.equal(await s.publishedReports.add(version(a, 2024, 1)), true);
        assert.equal(await s.publishedReports.add(version(a, 2024, 2)), true);
        assert.equal(
          await s.publishedReports.add(
            version(b, 2024, 1, { source: { kind: 'file', fileName: '年报.pdf', sha256: 'ab'.repeat(32) } }),
          ),
          true,
        );
        // The same version again is refused, and nothing changes.
        assert.equal(await s.publishedReports.add(version(a, 2024, 2, { publishedBy: 'other' })), false);

        const versions = await s.publishedReports.versions(a, 2024);
        assert.deepEqual(
          versions.map((v) => [v.version, v.publishedBy, v.reason, JSON.parse(v.reportJson).version]),
          [
            [1, 'approver', undefined, 1],
            [2, 'approver', '更正第三部分的数字', 2],
          ],
        );
        const current = await s.publishedReports.current();
        assert.deepEqual(
          current.map((c) => [c.agencyId, c.year, c.version]),
          [
            [a, 2024, 2],
            [a, 2023, 1],
            [b, 2024, 1],
          ],
        );
        assert.deepEqual(current[2]!.source, { kind: 'file', fileName: '年报.pdf', sha256: 'ab'.repeat(32) });
        assert.deepEqual(
          (await s.publishedReports.current([b])).map((c) => [c.agencyId, c.year]),
          [[b, 2024]],
        );
        assert.deepEqual(
          (await s.publishedReports.summaries([a])).map((c) => [c.year, c.version]),
          [
            [2024, 1],
            [2024, 2],
            [2023, 1],
          ],
        );
        assert.deepEqual(await s.publishedReports.current([]), []);
      }));

    it('never updates or deletes a published version', () =>
      withStorage(dialect, async (s) => {
        const a = (await s.agencies.add({ name: '城关镇人民政府', kind: '乡镇/街道' })).id;
        await s.publishedReports.add(version(a, 2024, 1));
        await assert.rejects(
          s.db.updateTable('published_reports').set({ report_json: '{}' }).execute(),
          /append-only/,
        );
        await assert.rejects(s.db.deleteFrom('published_reports').execute(), /append-only/);
        assert.equal(
          (await s.publishedReports.versions(a, 2024))[0]!.reportJson,
          '{"year":2024,"version":1}',
        );
      }));

    it('asks a correction for its reason, the first version for none, a file for its name and hash', () =>
      withStorage(dialect, async (s) => {
        const a = (await s.agencies.add({ name: '城关镇人民政府', kind: '乡镇/街道' })).id;
        await assert.rejects(s.publishedReports.add({ ...version(a, 2024, 2), reason: undefined }));
        await assert.rejects(s.publishedReports.add({ ...version(a, 2024, 1), reason: '无' }));
        await assert.rejects(s.publishedReports.add(version(a, 2024, 0)));
        await assert.rejects(
          s.db
            .insertInto('published_reports')
            .values({
              agency_id: a,
              year: 2024,
              version: 1,
              report_json: '{}',
              source: 'file',
              file_name: null,
              file_sha256: null,
              published_on: '2025-01-20',
              published_by: 'x',
              reason: null,
              recorded_at: new Date().toISOString(),
            })
            .execute(),
        );
        assert.deepEqual(await s.publishedReports.versions(a, 2024), []);
      }));
  });
}
