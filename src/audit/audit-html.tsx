/**
 * @module The audit as one self-contained HTML page: counts, findings by rule with a bar chart (inline
 * SVG), the agency-years read twice, then one section per agency with a sortable table of its findings (a small inline script sorts
 * on a click of a column header), the year-over-year table with `--compare`, and the files that could
 * not be read. Nothing is fetched: styles, script and chart are inline, so the page opens offline.
 *
 * Every text goes through hono/jsx, which escapes it: an agency or file name cannot inject markup. The
 * page is written section by section, so only one agency's rows are in memory at a time.
 */
import { cellName } from '../domain/report/validation/cell-names.js';
import { type Finding, SEVERITY_LABEL, type Severity } from '../domain/report/validation/finding.js';
import { COMPARE_FIGURES } from './digest.js';
import type { DuplicateReport } from './duplicates.js';
import type { AuditRun } from './run-audit.js';
import { type AuditSummary, ruleInfo } from './tally.js';
import {
  COUNTS,
  DUPLICATES_HEADING,
  exitMeaning,
  figure,
  RULE_HEADERS,
  unreadableReason,
} from './terminal.js';
import type { FileResult } from './types.js';

const STATUS_LABEL = { clean: '无问题', findings: '有问题', unreadable: '无法读取' } as const;
const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const SEVERITY_COLOUR: Readonly<Record<Severity, string>> = {
  error: '#b03a2e',
  warning: '#b9770e',
  info: '#5d6d7e',
};

const CSS = `
body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.gk-sortable th { cursor: pointer; background: #f2f2f2; user-select: none; }
table.gk-sortable th[aria-sort="ascending"]::after { content: " ▲"; }
table.gk-sortable th[aria-sort="descending"]::after { content: " ▼"; }
.gk-error { color: #b03a2e; } .gk-warning { color: #b9770e; } .gk-info { color: #5d6d7e; }
.gk-cells { font-size: 0.85em; color: #444; list-style: none; margin: 0; padding: 0; }
.gk-cells li + li { margin-top: 0.2em; } .gk-note { color: #555; } .nowrap { white-space: nowrap; }
td.gk-file { min-width: 12em; max-width: 24em; overflow-wrap: anywhere; } td.gk-message { min-width: 16em; }
nav ol { columns: 3; }
`;

const SORT_SCRIPT = `
(function () {
  function key(row, index) {
    var cell = row.cells[index];
    var value = cell && cell.getAttribute('data-sort');
    return value !== null && value !== undefined ? value : (cell ? cell.textContent : '');
  }
  function sortBy(table, th, index) {
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, index), y = key(b, index);
      var nx = Number(x), ny = Number(y);
      var c = x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, 'zh-CN');
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.gk-sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener('click', function () { sortBy(table, th, index); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(table, th, index); }
      });
    });
  });
})();
`;

function toHtml(element: unknown): string {
  if (element instanceof Promise) throw new Error('audit page: unexpected asynchronous component');
  return String(element);
}

