/**
 * @module The shape of a report file judged from its content (magic bytes, markup, the parts a zip
 * holds), never from its name; apart from the readers, so that judging a file loads none of them.
 */
import type { ReportShape } from './read-result.js';
import { zipDirectory, zipKind } from './zip-directory.js';

/**
 * Whether a zip is a workbook: its central directory lists parts under xl/ and none under word/. A zip
 * whose directory cannot be found is left to the DOCX reader, which says what is wrong with it.
 */
export function isWorkbookZip(bytes: Uint8Array): boolean {
  const entries = zipDirectory(bytes);
  return entries !== undefined && zipKind(entries) === 'xlsx';
}

/** The shape of a file, from its first bytes (and, for a zip, the names of its parts). */
export function sniffShape(bytes: Uint8Array): ReportShape {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004')) return isWorkbookZip(bytes) ? 'xlsx' : 'docx';
  const start = head.replace(/^(\uFEFF|\u00EF\u00BB\u00BF|\s)+/, '');
  if (start.startsWith('{')) return 'json';
  if (/^<(!doctype html|html|head|body|meta|table|div|p)[\s>]/i.test(start) || /<html[\s>]/i.test(head))
    return 'html';
  return 'text';
}
