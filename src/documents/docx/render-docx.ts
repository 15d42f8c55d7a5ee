/**
 * @module The annual report as a Word document (.docx), typeset the way Chinese official documents are
 * (GB/T 9704): A4, 方正小标宋简体 title, 黑体 section titles, 仿宋_GB2312 body, 22 lines a page. It draws
 * `reportLayout()` block by block, so its labels and merges are those of every other renderer.
 */
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
} from 'docx';
import { chineseDate, type LayoutBlock, reportLayout } from '../../domain/report/layout.js';
import type { AnnualReport } from '../../domain/report/model.js';
import {
  BODY_FONT,
  FOOTER_FONT,
  type FontSpec,
  fontTableXml,
  HEADING_FONT,
  RUN_LANGUAGE,
  runFont,
  TITLE_FONT,
} from './fonts.js';
import { docxTable } from './table.js';

const MM = 1440 / 25.4;
const mm = (millimetres: number) => Math.round(millimetres * MM);

/** A4 portrait in twips; 210 mm × 297 mm. */
const A4 = { width: 11906, height: 16838 } as const;
/** GB/T 9704 §5.2.1: a 156 mm × 225 mm text block. */
const MARGINS = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
const TEXT_WIDTH = A4.width - MARGINS.left - MARGINS.right;

/** Font sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt. */
const SIZE = { title: 44, body: 32, pageNumber: 28 } as const;
/** 22 lines in the 225 mm text block (GB/T 9704 §5.2.2), i.e. an exact 28.95pt line. */
const LINE = { line: 579, lineRule: LineRuleType.EXACT } as const;
/** Two characters of 三号 text: the first-line indent. */
const TWO_CHARS = 640;
/** One character of 四号 text: the page number's inset from the text block's edge. */
const ONE_CHAR_14PT = 280;

function run(text: string, face: FontSpec, size: number): TextRun {
  return new TextRun({ text, font: runFont(face), size, language: RUN_LANGUAGE });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: LINE,
    indent: { firstLine: TWO_CHARS, firstLineChars: 200 },
    children: [run(text, BODY_FONT, SIZE.body)],
  });
}

function blockParagraphs(block: LayoutBlock): (Paragraph | ReturnType<typeof docxTable>)[] {
  switch (block.type) {
    case 'heading':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { ...LINE, after: LINE.line },
          keepNext: true,
          children: [run(block.text, TITLE_FONT, SIZE.title)],
        }),
      ];
    case 'section':
      return [
        new Paragraph({
          spacing: LINE,
          indent: { firstLine: TWO_CHARS, firstLineChars: 200 },
          keepNext: true,
          outlineLevel: 0,
          children: [run(block.title, HEADING_FONT, SIZE.body)],
        }),
      ];
    case 'paragraph':
      return [bodyParagraph(block.text)];
    case 'table':
      return [docxTable(block.table, TEXT_WIDTH)];
    case 'signature': {
      const line = (text: string, options: { before?: number; keepNext?: boolean }) =>
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: { ...LINE, before: options.before ?? 0 },
          keepNext: options.keepNext ?? false,
          children: [run(text, BODY_FONT, SIZE.body)],
        });
      // Two blank lines above the signature, as in a printed report; the date never parts from it.
      const lines = [line(block.agency, { before: 2 * LINE.line, keepNext: block.date !== null })];
      if (block.date !== null) lines.push(line(chineseDate(block.date), {}));
      return lines;
    }
  }
}

/** GB/T 9704 §7.5: "— 1 —" in 四号 宋体, odd pages on the right and even pages on the left, one character in. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const odd = side === 'odd';
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: ONE_CHAR_14PT } : { left: ONE_CHAR_14PT },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: runFont(FOOTER_FONT),
            size: SIZE.pageNumber,
            language: RUN_LANGUAGE,
          }),
        ],
      }),
    ],
  });
}

function reportDocument(report: AnnualReport): Document {
  const layout = reportLayout(report);
  const heading = layout.find((b) => b.type === 'heading');
  return new Document({
    title: heading?.text ?? '',
    creator: 'Gongkai',
    lastModifiedBy: 'Gongkai',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        // Text added later in Word (or any run left without a font) still comes out in 仿宋_GB2312 三号.
        document: {
          run: { font: runFont(BODY_FONT), size: SIZE.body, language: RUN_LANGUAGE },
          paragraph: { spacing: LINE },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { ...A4, orientation: PageOrientation.PORTRAIT },
            // The page number's rule sits 7 mm below the text block (GB/T 9704 §7.5): 35 − 7 − one line.
            margin: { ...MARGINS, header: mm(15), footer: mm(21) },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: layout.flatMap(blockParagraphs),
      },
    ],
  });
}

/** The report as the bytes of a .docx file. */
export async function renderDocx(report: AnnualReport): Promise<Uint8Array> {
  const fontTable = { path: 'word/fontTable.xml', data: fontTableXml() };
  const bytes = await Packer.toBuffer(reportDocument(report), false, [fontTable]);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
