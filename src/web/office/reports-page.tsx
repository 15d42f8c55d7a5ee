/**
 * @module 年度报告发布 (/office/reports): the approver's page for the agency's annual reports — each
 * year that is over, what is published of it (every version), a form per year to publish the report the
 * ledger builds (with sections 一、五、六, which the ledger does not hold), and a form to publish a report
 * file (multipart; the shape is judged from the bytes). A year published before asks for the reason of
 * the correction. Every form carries the session's CSRF token. A refusal comes back with the findings.
 */
import type { Finding } from '../../domain/report/validation/finding.js';
import { SEVERITY_LABEL } from '../../domain/report/validation/finding.js';
import type { OfficeReports } from '../../ledger/index.js';
import { REPORT_FILE_MAX_BYTES, REPORT_TEXT_MAX } from '../../ledger/index.js';
import { reportPath } from '../portal/report-pages.js';
import { CsrfField, Notice, Page, type Viewer } from '../views/layout.js';

export interface ReportTexts {
  readonly overview: string;
  readonly problems: string;
  readonly otherMatters: string;
}

/** A publication that was refused: which form, what was typed, why. */
export interface PublishAttempt {
  /** The year of the ledger form, or 'file'. */
  readonly form: number | 'file';
  readonly values: Readonly<Record<string, string>>;
  readonly message: string;
  readonly findings?: readonly Finding[];
}

const TEXT_FIELDS: readonly (readonly [keyof ReportTexts, string])[] = [
  ['overview', '一、总体情况'],
  ['problems', '五、存在的主要问题及改进情况'],
  ['otherMatters', '六、其他需要报告的事项'],
];

function Findings({ findings }: { findings: readonly Finding[] }) {
  return (
    <ul class="findings">
      {findings.map((f) => (
        <li class={`finding ${f.severity}`}>
          <strong>{SEVERITY_LABEL[f.severity]}</strong> {f.message}
          {f.expected !== undefined && f.found !== undefined ? `（应为 ${f.expected}，实为 ${f.found}）` : ''}{' '}
          <code>{f.rule}</code>
        </li>
      ))}
    </ul>
  );
}

function ReasonField(props: { id: string; required: boolean; hint: string; value: string }) {
  return (
    <label for={props.id}>
      <span>更正理由{props.required ? <span aria-hidden="true"> *</span> : null}</span>
      <textarea
        id={props.id}
        name="reason"
        required={props.required}
        maxlength={500}
        aria-describedby={`${props.id}-hint`}
      >
        {props.value}
      </textarea>
      <span class="hint" id={`${props.id}-hint`}>
        {props.hint}
      </span>
    </label>
  );
}

const CORRECTION_HINT =
  '该年度报告已经发布：再次发布即为更正版本，原版本保留，并在公开页面标明“已被更正版本替代”。';

