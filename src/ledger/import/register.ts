/**
 * @module A register's rows (台账) as requests with their histories, checked by the domain before
 * anything is written. The columns are found by their headers (收到日期, 申请人, 申请人类型, 申请内容,
 * 答复日期, 办理结果 by default, renamed with a column map); each row becomes the Received event on its
 * 收到日期 and, when 答复日期 and 办理结果 are filled in, the event that closed it on 答复日期: a decision
 * with the outcome the wording names, or the withdrawal or lapse it describes. Every problem of a row
 * is reported with its row number; a row is never half imported.
 */
import { createHash } from 'node:crypto';
import { addDays, isLocalDate, type LocalDate } from '../../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../../domain/calendar/working-days.js';
import type { RequestEvent } from '../../domain/requests/events.js';
import { type OutcomeKind, outcomeSpec } from '../../domain/requests/outcomes.js';
import {
  type ApplicantKind,
  type DisclosureRequest,
  EARLIEST_RECEIPT,
} from '../../domain/requests/request.js';
import { err, ok, type Result } from '../../domain/requests/result.js';
import { replay } from '../../domain/requests/transitions.js';
import { hasControlCharacters } from '../../domain/shared/plain-text.js';
import { type LedgerRefusal, ledgerRefusal } from '../refusals.js';
import { intakeOnReceipt, UNRECORDED_FORM } from '../stored.js';
import { type Cell, headerText, type SourceRow, type SourceTable, UnreadableCell } from './table.js';
import { applicantKindOfWording, outcomeOfWording } from './wording.js';

export type ColumnKey =
  | 'receivedOn'
  | 'applicantName'
  | 'applicantKind'
  | 'content'
  | 'repliedOn'
  | 'outcome';

/** The register's columns and their default headers, in the usual order. */
export const REGISTER_COLUMNS: readonly { readonly key: ColumnKey; readonly header: string }[] = [
  { key: 'receivedOn', header: '收到日期' },
  { key: 'applicantName', header: '申请人' },
  { key: 'applicantKind', header: '申请人类型' },
  { key: 'content', header: '申请内容' },
  { key: 'repliedOn', header: '答复日期' },
  { key: 'outcome', header: '办理结果' },
];

/**
 * Other headers offices give each column, tried after the default and in this order (a column the file
 * names with `--map` is looked up by that name only). [U] collected from real registers; extend here.
 */
export const HEADER_SYNONYMS: Readonly<Record<ColumnKey, readonly string[]>> = {
  receivedOn: [
    '受理时间',
    '受理日期',
    '收件日期',
    '登记日期',
    '收到申请日期',
    '收到申请之日',
    '申请日期',
    '申请时间',
  ],
  applicantName: ['申请人姓名', '姓名', '申请人姓名或名称', '申请人名称', '单位名称', '姓名或名称'],
  applicantKind: ['申请人类别', '类别', '申请人身份', '申请人性质', '类型'],
  content: ['申请事项', '申请内容摘要', '所需信息', '申请公开内容', '所需政府信息', '申请信息内容', '内容'],
  repliedOn: ['答复时间', '办结日期', '办结时间', '答复日', '回复日期', '告知日期'],
  outcome: ['答复结果', '答复类型', '处理结果', '答复情况', '办理情况', '答复方式'],
};

/**
 * The register's own serial number (序号, 登记号 …), when it has one: the row's identity, so that
 * re-importing a corrected register corrects the requests instead of adding them again. Optional.
 */
export const SERIAL_HEADERS: readonly string[] = [
  '登记号',
  '登记编号',
  '受理编号',
  '受理号',
  '申请编号',
  '编号',
  '序号',
];

/** Every key a header may name: the six columns and the optional serial number. */
export type HeaderKey = ColumnKey | 'serial';

/** The headers tried for each key after its default (the built-in table, plus an administrator's). */
export type HeaderSynonyms = Readonly<Record<HeaderKey, readonly string[]>>;

export const DEFAULT_SYNONYMS: HeaderSynonyms = { ...HEADER_SYNONYMS, serial: SERIAL_HEADERS };