function Counts({ summary }: { summary: AuditSummary }) {
  return (
    <table class="gk-counts">
      <tbody>
        {COUNTS.map(([key, label]) => (
          <tr>
            <th scope="row">{label}</th>
            <td class="num" data-key={key}>
              {String(summary[key])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RuleTable({ summary }: { summary: AuditSummary }) {
  return (
    <table class="gk-rules">
      <thead>
        <tr>
          {RULE_HEADERS.map((h) => (
            <th>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {summary.byRule.map((r) => (
          <tr data-rule={r.rule}>
            <td>
              <code>{r.rule}</code>
            </td>
            <td>{r.title}</td>
            <td class="num" data-key="count">
              {String(r.count)}
            </td>
            <td class="num gk-error">{String(r.errors)}</td>
            <td class="num gk-warning">{String(r.warnings)}</td>
            <td class="num gk-info">{String(r.info)}</td>
            <td class="num" data-key="files">
              {String(r.files)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal bars, one per rule, longest first. */
function RuleChart({ summary }: { summary: AuditSummary }) {
  const bars = summary.byRule;
  if (bars.length === 0) return null;
  const labelWidth = 230;
  const barSpace = 420;
  const rowHeight = 24;
  const max = Math.max(...bars.map((b) => b.count));
  const height = bars.length * rowHeight + 8;
  return (
    <svg
      class="gk-chart"
      width={labelWidth + barSpace + 80}
      height={height}
      viewBox={`0 0 ${labelWidth + barSpace + 80} ${height}`}
      role="img"
      aria-label="各规则问题条数 (findings by rule)"
    >
      {bars.map((b, i) => {
        const y = 4 + i * rowHeight;
        const width = Math.max(1, Math.round((b.count / max) * barSpace));
        return (
          <g data-rule={b.rule}>
            <title>{`${b.rule} ${b.title}：${b.count} 条`}</title>
            <text x={labelWidth - 6} y={y + 16} text-anchor="end" font-size="12">
              {b.rule}
            </text>
            <rect
              x={labelWidth}
              y={y + 3}
              width={width}
              height={rowHeight - 8}
              fill={SEVERITY_COLOUR[b.errors > 0 ? 'error' : b.warnings > 0 ? 'warning' : 'info']}
            />
            <text x={labelWidth + width + 6} y={y + 16} font-size="12">
              {String(b.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Cells({ finding, format }: { finding: Finding; format: FileResult['format'] }) {
  if (finding.cells.length === 0) return null;
  return (
    <ul class="gk-cells">
      {finding.cells.map((c) => (
        <li>{format ? cellName(c, format) : `${c.section}.${c.row}.${c.column}`}</li>
      ))}
    </ul>
  );
}

function FileRows({ result }: { result: FileResult }) {
  const common = (
    <>
      <td class="gk-file">{result.file}</td>
      <td class="num nowrap">{result.year === null ? '' : String(result.year)}</td>
      <td class="nowrap">{STATUS_LABEL[result.status]}</td>
    </>
  );
  if (result.findings.length === 0) {
    return (
      <tr>
        {common}
        <td data-sort="9">—</td>
        <td>—</td>
        <td>未发现问题</td>
        <td />
        <td />
        <td />
      </tr>
    );
  }
  return (
    <>
      {result.findings.map((f) => (
        <tr>
          {common}
          <td class={`gk-${f.severity} nowrap`} data-sort={String(SEVERITY_ORDER[f.severity])}>
            {SEVERITY_LABEL[f.severity]}
          </td>
          <td>
            <code>{f.rule}</code>
            <div class="gk-note">{ruleInfo(f.rule).title}</div>
          </td>
          <td class="gk-message">{f.message}</td>
          <td>
            <Cells finding={f} format={result.format} />
          </td>
          <td>{f.expected ?? ''}</td>
          <td>{f.found ?? ''}</td>
        </tr>
      ))}
    </>
  );
}

const shownValue = (value: string | null) => value ?? '未读取';

/** The agency-years read twice: both files, and whether their numbers agree (the cells that differ). */
function Duplicates({ duplicates }: { duplicates: readonly DuplicateReport[] }) {
  return (
    <section class="gk-duplicates">
      <h2>{DUPLICATES_HEADING}</h2>
      <table class="gk-duplicates">
        <thead>
          <tr>
            {['机关', '年度', '文件', '另一文件', '数字'].map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {duplicates.map((d) => (
            <tr data-agree={d.numbersAgree === null ? 'unknown' : String(d.numbersAgree)}>
              <td>{d.agency}</td>
              <td class="num nowrap">{String(d.year)}</td>
              <td class="gk-file">{d.files[0]}</td>
              <td class="gk-file">{d.files[1]}</td>
              <td>
                {d.numbersAgree === null
                  ? '无法再次读取文件，未比较数字'
                  : d.numbersAgree
                    ? '数字一致'
                    : `数字不同：共 ${d.differingCells} 处${d.formats[0] === d.formats[1] ? '' : `（格式不同：${d.formats[0]} / ${d.formats[1]} 年格式）`}`}
                {d.differences.length > 0 ? (
                  <ul class="gk-cells">
                    {d.differences.map((x) => (
                      <li>{`${cellName(x.cell, d.formats[0])}：${shownValue(x.first)} ≠ ${shownValue(x.second)}`}</li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const FINDING_HEADERS = ['文件', '年度', '状态', '级别', '规则', '说明', '单元格', '应为', '实为'];

function Comparison({ comparison }: { comparison: { years: number[]; figures: number[][] } }) {
  return (
    <table class="gk-compare">
      <caption>逐年比较（第三部分总计列、第四部分总计）</caption>
      <thead>
        <tr>
          <th>项目</th>
          {comparison.years.map((y) => (
            <th>{`${y} 年度`}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {COMPARE_FIGURES.map((f, i) => (
          <tr>
            <th scope="row">{f.label}</th>
            {comparison.figures.map((values) => (
              <td class="num">{figure(values[i])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AgencySection(props: {
  index: number;
  agency: string;
  results: readonly FileResult[];
  comparison?: { years: number[]; figures: number[][] } | undefined;
}) {
  const { results } = props;
  const count = (s: Severity) =>
    results.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
  const years = [...new Set(results.map((r) => r.year))].join('、');
  return (
    <section class="gk-agency" id={`agency-${props.index}`} data-agency={props.agency}>
      <h2>{props.agency}</h2>
      <p class="gk-note">
        {`报告 ${results.length} 份（${years} 年度）；错误 ${count('error')} 项，警告 ${count('warning')} 项，提示 ${count('info')} 项`}
      </p>
      {props.comparison ? <Comparison comparison={props.comparison} /> : null}
      <table class="gk-sortable gk-findings" data-files={String(results.length)}>
        <thead>
          <tr>
            {FINDING_HEADERS.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <FileRows result={r} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function UnreadableRow({ result }: { result: FileResult }) {
  const error = result.error;
  return (
    <tr>
      <td>{result.file}</td>
      <td>
        <code>{error?.code ?? ''}</code>
      </td>
      <td>{unreadableReason(error)}</td>
    </tr>
  );
}

const UNREADABLE_HEAD =
  '<section class="gk-unreadable"><h2>无法读取的文件 (unreadable files)</h2><table class="gk-sortable">' +
  '<thead><tr><th scope="col">文件</th><th scope="col">原因代码</th><th scope="col">原因</th></tr></thead><tbody>';

export interface AuditHtmlOptions {
  /** The PATHs audited, shown under the heading. */
  readonly paths: readonly string[];
  readonly compare: boolean;
}

/** Writes the page through `write`, section by section. */
export function writeAuditHtml(
  run: AuditRun,
  write: (html: string) => void,
  options: AuditHtmlOptions,
): void {
  const { summary } = run;
  const title = '政府信息公开工作年度报告 批量检查结果';
  const agencies = run.agencyKeys();
  const shown = (key: string) => run.agencyName(key) || '（未写明机关名称）';
  write('<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">');
  write('<meta name="viewport" content="width=device-width, initial-scale=1">');
  write(toHtml(<title>{title}</title>));
  write(toHtml(<style dangerouslySetInnerHTML={{ __html: CSS }} />));
  write('</head><body><main>');
  write(
    toHtml(
      <header>
        <h1>{title}</h1>
        <p class="gk-note">{`检查范围：${options.paths.join('、')}`}</p>
        <p>{`退出码 ${summary.exitCode}：${exitMeaning(summary.exitCode)}；错误 ${summary.findings.errors} 项，警告 ${summary.findings.warnings} 项，提示 ${summary.findings.info} 项`}</p>
        <Counts summary={summary} />
        <h2>按规则统计 (findings by rule)</h2>
        <RuleChart summary={summary} />
        <RuleTable summary={summary} />
        {summary.duplicates.length > 0 ? <Duplicates duplicates={summary.duplicates} /> : null}
        {agencies.length > 0 ? (
          <nav>
            <h2>机关 (agencies)</h2>
            <ol>
              {agencies.map((a, i) => (
                <li>
                  <a href={`#agency-${i + 1}`}>{shown(a)}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
      </header>,
    ),
  );
  agencies.forEach((agency, i) => {
    const results = [...run.agencyFiles(agency)];
    const comparison = options.compare ? run.comparison(agency) : undefined;
    write(
      toHtml(
        <AgencySection index={i + 1} agency={shown(agency)} results={results} comparison={comparison} />,
      ),
    );
  });
  if (summary.unreadable > 0) {
    write(UNREADABLE_HEAD);
    for (const result of run.unreadableFiles()) write(toHtml(<UnreadableRow result={result} />));
    write('</tbody></table></section>');
  }
  write('</main>');
  write(toHtml(<script dangerouslySetInnerHTML={{ __html: SORT_SCRIPT }} />));
  write('</body></html>\n');
}
