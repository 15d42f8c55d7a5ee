/**
 * @module One PDF page as the PDF reader sees it: its runs of text and the straight lines drawn on it
 * (the borders of table cells), both in the page's user space — points, y growing upwards — so that a
 * glyph and the border around it can be compared directly.
 */
import type { getDocumentProxy } from 'unpdf';

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/** A run of glyphs on one baseline, as pdf.js reports it. */
export interface TextRun {
  readonly text: string;
  /** Left end of the baseline. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** Font size (the em square), in points. */
  readonly size: number;
}

/** A drawn horizontal or vertical line: `at` is its y (horizontal) or x (vertical). */
export interface Rule {
  readonly horizontal: boolean;
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

export interface PageContent {
  /** 1-based. */
  readonly page: number;
  /** The page's lower and upper edge (its crop box may not start at 0). */
  readonly bottom: number;
  readonly top: number;
  readonly runs: readonly TextRun[];
  readonly rules: readonly Rule[];
}

/** The operator codes the reader looks at (pdf.js `OPS`). */
export interface OperatorCodes {
  readonly save: number;
  readonly restore: number;
  readonly transform: number;
  readonly constructPath: number;
  readonly paintFormXObjectBegin: number;
  readonly paintFormXObjectEnd: number;
  readonly stroke: number;
  readonly closeStroke: number;
  readonly fill: number;
  readonly eoFill: number;
  readonly fillStroke: number;
  readonly eoFillStroke: number;
  readonly closeFillStroke: number;
  readonly closeEOFillStroke: number;
}

/**
 * pdf.js's path commands inside `constructPath` (its `DrawOPS`, which the package does not export).
 */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUAD_TO = 3;
const CLOSE = 4;

/** Borders are drawn as filled rectangles one device pixel thick (0.75 pt in Chromium) or as strokes. */
const THIN = 3;
/** Shorter marks (corner joins, bullets, underlines of a glyph) are not borders. */
const SHORTEST_RULE = 2;

export async function readPage(page: PdfPage, ops: OperatorCodes): Promise<PageContent> {
  const [operators, text] = await Promise.all([page.getOperatorList(), page.getTextContent()]);
  const runs: TextRun[] = [];
  for (const item of text.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a, b, c, d, x, y] = item.transform as number[];
    // Rotated text (b, c ≠ 0) keeps its origin; its size is the length of the vertical axis.
    runs.push({
      text: item.str,
      x: x!,
      y: y!,
      width: item.width,
      size: Math.hypot(c!, d!) || Math.hypot(a!, b!),
    });
  }
  return {
    page: page.pageNumber,
    bottom: page.view[1]!,
    top: page.view[3]!,
    runs,
    rules: drawnRules(operators.fnArray, operators.argsArray, ops),
  };
}

type Matrix = readonly [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` applied first, then `ctm`: what a `cm` operator does to the current transformation. */
function concat(ctm: Matrix, m: Matrix): Matrix {
  return [
    ctm[0] * m[0] + ctm[2] * m[1],
    ctm[1] * m[0] + ctm[3] * m[1],
    ctm[0] * m[2] + ctm[2] * m[3],
    ctm[1] * m[2] + ctm[3] * m[3],
    ctm[0] * m[4] + ctm[2] * m[5] + ctm[4],
    ctm[1] * m[4] + ctm[3] * m[5] + ctm[5],
  ];
}

/** The horizontal and vertical lines a page draws, from its operator list. */
export function drawnRules(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  ops: OperatorCodes,
): Rule[] {
  const fills = new Set([
    ops.fill,
    ops.eoFill,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ]);
  const strokes = new Set([
    ops.stroke,
    ops.closeStroke,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ]);
  const rules: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore || fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.transform) ctm = concat(ctm, args as unknown as Matrix);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0])) ctm = concat(ctm, args[0] as unknown as Matrix);
    } else if (fn === ops.constructPath && args) {
      // pdf.js 5: [painting operator, [path data], bounding box]; clips (endPath) paint nothing.
      const paint = args[0] as number;
      const isFill = fills.has(paint);
      const isStroke = strokes.has(paint);
      if (!isFill && !isStroke) continue;
      for (const data of (args[1] as ArrayLike<number>[] | undefined) ?? []) {
        for (const points of subpaths(data, ctm)) {
          if (isFill) rules.push(...thinRectangle(points));
          if (isStroke) rules.push(...straightEdges(points));
        }
      }
    }
  }
  return rules;
}

type Point = readonly [number, number];

/** The straight subpaths of a path, transformed to page space; a subpath with curves is left out. */
function subpaths(data: ArrayLike<number>, ctm: Matrix): Point[][] {
  const out: Point[][] = [];
  let current: Point[] = [];
  let curved = false;
  const end = () => {
    if (!curved && current.length > 1) out.push(current);
    current = [];
    curved = false;
  };
  const at = (x: number, y: number): Point => [
    ctm[0] * x + ctm[2] * y + ctm[4],
    ctm[1] * x + ctm[3] * y + ctm[5],
  ];
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === MOVE_TO) {
      end();
      current.push(at(data[i]!, data[i + 1]!));
      i += 2;
    } else if (op === LINE_TO) {
      current.push(at(data[i]!, data[i + 1]!));
      i += 2;
    } else if (op === CURVE_TO) {
      curved = true;
      i += 6;
    } else if (op === QUAD_TO) {
      curved = true;
      i += 4;
    } else if (op === CLOSE) {
      if (current.length > 0) current.push(current[0]!);
    } else break;
  }
  end();
  return out;
}

/** A filled rectangle thin enough to be a line (how Chromium and Word draw cell borders). */
function thinRectangle(points: readonly Point[]): Rule[] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const onEdge = points.every(
    ([x, y]) =>
      Math.abs(x - x0) < 0.01 ||
      Math.abs(x - x1) < 0.01 ||
      Math.abs(y - y0) < 0.01 ||
      Math.abs(y - y1) < 0.01,
  );
  if (!onEdge || points.length > 6) return [];
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= THIN && w >= SHORTEST_RULE && w > h)
    return [{ horizontal: true, at: (y0 + y1) / 2, from: x0, to: x1 }];
  if (w <= THIN && h >= SHORTEST_RULE && h > w)
    return [{ horizontal: false, at: (x0 + x1) / 2, from: y0, to: y1 }];
  return [];
}

/** The horizontal and vertical pieces of a stroked path. */
function straightEdges(points: readonly Point[]): Rule[] {
  const rules: Rule[] = [];
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    if (Math.abs(ay - by) < 0.5 && Math.abs(ax - bx) >= SHORTEST_RULE)
      rules.push({ horizontal: true, at: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
    else if (Math.abs(ax - bx) < 0.5 && Math.abs(ay - by) >= SHORTEST_RULE)
      rules.push({ horizontal: false, at: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
  }
  return rules;
}
