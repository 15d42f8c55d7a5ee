/**
 * @module 政府信息公开制度 in the back office (/office/rules): an approver or an administrator keeps the
 * agency's list of rule documents — each with its 名称, 文号, 成文日期, text or summary, 目录 item and the
 * Regulation's requirements it answers (条例第四条、第十七条、第四十五条、第四十六条) — and publishes it as a
 * new version. The form comes back with each problem beside its field and listed at the top; a list
 * published without 第十七条's or 第四十五条's rules says so. No script: "再加 3 行" sends the form back
 * with empty rows added, publishing nothing. The portal's /rules shows the latest version.
 */
import { Hono } from 'hono';
import { publicRules, publishRules } from '../../catalogue/index.js';
import { authorize } from '../../domain/access/policy.js';
import {
  type DisclosureRules,
  type DisclosureRulesDraft,
  RULE_NAME_LIMIT,
  RULE_NUMBER_LIMIT,
  RULE_SUMMARY_LIMIT,
  RULE_TOPIC_LABELS,
  RULE_TOPICS,
  RULES_LIMIT,
  type RuleDocumentDraft,
  type RuleFinding,
  type RuleProblem,
  rulesFindings,
} from '../../domain/portal/rules.js';
import { todayInChina } from '../../ledger/index.js';
import type { AppContext, AppEnv, WebDeps } from '../context.js';
import { formOf } from '../form-body.js';
import { statusOfRefusal } from '../refusal-status.js';
import { type FormState, Input, TextArea } from '../views/form-fields.js';
import { CsrfField, documentOf, Notice, Page, type Viewer } from '../views/layout.js';
import { refusedPage, viewerOf } from './office-routes.js';

const TEXT_FIELDS = ['name', 'docNumber', 'issuedOn', 'summary', 'itemId'] as const;
/** Empty rows the form offers below the documents, and adds on "再加 3 行". */
const BLANK_ROWS = 3;
/** A form row's field: d0_name, d0_covers_review, d0_remove … */
const at = (row: number, field: string) => `d${row}_${field}`;
const ROW_KEY = /^d(\d{1,3})_/;
/** The most rows the form draws: the documents a version may hold, and room to add. */
const MAX_ROWS = RULES_LIMIT + 10;

interface FormRules {
  readonly rules: DisclosureRulesDraft;
  /** Each document's row on the form (rows left empty or ticked for removal are not documents). */
  readonly rowOf: readonly number[];
  /** How many rows the form had. */
  readonly rows: number;
}

/** The documents the form lists, in its order: a row with nothing in it, or ticked 删除, is none. */
function rulesOfForm(values: Record<string, string>): FormRules {
  let rows = 0;
  for (const key of Object.keys(values)) {
    const m = ROW_KEY.exec(key);
    if (m) rows = Math.max(rows, Number(m[1]) + 1);
  }
  const documents: RuleDocumentDraft[] = [];
  const rowOf: number[] = [];
  for (let row = 0; row < rows; row++) {
    const v = (field: string) => values[at(row, field)] ?? '';
    const covers = RULE_TOPICS.filter((t) => v(`covers_${t}`) !== '');
    const empty = TEXT_FIELDS.every((f) => v(f).trim() === '') && covers.length === 0;
    if (empty || v('remove') !== '') continue;
    documents.push({
      name: v('name'),
      docNumber: v('docNumber'),
      issuedOn: v('issuedOn'),
      summary: v('summary'),
      itemId: v('itemId'),
      covers,
    });
    rowOf.push(row);
  }
  return { rules: { documents }, rowOf, rows };
}

/** The stored list as the form's values, a row a document. */
function valuesOfRules(rules: DisclosureRules): Record<string, string> {
  const values: Record<string, string> = {};
  rules.documents.forEach((doc, row) => {
    for (const f of TEXT_FIELDS) values[at(row, f)] = doc[f] ?? '';
    for (const t of doc.covers) values[at(row, `covers_${t}`)] = 'on';
  });
  return values;
}

