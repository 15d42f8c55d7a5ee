/**
 * @module The annual report as HTML: a stand-alone page that prints on A4 (and that the PDF renderer
 * prints), or the bare `<article class="gk-report">` a portal page embeds.
 *
 * It draws `reportLayout(report)` block for block and cell for cell, so the labels and merges are
 * those every other document has. hono/jsx escapes every text and attribute, so an agency name or a
 * paragraph cannot inject markup. The output refers to nothing outside itself: no fonts, scripts or
 * stylesheets are fetched, so it renders offline and in a sandboxed browser.
 */

import { FIRST_YEAR, REPORT_FORMATS } from '../../domain/report/format.js';
import type { GridCell, GridTable, LayoutBlock } from '../../domain/report/layout.js';
import { chineseDate, reportLayout } from '../../domain/report/layout.js';
import { type AnnualReport, zeroReport } from '../../domain/report/model.js';
import { type FontPreference, PAGE_CSS, reportCss } from './report-styles.js';

export interface RenderHtmlOptions {
  /** Only the `<article class="gk-report">`, its styles inside it and scoped to it. */
  readonly fragment?: boolean;
  /**
   * For a page whose Content-Security-Policy allows no inline style (the portal): no `<style>` and no
   * `style` attribute; the page links `reportStylesheet()` instead, which holds the column widths too.
   */
  readonly externalStyles?: boolean;
  /**
   * Each table inside a labelled region that scrolls sideways on a narrow screen (a phone), which a
   * keyboard can reach (tabindex 0) and a screen reader names by its section.
   */
  readonly scrollRegions?: boolean;
  /** Font order after the office fonts; see `FontPreference`. The PDF renderer asks for `pdf`. */
  readonly fonts?: FontPreference;
}

/**
 * Column widths as shares of the table. The browser's automatic widths would give the long labels of
 * section 三 most of the page and squeeze the numbers; these follow the printed national format.
 */
const COLUMN_WIDTHS: Readonly<Record<GridTable['section'], (columns: number) => readonly number[]>> = {
  二: (columns) => [28, ...Array<number>(columns - 1).fill(72 / (columns - 1))],
  三: (columns) => [5, 12, 29, ...Array<number>(columns - 3).fill(54 / (columns - 3))],
  四: (columns) => Array<number>(columns).fill(100 / columns),
};

const percent = (share: number) => `${Number(share.toFixed(3))}%`;

function Cell({ cell, inHead }: { cell: GridCell; inHead: boolean }) {
  const spans = {
    ...(cell.rowSpan && cell.rowSpan > 1 ? { rowspan: cell.rowSpan } : {}),
    ...(cell.colSpan && cell.colSpan > 1 ? { colspan: cell.colSpan } : {}),
  };
  switch (cell.role) {
    case 'value':
      return (
        <td class="gk-value" data-path={cell.path} {...spans}>
          {cell.text}
        </td>
      );
    case 'label':
      return (
        <th class="gk-label" scope="row" {...spans}>
          {cell.text}
        </th>
      );
    case 'caption':
      return (
        <th class="gk-caption" scope="colgroup" {...spans}>
          {cell.text}
        </th>
      );
    case 'header':
      // A header in the body (section 二 repeats one per block) heads its columns, like one in <thead>.
      return (
        <th class="gk-header" scope={inHead && !cell.colSpan ? 'col' : 'colgroup'} {...spans}>
          {cell.text}
        </th>
      );
  }
}

function Rows({ rows, inHead }: { rows: readonly (readonly GridCell[])[]; inHead: boolean }) {
  return (
    <>
      {rows.map((row) => (
        <tr>
          {row.map((cell) => (
            <Cell cell={cell} inHead={inHead} />
          ))}
        </tr>
      ))}
    </>
  );
}

/** The column widths of the tables of every format, as rules: what `style` attributes give otherwise. */
function columnWidthCss(): string {
  const rules = new Set<string>();
  for (const format of REPORT_FORMATS) {
    const blocks = reportLayout(zeroReport({ year: FIRST_YEAR[format], format, agency: '' }));
    for (const block of blocks) {
      if (block.type !== 'table') continue;
      const { section, columns } = block.table;
      for (const [i, share] of COLUMN_WIDTHS[section](columns).entries()) {
        const col = `.gk-report .gk-table-${section}[data-columns="${columns}"] > colgroup > col:nth-child(${i + 1})`;
        rules.add(`${col} { width: ${percent(share)}; }`);
      }
    }
  }
  return [...rules].join('\n');
}

