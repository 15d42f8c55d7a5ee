/**
 * @module Reading a report from a Word document (.docx): the package is opened with jszip, its main
 * part is inflated chunk by chunk under a size cap and read into one line per paragraph or table cell
 * (read-docx-body), and those lines go through the reader every shape ends in (`readReportLines`).
 */
import { TextDecoder } from 'node:util';
import JSZip from 'jszip';
import { type ReadFailure, type ReadResult, readError } from '../read-result.js';
import { readReportLines } from '../text/parse-text.js';
import { bodyLines } from './read-docx-body.js';

/**
 * A report's document.xml is 100–300 KB; 50 MB is far beyond any real report, yet keeps a zip bomb
 * (kilobytes that inflate to gigabytes) from filling memory.
 */
export const MAX_DOCUMENT_XML_BYTES = 50 * 1024 * 1024;

export interface ReadDocxOptions {
  /** Refuse a document.xml larger than this many bytes once inflated. */
  readonly maxDocumentXmlBytes?: number;
}

const MAIN_PART = 'word/document.xml';
/** Word 97–2003 files and password-protected .docx are OLE compound files, not zips. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const notWord = (why: string) =>
  readError('input.unreadable', `这不是 Word 文档（.docx）：${why} (not a Word document)`);

export async function readDocxReport(bytes: Uint8Array, options: ReadDocxOptions = {}): Promise<ReadResult> {
  const main = await docxMainXml(bytes, options);
  return 'xml' in main ? readReportLines(bodyLines(main.xml), { shape: 'docx' }) : main;
}

/**
 * The main document part's XML (word/document.xml), inflated under the size cap; or the read error
 * saying why the file is no Word document (a .doc, a damaged zip, a bomb).
 */
export async function docxMainXml(
  bytes: Uint8Array,
  options: ReadDocxOptions = {},
): Promise<{ readonly xml: string } | ReadFailure> {
  const limit = options.maxDocumentXmlBytes ?? MAX_DOCUMENT_XML_BYTES;
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    return readError(
      'input.unreadable',
      '这是 Word 97–2003（.doc）文件或加了密码的文档，请在 Word 中另存为 .docx 后再读取 (a .doc or encrypted file, not .docx)',
    );
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    return readError(
      'input.unreadable',
      `文件已损坏，无法作为 Word 文档（.docx）打开 (corrupt zip: ${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const part = await mainPart(zip);
  if (!part) return notWord(`压缩包中没有 ${MAIN_PART}`);

  const tooLarge = readError(
    'input.unreadable',
    `${part.name} 解压后超过 ${Math.round(limit / 1024 / 1024)} MB，拒绝读取（可能是压缩炸弹） (document.xml too large once inflated)`,
  );
  if (declaredSize(part) > limit) return tooLarge;

  const inflated = await inflate(part, limit);
  if (inflated === 'too-large') return tooLarge;
  if (inflated instanceof Error) {
    return readError(
      'input.unreadable',
      `${part.name} 无法解压，文件已损坏 (corrupt document.xml: ${inflated.message})`,
    );
  }
  return inflated;
}

/**
 * word/document.xml, or wherever the package's relationships put the main document (a few tools name
 * it otherwise). Only a part under word/ counts, so a workbook or a slide deck is not read as a letter.
 */
async function mainPart(zip: JSZip): Promise<JSZip.JSZipObject | null> {
  const standard = zip.file(MAIN_PART);
  if (standard) return standard;
  const rels = zip.file('_rels/.rels');
  if (!rels || declaredSize(rels) > 1024 * 1024) return null;
  let xml: string;
  try {
    xml = await rels.async('string');
  } catch {
    return null;
  }
  for (const [relationship] of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    if (!/Type="[^"]*\/officeDocument"/.test(relationship)) continue;
    const target = /Target="\/?([^"]+)"/.exec(relationship)?.[1];
    if (target?.startsWith('word/')) return zip.file(target);
  }
  return null;
}

/**
 * The size the zip's directory declares for an entry, read before inflating anything. jszip keeps it
 * in a field it does not type; a missing field reads as 0 and leaves the check to `inflate`.
 */
function declaredSize(file: JSZip.JSZipObject): number {
  const size = (file as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof size === 'number' ? size : 0;
}

/**
 * Inflates `file` chunk by chunk, counting the bytes: a zip's directory can lie about sizes, so the
 * count, not the declaration, is what stops a bomb (at most one chunk past `limit` is inflated).
 */
function inflate(file: JSZip.JSZipObject, limit: number): Promise<{ xml: string } | 'too-large' | Error> {
  return new Promise((resolve) => {
    const stream = file.nodeStream('nodebuffer');
    const text: string[] = [];
    let decoder: TextDecoder | undefined;
    let total = 0;
    let settled = false;
    const settle = (outcome: { xml: string } | 'too-large' | Error) => {
      if (settled) return;
      settled = true;
      // Nothing more is read: with no reader the stream fills its buffer and jszip stops inflating.
      if (!(typeof outcome === 'object' && 'xml' in outcome)) stream.removeAllListeners('data').pause();
      resolve(outcome);
    };
    stream.on('data', (chunk: Uint8Array) => {
      total += chunk.length;
      if (total > limit) return settle('too-large');
      // OOXML parts are UTF-8 unless a BOM says UTF-16 (Word writes it little-endian).
      decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : 'utf-8');
      text.push(decoder.decode(chunk, { stream: true }));
    });
    stream.on('error', (e: unknown) => settle(e instanceof Error ? e : new Error(String(e))));
    stream.on('end', () => settle({ xml: text.join('') + (decoder?.decode() ?? '') }));
  });
}
