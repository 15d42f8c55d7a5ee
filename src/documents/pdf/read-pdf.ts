/**
 * @module Reading an annual report from a PDF with a text layer (printed from Word, WPS or a browser,
 * such as `renderPdf` makes). The glyphs and the drawn table borders are put back into the lines a
 * scraped portal page has — heading, section titles and paragraphs one line each, one line per table
 * cell — and read by the reader every shape ends in. A line's number is the 1-based page it stands on.
 * A scanned PDF has no text to read: that needs OCR, which this reader does not attempt.
 */
import { type ReadResult, readError } from '../read-result.js';
import { readReportLines } from '../text/parse-text.js';
import { readPdfPages } from './read-pdf-document.js';
import { pdfSourceLines } from './read-pdf-flow.js';
import type { PageContent } from './read-pdf-page.js';

/** The report in a PDF. Never throws: a damaged, locked or scanned file is a read error. */
export async function readPdfReport(bytes: Uint8Array): Promise<ReadResult> {
  const first = await pagesOf(bytes, false);
  if (!Array.isArray(first)) return first;
  const result = resultOf(first);
  if (result.ok || result.error.code !== 'read.not-a-report') return result;
  // Hiding the font programs (see withoutFontPrograms) could only lose text in a file whose ToUnicode
  // maps are incomplete: before calling it no report, read it again the slow way.
  const again = await pagesOf(bytes, true);
  return Array.isArray(again) ? resultOf(again) : again;
}

function resultOf(pages: readonly PageContent[]): ReadResult {
  if (pages.every((p) => p.runs.length === 0)) {
    return readError(
      'input.unreadable',
      'PDF 没有文字层（可能是扫描件），无法读取；请使用带文字的 PDF 或 Word 版本 (no text layer: the PDF is probably a scan)',
    );
  }
  return readReportLines(pdfSourceLines(pages), { shape: 'pdf' });
}

async function pagesOf(bytes: Uint8Array, keepFontPrograms: boolean): Promise<PageContent[] | ReadResult> {
  try {
    return await readPdfPages(bytes, { keepFontPrograms });
  } catch (error) {
    return readError('input.unreadable', pdfFailureMessage(error));
  }
}

export function pdfFailureMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException')
    return `PDF 已加密，需要密码才能打开，无法读取 (the PDF is password-protected: ${detail})`;
  if (name === 'InvalidPDFException')
    return `PDF 文件已损坏或不是有效的 PDF，无法读取 (the PDF is damaged or invalid: ${detail})`;
  return `无法解析该 PDF 文件 (the PDF could not be parsed: ${detail})`;
}
