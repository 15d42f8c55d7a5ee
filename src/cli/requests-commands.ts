/**
 * @module `gongkai requests add|record|show|list`: one request entered by hand (收到申请), what happens
 * to it recorded event by event (each checked by the domain's transition rules), one request shown with
 * its reply due date explained and its history, and an agency's requests as a deadline dashboard. The
 * ledger decides and keeps; this file parses options and prints. The command line is a contract
 * (docs/cli.md).
 */
import type { Command } from 'commander';
import type { LocalDate } from '../domain/calendar/local-date.js';
import { EVENT_LABELS } from '../domain/requests/events.js';
import type { Channel, Intake } from '../domain/requests/request.js';
import {
  applicantKindOfWording,
  CHANNEL_LABELS,
  type EarlierPieces,
  intakeRequest,
  listRequests,
  piecesEarlierThisMonth,
  recordRequestEvent,
  resolveRequestId,
  unknownYearsWarning,
  viewRequest,
} from '../ledger/index.js';
import { loadCalendar } from '../storage/index.js';
import { CliFailure, type CliIo, EXIT } from './cli-io.js';
import {
  DATE_FORMS,
  fold,
  nonEmpty,
  parseDateOption,
  parseId,
  parseYear,
  type SetExit,
} from './cli-options.js';
import {
  cliActor,
  DATABASE_FLAGS,
  DATABASE_HELP,
  databaseUrl,
  refused,
  withLedger,
} from './ledger-commands.js';
import {
  assessedFee,
  buildEvent,
  EVENT_COMMANDS,
  type EventOptions,
  earlierText,
  eventKindOf,
  FREE_PIECES_A_MONTH,
  RECORDABLE,
} from './request-event-options.js';
import { closedText, dueText, listLine, statusJson, viewJson, viewLines } from './request-view-text.js';
import { requestsCommand } from './requests-import-command.js';

/** 申请渠道 by its stored name (CHANNEL_LABELS); 邮寄 alone is a signed-for letter (Art. 31). */
const CHANNELS = new Map<string, Channel>([
  ...(Object.entries(CHANNEL_LABELS) as [Channel, string][]).map(
    ([key, label]) => [fold(label), key] as const,
  ),
  ['邮寄', 'postSigned'],
]);

function parseChannel(text: string): Channel {
  const channel = CHANNELS.get(fold(text));
  if (!channel)
    throw new CliFailure(
      `--channel ${text}: 未知的申请渠道，可选 ${Object.values(CHANNEL_LABELS).join('、')} (unknown channel)`,
    );
  return channel;
}

/**
 * The intake form for a request whose receipt date (收到申请之日, Art. 31) is `received`: the day it
 * was handed in, signed for, or, for a letter or an online, fax or e-mail request, confirmed. Those
 * last channels also record the day it arrived (`arrived`, default the same day); Art. 31 counts from
 * the confirmation, so the arrival is kept for the record, never for the clock.
 */
