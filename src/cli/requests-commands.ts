/**
 * @module `gongkai requests add|record|show|list`: one request entered by hand (收到申请), what happens
 * to it recorded event by event (each checked by the domain's transition rules), one request shown with
 * its reply due date explained and its history, and an agency's requests as a deadline dashboard. The
 * ledger decides and keeps; this file parses options and prints. The command line is a contract
 * (docs/cli.md).
 */
import type { Command } from 'commander';
import type { Actor } from '../domain/access/policy.js';
import type { RequestParticulars } from '../domain/requests/corrections.js';
import { EVENT_LABELS } from '../domain/requests/events.js';
import { type ApplicantKind, CHANNEL_LABELS, type Channel } from '../domain/requests/request.js';
import type { Result } from '../domain/requests/result.js';
import {
  applicantKindOfWording,
  channelOfWording,
  correctParticulars,
  intakeRequest,
  type LedgerRefusal,
  listRequests,
  RECORDABLE,
  type RequestView,
  recordRequestEvent,
  resolveRequestId,
  unknownYearsWarning,
  viewRequest,
  voidRequestEvent,
} from '../ledger/index.js';
import { stateLabelOf } from '../present/labels.js';
import {
  changesText,
  closedText,
  dueText,
  listJson,
  listLine,
  recordedJson,
  recordedLines,
  viewJson,
  viewLines,
} from '../present/request-view.js';
import type { Storage } from '../storage/index.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import { DATE_FORMS, nonEmpty, parseDateOption, parseId, parseYear, type SetExit } from './cli-options.js';
import {
  CONFIRM_COMPLETED_YEAR,
  CONFIRM_COMPLETED_YEAR_HELP,
  cliOperator,
  completedYearsNote,
  DATABASE_FLAGS,
  DATABASE_HELP,
  databaseUrl,
  refused,
  requestsCommand,
  withLedger,
} from './ledger-session.js';
import { buildEvent, EVENT_COMMANDS, type EventOptions, eventKindOf } from './request-event-options.js';

function parseApplicantKind(text: string): ApplicantKind {
  const kind = applicantKindOfWording(text);
  if (!kind.ok) throw new CliFailure(`--type ${text}: ${kind.reason}`);
  return kind.value;
}

function parseChannel(text: string): Channel {
  const channel = channelOfWording(text);
  if (!channel.ok) throw new CliFailure(`--channel ${text}: ${channel.reason}`);
  return channel.value;
}

/** The request's state after a correction, one line. */
const stateLine = (view: RequestView) =>
  `状态（截至 ${view.asOf}）(state)：${stateLabelOf(view.status)}；${view.status.closedOn ? closedText(view) : dueText(view)}\n`;

/** A correction (void, 更正) of the request an id names, then the request as it stands after it. */
async function correctThenView<T>(
  database: string | undefined,
  actor: Actor,
  typedId: string,
  correct: (storage: Storage, requestId: string) => Promise<Result<T, LedgerRefusal>>,
): Promise<{ requestId: string; done: T; view: RequestView }> {
  return withLedger(databaseUrl(database), 'write', async (storage) => {
    const resolved = await resolveRequestId(storage, typedId);
    if (!resolved.ok) throw refused(resolved.error);
    const done = await correct(storage, resolved.value);
    if (!done.ok) throw refused(done.error);
    const viewed = await viewRequest(storage, actor, resolved.value);
    if (!viewed.ok) throw refused(viewed.error);
    return { requestId: resolved.value, done: done.value, view: viewed.value };
  });
}