export function ReportsOfficePage(props: {
  viewer: Viewer;
  office: OfficeReports;
  /** Per year: the current published report's text sections, to start a correction from. */
  texts: ReadonlyMap<number, ReportTexts>;
  done?: string;
  attempt?: PublishAttempt;
}) {
  const { office, attempt } = props;
  const agency = office.agency;
  const csrf = props.viewer.csrfToken;
  const typed = (form: number | 'file', name: string, fallback = '') =>
    attempt?.form === form ? (attempt.values[name] ?? fallback) : fallback;
  const maxMb = REPORT_FILE_MAX_BYTES / 1024 / 1024;
  const fileVersions = office.years.some((y) => y.versions.length > 0);
  return (
    <Page title="年度报告发布" viewer={props.viewer} current="/office/reports">
      <Notice kind="done" text={props.done} />
      {attempt ? (
        <div class="notice refused" role="alert">
          <p>{attempt.message}</p>
          {attempt.findings && attempt.findings.length > 0 ? <Findings findings={attempt.findings} /> : null}
        </div>
      ) : null}
      <p>
        按照《中华人民共和国政府信息公开条例》第四十九条，在政府信息公开年报栏目公布上一年度的工作年度报告。
        报告发布后不再改动；发现错误时发布更正版本并写明理由，原版本保留。
      </p>
      {office.agencies.length > 1 ? (
        <form method="get" action="/office/reports" class="filters">
          <label for="f-agency">
            机关
            <select id="f-agency" name="agency">
              {office.agencies.map((a) => (
                <option value={String(a.id)} selected={a.id === agency.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="secondary">
            查看
          </button>
        </form>
      ) : null}

      <h2>{agency.name}的年度报告</h2>
      <section class="table-scroll" aria-label="各年度发布情况" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">报告年度</th>
              <th scope="col">发布情况</th>
              <th scope="col">公开页面</th>
            </tr>
          </thead>
          <tbody>
            {office.years.map(({ year, versions }) => (
              <tr>
                <th scope="row">{year} 年度</th>
                <td>
                  {versions.length === 0 ? (
                    '未发布'
                  ) : (
                    <ol class="versions">
                      {versions.map((v) => (
                        <li>
                          第 {v.version} 版 <span class="date">{v.publishedOn}</span>{' '}
                          {v.source.kind === 'ledger' ? '根据办理台账' : `根据文件“${v.source.fileName}”`}，
                          {v.publishedBy}
                          {v.reason ? `；更正理由：${v.reason}` : ''}
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
                <td>{versions.length > 0 ? <a href={reportPath(agency.id, year)}>查看</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <h2>根据办理台账发布</h2>
      <p class="hint">
        第三、四部分由办理台账统计，第二部分的规章、规范性文件由目录统计；第一、五、六部分的文字请在下面填写。
      </p>
      <div class="actions">
        {office.years.map(({ year, versions }) => {
          const published = versions.length > 0;
          const texts = props.texts.get(year);
          const open = attempt?.form === year;
          return (
            <details open={open}>
              <summary>{published ? `发布 ${year} 年度报告的更正版本` : `发布 ${year} 年度报告`}</summary>
              <form method="post" action={`/office/reports/${agency.id}/${year}/ledger`} class="form">
                <CsrfField token={csrf} />
                {TEXT_FIELDS.map(([name, label]) => {
                  const id = `f-${year}-${name}`;
                  return (
                    <label for={id}>
                      {label}
                      <textarea id={id} name={name} maxlength={REPORT_TEXT_MAX} rows={5}>
                        {typed(year, name, texts?.[name] ?? '')}
                      </textarea>
                    </label>
                  );
                })}
                {published ? (
                  <ReasonField
                    id={`f-${year}-reason`}
                    required
                    hint={CORRECTION_HINT}
                    value={typed(year, 'reason')}
                  />
                ) : null}
                <div>
                  <button type="submit">{published ? '发布更正版本' : '发布'}</button>
                </div>
              </form>
            </details>
          );
        })}
      </div>

      <h2>发布报告文件</h2>
      <form
        method="post"
        action={`/office/reports/${agency.id}/file`}
        enctype="multipart/form-data"
        class="form"
      >
        <CsrfField token={csrf} />
        <label for="f-file">
          <span>
            报告文件<span aria-hidden="true"> *</span>
          </span>
          <input
            id="f-file"
            name="file"
            type="file"
            required
            accept=".txt,.html,.htm,.pdf,.docx,.xlsx,.json"
            aria-describedby="f-file-hint"
          />
          <span class="hint" id="f-file-hint">
            {`文本、网页（HTML）、PDF、Word（DOCX）、Excel（XLSX）或报告 JSON，不超过 ${maxMb} MB；格式按文件内容判断。报告年度以文件所写为准，报告所写的机关须为${agency.name}。`}
          </span>
        </label>
        <ReasonField
          id="f-file-reason"
          required={false}
          hint={
            fileVersions
              ? '文件所写年度的报告已经发布时必填：再次发布即为更正版本，原版本保留。首次发布无需填写。'
              : '首次发布无需填写。'
          }
          value={typed('file', 'reason')}
        />
        <div>
          <button type="submit">读取并发布</button>
        </div>
      </form>
    </Page>
  );
}
