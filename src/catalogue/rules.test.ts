/**
 * 政府信息公开制度's use cases, on SQLite and PostgreSQL: an approver or an administrator publishes the
 * agency's list of rule documents as a new version (the old ones kept, unchangeable); a list that cannot
 * stand is refused with each problem placed; a 目录 link must be one of the agency's own published items;
 * a list without 第十七条's or 第四十五条's rules is published with a finding; another agency's 制度 is
 * neither writable nor shown under it; each publication is audited.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { DisclosureRulesDraft, RuleDocumentDraft } from '../domain/portal/rules.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { staffActor } from '../test-support/staff-actor.js';
import { draftItem, publicRules, publishItem, publishRules, withdrawItem } from './index.js';

const TODAY = '2025-06-30' as LocalDate;

const person = staffActor;

const doc = (name: string, more: Partial<RuleDocumentDraft> = {}): RuleDocumentDraft => ({
  name,
  docNumber: '',
  issuedOn: '2024-03-01',
  summary: '',
  covers: [],
  ...more,
});

const RULES: DisclosureRulesDraft = {
  documents: [
    doc('某县政府信息公开工作制度', { docNumber: '某政办〔2024〕5号', covers: ['work'] }),
    doc('某县政府信息公开保密审查制度', { covers: ['review'], summary: '拟公开的信息先审查。' }),
    doc('某县依申请公开办理规程', { covers: ['requests'] }),
  ],
};

async function world(s: Storage) {
  const county = await s.agencies.add({ name: '某县人民政府', kind: '区县', code: '000014349' });
  const other = await s.agencies.add({ name: '邻县人民政府', kind: '区县', code: '000099999' });
  return {
    county: county.id,
    other: other.id,
    approver: person('approver', ['approver'], county.id),
    admin: person('admin', ['admin'], county.id),
    handler: person('handler', ['handler'], county.id),
    outsider: person('outsider', ['approver', 'admin'], other.id),
  };
}

/** A published 规范性文件 of the agency; its id. */
async function publishedItem(s: Storage, agencyId: number, title: string, publish = true) {
  const drafted = await draftItem(
    s,
    person('liaison', ['liaison'], agencyId),
    {
      agencyId,
      title,
      publisher: '某县人民政府',
      writtenOn: '2024-03-01' as LocalDate,
      docNumber: '',
      topic: '综合政务',
      body: '第一条 ……',
      kind: 'other',
    },
    { today: TODAY },
  );
  assert.ok(drafted.ok);
  if (publish)
    assert.ok(
      (await publishItem(s, person('approver', ['approver'], agencyId), drafted.value.id, { today: TODAY }))
        .ok,
    );
  return drafted.value.id;
}

const code = (r: { ok: true } | { ok: false; error: { code: string } }) => (r.ok ? 'ok' : r.error.code);