/** The built-in table with an administrator's additions after each key's own. */
export function withExtraSynonyms(
  extra: readonly { readonly key: HeaderKey; readonly header: string }[],
): HeaderSynonyms {
  const out: Record<HeaderKey, string[]> = {
    receivedOn: [...DEFAULT_SYNONYMS.receivedOn],
    applicantName: [...DEFAULT_SYNONYMS.applicantName],
    applicantKind: [...DEFAULT_SYNONYMS.applicantKind],
    content: [...DEFAULT_SYNONYMS.content],
    repliedOn: [...DEFAULT_SYNONYMS.repliedOn],
    outcome: [...DEFAULT_SYNONYMS.outcome],
    serial: [...DEFAULT_SYNONYMS.serial],
  };
  for (const { key, header } of extra) if (!out[key].includes(header)) out[key].push(header);
  return out;
}

/** A header as compared: half-width, no blanks, no trailing colon or required-field star. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/[*:：]+$/u, '');
}

/**
 * `收到日期=受理时间,申请人=姓名` (one or more such lists): the header the file uses for a default
 * header. Full-width ＝ and ， are taken too.
 */
export function parseColumnMap(
  specs: readonly string[],
): Result<ReadonlyMap<ColumnKey, string>, LedgerRefusal> {
  const map = new Map<ColumnKey, string>();
  for (const spec of specs)
    for (const part of spec.normalize('NFKC').split(',')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      const from = eq < 0 ? '' : normalizeHeader(part.slice(0, eq));
      const to = eq < 0 ? '' : part.slice(eq + 1).trim();
      const column = REGISTER_COLUMNS.find((c) => c.header === from);
      if (!column || !to)
        return err(
          ledgerRefusal(
            'import.column-map',
            `“${part.trim()}”应写成 默认列名=文件中的列名，默认列名为 ${REGISTER_COLUMNS.map((c) => c.header).join('、')} (DEFAULT=HEADER)`,
          ),
        );
      map.set(column.key, to);
    }
  return ok(map);
}

export type ColumnIndex = Readonly<Record<ColumnKey, number>>;

/** Rows searched for the header: registers put a title and notes above it. */
export const HEADER_SEARCH_ROWS = 10;

export interface LocatedHeader {
  /** Index in table.rows of the header row; the data rows follow it. */
  readonly index: number;
  readonly columns: ColumnIndex;
  /** The register's serial-number column, when it has one. */
  readonly serial?: number;
}

/** A column's letter as a spreadsheet shows it: 0 → A, 26 → AA. */
const columnLetter = (index: number): string =>
  index < 26
    ? String.fromCharCode(65 + index)
    : columnLetter(Math.floor(index / 26) - 1) + columnLetter(index % 26);

/**
 * The header row (the first of the first rows that names every column) and where each column is;
 * when no row does, the columns missing from the row that names the most.
 */
export function locateHeader(
  rows: readonly { readonly cells: readonly Cell[] }[],
  map: ReadonlyMap<ColumnKey, string> = new Map(),
  synonyms: HeaderSynonyms = DEFAULT_SYNONYMS,
): Result<LocatedHeader, LedgerRefusal> {
  let best: { missing: string[]; headers: readonly string[] } | undefined;
  for (const [index, row] of rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const headers = row.cells.map(headerText);
    const normalized = headers.map(normalizeHeader);
    const columns: Partial<Record<ColumnKey, number>> = {};
    const missing: string[] = [];
    const taken = new Set<number>();
    // Mapped columns first, then the defaults, then synonyms: a header is one column's only.
    const names = (key: ColumnKey, header: string) => {
      const mapped = map.get(key);
      return mapped ? [mapped] : [header, ...synonyms[key]];
    };
    for (const column of REGISTER_COLUMNS) {
      const candidates = names(column.key, column.header).map(normalizeHeader);
      const at = candidates
        .map((c) => normalized.findIndex((h, i) => h === c && !taken.has(i)))
        .find((i) => i >= 0);
      const wanted = map.get(column.key) ?? column.header;
      if (at === undefined) missing.push(wanted === column.header ? wanted : `${wanted}（${column.header}）`);
      else {
        columns[column.key] = at;
        taken.add(at);
      }
    }
    if (missing.length === 0) {
      // The same header twice: which column holds the data cannot be told, so it is not guessed.
      for (const column of REGISTER_COLUMNS) {
        const at = columns[column.key]!;
        const again = normalized.findIndex((h, i) => i !== at && h === normalized[at]);
        if (again >= 0)
          return err(
            ledgerRefusal(
              'import.duplicate-column',
              `“${headers[at]!.trim()}”在第 ${columnLetter(at)} 列和第 ${columnLetter(again)} 列各出现一次；请删去或改名其中一列，或指明用哪一列`,
            ),
          );
      }
      const serialNames = synonyms.serial.map(normalizeHeader);
      const serial = serialNames
        .map((c) => normalized.findIndex((h, i) => h === c && !taken.has(i)))
        .find((i) => i >= 0);
      return ok({ index, columns: columns as ColumnIndex, ...(serial === undefined ? {} : { serial }) });
    }
    if (!best || missing.length < best.missing.length) best = { missing, headers };
  }
  const shown = best?.headers.filter((h) => h.trim()).join('、') || '（空）';
  return err(
    ledgerRefusal(
      'import.missing-columns',
      `${best?.missing.join('、') ?? REGISTER_COLUMNS.map((c) => c.header).join('、')}；最接近的表头为：${shown}；可指明本系统的列名对应文件中的哪一列 (map the columns)`,
    ),
  );
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function fromParts(y: number, m: number, d: number): LocalDate | undefined {
  const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isLocalDate(text) ? text : undefined;
}

const DATE_PATTERNS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\d{1,2}[:时]\d{2}分?(?:\d{2}秒?)?)?$/,
];