/** The report's stylesheet for a page that links it (`externalStyles`): the rules and the column widths. */
export function reportStylesheet(fonts: FontPreference = 'office'): string {
  return `${reportCss(fonts)}\n${columnWidthCss()}\n`;
}

function Table({ table, external }: { table: GridTable; external: boolean }) {
  const head = table.rows.slice(0, table.headerRows);
  const body = table.rows.slice(table.headerRows);
  return (
    <table
      class={`gk-table gk-table-${table.section}`}
      data-section={table.section}
      data-columns={String(table.columns)}
    >
      <colgroup>
        {COLUMN_WIDTHS[table.section](table.columns).map((share) =>
          external ? <col /> : <col style={`width: ${percent(share)}`} />,
        )}
      </colgroup>
      {head.length > 0 ? (
        <thead>
          <Rows rows={head} inHead={true} />
        </thead>
      ) : null}
      <tbody>
        <Rows rows={body} inHead={false} />
      </tbody>
    </table>
  );
}

interface Drawing {
  readonly external: boolean;
  readonly scrollRegions: boolean;
}

function Block({ block, drawing, section }: { block: LayoutBlock; drawing: Drawing; section: string }) {
  switch (block.type) {
    case 'heading':
      return <h1>{block.text}</h1>;
    case 'section':
      return <h2 data-section={block.section}>{block.title}</h2>;
    case 'paragraph':
      return <p>{block.text}</p>;
    case 'table':
      return drawing.scrollRegions ? (
        <section class="gk-table-scroll" aria-label={`${section}（表格）`} tabindex={0}>
          <Table table={block.table} external={drawing.external} />
        </section>
      ) : (
        <Table table={block.table} external={drawing.external} />
      );
    case 'signature':
      return (
        <div class="gk-signature">
          <p class="gk-signature-agency">{block.agency}</p>
          {block.date ? (
            <p class="gk-signature-date">
              <time datetime={block.date}>{chineseDate(block.date)}</time>
            </p>
          ) : null}
        </div>
      );
  }
}

const PLAIN: Drawing = { external: false, scrollRegions: false };

function Report({
  blocks,
  css,
  drawing = PLAIN,
}: {
  blocks: readonly LayoutBlock[];
  css?: string;
  drawing?: Drawing;
}) {
  // Each table is named (for its scroll region) by the section it follows.
  let section = '';
  return (
    <article class="gk-report" lang="zh-CN">
      {css === undefined ? null : <style dangerouslySetInnerHTML={{ __html: css }} />}
      {blocks.map((block) => {
        if (block.type === 'section') section = block.title;
        return <Block block={block} drawing={drawing} section={section} />;
      })}
    </article>
  );
}

/** hono/jsx renders synchronously unless a component is async; none of ours is. */
function toHtml(element: ReturnType<typeof Report>): string {
  if (element instanceof Promise) throw new Error('renderHtml: unexpected asynchronous component');
  return element.toString();
}

/** The report as a full HTML page (default) or as an embeddable `<article>` (`fragment: true`). */
export function renderHtml(report: AnnualReport, options: RenderHtmlOptions = {}): string {
  const blocks = reportLayout(report);
  const css = reportCss(options.fonts ?? 'office');
  if (options.fragment) {
    const drawing = {
      external: options.externalStyles === true,
      scrollRegions: options.scrollRegions === true,
    };
    return toHtml(<Report blocks={blocks} {...(drawing.external ? {} : { css })} drawing={drawing} />);
  }
  const heading = blocks.find((b) => b.type === 'heading');
  const page = (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{heading?.text ?? ''}</title>
        <style dangerouslySetInnerHTML={{ __html: PAGE_CSS + css }} />
      </head>
      <body>
        <main class="gk-page">
          <Report blocks={blocks} />
        </main>
      </body>
    </html>
  );
  return `<!doctype html>\n${toHtml(page)}`;
}
