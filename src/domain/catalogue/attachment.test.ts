/**
 * 附件 are taken for what their content is: a name claims a type, the browser may declare one, and the
 * file is refused when the content is another (issue 11: "an upload whose content is not its claimed
 * type is refused"), when it is empty or too large, or when its name could not be shown as it is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  ATTACHMENT_TYPES,
  type AttachmentType,
  type ContentType,
  checkAttachmentName,
  judgeAttachment,
  sizeLabel,
  typeOfName,
} from './attachment.js';

const MB = 1024 * 1024;
const judge = (name: string, content: ContentType, declaredType = '', size = 1000, max = 20 * MB) =>
  judgeAttachment({ name, declaredType, size }, content, max);
const code = (r: ReturnType<typeof judge>) => (r.ok ? 'ok' : r.error.code);
const TYPES = Object.keys(ATTACHMENT_TYPES) as AttachmentType[];

describe('an attachment’s type, judged from its content', () => {
  it('takes a file whose content is what its name says, with the type the name gives', () => {
    const taken = judge('  征收公告.PDF ', 'pdf', 'application/pdf');
    assert.ok(taken.ok);
    assert.deepEqual(taken.value, { name: '征收公告.PDF', type: 'pdf', size: 1000 });
    assert.equal(code(judge('附表.xlsx', 'xlsx')), 'ok');
    assert.equal(code(judge('照片.jpg', 'jpeg', 'image/jpg')), 'ok', 'image/jpg is a common misspelling');
    assert.equal(
      code(judge('照片.jpeg', 'jpeg', 'application/octet-stream')),
      'ok',
      'octet-stream claims nothing',
    );
  });

  it('refuses content that is not its claimed type, and says what the content is', () => {
    const renamed = judge('通知.docx', 'pdf');
    assert.ok(!renamed.ok);
    assert.equal(renamed.error.code, 'attachment.type-mismatch');
    assert.match(renamed.error.message, /Word 文档（DOCX）.*内容却是PDF/);
    assert.equal(code(judge('通知.pdf', 'unknown')), 'attachment.type-mismatch');
    assert.equal(code(judge('通知.docx', 'zip')), 'attachment.type-mismatch');
    assert.equal(code(judge('通知.xlsx', 'docx')), 'attachment.type-mismatch');
    // The content and the name agree, but the client declared another type: one of them is wrong.
    const declared = judge('通知.pdf', 'pdf', 'text/html');
    assert.equal(code(declared), 'attachment.type-mismatch');
    assert.match(declared.ok ? '' : declared.error.message, /text\/html/);
  });

  it('refuses any claimed type whose content is another, and takes it when they agree (property)', () => {
    const contents: ContentType[] = [...TYPES, 'zip', 'unknown'];
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES),
        fc.constantFrom(...contents),
        fc.boolean(),
        (claimed, content, declare) => {
          const spec = ATTACHMENT_TYPES[claimed];
          const result = judge(`文件${spec.extensions[0]}`, content, declare ? spec.mime : '');
          assert.equal(code(result), content === claimed ? 'ok' : 'attachment.type-mismatch');
        },
      ),
    );
  });

  it('refuses a name of a type it does not take, and old Office files with advice', () => {
    assert.equal(code(judge('setup.exe', 'unknown')), 'attachment.extension');
    assert.equal(code(judge('无扩展名', 'pdf')), 'attachment.extension');
    const doc = judge('旧文件.docx', 'ole');
    assert.equal(code(doc), 'attachment.old-office');
    assert.match(doc.ok ? '' : doc.error.message, /另存为/);
  });

  it('refuses an empty file and one over the limit, naming both sizes', () => {
    assert.equal(code(judge('a.pdf', 'pdf', '', 0)), 'attachment.empty');
    assert.equal(code(judge('a.pdf', 'pdf', '', 20 * MB)), 'ok', 'the limit itself is allowed');
    const big = judge('a.pdf', 'pdf', '', 20 * MB + 1);
    assert.equal(code(big), 'attachment.too-large');
    assert.match(big.ok ? '' : big.error.message, /20\.0 MB，至多 20 MB/);
  });

  it('keeps a name only if it can be shown as it is: no path, no control characters, not too long', () => {
    for (const bad of [
      '',
      '   ',
      '../etc/passwd.pdf',
      'a\\b.pdf',
      'a\u0000.pdf',
      'a\u202e.pdf',
      `${'长'.repeat(121)}.pdf`,
    ])
      assert.equal(checkAttachmentName(bad).ok, false, JSON.stringify(bad));
    assert.deepEqual(checkAttachmentName(' 附件1：补偿标准.pdf '), {
      ok: true,
      value: '附件1：补偿标准.pdf',
    });
    assert.equal(typeOfName('A.JPEG'), 'jpeg');
  });

  it('shows sizes as people read them', () => {
    assert.deepEqual([sizeLabel(10), sizeLabel(2048), sizeLabel(3.5 * MB)], ['10 B', '2 KB', '3.5 MB']);
  });
});