/** 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日 (a time after it is ignored), or an Excel date cell. */
export function parseRegisterDate(cell: Cell, what: string): Parsed<LocalDate> {
  const bad = (shown: string): Parsed<LocalDate> => ({
    ok: false,
    reason: `${what}“${shown}”不是有效日期，应写成 2024-03-01、2024/3/1 或 2024年3月1日 (bad date)`,
  });
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad(String(cell));
    const date = fromParts(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    return date ? { ok: true, value: date } : bad(cell.toISOString());
  }
  if (cell instanceof UnreadableCell) return { ok: false, reason: `${what}：${cell.reason}` };
  if (typeof cell === 'number') {
    // An Excel date serial whose cell lost its date format: days since 1899-12-30.
    if (!(cell >= 1 && cell < 2958466)) return bad(String(cell));
    const utc = new Date(EXCEL_EPOCH + Math.floor(cell) * 86_400_000);
    const date = fromParts(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
    return date ? { ok: true, value: date } : bad(String(cell));
  }
  const text = cell
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*([年月日])\s*/g, '$1');
  for (const pattern of DATE_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const date = fromParts(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { ok: true, value: date } : bad(cell);
  }
  return bad(cell);
}

const textOf = (cell: Cell | undefined): string => headerText(cell).trim();

/** A serial number as compared: half-width, no blanks; a number cell as its digits (12, not 12.0). */
function serialText(cell: Cell): string {
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell);
  return textOf(cell).normalize('NFKC').replace(/\s/g, '');
}

/** One row of the register, read and checked. */
export interface RegisterRow {
  readonly rowNumber: number;
  /** The register's own serial number (序号 …), as written, when it has that column and it is filled. */
  readonly serial?: string;
  readonly receivedOn: LocalDate;
  readonly applicantName: string;
  readonly applicantKind: ApplicantKind;
  readonly content: string;
  /** Absent while the request is open (答复日期 and 办理结果 both empty). */
  readonly closing?: { readonly on: LocalDate; readonly outcome: OutcomeKind };
  /** What was read with a reading worth a second look (a bare 法人或其他组织 counted as 其他). */
  readonly warnings?: readonly string[];
}

export interface RowProblem {
  readonly rowNumber: number;
  /** Every problem of the row, Chinese first, English in brackets. */
  readonly reason: string;
}

const SUMMARY_WORDS = /^(合计|小计|总计|共计|总数|累计)/u;
const NOTE_WORDS = /^(注|说明|备注|填表说明|填表人|制表人|制表|审核人|统计时间|单位负责人|联系人|联系电话)/u;

/**
 * Why a row below the header is not a request, or undefined when it may be one: a total row (合计, 小计,
 * 总计 … in any cell before the first date), or a note under the table (注：…, 填表人 …, alone in its row).
 * Such rows are skipped and listed, never read as requests nor reported as invalid.
 */
export function notARequest(row: SourceRow, columns: ColumnIndex): string | undefined {
  const texts = row.cells.map((c) => textOf(c).normalize('NFKC').replace(/\s/g, ''));
  const filled = texts.filter((t) => t !== '');
  if (
    texts.some((t) => SUMMARY_WORDS.test(t)) &&
    !parseRegisterDate(row.cells[columns.receivedOn] ?? '', '').ok
  )
    return '合计行，不是一件申请 (a total row)';
  if (filled.length === 1 && NOTE_WORDS.test(filled[0]!))
    return '表下说明，不是一件申请 (a note under the table)';
  return undefined;
}

