/**
 * @module Opening a PDF with pdf.js (through unpdf) and taking each page's text and drawn lines out of
 * it. Errors are pdf.js's own; `readPdfReport` turns them into read errors.
 */
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { type OperatorCodes, type PageContent, readPage } from './read-pdf-page.js';

export interface PdfReadOptions {
  /**
   * Let pdf.js parse the embedded font programs. The reader needs none of them (text comes from each
   * font's ToUnicode map, widths from its /W array), and parsing a CJK font is most of the time a
   * read takes, so by default they are hidden from pdf.js; see `withoutFontPrograms`.
   */
  readonly keepFontPrograms?: boolean;
}

/** Every page's text runs and drawn lines. Throws what pdf.js throws for a damaged or locked file. */
export async function readPdfPages(bytes: Uint8Array, options: PdfReadOptions = {}): Promise<PageContent[]> {
  provideTransferToFixedLength();
  const { OPS, VerbosityLevel } = await getResolvedPDFJS();
  // pdf.js takes ownership of the buffer it is given (it may transfer it), so it always gets a copy;
  // a plain Uint8Array too, as it refuses a Node Buffer (whose slice() would not even copy).
  const data = options.keepFontPrograms ? new Uint8Array(bytes) : withoutFontPrograms(bytes);
  const document = await getDocumentProxy(data, {
    verbosity: VerbosityLevel.ERRORS,
    // Without a font program pdf.js would look for a system font of the same name: nothing to draw.
    useSystemFonts: false,
  });
  try {
    // All pages asked for at once: pdf.js then never waits between two requests (about a fifth faster).
    const numbers = Array.from({ length: document.numPages }, (_, i) => i + 1);
    return await Promise.all(
      numbers.map(async (n) => readPage(await document.getPage(n), OPS as OperatorCodes)),
    );
  } finally {
    await document.destroy();
  }
}

/**
 * A copy of the file in which pdf.js cannot find the embedded font programs: each "/FontFile",
 * "/FontFile2" or "/FontFile3" key is renamed "/XontFile…", the same length, so every byte offset in
 * the cross-reference table stays right. Only when the file has a ToUnicode map for every font program
 * it shows — without one, the program's own tables are how pdf.js knows which character a glyph is.
 * Font dictionaries packed into compressed object streams are not seen, and keep their programs.
 */
export function withoutFontPrograms(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
  const at = offsetsOf(view, '/FontFile');
  const maps = offsetsOf(view, '/ToUnicode').length;
  if (at.length === 0 || maps < at.length) return copy;
  for (const i of at) view[i + 1] = 0x58; // 'X'
  return copy;
}

function offsetsOf(view: Buffer, key: string): number[] {
  const at: number[] = [];
  for (let i = view.indexOf(key, 0, 'latin1'); i !== -1; i = view.indexOf(key, i + 1, 'latin1')) at.push(i);
  return at;
}

/**
 * pdf.js 5 hands fonts from its worker to the page with `ArrayBuffer.prototype.transferToFixedLength`
 * (ES2024), which Node 20 lacks: there the operator list stops at the page's first text, losing every
 * border drawn after it. This supplies the method where it is missing. The copy it returns is what the
 * standard method returns; the source buffer is not detached, and pdf.js never touches it again.
 */
function provideTransferToFixedLength(): void {
  if ('transferToFixedLength' in ArrayBuffer.prototype) return;
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    value(this: ArrayBuffer, length: number = this.byteLength): ArrayBuffer {
      const copy = new ArrayBuffer(length);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return copy;
    },
    writable: true,
    configurable: true,
  });
}
