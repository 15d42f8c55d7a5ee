/**
 * @module 附件: the files an item of the 政府信息公开目录 carries (PDF, DOCX, XLSX and images). What a
 * file is, is judged from its content (the documents layer reads the bytes); its name and the type the
 * browser declared are only what the uploader claims, and a file whose content is not what it claims to
 * be is refused — a .pdf that is a zip, a .docx that is a program — so that what the portal serves under
 * a name is what the name says. Pure: the content's type, the size and the limit are handed in.
 */
import { err, ok, type Result } from '../requests/result.js';
import { hasControlCharacters } from '../shared/plain-text.js';

/** The kinds of file an item may carry. */
export const ATTACHMENT_TYPES = {
  pdf: { label: 'PDF', mime: 'application/pdf', extensions: ['.pdf'] },
  docx: {
    label: 'Word 文档（DOCX）',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
  },
  xlsx: {
    label: 'Excel 工作簿（XLSX）',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
  },
  png: { label: 'PNG 图片', mime: 'image/png', extensions: ['.png'] },
  jpeg: { label: 'JPEG 图片', mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  gif: { label: 'GIF 图片', mime: 'image/gif', extensions: ['.gif'] },
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/**
 * What the content turned out to be: one of the accepted types, an older Office file (Word/Excel
 * 97–2003, or an encrypted Office document: both OLE compound files), or something else.
 */
export type ContentType = AttachmentType | 'ole' | 'zip' | 'unknown';

/** The default largest file (MB); a site sets its own (`attachments.maxMegabytes`). */
export const DEFAULT_ATTACHMENT_MAX_MEGABYTES = 20;
/** Files one item may carry at a time. */
export const MAX_ATTACHMENTS_PER_ITEM = 20;
/** Characters of a file name. */
export const MAX_ATTACHMENT_NAME = 120;

export const ATTACHMENT_REFUSALS = {
  'attachment.empty': '请选择要上传的文件（文件为空）',
  'attachment.too-large': '文件过大',
  'attachment.name': '文件名不能为空，不能含有控制字符、斜杠或反斜杠，且至多 120 个字符',
  'attachment.extension': '只接受 PDF（.pdf）、Word（.docx）、Excel（.xlsx）文件和 PNG、JPEG、GIF 图片',
  'attachment.type-mismatch': '文件的内容与其声称的类型不符，未上传',
  'attachment.old-office':
    '这是 Word/Excel 97–2003（.doc/.xls）文件或加了密码的 Office 文档：请另存为 .docx、.xlsx 或 PDF 后再上传',
  'attachment.damaged': '文件已损坏，无法打开，未上传',
  'attachment.too-many': `一条信息至多 ${MAX_ATTACHMENTS_PER_ITEM} 个附件`,
  'attachment.unknown': '该信息没有这个附件',
} as const;

export type AttachmentRefusalCode = keyof typeof ATTACHMENT_REFUSALS;

export interface AttachmentRefusal {
  readonly code: AttachmentRefusalCode;
  readonly message: string;
}

export function attachmentRefusal(code: AttachmentRefusalCode, detail?: string): AttachmentRefusal {
  return { code, message: detail ? `${ATTACHMENT_REFUSALS[code]}：${detail}` : ATTACHMENT_REFUSALS[code] };
}

/** The file name as the catalogue keeps it (trimmed, a path's last part), or why it cannot be one. */
export function checkAttachmentName(name: string): Result<string, AttachmentRefusal> {
  const trimmed = name.normalize('NFC').trim();
  if (
    !trimmed ||
    /[/\\]/.test(trimmed) ||
    hasControlCharacters(trimmed) ||
    [...trimmed].length > MAX_ATTACHMENT_NAME ||
    trimmed === '.' ||
    trimmed === '..'
  )
    return err(attachmentRefusal('attachment.name', JSON.stringify(name.slice(0, 40))));
  return ok(trimmed);
}

/** The type a name's extension claims, if it is one the catalogue takes. */
export function typeOfName(name: string): AttachmentType | undefined {
  const lower = name.toLowerCase();
  for (const [type, spec] of Object.entries(ATTACHMENT_TYPES) as [
    AttachmentType,
    { extensions: readonly string[] },
  ][])
    if (spec.extensions.some((ext) => lower.endsWith(ext))) return type;
  return undefined;
}

/** Browsers send these when they do not know a file's type: they claim nothing. */
const NO_CLAIM = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/x-download']);

const CONTENT_LABELS: Readonly<Record<Exclude<ContentType, AttachmentType>, string>> = {
  ole: 'Office 97–2003 文件',
  zip: '压缩包（不是 DOCX 或 XLSX）',
  unknown: '无法识别的文件（不是 PDF、DOCX、XLSX 或图片）',
};

const labelOf = (type: ContentType) =>
  type in ATTACHMENT_TYPES ? ATTACHMENT_TYPES[type as AttachmentType].label : CONTENT_LABELS[type as 'ole'];

export interface AttachmentClaim {
  /** The file's name as uploaded. */
  readonly name: string;
  /** The MIME type the browser or client declared ('' when none). */
  readonly declaredType: string;
  readonly size: number;
}

export interface JudgedAttachment {
  readonly name: string;
  readonly type: AttachmentType;
  readonly size: number;
}

/**
 * Whether the catalogue takes the file: a name it may keep, a size within `maxBytes`, a name whose
 * extension is a type it takes, and content of that very type — the declared MIME type too, when the
 * client declared one. Otherwise the refusal, naming what the content really is.
 */
export function judgeAttachment(
  claim: AttachmentClaim,
  content: ContentType,
  maxBytes: number,
): Result<JudgedAttachment, AttachmentRefusal> {
  if (claim.size === 0) return err(attachmentRefusal('attachment.empty'));
  if (claim.size > maxBytes)
    return err(
      attachmentRefusal(
        'attachment.too-large',
        `${(claim.size / 1024 / 1024).toFixed(1)} MB，至多 ${(maxBytes / 1024 / 1024).toFixed(0)} MB`,
      ),
    );
  const name = checkAttachmentName(claim.name);
  if (!name.ok) return name;
  const claimed = typeOfName(name.value);
  if (!claimed) return err(attachmentRefusal('attachment.extension', name.value));
  if (content === 'ole') return err(attachmentRefusal('attachment.old-office', name.value));
  const declared = claim.declaredType.split(';')[0]!.trim().toLowerCase();
  const declaredOther = !NO_CLAIM.has(declared) && declared !== ATTACHMENT_TYPES[claimed].mime;
  // image/jpg is a common misspelling of image/jpeg.
  const declaredMismatch = declaredOther && !(claimed === 'jpeg' && declared === 'image/jpg');
  if (content !== claimed || declaredMismatch)
    return err(
      attachmentRefusal(
        'attachment.type-mismatch',
        `${name.value} 的名称表明是${ATTACHMENT_TYPES[claimed].label}${
          declaredMismatch ? `（声明的类型为 ${declared}）` : ''
        }，内容却是${labelOf(content)}`,
      ),
    );
  return ok({ name: name.value, type: claimed, size: claim.size });
}

/** An attachment as the item's log names it (the bytes are kept apart, by id). */
export interface AttachmentRef {
  readonly id: string;
  readonly name: string;
  readonly type: AttachmentType;
  readonly size: number;
  /** SHA-256 of the bytes, hex: what the log says the stored file must be. */
  readonly sha256: string;
}

/** A size as people read it: 812 KB, 3.4 MB. */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