/** A row's cells as a register row, or every problem in it. */
export function readRow(
  row: SourceRow,
  columns: ColumnIndex,
  today: LocalDate,
  serialColumn?: number,
): Result<RegisterRow, RowProblem> {
  const cell = (key: ColumnKey) => row.cells[columns[key]] ?? '';
  const problems: string[] = [];
  for (const at of [...Object.values(columns), ...(serialColumn === undefined ? [] : [serialColumn])]) {
    const c = row.cells[at];
    if (c instanceof UnreadableCell) problems.push(`第 ${columnLetter(at)} 列：${c.reason}`);
  }
  const required = (key: ColumnKey, label: string) => {
    if (cell(key) instanceof UnreadableCell) return '';
    const text = textOf(cell(key));
    if (!text) problems.push(`${label}为空 (${key} is empty)`);
    // A newline in a name would forge a line of every listing; content may span lines, nothing else.
    else if (hasControlCharacters(text, { lines: key === 'content' }))
      problems.push(`${label}含有控制字符，请删去后重新导入 (${key} holds control characters)`);
    return text;
  };
  const date = (key: ColumnKey, label: string) => {
    if (cell(key) instanceof UnreadableCell) return undefined;
    const parsed = parseRegisterDate(cell(key), label);
    if (!parsed.ok) {
      problems.push(parsed.reason);
      return undefined;
    }
    if (parsed.value > today) {
      problems.push(`${label} ${parsed.value} 晚于今天 ${today} (date in the future)`);
      return undefined;
    }
    if (parsed.value < EARLIEST_RECEIPT) {
      problems.push(
        `${label} ${parsed.value} 早于《条例》施行之日 ${EARLIEST_RECEIPT}，应是录入错误 (date before the Regulation took effect)`,
      );
      return undefined;
    }
    return parsed.value;
  };

  const receivedOn = required('receivedOn', '收到日期') ? date('receivedOn', '收到日期') : undefined;
  const applicantName = required('applicantName', '申请人');
  const kindText = required('applicantKind', '申请人类型');
  const kind = kindText ? applicantKindOfWording(kindText) : undefined;
  if (kind && !kind.ok) problems.push(kind.reason);
  const content = required('content', '申请内容');

  const repliedText = textOf(cell('repliedOn'));
  const outcomeText = textOf(cell('outcome'));
  let closing: RegisterRow['closing'];
  if (repliedText || outcomeText) {
    if (!repliedText || !outcomeText)
      problems.push(
        `答复日期与办理结果应同时填写（已办结）或同时留空（办理中）(reply date and outcome go together)`,
      );
    const on = repliedText ? date('repliedOn', '答复日期') : undefined;
    const outcome = outcomeText ? outcomeOfWording(outcomeText) : undefined;
    if (outcome && !outcome.ok) problems.push(outcome.reason);
    if (on && receivedOn && on < receivedOn)
      problems.push(`答复日期 ${on} 早于收到日期 ${receivedOn} (reply date before receipt date)`);
    if (on && outcome?.ok) closing = { on, outcome: outcome.value };
  }
  const serialCell = serialColumn === undefined ? undefined : row.cells[serialColumn];
  const serial = serialCell === undefined ? '' : serialText(serialCell);
  if (hasControlCharacters(serial)) problems.push('序号含有控制字符 (serial holds control characters)');
  if (problems.length > 0 || !receivedOn || !kind?.ok)
    return err({ rowNumber: row.rowNumber, reason: problems.join('；') });
  return ok({
    rowNumber: row.rowNumber,
    ...(serial ? { serial } : {}),
    receivedOn,
    applicantName,
    applicantKind: kind.value,
    content,
    ...(closing ? { closing } : {}),
    ...(kind.warning ? { warnings: [kind.warning] } : {}),
  });
}

/** Said on the events an import adds that the register itself does not record. */
export const IMPORT_NOTE =
  '由台账导入：台账未记载补正通知的日期和期限，按收到申请之日发出、答复日期前一日届满记录';

/**
 * The history a register row stands for: the receipt, and how it closed. A lapse for want of
 * correction needs the correction notice before it, which a register does not record: it is recorded
 * as sent on the day of receipt with a deadline the day before the lapse (IMPORT_NOTE); likewise the
 * correction that 补正后申请内容仍不明确 presupposes. A lapse for an unpaid fee needs the fee notice
 * (amount, method), which no register column gives: such a row is refused.
 */