function RulesEditPage(props: {
  viewer: Viewer;
  state: FormState;
  rows: number;
  /** Problems not tied to one field (the list as a whole, the 涉及 ticks), and each field's, for the summary. */
  problems?: readonly { readonly href?: string; readonly text: string }[];
  findings?: readonly RuleFinding[];
  notice?: string;
  version?: number;
}) {
  const problems = props.problems ?? [];
  return (
    <Page title="政府信息公开制度" viewer={props.viewer} current="/office/rules">
      <Notice kind="done" text={props.notice} />
      {problems.length > 0 && (
        <div class="notice refused error-summary" role="alert" aria-labelledby="rules-problems-title">
          <p id="rules-problems-title">未发布：有 {problems.length} 处需要修改。</p>
          <ul>
            {problems.map((p) => (
              <li>{p.href ? <a href={p.href}>{p.text}</a> : p.text}</li>
            ))}
          </ul>
        </div>
      )}
      {(props.findings ?? []).map((f) => (
        <p class="notice finding" role="status">
          提示：{f.message}。
        </p>
      ))}
      <p class="muted">
        {props.version
          ? `当前为第 ${props.version} 版；发布后成为新的一版，旧版保留。`
          : '本机关尚未发布政府信息公开制度。'}
        公开网站的“政府信息公开制度”栏目按下列顺序显示最新一版。 空行不计入；要去掉某项，勾选“删除此项”。最多{' '}
        {RULES_LIMIT} 项。
      </p>
      <form method="post" action="/office/rules" class="form card" novalidate>
        <CsrfField token={props.viewer.csrfToken} />
        {Array.from({ length: props.rows }, (_, row) => (
          <fieldset>
            <legend>第 {row + 1} 项</legend>
            <Input
              state={props.state}
              name={at(row, 'name')}
              label="名称"
              required
              maxLength={RULE_NAME_LIMIT}
            />
            <div class="row">
              <Input
                state={props.state}
                name={at(row, 'docNumber')}
                label="文号"
                hint="没有文号的留空"
                maxLength={RULE_NUMBER_LIMIT}
              />
              <Input
                state={props.state}
                name={at(row, 'issuedOn')}
                label="成文日期"
                type="date"
                required
                hint="YYYY-MM-DD"
              />
            </div>
            <TextArea
              state={props.state}
              name={at(row, 'summary')}
              label="内容或摘要"
              hint="一行一段；全文较长的请发布到公开目录，并在下面填写其编号"
              maxLength={RULE_SUMMARY_LIMIT}
            />
            <Input
              state={props.state}
              name={at(row, 'itemId')}
              label="公开目录中的信息编号"
              hint="可选：该信息页面地址 /catalogue/ 之后的部分，须为本机关已发布的信息"
              maxLength={64}
            />
            <fieldset>
              <legend>涉及</legend>
              {RULE_TOPICS.map((t) => (
                <label class="check">
                  <input
                    type="checkbox"
                    name={at(row, `covers_${t}`)}
                    checked={(props.state.values[at(row, `covers_${t}`)] ?? '') !== ''}
                  />
                  {RULE_TOPIC_LABELS[t]}
                </label>
              ))}
            </fieldset>
            <label class="check">
              <input
                type="checkbox"
                name={at(row, 'remove')}
                checked={(props.state.values[at(row, 'remove')] ?? '') !== ''}
              />
              删除此项
            </label>
          </fieldset>
        ))}
        <div>
          <button type="submit" name="action" value="more" class="secondary">
            再加 {BLANK_ROWS} 行
          </button>{' '}
          <button type="submit" name="action" value="publish">
            发布制度
          </button>
        </div>
      </form>
    </Page>
  );
}

/** The refusal's problems on the form: each beside its field (on its row), and all in the summary. */
function placed(problems: readonly RuleProblem[], rowOf: readonly number[]) {
  const errors: Record<string, string> = {};
  const summary: { href?: string; text: string }[] = [];
  for (const p of problems) {
    if (p.index === undefined) {
      summary.push({ text: p.message });
      continue;
    }
    const row = rowOf[p.index]!;
    const text = `第 ${row + 1} 项：${p.message}`;
    if (p.field && p.field !== 'covers') {
      const name = at(row, p.field);
      errors[name] ??= p.message;
      summary.push({ href: `#f-${name}`, text });
    } else summary.push({ text });
  }
  return { errors, summary };
}

export function rulesRoutes(deps: WebDeps): Hono<AppEnv> {
  const office = new Hono<AppEnv>();
  const authOf = (c: AppContext) => c.get('auth')!;

  office.get('/rules', async (c) => {
    const auth = authOf(c);
    const allowed = authorize(auth.actor, 'rules.publish', auth.user.agencyId);
    if (!allowed.ok) return refusedPage(c, allowed.error);
    const found = await publicRules(deps.storage, auth.user.agencyId);
    const current = found?.current?.rules;
    const count = current?.documents.length ?? 0;
    return c.html(
      documentOf(
        <RulesEditPage
          viewer={viewerOf(auth)}
          state={{ values: current ? valuesOfRules(current) : {}, errors: {} }}
          rows={count + BLANK_ROWS}
          {...(c.req.query('done') !== undefined ? { notice: '政府信息公开制度已发布。' } : {})}
          {...(current ? { findings: rulesFindings(current) } : {})}
          {...(found?.versions ? { version: found.versions } : {})}
        />,
      ),
    );
  });

  office.post('/rules', async (c) => {
    const auth = authOf(c);
    const values = await formOf(c);
    const form = rulesOfForm(values);
    const page = (
      state: FormState,
      rows: number,
      status: 200 | 422,
      summary?: { href?: string; text: string }[],
    ) =>
      c.html(
        documentOf(
          <RulesEditPage
            viewer={viewerOf(auth)}
            state={state}
            rows={Math.min(Math.max(rows, 1), MAX_ROWS)}
            {...(summary ? { problems: summary } : {})}
          />,
        ),
        status,
      );
    if (values.action === 'more') {
      const allowed = authorize(auth.actor, 'rules.publish', auth.user.agencyId);
      if (!allowed.ok) return refusedPage(c, allowed.error);
      return page({ values, errors: {} }, form.rows + BLANK_ROWS, 200);
    }
    const published = await publishRules(
      deps.storage,
      auth.actor,
      auth.user.agencyId,
      form.rules,
      todayInChina(deps.now()),
    );
    if (published.ok) return c.redirect('/office/rules?done', 303);
    const error = published.error;
    if (!('problems' in error)) return refusedPage(c, error);
    const { errors, summary } = placed(error.problems, form.rowOf);
    return page({ values, errors }, form.rows, statusOfRefusal(error.code) as 422, summary);
  });
  return office;
}