function intakeOf(channel: Channel, received: LocalDate, arrived?: LocalDate): Intake {
  if (arrived !== undefined && (channel === 'inPerson' || channel === 'postSigned'))
    throw new CliFailure(
      '--arrived 只用于平信、网上、传真和电子邮件申请：当面提交和邮寄签收以收到之日为准 (--arrived is for letters and online, fax or e-mail requests)',
    );
  if (arrived !== undefined && arrived > received)
    throw new CliFailure(
      `--arrived ${arrived} 晚于 --received ${received}：确认收到不能早于到达 (confirmed before it arrived)`,
    );
  switch (channel) {
    case 'inPerson':
      return { channel, submittedOn: received };
    case 'postSigned':
      return { channel, signedForOn: received };
    case 'postOrdinary':
      return { channel, arrivedOn: arrived ?? received, confirmedWithApplicantOn: received };
    default:
      return { channel, arrivedOn: arrived ?? received, bothSidesConfirmedOn: received };
  }
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
        const kind = applicantKindOfWording(options.type);
        if (!kind.ok) throw new CliFailure(`--type ${options.type}: ${kind.reason}`);
        const content = nonEmpty(options.content, '--content');
        const received = parseDateOption(options.received, '--received');
        const channel = options.channel === undefined ? 'inPerson' : parseChannel(options.channel);
        const arrived =
          options.arrived === undefined ? undefined : parseDateOption(options.arrived, '--arrived');
        const intake = intakeOf(channel, received, arrived);
        const ref = options.ref === undefined ? undefined : nonEmpty(options.ref, '--ref');
        const by = options.by === undefined ? cliActor() : nonEmpty(options.by, '--by');
        const result = await withLedger(databaseUrl(options.database), 'write', (storage) =>
          intakeRequest(storage, {
            agencyId,
            applicant: { kind: kind.value, name, contact: {} },
            content: { description: content },
            requestedForm: { medium: 'other', delivery: 'other' },
            intake,
            by,
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
        const base = {
          at: parseDateOption(options.on, '--on'),
          by: options.by === undefined ? cliActor() : nonEmpty(options.by, '--by'),
          ...(reason ? { reason } : {}),
        };
        // 按件计收 without --earlier: the ledger counts the applicant's 件 this month (《办法》第四条).
        const countsEarlier =
          kind === 'FeeNoticeSent' && options.pieces !== undefined && options.earlier === undefined;
        // Every option is checked before the database is opened (and, for SQLite, created). The count
        // the ledger will give is not known yet: the check takes the month's free 件 as used, so that
        // it judges the options, not the amount.
        buildEvent(
          kind,
          countsEarlier ? { ...options, earlier: String(FREE_PIECES_A_MONTH) } : options,
          base,
        );
        const done = await withLedger(databaseUrl(options.database), 'write', async (storage) => {
          const resolved = await resolveRequestId(storage, typedId);
          if (!resolved.ok) throw refused(resolved.error);
          const requestId = resolved.value;
          let eventOptions = options;
          let counted: EarlierPieces | undefined;
          if (countsEarlier) {
            const earlier = await piecesEarlierThisMonth(storage, requestId);
            if (!earlier.ok) throw refused(earlier.error);
            counted = earlier.value;
            eventOptions = { ...options, earlier: String(counted.pieces) };
          }
          const event = buildEvent(kind, eventOptions, base);
          const assessed =
            event.kind === 'FeeNoticeSent' ? assessedFee(eventOptions, event.method) : undefined;
          const calendar = await loadCalendar(storage);
          const recorded = await recordRequestEvent(storage, requestId, event, { calendar });
          if (!recorded.ok) throw refused(recorded.error);
          const viewed = await viewRequest(storage, requestId, { calendar });
          if (!viewed.ok) throw refused(viewed.error);
          return { seq: recorded.value.seq, view: viewed.value, event, assessed, counted };
        });
        const { seq, view, event, assessed, counted } = done;
        if (options.json)
          io.stdout(
            `${JSON.stringify({
              id: view.id,
              seq,
              kind,
              at: event.at,
              state: view.status.state,
              stateLabel: view.stateLabel,
              dueDate: view.status.dueDate ?? null,
            })}\n`,
          );
        else
          io.stdout(
            `已记录 (recorded)：${event.at} ${EVENT_LABELS[kind]}（第 ${seq} 条）\n${
              counted ? `${earlierText(counted)}\n` : ''
            }${
              assessed ? `收费金额 (fee)：${assessed.on}，${assessed.fee.explanation.join('；')}\n` : ''
            }状态（截至 ${view.asOf}）(state)：${view.stateLabel}；${view.status.closedOn ? closedText(view) : dueText(view)}\n`,
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
        return viewRequest(storage, resolved.value, asOf === undefined ? {} : { asOf });
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
          listRequests(storage, agencyId, {
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
          io.stdout(
            `${JSON.stringify(
              {
                agency: list.agency,
                agencies: list.agencyIds,
                asOf: list.asOf,
                open: list.open,
                requests: list.lines.map((x) => ({
                  id: x.id,
                  agencyId: x.agencyId,
                  agencyName: x.agencyName,
                  receivedOn: x.receivedOn,
                  applicant: { name: x.applicantName, kind: x.applicantKind, type: x.applicantType },
                  ...statusJson(x),
                })),
                excluded: list.excluded.map((x) => ({ id: x.id, reason: x.refusal.message })),
              },
              null,
              2,
            )}\n`,
          );
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
