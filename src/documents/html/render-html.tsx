/**
 * @module The annual report as HTML: a stand-alone page that prints on A4 (and that the PDF renderer
 * prints), or the bare `<article class="gk-report">` a portal page embeds.
 *
 * It draws `reportLayout(report)` block for block and cell for cell, so the labels and merges are
 * those every other document has. hono/jsx escapes every text and attribute, so an agency name or a
 * paragraph cannot inject markup. The output refers to nothing outside itself: no fonts, scripts or
 * stylesheets are fetched, so it renders offline and in a sandboxed browser.
 */
import type { GridCell, GridTable, LayoutBlock } from '../../domain/report/layout.js';
import { chineseDate, reportLayout } from '../../domain/report/layout.js';
import type { AnnualReport } from '../../domain/report/model.js';
import { type FontPreference, PAGE_CSS, reportCss } from './report-styles.js';

export interface RenderHtmlOptions {
  /** Only the `<article class="gk-report">`, its styles inside it and scoped to it. */
  readonly fragment?: boolean;
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

function Table({ table }: { table: GridTable }) {
  const head = table.rows.slice(0, table.headerRows);
  const body = table.rows.slice(table.headerRows);
  return (
    <table class={`gk-table gk-table-${table.section}`} data-section={table.section}>
      <colgroup>
        {COLUMN_WIDTHS[table.section](table.columns).map((share) => (
          <col style={`width: ${percent(share)}`} />
        ))}
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

function Block({ block }: { block: LayoutBlock }) {
  switch (block.type) {
    case 'heading':
      return <h1>{block.text}</h1>;
    case 'section':
      return <h2 data-section={block.section}>{block.title}</h2>;
    case 'paragraph':
      return <p>{block.text}</p>;
    case 'table':
      return <Table table={block.table} />;
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

function Report({ blocks, css }: { blocks: readonly LayoutBlock[]; css?: string }) {
  return (
    <article class="gk-report" lang="zh-CN">
      {css === undefined ? null : <style dangerouslySetInnerHTML={{ __html: css }} />}
      {blocks.map((block) => (
        <Block block={block} />
      ))}
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
  if (options.fragment) return toHtml(<Report blocks={blocks} css={css} />);
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
