/**
 * 附件 through the catalogue's use cases, on SQLite and PostgreSQL: a liaison adds files to a draft, an
 * approver once it is published; a file whose content is not its claimed type, an empty or oversized
 * one, and one the item already has are refused and leave nothing behind; a published item's files
 * are searched by their text; taking one off is an event (with a reason once published), and the
 * bytes stay for the office.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { StoredParticulars } from '../domain/catalogue/catalogue-item.js';
import { publicSearch } from '../search/public-search.js';
import type { Storage } from '../storage/index.js';
import { DIALECTS, withStorage } from '../storage/test-dialects.js';
import { minimalPdf, sampleDocx } from '../test-support/sample-files.js';
import { staffActor } from '../test-support/staff-actor.js';
import {
  attachFile,
  correctItem,
  detachFile,
  draftItem,
  officeAttachment,
  publicAttachment,
  publishItem,
  viewItem,
} from './index.js';

const d = (s: string) => s as LocalDate;
const options = { today: d('2025-06-30') };
const particulars: StoredParticulars = {
  title: '关于国有土地上房屋征收的公告',
  publisher: '某县人民政府',
  writtenOn: d('2025-03-01'),
  docNumber: '',
  topic: '城乡建设',
  body: '现将有关事项公告如下。',
  kind: 'other',
};
const person = staffActor;

async function world(s: Storage) {
  const county = await s.agencies.add({ name: '某县人民政府', kind: '区县', code: '000014349' });
  const other = await s.agencies.add({ name: '邻县人民政府', kind: '区县', code: '000099999' });
  return {
    county: county.id,
    liaison: person('liaison', ['liaison'], county.id),
    approver: person('approver', ['approver'], county.id),
    outsider: person('outsider', ['liaison', 'approver'], other.id),
  };
}
const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
};
const code = (r: { ok: true } | { ok: false; error: { code: string } }) => (r.ok ? 'ok' : r.error.code);
const stored = async (s: Storage) =>
  Number(
    (
      await s.db
        .selectFrom('catalogue_attachments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const found = async (s: Storage, q: string) => value(await publicSearch(s, q)).items.map((i) => i.id);

/** A draft of the county's with a Word file whose text names 青石岭镇 (a word nowhere else). */
async function draftWithWordFile(s: Storage, w: Awaited<ReturnType<typeof world>>) {
  const draft = value(await draftItem(s, w.liaison, { agencyId: w.county, ...particulars }, options));
  const bytes = await sampleDocx('青石岭镇人民政府');
  const added = value(
    await attachFile(s, w.liaison, draft.id, { name: '附件.docx', declaredType: '', bytes }, options),
  );
  return { draft, added };
}