export function eventsOfRow(row: RegisterRow, by: string): Result<RequestEvent[], string> {
  const received: RequestEvent = { kind: 'Received', at: row.receivedOn, by };
  if (!row.closing) return ok([received]);
  const { on, outcome } = row.closing;
  switch (outcome) {
    case 'withdrawn':
      return ok([received, { kind: 'Withdrawn', at: on, by }]);
    case 'unpaidFee':
      return err(
        '逾期未缴费的申请须先有收费通知（日期、金额、计费方式），台账未记载，无法导入；请在系统中逐件登记 (an unpaid-fee lapse needs the fee notice, which the register lacks)',
      );
    case 'noCorrection':
      return ok([
        received,
        {
          kind: 'CorrectionRequested',
          at: row.receivedOn,
          by,
          items: '（台账未记载）',
          dueBy: addDays(on, -1),
          reason: IMPORT_NOTE,
        },
        { kind: 'CorrectionLapsed', at: on, by },
      ]);
    case 'unclearAfterCorrection':
      return ok([
        received,
        {
          kind: 'CorrectionRequested',
          at: row.receivedOn,
          by,
          items: '（台账未记载）',
          dueBy: on,
          reason: IMPORT_NOTE,
        },
        { kind: 'CorrectionReceived', at: on, by, reason: IMPORT_NOTE },
        { kind: 'Decided', at: on, by, outcome },
      ]);
    default:
      return ok([received, { kind: 'Decided', at: on, by, outcome }]);
  }
}

/** The domain request a register row describes (the register gives no channel: the date is the receipt). */
export function requestOfRow(row: RegisterRow, id: string, agencyId: number): DisclosureRequest {
  return {
    id,
    agencyId: String(agencyId),
    applicant: { kind: row.applicantKind, name: row.applicantName, contact: {} },
    content: { description: row.content },
    requestedForm: UNRECORDED_FORM,
    intake: intakeOnReceipt(row.receivedOn),
    receivedOn: row.receivedOn,
  };
}

/** The row's history, if the domain's transition rules accept it, else why not. */
export function checkRow(
  row: RegisterRow,
  agencyId: number,
  by: string,
  calendar: WorkingCalendar,
): Result<RequestEvent[], string> {
  const events = eventsOfRow(row, by);
  if (!events.ok) return events;
  const replayed = replay(requestOfRow(row, 'row', agencyId), events.value, calendar);
  if (replayed.ok) return events;
  const outcome = row.closing ? `（${outcomeSpec(row.closing.outcome).label}）` : '';
  const corrected =
    row.closing?.outcome === 'noCorrection'
      ? '；台账未记载补正通知，按收到申请之日发出、答复日期前一日届满记录，答复日期应至少晚于收到日期两天'
      : row.closing?.outcome === 'unclearAfterCorrection'
        ? '；台账未记载补正通知，按收到申请之日发出、答复日期收到补正记录，答复日期应晚于收到日期'
        : '';
  return err(
    `不符合办理规则${outcome}：${replayed.error.message}${corrected} (refused by the Regulation's rules)`,
  );
}

/**
 * The reference of a row with a serial number: the register's own number within the receipt's year
 * (registers number each year from 1). `year` is the receipt's, or a neighbouring year's when a
 * corrected receipt date has moved the request across New Year.
 */
export const serialReference = (serial: string, year: number): string => `serial:${year}:${serial}`;

/** The normalized content two rows are compared by (a serial renumbered names another request). */
export const sameContent = (a: string, b: string): boolean =>
  a.normalize('NFKC').replace(/\s+/g, ' ').trim() === b.normalize('NFKC').replace(/\s+/g, ' ').trim();

/**
 * The stable external reference of a row: a hash of the agency, what identifies the request in the
 * register (收到日期, 申请人, 申请人类型, 申请内容) and how many identical rows came before it in the
 * file. Re-importing the file finds the same references; a row answered since keeps its reference.
 * A register without serial numbers has nothing else to tell a corrected row from a new one.
 */
export function rowReference(row: RegisterRow, agencyId: number, occurrence: number): string {
  const identity = [
    'register-v1',
    agencyId,
    row.receivedOn,
    row.applicantKind,
    row.applicantName.normalize('NFKC').replace(/\s+/g, ' ').trim(),
    row.content.normalize('NFKC').replace(/\s+/g, ' ').trim(),
    occurrence,
  ];
  return `register:${createHash('sha256').update(JSON.stringify(identity)).digest('hex')}`;
}

export type { SourceTable };
