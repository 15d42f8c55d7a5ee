/**
 * @module 政府信息公开申请 (DisclosureRequest): who applies, what for, in what form, by which channel,
 * and the receipt date (收到申请之日) that starts every clock, derived by the rule of Art. 31 from the
 * dates the intake records. The request itself never changes; what happens to it is the event log.
 */
import type { LocalDate } from '../calendar/local-date.js';
import type { RequestColumnKey } from '../report/labels.js';
import { hasControlCharacters } from '../shared/plain-text.js';
import { refuse } from './refusals.js';
import { err, ok, type Result } from './result.js';

/** 申请人情况: the six applicant columns of section 三 (自然人, and the five kinds of 法人或其他组织). */
export type ApplicantKind = Exclude<RequestColumnKey, 'total'>;

export const APPLICANT_KIND_LABELS: Readonly<Record<ApplicantKind, string>> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  publicInterest: '社会公益组织',
  legalService: '法律服务机构',
  other: '其他',
};

/** Art. 29(1): name, 身份证明 and contact details. */
export interface Applicant {
  readonly kind: ApplicantKind;
  readonly name: string;
  /** 身份证明: for a person an ID document, for an organisation e.g. its 统一社会信用代码. */
  readonly idDocument?: { readonly type: string; readonly number: string };
  readonly contact: {
    readonly phone?: string;
    readonly email?: string;
    readonly address?: string;
    readonly postcode?: string;
  };
}

/** Art. 29(2): the name, document number or other description that identifies the information. */
export interface RequestedContent {
  readonly description: string;
  readonly titles?: readonly string[];
  /** 文号, e.g. 国办函〔2020〕109号 */
  readonly documentNumbers?: readonly string[];
}

/** Art. 29(3): the form asked for (载体形式) and how it is to be obtained (获取方式、途径). */
export interface RequestedForm {
  readonly medium: 'paper' | 'electronic' | 'inspection' | 'other';
  readonly delivery: 'collect' | 'post' | 'email' | 'fax' | 'online' | 'other';
  readonly note?: string;
}

/** 申请渠道 as Art. 31 distinguishes them (e-mail is taken as an internet channel). */
export type Channel = 'inPerson' | 'postSigned' | 'postOrdinary' | 'online' | 'fax' | 'email';

/** The dates the intake records, by channel; which of them is the receipt date is Art. 31's rule. */
export type Intake =
  /** 当面提交: the day it is handed in. */
  | { readonly channel: 'inPerson'; readonly submittedOn: LocalDate }
  /** 邮寄需签收: the day the agency signs for it. */
  | { readonly channel: 'postSigned'; readonly signedForOn: LocalDate }
  /** 平常信函 (no signature): the office confirms with the applicant on arrival; the confirmation counts. */
  | {
      readonly channel: 'postOrdinary';
      readonly arrivedOn: LocalDate;
      readonly confirmedWithApplicantOn?: LocalDate;
    }
  /** 互联网渠道 or the office's fax: the day both sides confirm. */
  | {
      readonly channel: 'online' | 'fax' | 'email';
      readonly arrivedOn: LocalDate;
      readonly bothSidesConfirmedOn?: LocalDate;
    };

/** 申请渠道 in words, as a register or a form names them. */
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  inPerson: '当面',
  postSigned: '邮寄（签收）',
  postOrdinary: '平信',
  online: '网上',
  fax: '传真',
  email: '电子邮件',
};

/**
 * The intake a form records for a request whose receipt date (收到申请之日, Art. 31) is `received`: the
 * day it was handed in, signed for, or, for a letter or an online, fax or e-mail request, confirmed.
 * Those last channels also keep the day it arrived (`arrived`, default the same day); Art. 31 counts
 * from the confirmation, so the arrival is kept for the record, never for the clock.
 */
export function intakeOf(channel: Channel, received: LocalDate, arrived?: LocalDate): Result<Intake> {
  if (arrived !== undefined && (channel === 'inPerson' || channel === 'postSigned'))
    return err(refuse('intake.arrival-not-kept'));
  if (arrived !== undefined && arrived > received)
    return err(refuse('intake.date-order', `${arrived} > ${received}`));
  switch (channel) {
    case 'inPerson':
      return ok({ channel, submittedOn: received });
    case 'postSigned':
      return ok({ channel, signedForOn: received });
    case 'postOrdinary':
      return ok({ channel, arrivedOn: arrived ?? received, confirmedWithApplicantOn: received });
    default:
      return ok({ channel, arrivedOn: arrived ?? received, bothSidesConfirmedOn: received });
  }
}

/**
 * The earliest receipt date the ledger takes: the day the first Regulation took effect (2008-05-01;
 * the 2019 revision kept the register's history). An older date is a typing mistake.
 */
export const EARLIEST_RECEIPT: LocalDate = '2008-05-01' as LocalDate;

/**
 * A request as it may enter the ledger now (by hand, on the portal, through the API): a receipt date
 * not before EARLIEST_RECEIPT, a name, and plain text — a control or bidi character in a name could
 * forge a line of a listing. Not applied to what is stored already, which is read as it was written.
 */
export function checkNewRequest(request: DisclosureRequest): Result<DisclosureRequest> {
  if (request.receivedOn < EARLIEST_RECEIPT)
    return err(refuse('intake.receipt-too-early', request.receivedOn));
  if (!request.applicant.name.trim()) return err(refuse('intake.name-empty'));
  if (
    hasControlCharacters(request.applicant.name) ||
    hasControlCharacters(request.content.description, { lines: true })
  )
    return err(refuse('intake.control-characters'));
  return ok(request);
}

/** 收到申请之日 (Art. 31): the day the clock starts, day zero of every period. */
export function receiptDate(intake: Intake): Result<LocalDate> {
  switch (intake.channel) {
    case 'inPerson':
      return ok(intake.submittedOn);
    case 'postSigned':
      return ok(intake.signedForOn);
    case 'postOrdinary':
      return confirmed(intake.arrivedOn, intake.confirmedWithApplicantOn);
    case 'online':
    case 'fax':
    case 'email':
      return confirmed(intake.arrivedOn, intake.bothSidesConfirmedOn);
  }
}

function confirmed(arrivedOn: LocalDate, confirmedOn: LocalDate | undefined): Result<LocalDate> {
  if (confirmedOn === undefined) return err(refuse('intake.unconfirmed', `到达 ${arrivedOn}`));
  if (confirmedOn < arrivedOn)
    return err(refuse('intake.date-order', `到达 ${arrivedOn}，确认 ${confirmedOn}`));
  return ok(confirmedOn);
}

/** What the intake form gives; `registerRequest` adds the receipt date. */
export interface RequestDraft {
  readonly id: string;
  readonly agencyId: string;
  readonly applicant: Applicant;
  readonly content: RequestedContent;
  readonly requestedForm: RequestedForm;
  readonly intake: Intake;
}

/** 政府信息公开申请 */
export interface DisclosureRequest extends RequestDraft {
  /** Derived from `intake` by Art. 31 in `registerRequest`; never entered by hand. */
  readonly receivedOn: LocalDate;
}

/** Registers a request once its receipt date is settled (Art. 31); storage re-runs it when loading. */
export function registerRequest(draft: RequestDraft): Result<DisclosureRequest> {
  const received = receiptDate(draft.intake);
  return received.ok ? ok({ ...draft, receivedOn: received.value }) : received;
}
