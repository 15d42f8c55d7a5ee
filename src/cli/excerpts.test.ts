/**
 * The corpus excerpts (../shared/corpus/excerpts: the openings of 20 real reports as their portals'
 * stored pages hold them, each with its expected values) read through `gongkai report parse FILE
 * --json --partial` exactly as a script would: every expected year, format, agency, section 二 cell and
 * whole section 三 row (issue 10's bar). And the contract of `--partial` itself.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderText } from '../documents/text/render-text.js';
import { exampleReport } from '../domain/report/example.js';
import type { AnnualReport } from '../domain/report/model.js';
import { EXCERPTS_DIR, excerptMismatches, excerpts } from '../test-support/excerpt-expectations.js';
import { assertRefused, gongkai } from '../test-support/run-cli.js';
import { skipUnlessShared } from '../test-support/shared-files.js';

type PartialJson = AnnualReport & { findings: { rule: string; severity: string; message: string }[] };

describe('the corpus excerpts through report parse --partial', {
  skip: skipUnlessShared(EXCERPTS_DIR),
}, () => {
  const all = excerpts();

  it('holds the twenty excerpts', () => {
    assert.equal(all.length, 20);
  });

  for (const excerpt of all) {
    it(`reads ${excerpt.name} as expected`, async () => {
      const { code, out } = await gongkai('report', 'parse', excerpt.path, '--json', '--partial');
      assert.equal(code, 0);
      const read = JSON.parse(out) as PartialJson;
      assert.deepEqual(excerptMismatches(read, excerpt.expected), []);
      assert.ok(Array.isArray(read.findings));
    });
  }
});

describe('report parse --partial', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-partial-'));
  const report = exampleReport(2023, '某某镇人民政府');
  const text = renderText(report);

  it('prints what a page cut off in section 三 holds, the cut named in findings, exit 0', async () => {
    const cut = text.slice(0, text.indexOf('（三）不予公开'));
    const path = join(dir, 'cut.txt');
    writeFileSync(path, cut);
    const { code, out, err } = await gongkai('report', 'parse', path, '--json', '--partial');
    assert.equal(code, 0);
    assert.match(err, /页面不完整/);
    const read = JSON.parse(out) as PartialJson;
    assert.equal(read.agency, report.agency);
    assert.deepEqual(read.proactive, report.proactive);
    assert.deepEqual(read.requests.new, report.requests.new);
    assert.equal(read.requests.total, undefined, 'a row after the cut is absent, not 0');
    assert.ok(read.findings.some((f) => f.rule === 'read.truncated' && f.severity === 'error'));
  });

  it('without --partial still refuses the cut-off page (exit 2)', async () => {
    const path = join(dir, 'cut2.txt');
    writeFileSync(path, text.slice(0, text.indexOf('（三）不予公开')));
    assertRefused(await gongkai('report', 'parse', path, '--json'), /内容中断/);
  });

  it('prints a whole report with its reading notes, exit 0', async () => {
    const path = join(dir, 'whole.txt');
    writeFileSync(path, text);
    const { code, out, err } = await gongkai('report', 'parse', path, '--partial');
    assert.equal(code, 0);
    assert.equal(err, '');
    const read = JSON.parse(out) as PartialJson;
    assert.deepEqual(read.requests, report.requests);
    assert.deepEqual(read.findings, []);
  });

  it('writes a page that names no agency with agency "", which report check reads back and warns of', async () => {
    const untitled = text
      .replace(`${report.agency}${report.year}年政府信息公开工作年度报告`, '')
      .replace('一、总体情况\n', '一、总体情况\n\n2023年，我镇认真贯彻落实《条例》。\n');
    const page = join(dir, 'nameless.txt');
    writeFileSync(page, untitled);
    const parsed = await gongkai('report', 'parse', page, '--json');
    assert.equal(parsed.code, 0, parsed.err);
    assert.equal((JSON.parse(parsed.out) as AnnualReport).agency, '');
    const json = join(dir, 'nameless.json');
    writeFileSync(json, parsed.out);
    const checked = await gongkai('report', 'check', json, '--json');
    assert.equal(checked.code, 0, checked.err);
    const rules = (JSON.parse(checked.out) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    assert.ok(rules.includes('report.agency'), rules.join(','));
  });

  it('audits pages that name no agency each on its own: no cross-year pairing, no repeat', async () => {
    const folder = join(dir, 'nameless-audit');
    mkdirSync(folder);
    for (const year of [2022, 2023]) {
      const r = exampleReport(year, '某某镇人民政府');
      const page = renderText(r)
        .replace(`${r.agency}${r.year}年政府信息公开工作年度报告`, '')
        .replace('一、总体情况\n', `一、总体情况\n\n${year}年，我镇认真贯彻落实《条例》。\n`);
      writeFileSync(join(folder, `${year}.txt`), page);
      writeFileSync(join(folder, `${year}-copy.txt`), page);
    }
    const { out } = await gongkai('audit', folder, '--json', '--quiet');
    const audited = JSON.parse(out) as { files: { agency: string | null; findings: { rule: string }[] }[] };
    assert.equal(audited.files.length, 4);
    for (const file of audited.files) {
      assert.equal(file.agency, '');
      const rules = file.findings.map((f) => f.rule);
      assert.ok(!rules.some((r) => r.startsWith('cross-year') || r.includes('duplicate')), rules.join(','));
    }
  });

  it('exits 2 when nothing of a report was read', async () => {
    const path = join(dir, 'none.txt');
    writeFileSync(path, '2023年，我镇认真做好政府信息公开工作。');
    assertRefused(await gongkai('report', 'parse', path, '--partial'), /这不是一份政府信息公开工作年度报告/);
  });
});
