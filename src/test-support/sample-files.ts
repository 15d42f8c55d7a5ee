/**
 * Files of each kind an item may carry, made for tests: real DOCX and XLSX (the report renderers'),
 * a minimal but complete PDF with a text layer, and the smallest valid PNG, JPEG and GIF headers.
 */
import { renderDocx } from '../documents/docx/render-docx.js';
import { renderXlsx } from '../documents/xlsx/render-xlsx.js';
import { exampleReport } from '../domain/report/example.js';

/** A one-page PDF (PDF 1.4, Helvetica) whose text layer reads `text` (ASCII). */
export function minimalPdf(text: string): Uint8Array {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A Word document whose body holds the example report of `agency` (Chinese text throughout). */
export const sampleDocx = (agency = '某某镇人民政府') => renderDocx(exampleReport(2024, agency));
export const sampleXlsx = () => renderXlsx(exampleReport(2024));

/** The signature and header chunk of a 1×1 PNG (what a reader checks first), then some bytes. */
export const samplePng = () =>
  Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0,
    1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  ]);
export const sampleJpeg = () =>
  Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
export const sampleGif = () => new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
/** The first bytes of a Word 97–2003 file (an OLE compound file). */
export const sampleDoc = () => Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
/** A Windows program's first bytes. */
export const sampleExe = () =>
  new TextEncoder().encode('MZ\u0090\u0000\u0003\u0000\u0000\u0000This program cannot be run in DOS mode.');
