/**
 * @module What an uploaded file is, judged from its bytes (magic numbers; for a zip, the parts its
 * directory lists), and the text of a PDF or Word attachment for the portal's search. The catalogue's
 * domain (domain/catalogue/attachment.ts) compares what the content is with what the name claims.
 */
import type { AttachmentType, ContentType } from '../../domain/catalogue/attachment.js';
import { docxMainXml } from '../docx/read-docx.js';
import { bodyLines } from '../docx/read-docx-body.js';
import { pdfFailureMessage } from '../pdf/read-pdf.js';
import { readPdfPages } from '../pdf/read-pdf-document.js';
import { pdfSourceLines } from '../pdf/read-pdf-flow.js';
import { zipDirectory } from '../zip-directory.js';

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** PNG's first chunk is always the image header. */
const IHDR = [0x49, 0x48, 0x44, 0x52];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = [0x47, 0x49, 0x46, 0x38, 0x37, 0x61];
const GIF89 = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** A PDF's header may follow some bytes of junk, within its first kilobyte (ISO 32000-1 §7.5.2, as readers accept it). */
const PDF_HEADER_WITHIN = 1024;

/** What the bytes are. */
export function contentTypeOf(bytes: Uint8Array): ContentType {
  if (startsWith(bytes, PNG)) return startsWith(bytes, IHDR, 12) ? 'png' : 'unknown';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'gif';
  if (startsWith(bytes, OLE)) return 'ole';
  if (startsWith(bytes, ZIP)) {
    const names = new Set((zipDirectory(bytes) ?? []).map((e) => e.name));
    // The main part of each, as Office and WPS write them (and [Content_Types].xml, which every OOXML package has).
    if (!names.has('[Content_Types].xml')) return 'zip';
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.length, PDF_HEADER_WITHIN),
  ).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  return 'unknown';
}

/** The most text an attachment gives the search index (characters). */
export const MAX_ATTACHMENT_TEXT = 1_000_000;

export type AttachmentText =
  | { readonly ok: true; readonly text: string; readonly truncated: boolean }
  | { readonly ok: false; readonly message: string };

/**
 * The words of a PDF or Word attachment, one line per paragraph or table cell, for the search index;
 * empty for the types that have none to give (workbooks, images, a scanned PDF). A file that will not
 * open is not ok: the catalogue refuses it as damaged rather than serve it.
 */
export async function attachmentText(bytes: Uint8Array, type: AttachmentType): Promise<AttachmentText> {
  let text = '';
  if (type === 'pdf') {
    try {
      text = pdfSourceLines(await readPdfPages(bytes))
        .map((l) => l.text)
        .join('\n');
    } catch (error) {
      return { ok: false, message: pdfFailureMessage(error) };
    }
  } else if (type === 'docx') {
    const main = await docxMainXml(bytes);
    if (!('xml' in main)) return { ok: false, message: main.error.message };
    text = bodyLines(main.xml)
      .map((l) => l.text)
      .join('\n');
  }
  const chars = [...text];
  return chars.length > MAX_ATTACHMENT_TEXT
    ? { ok: true, text: chars.slice(0, MAX_ATTACHMENT_TEXT).join(''), truncated: true }
    : { ok: true, text, truncated: false };
}