export function registerRequestsCommands(program: Command, io: CliIo, setExit: SetExit): void {
  const requests = requestsCommand(program);

  requests
    .command('add')
    .description('登记一件申请，输出其编号 (record one request; prints its id)')
    .requiredOption('--agency <id>', '机关编号 (agency id)')
    .requiredOption('--applicant <name>', '申请人姓名或名称 (applicant)')
    .requiredOption(
      '--type <type>',
      '申请人类型：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 (applicant type)',
    )
    .requiredOption('--content <text>', '申请内容 (what is asked for)')
    .requiredOption('--received <date>', `收到申请之日（条例第三十一条），如 ${DATE_FORMS} (receipt date)`)
    .option(
      '--channel <channel>',
      `申请渠道：${Object.values(CHANNEL_LABELS).join('、')}；默认 当面 (channel)`,
    )
    .option(
      '--arrived <date>',
      '平信、网上、传真、电子邮件申请到达之日；--received 为与申请人确认之日（条例第三十一条）(day it arrived)',
    )
    .option('--ref <ref>', '外部编号：同一机关同一编号只登记一次 (external reference; no duplicates)')
    .option('--by <staff>', '登记人 (who records it)；默认 cli:<用户名>')
    .option('--json', '以 JSON 输出 {"id", "receivedOn", "status"} (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (options: {
        agency: string;
        applicant: string;
        type: string;
        content: string;
        received: string;
        arrived?: string;
        channel?: string;
        ref?: string;
        by?: string;
        json?: boolean;
        database?: string;
      }) => {
        const agencyId = parseId(options.agency, '--agency');
        const name = nonEmpty(options.applicant, '--applicant');
        const kind = parseApplicantKind(options.type);
        const content = nonEmpty(options.content, '--content');
        const received = parseDateOption(options.received, '--received');
        const channel = options.channel === undefined ? 'inPerson' : parseChannel(options.channel);
        const arrived =
          options.arrived === undefined ? undefined : parseDateOption(options.arrived, '--arrived');
        const ref = options.ref === undefined ? undefined : nonEmpty(options.ref, '--ref');
        const actor = cliOperator(options.by === undefined ? undefined : nonEmpty(options.by, '--by'));
        const result = await withLedger(databaseUrl(options.database), 'write', (storage) =>
          intakeRequest(storage, actor, {
            agencyId,
            applicant: { kind, name, contact: {} },
            content: { description: content },
            channel,
            receivedOn: received,
            ...(arrived !== undefined ? { arrivedOn: arrived } : {}),
            ...(ref !== undefined ? { externalRef: ref } : {}),
          }),
        );
        if (!result.ok) throw refused(result.error);
        const r = result.value;
        io.stdout(
          options.json
            ? `${JSON.stringify({ id: r.id, receivedOn: r.receivedOn, status: r.status })}\n`
            : `${r.id}\n`,
        );
        io.stderr(
          r.status === 'created'
            ? `已登记申请，收到申请之日 ${r.receivedOn} (request recorded)\n`
            : `外部编号 ${ref} 已登记过，未重复登记 (duplicate: already recorded)\n`,
        );
        setExit(EXIT.ok);
      },
    );

  requests
    .command('record')
    .description('记录申请办理中的一个事件，由办理规则检查 (record what happened to a request)')
    .argument('<id>', '申请编号，或其开头至少 6 位 (request id, or its first 6+ characters)')
    .argument(
      '<event>',
      `事件：${RECORDABLE.map((k) => `${EVENT_COMMANDS[k].name}（${EVENT_LABELS[k]}）`).join('、')}`,
    )
    .requiredOption('--on <date>', `事件发生之日，如 ${DATE_FORMS} (the day it happened)`)
    .option('--items <text>', 'correction-requested：需要补正的事项 (what to correct)')
    .option('--due-by <date>', 'correction-requested：补正期限 (the applicant’s deadline)')
    .option('--days <n>', 'extended：延长的工作日数，最多 20 (working days)')
    .option('--approver <name>', 'extended：同意延长的负责人 (who consented)')
    .option('--party <name>', 'third-party-started：第三方 (the third party)')
    .option('--with <agency>', 'agency-consultation-started：征求意见的机关 (the other agency)')
    .option(
      '--amount <yuan>',
      'fee-notice：金额（元），如 100 或 12.50；与 --pages / --pieces 同时给出时须与计算结果一致 (amount in yuan)',
    )
    .option('--method <method>', 'fee-notice：per-piece（按件）或 per-volume（按量）(fee method)')
    .option('--pages <n>', 'fee-notice，per-volume：页数，按《办法》第五条计算金额 (pages)')
    .option('--pieces <n>', 'fee-notice，per-piece：本次件数，按《办法》第四条计算金额 (pieces)')
    .option(
      '--earlier <m>',
      'fee-notice，per-piece：同一申请人本自然月此前已有的件数，默认 0 (pieces earlier this month)',
    )
    .option('--delivered <date>', 'fee-notice：申请人收到通知之日 (delivered on)')
    .option('--outcome <wording>', 'decided：办理结果，如 予以公开、部分公开、本机关不掌握相关政府信息')
    .option('--by <staff>', '记录人 (who records it)；默认 cli:<用户名>')
    .option('--reason <text>', '理由或说明 (reason)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (
        id: string,
        eventName: string,
        options: EventOptions & {
          on: string;
          by?: string;
          reason?: string;
          json?: boolean;
          database?: string;
        },
      ) => {
        const typedId = nonEmpty(id, '申请编号');
        const kind = eventKindOf(eventName);
        const reason = options.reason?.trim();
        const actor = cliOperator(options.by === undefined ? undefined : nonEmpty(options.by, '--by'));
        // Every option is checked before the database is opened (and, for SQLite, created).
        const input = buildEvent(kind, options, {
          at: parseDateOption(options.on, '--on'),
          ...(reason ? { reason } : {}),
        });
        const { recorded, view } = await withLedger(
          databaseUrl(options.database),
          'write',
          async (storage) => {
            const resolved = await resolveRequestId(storage, typedId);
            if (!resolved.ok) throw refused(resolved.error);
            const recorded = await recordRequestEvent(storage, actor, resolved.value, input);
            if (!recorded.ok) throw refused(recorded.error);
            const viewed = await viewRequest(storage, actor, resolved.value);
            if (!viewed.ok) throw refused(viewed.error);
            return { recorded: recorded.value, view: viewed.value };
          },
        );
        io.stdout(
          options.json
            ? `${JSON.stringify(recordedJson(recorded, view))}\n`
            : `${recordedLines(recorded, view).join('\n')}\n`,
        );
        setExit(EXIT.ok);
      },
    );

  requests
    .command('void')
    .description('作废一条办理记录（更正），原记录保留，状态和期限按其余记录重新计算 (void a recorded event)')
    .argument('<id>', '申请编号，或其开头至少 6 位 (request id, or its first 6+ characters)')
    .argument('<seq>', '要作废的记录序号，见 requests show 的办理记录 (the entry’s number in requests show)')
    .requiredOption('--reason <text>', '作废理由 (why)')
    .option('--by <staff>', '记录人 (who records it)；默认 cli:<用户名>')
    .option(CONFIRM_COMPLETED_YEAR, CONFIRM_COMPLETED_YEAR_HELP)
    .option(
      '--json',
      '以 JSON 输出 {"id","seq","voids","reopened","completedYears"} (machine-readable output)',
    )
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (
        id: string,
        seqText: string,
        options: {
          reason: string;
          by?: string;
          confirmCompletedYear?: boolean;
          json?: boolean;
          database?: string;
        },
      ) => {
        const typedId = nonEmpty(id, '申请编号');
        if (!/^\d+$/.test(seqText.trim()))
          throw new CliFailure(`SEQ ${seqText}: 应为记录序号（正整数）(an entry number)`);
        const seq = Number(seqText);
        const reason = nonEmpty(options.reason, '--reason');
        const actor = cliOperator(options.by === undefined ? undefined : nonEmpty(options.by, '--by'));
        const {
          requestId,
          done: voided,
          view,
        } = await correctThenView(options.database, actor, typedId, (storage, id) =>
          voidRequestEvent(storage, actor, id, seq, reason, {
            confirmCompletedYear: options.confirmCompletedYear === true,
          }),
        );
        io.stdout(
          options.json
            ? `${JSON.stringify({ id: requestId, ...voided })}\n`
            : `已作废第 ${voided.voids} 条（作废记录为第 ${voided.seq} 条）(voided)\n${stateLine(view)}${completedYearsNote(voided.completedYears)}`,
        );
        setExit(EXIT.ok);
      },
    );

  requests
    .command('correct')
    .description(
      '更正申请信息：申请人姓名或名称、类型、渠道、收到申请之日；原值保留在办理记录中 (correct the particulars)',
    )
    .argument('<id>', '申请编号，或其开头至少 6 位 (request id, or its first 6+ characters)')
    .option('--applicant <name>', '更正后的申请人姓名或名称 (applicant)')
    .option('--type <type>', '更正后的申请人类型 (applicant type)')
    .option('--channel <channel>', `更正后的申请渠道：${Object.values(CHANNEL_LABELS).join('、')} (channel)`)
    .option('--received <date>', `更正后的收到申请之日，如 ${DATE_FORMS} (receipt date)`)
    .requiredOption('--reason <text>', '更正理由 (why)')
    .option('--by <staff>', '记录人 (who records it)；默认 cli:<用户名>')
    .option(CONFIRM_COMPLETED_YEAR, CONFIRM_COMPLETED_YEAR_HELP)
    .option('--json', '以 JSON 输出 {"id","seq","changes","completedYears"} (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (
        id: string,
        options: {
          applicant?: string;
          type?: string;
          channel?: string;
          received?: string;
          reason: string;
          by?: string;
          confirmCompletedYear?: boolean;
          json?: boolean;
          database?: string;
        },
      ) => {
        const typedId = nonEmpty(id, '申请编号');
        const wanted: Partial<RequestParticulars> = {
          ...(options.applicant === undefined
            ? {}
            : { applicantName: nonEmpty(options.applicant, '--applicant') }),
          ...(options.type === undefined ? {} : { applicantKind: parseApplicantKind(options.type) }),
          ...(options.channel === undefined ? {} : { channel: parseChannel(options.channel) }),
          ...(options.received === undefined
            ? {}
            : { receivedOn: parseDateOption(options.received, '--received') }),
        };
        if (Object.keys(wanted).length === 0)
          throw new CliFailure(
            '请至少给出 --applicant、--type、--channel、--received 之一 (give at least one field to correct)',
          );
        const reason = nonEmpty(options.reason, '--reason');
        const actor = cliOperator(options.by === undefined ? undefined : nonEmpty(options.by, '--by'));
        const {
          requestId,
          done: corrected,
          view,
        } = await correctThenView(options.database, actor, typedId, (storage, id) =>
          correctParticulars(storage, actor, id, wanted, reason, {
            confirmCompletedYear: options.confirmCompletedYear === true,
          }),
        );
        io.stdout(
          options.json
            ? `${JSON.stringify({ id: requestId, ...corrected })}\n`
            : `已更正（第 ${corrected.seq} 条）(corrected)：${changesText(corrected.changes)}\n${stateLine(view)}${completedYearsNote(corrected.completedYears)}`,
        );
        setExit(EXIT.ok);
      },
    );

  requests
    .command('show')
    .description('显示一件申请：状态、答复期限及其计算、办理记录 (show a request, its due date explained)')
    .argument('<id>', '申请编号，或其开头至少 6 位 (request id, or its first 6+ characters)')
    .option('--as-of <date>', '查询日期，默认今天（北京时间）(the day to show it as of; default today)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(async (id: string, options: { asOf?: string; json?: boolean; database?: string }) => {
      const asOf = options.asOf === undefined ? undefined : parseDateOption(options.asOf, '--as-of');
      const viewed = await withLedger(databaseUrl(options.database), 'read', async (storage) => {
        const resolved = await resolveRequestId(storage, nonEmpty(id, '申请编号'));
        if (!resolved.ok) return resolved;
        return viewRequest(storage, cliOperator(), resolved.value, asOf === undefined ? {} : { asOf });
      });
      if (!viewed.ok) throw refused(viewed.error);
      const warning = unknownYearsWarning(viewed.value.status.unknownYears);
      if (warning) io.stderr(`警告 (warning): ${warning}\n`);
      io.stdout(
        options.json
          ? `${JSON.stringify(viewJson(viewed.value), null, 2)}\n`
          : `${viewLines(viewed.value).join('\n')}\n`,
      );
      setExit(EXIT.ok);
    });

  requests
    .command('list')
    .description('列出机关（含下级机关）的申请及答复期限 (list an agency’s requests with their due dates)')
    .requiredOption('--agency <id>', '机关编号 (agency id)')
    .option('--open', '只列未办结的申请，按答复期限排序，已逾期的在前 (open requests by due date)')
    .option('--year <year>', '只列该年收到的申请 (only requests received in that year)')
    .option('--as-of <date>', '查询日期，默认今天（北京时间）(the day to list them as of; default today)')
    .option('--json', '以 JSON 输出 (machine-readable output)')
    .option(DATABASE_FLAGS, DATABASE_HELP)
    .action(
      async (options: {
        agency: string;
        open?: boolean;
        year?: string;
        asOf?: string;
        json?: boolean;
        database?: string;
      }) => {
        const agencyId = parseId(options.agency, '--agency');
        const asOf = options.asOf === undefined ? undefined : parseDateOption(options.asOf, '--as-of');
        const year = options.year === undefined ? undefined : parseYear(options.year);
        const listed = await withLedger(databaseUrl(options.database), 'read', (storage) =>
          listRequests(storage, cliOperator(), agencyId, {
            open: options.open === true,
            ...(asOf ? { asOf } : {}),
            ...(year === undefined ? {} : { year }),
          }),
        );
        if (!listed.ok) throw refused(listed.error);
        const list = listed.value;
        for (const x of list.excluded)
          io.stderr(`警告 (warning): ${x.id} 未列出 (left out): ${x.refusal.message}\n`);
        const years = [
          ...new Set(list.lines.flatMap((x) => (x.status.closedOn ? [] : x.status.unknownYears))),
        ];
        const warning = unknownYearsWarning(years.sort());
        if (warning) io.stderr(`警告 (warning): ${warning}\n`);
        if (options.json) {
          io.stdout(`${JSON.stringify(listJson(list), null, 2)}\n`);
        } else {
          for (const x of list.lines) io.stdout(`${listLine(x)}\n`);
          const overdue = list.lines.filter((x) => x.status.overdue).length;
          const scope =
            list.agencyIds.length > 1
              ? `${list.agency.name}及下级机关（${list.agencyIds.length} 个机关）`
              : list.agency.name;
          io.stderr(
            `${scope}，截至 ${list.asOf}：${list.open ? '未办结' : '共'} ${list.lines.length} 件，其中已逾期 ${overdue} 件 (requests, overdue)\n`,
          );
        }
        setExit(EXIT.ok);
      },
    );
}