for (const dialect of DIALECTS) {
  describe(`政府信息公开制度’s use cases (${dialect.name})`, { skip: dialect.skip }, () => {
    it('publishes a version each time; the portal shows the latest, and the earlier stay as they were', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        assert.equal((await publicRules(s, w.county))?.current, undefined);
        const first = await publishRules(s, w.approver, w.county, RULES, TODAY);
        assert.ok(first.ok);
        assert.deepEqual(first.value, { version: 1, findings: [] });
        const second = await publishRules(
          s,
          w.admin,
          w.county,
          {
            documents: [
              ...RULES.documents,
              doc(' 某县政府信息公开工作考核办法 ', { covers: ['supervision'] }),
            ],
          },
          TODAY,
        );
        assert.equal(second.ok && second.value.version, 2);
        const shown = await publicRules(s, w.county);
        assert.equal(shown?.versions, 2);
        assert.equal(shown?.current?.version, 2);
        assert.equal(
          shown?.current?.rules.documents[3]?.name,
          '某县政府信息公开工作考核办法',
          'kept trimmed',
        );
        const versions = await s.portal.rulesVersions(w.county);
        assert.deepEqual(
          versions.map((v) => [v.version, v.rules.documents.length, v.actor]),
          [
            [1, 3, 'approver'],
            [2, 4, 'admin'],
          ],
        );
        await assert.rejects(
          s.db.updateTable('portal_rules').set({ rules: '{"documents":[]}' }).execute(),
          /append-only/,
        );
        await assert.rejects(s.db.deleteFrom('portal_rules').execute(), /append-only/);
        const audited = await s.auditLog.list({ action: 'rules.publish' });
        assert.deepEqual(
          audited.map((e) => [e.actor, e.subject, (e.detail as { version: number }).version]),
          [
            ['approver', `rules:${w.county}`, 1],
            ['admin', `rules:${w.county}`, 2],
          ],
        );
      }));

    it('refuses a list that cannot stand, each problem with its place, and keeps nothing', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const refused = await publishRules(
          s,
          w.approver,
          w.county,
          { documents: [doc('某制度'), doc('某制度', { issuedOn: '2025-07-01' })] },
          TODAY,
        );
        assert.equal(code(refused), 'rules.invalid');
        assert.ok(!refused.ok && 'problems' in refused.error);
        assert.match(refused.error.message, /^制度有 2 处需要补充或修改：第 2 项：名称与第 1 项相同/);
        assert.match(refused.error.message, /第 2 项：成文日期 2025-07-01 晚于今天（2025-06-30）/);
        assert.equal(
          code(await publishRules(s, w.approver, w.county, { documents: [] }, TODAY)),
          'rules.invalid',
        );
        assert.deepEqual(await s.portal.rulesVersions(w.county), []);
        assert.deepEqual(await s.auditLog.list({ action: 'rules.publish' }), []);
      }));

    it('links a document to one of the agency’s own published items only, and the page only while it is published', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const own = await publishedItem(s, w.county, '某县政府信息公开保密审查制度');
        const draft = await publishedItem(s, w.county, '某县草稿', false);
        const theirs = await publishedItem(s, w.other, '邻县政府信息公开工作制度');
        for (const id of [draft, theirs, 'no-such-item']) {
          const refused = await publishRules(
            s,
            w.approver,
            w.county,
            { documents: [doc('甲制度'), doc('乙制度', { itemId: id })] },
            TODAY,
          );
          assert.ok(!refused.ok && 'problems' in refused.error, id);
          assert.deepEqual(
            refused.error.problems.map((p) => [p.index, p.field]),
            [[1, 'itemId']],
            id,
          );
          // Another agency's item is "not among ours", like one that does not exist.
          assert.match(refused.error.message, new RegExp(`本机关的公开目录中没有已发布的信息“${id}”`));
        }
        const published = await publishRules(
          s,
          w.approver,
          w.county,
          { documents: [doc('某县政府信息公开保密审查制度', { itemId: own, covers: ['review'] })] },
          TODAY,
        );
        assert.ok(published.ok);
        assert.deepEqual([...(await publicRules(s, w.county))!.linked], [own]);
        assert.ok((await withdrawItem(s, w.approver, own, { reason: '误发' }, { today: TODAY })).ok);
        assert.deepEqual([...(await publicRules(s, w.county))!.linked], [], 'a withdrawn item is not linked');
      }));

    it('publishes a list without 第十七条’s or 第四十五条’s rules, saying which it lacks', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const published = await publishRules(
          s,
          w.approver,
          w.county,
          { documents: [doc('某县政府信息公开工作制度', { covers: ['work'] })] },
          TODAY,
        );
        assert.ok(published.ok);
        assert.deepEqual(
          published.value.findings.map((f) => f.topic),
          ['review', 'requests'],
        );
        const audited = await s.auditLog.list({ action: 'rules.publish' });
        assert.deepEqual((audited[0]!.detail as { findings: string[] }).findings, ['review', 'requests']);
      }));

    it('keeps an agency’s 制度 its own: a handler may not publish, another agency’s user reads it as unknown', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        assert.equal(code(await publishRules(s, w.handler, w.county, RULES, TODAY)), 'access.forbidden');
        assert.equal(code(await publishRules(s, w.outsider, w.county, RULES, TODAY)), 'agency.unknown');
        assert.equal(code(await publishRules(s, w.approver, 9999, RULES, TODAY)), 'agency.unknown');
        assert.ok((await publishRules(s, w.outsider, w.other, RULES, TODAY)).ok);
        assert.equal((await publicRules(s, w.county))?.current, undefined, 'the other’s is not the county’s');
        assert.equal((await publicRules(s, w.other))?.current?.version, 1);
        assert.equal(await publicRules(s, 9999), undefined);
      }));
  });
}