for (const dialect of DIALECTS) {
  describe(`附件 of the catalogue’s items (${dialect.name})`, { skip: dialect.skip }, () => {
    it('takes a Word file on a draft, named in the log and the audit log, its bytes kept as sent', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const draft = value(await draftItem(s, w.liaison, { agencyId: w.county, ...particulars }, options));
        const bytes = await sampleDocx('青石岭镇人民政府');
        const added = value(
          await attachFile(
            s,
            w.liaison,
            draft.id,
            { name: '补偿方案.docx', declaredType: '', bytes },
            options,
          ),
        );
        assert.deepEqual(
          added.state.attachments.map((a) => [a.name, a.type, a.size]),
          [['补偿方案.docx', 'docx', bytes.length]],
        );
        assert.equal(added.events.at(-1)?.kind, 'Attached');
        const file = value(await officeAttachment(s, w.liaison, draft.id, added.attachment.id));
        assert.deepEqual(Buffer.from(file.content), Buffer.from(bytes));
        const audit = await s.auditLog.page({ limit: 10 });
        assert.ok(audit.entries.some((e) => e.action === 'catalogue.attached'));
        // Not published: nothing for the public yet.
        assert.equal(await publicAttachment(s, draft.id, added.attachment.id), undefined);
      }));

    it('refuses a file whose content is not its claimed type, an empty one and a duplicate, keeping nothing', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const draft = value(await draftItem(s, w.liaison, { agencyId: w.county, ...particulars }, options));
        const pdf = minimalPdf('notice');
        const upload = (name: string, bytes: Uint8Array, declaredType = '') =>
          attachFile(s, w.liaison, draft.id, { name, declaredType, bytes }, { ...options, maxBytes: 4096 });
        assert.equal(code(await upload('公告.docx', pdf)), 'attachment.type-mismatch');
        assert.equal(code(await upload('公告.pdf', pdf, 'image/png')), 'attachment.type-mismatch');
        assert.equal(code(await upload('公告.pdf', new Uint8Array(0))), 'attachment.empty');
        assert.equal(code(await upload('公告.pdf', new Uint8Array(5000).fill(32))), 'attachment.too-large');
        assert.equal(
          code(await upload('坏.pdf', new TextEncoder().encode('%PDF-1.4\nbroken'))),
          'attachment.damaged',
        );
        assert.equal(await stored(s), 0, 'no refused file was kept');
        assert.equal(code(await upload('公告.pdf', pdf)), 'ok');
        assert.equal(code(await upload('同一文件.pdf', pdf)), 'catalogue.attachment-duplicate');
        assert.equal(await stored(s), 1);
        assert.equal(value(await viewItem(s, w.liaison, draft.id)).state.attachments.length, 1);
      }));

    it('lets no one see or change another agency’s files; a published item’s are the approver’s', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const draft = value(await draftItem(s, w.liaison, { agencyId: w.county, ...particulars }, options));
        const upload = { name: '公告.pdf', declaredType: 'application/pdf', bytes: minimalPdf('notice') };
        assert.equal(code(await attachFile(s, w.outsider, draft.id, upload, options)), 'catalogue.unknown');
        assert.equal(
          code(await attachFile(s, w.liaison, 'no-such-item', upload, options)),
          'catalogue.unknown',
        );
        value(await publishItem(s, w.approver, draft.id, options));
        assert.equal(code(await attachFile(s, w.liaison, draft.id, upload, options)), 'access.forbidden');
        const added = value(await attachFile(s, w.approver, draft.id, upload, options));
        assert.equal(
          code(await officeAttachment(s, w.outsider, draft.id, added.attachment.id)),
          'catalogue.unknown',
        );
        assert.equal(
          code(await detachFile(s, w.outsider, draft.id, added.attachment.id, { reason: 'x' })),
          'catalogue.unknown',
        );
      }));

    it('indexes a published item’s file text for the search, and takes it out when the file is taken off', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const { draft, added } = await draftWithWordFile(s, w);
        assert.deepEqual(await found(s, '青石岭镇'), [], 'a draft is not searched');
        value(await publishItem(s, w.approver, draft.id, options));
        assert.deepEqual(await found(s, '青石岭镇'), [draft.id], 'the word is only in the attachment');
        const file = await publicAttachment(s, draft.id, added.attachment.id);
        assert.equal(file?.name, '附件.docx');

        // Taking a published file off needs a reason on record.
        assert.equal(
          code(await detachFile(s, w.approver, draft.id, added.attachment.id)),
          'catalogue.reason-empty',
        );
        const detached = value(
          await detachFile(s, w.approver, draft.id, added.attachment.id, { reason: '误传了未定稿版本' }),
        );
        assert.deepEqual(detached.state.attachments, []);
        assert.deepEqual(await found(s, '青石岭镇'), []);
        assert.equal(await publicAttachment(s, draft.id, added.attachment.id), undefined);
        // The bytes stay, and the office can still open what the log names.
        assert.equal(code(await officeAttachment(s, w.approver, draft.id, added.attachment.id)), 'ok');
        assert.equal(
          code(await detachFile(s, w.approver, draft.id, added.attachment.id, { reason: 'x' })),
          'catalogue.attachment-unknown',
        );
      }));

    it('withholds a 依申请公开 item’s files from the public and the search, as its body is', () =>
      withStorage(dialect, async (s) => {
        const w = await world(s);
        const { draft, added } = await draftWithWordFile(s, w);
        value(await publishItem(s, w.approver, draft.id, options));
        assert.ok(await publicAttachment(s, draft.id, added.attachment.id));
        value(
          await correctItem(
            s,
            w.approver,
            draft.id,
            { changes: { disclosure: '依申请公开' }, reason: '涉及个人信息，依申请提供' },
            options,
          ),
        );
        assert.equal(await publicAttachment(s, draft.id, added.attachment.id), undefined);
        assert.deepEqual(await found(s, '青石岭镇'), []);
        // The item itself is still listed (its metadata), and the office keeps the file.
        assert.deepEqual(await found(s, '房屋征收'), [draft.id]);
        assert.equal(code(await officeAttachment(s, w.approver, draft.id, added.attachment.id)), 'ok');
      }));
  });
}
