/**
 * @module The demo county (演示数据) that `gongkai serve --demo` loads into an empty database, so that a
 * newcomer has something realistic to look around in: 示范县 (a county that does not exist) with its
 * townships, streets and departments, users of every role, a few hundred 政府信息公开申请 received from
 * 1 January of last year up to today in every state the ledger knows (办理中 on time, due soon and
 * overdue, 等待补正, paused for a consultation or a fee, extended, 已答复 with a spread of outcomes,
 * 不再处理, 已撤回), and a handful of 行政复议 and 行政诉讼 cases.
 *
 * Everything is written through the use cases (addAgency, createUser, intakeRequest,
 * recordRequestEvent, addCase, closeCase), so the demo holds only what the domain accepts, audited as
 * any other write. Histories are drawn from a seeded generator (the same `now` gives the same data,
 * ids included) and dated by the working-day calendar so that the rules accept them; an event the
 * rules refuse all the same is skipped and counted (`refused`), never allowed to abort the load.
 * The whole load is one transaction: it commits together, or nothing is written.
 */

import { Document, Packer, Paragraph } from 'docx';
import { createUser } from '../accounts/index.js';
import {
  addColumn,
  agencyColumns,
  attachFile,
  draftItem,
  publishGuide,
  publishItem,
  publishRules,
  renameColumn,
  retireColumn,
} from '../catalogue/index.js';
import { type Actor, ROLE_LABELS, systemActor } from '../domain/access/policy.js';
import { addDays, type LocalDate, localDate } from '../domain/calendar/local-date.js';
import { addWorkingDays, isWorkingDay, type WorkingCalendar } from '../domain/calendar/working-days.js';
import { ATTACHMENT_TYPES } from '../domain/catalogue/attachment.js';
import type { DisclosureGuide } from '../domain/portal/guide.js';
import type { DisclosureRules } from '../domain/portal/rules.js';
import { feePayBy } from '../domain/requests/deadline.js';
import type { OutcomeKind } from '../domain/requests/outcomes.js';
import { REGULATION_2019 } from '../domain/requests/policy.js';
import type { Applicant, ApplicantKind, Channel, RequestedForm } from '../domain/requests/request.js';
import {
  addAgency,
  addCase,
  closeCase,
  type EventInput,
  intakeRequest,
  recordRequestEvent,
  todayInChina,
} from '../ledger/index.js';
import { loadCalendar, type Storage } from '../storage/index.js';
import {
  COMMUNITIES,
  CONTENTS,
  CORRECTION_ITEMS,
  DEMO_AGENCIES,
  DEMO_COLUMN_CHANGES,
  DEMO_ITEMS,
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoAgency,
  EXTENSION_REASONS,
  GIVEN_NAMES,
  ORGANISATIONS,
  OTHER_AGENCIES,
  PROJECTS,
  ROADS,
  SURNAMES,
  THIRD_PARTIES,
  VILLAGES,
  WITHDRAWAL_REASONS,
} from './texts.js';

export { DEMO_PASSWORD } from './texts.js';

/** An event, an intake or a case the rules turned away during the load (skipped, the load went on). */
export interface DemoRefusal {
  readonly requestId: string;
  /** The event kind, 'intake', or 'case'. */
  readonly what: string;
  readonly code: string;
  readonly message: string;
}

export interface DemoSummary {
  /** For the console, Chinese first: a header with the password, then 用户名、角色、机关 per user. */
  readonly logins: readonly string[];
  /** 示范县人民政府: the root of the demo's agencies. */
  readonly countyId: number;
  readonly agencyIds: readonly number[];
  readonly requests: number;
  readonly events: number;
  readonly cases: number;
  readonly refused: readonly DemoRefusal[];
  /** How long the load took (wall clock). */
  readonly elapsedMs: number;
}

/**
 * The seed of the generator: the day the revised Regulation (国务院令第711号) took effect. Fixed, so
 * that the data depends on `now` alone.
 */
const SEED = 20190515;

/** Requests whose whole history is drawn first and cut at today (most of them closed by then). */
const LIVES = 270;

// ── a seeded generator ───────────────────────────────────────────────────────────────────────────

/** mulberry32: small, fast and good enough for demo data; Math.random would differ on every start. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  /** From `low` to `high`, both included. */
  const between = (low: number, high: number): number => low + int(high - low + 1);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number): boolean => next() < p;
  /** One key, each as likely as its weight. */
  const weighted = <K extends string>(weights: Readonly<Record<K, number>>): K => {
    const entries = Object.entries(weights) as [K, number][];
    let left = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) {
      left -= w;
      if (left < 0) return key;
    }
    return entries[entries.length - 1]![0];
  };
  /** A version-4 UUID from the generator's bits, so that ids repeat with the data. */
  const uuid = (): string => {
    const bytes = Array.from({ length: 16 }, () => int(256));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  return { int, between, pick, chance, weighted, uuid };
}
type Rng = ReturnType<typeof generator>;

// ── dates ────────────────────────────────────────────────────────────────────────────────────────

/** Working days as the Regulation counts them (day zero not counted). */
interface Days {
  /** `n` working days after `date`. */
  after(date: LocalDate, n: number): LocalDate;
  /** The working day from which `date` lies `n` working days on (so `after(before(d, n), n)` ≥ d). */
  before(date: LocalDate, n: number): LocalDate;
  readonly calendar: WorkingCalendar;
}

function workingDays(calendar: WorkingCalendar): Days {
  return {
    calendar,
    after: (date, n) => addWorkingDays(calendar, date, n).date,
    before: (date, n) => {
      let day = date;
      for (let counted = 0; counted < n; ) {
        day = addDays(day, -1);
        if (isWorkingDay(calendar, day)) counted++;
      }
      return day;
    },
  };
}

// ── what a request is and what happens to it ─────────────────────────────────────────────────────

/** Who records an event: an extension and a decision are the approver's (Art. 33, POLICY), the rest the handler's. */
interface Step {
  readonly by: 'handler' | 'approver';
  readonly input: EventInput;
}

interface PlacedAgency extends DemoAgency {
  readonly id: number;
  readonly handler: string;
  readonly approver: { readonly name: string; readonly displayName: string };
}

interface Plan {
  readonly id: string;
  readonly agency: PlacedAgency;
  readonly applicant: Applicant;
  readonly content: string;
  readonly channel: Channel;
  readonly requestedForm: RequestedForm;
  readonly receivedOn: LocalDate;
  readonly arrivedOn?: LocalDate;
  readonly steps: readonly Step[];
}

/**
 * The outcomes of an ordinary 答复 (OUTCOMES without byEvent), weighted roughly as county reports show
 * them: most granted, a fair share not held, few of each ground for refusal.
 */
const DECISION_WEIGHTS: Readonly<Partial<Record<OutcomeKind, number>>> = {
  disclosed: 38,
  alreadyPublic: 10,
  partial: 12,
  notHeld: 12,
  notThisAgency: 5,
  needsCreation: 4,
  process: 3,
  thirdParty: 3,
  internal: 2,
  enforcementFile: 1,
  stateSecret: 1,
  lawForbidden: 1,
  security: 1,
  inquiry: 2,
  complaint: 2,
  repeated: 2,
  publication: 1,
  excessive: 1,
  confirmation: 1,
  other: 1,
};

/** 申请人情况: mostly 自然人, as in every county's section 三. */
const APPLICANT_WEIGHTS: Readonly<Record<ApplicantKind, number>> = {
  natural: 72,
  commercial: 12,
  legalService: 6,
  research: 2,
  publicInterest: 3,
  other: 5,
};

/** 申请渠道: 网上 first, then 当面 and 邮寄; fax is rare. */
const CHANNEL_WEIGHTS: Readonly<Record<Channel, number>> = {
  online: 45,
  inPerson: 18,
  postSigned: 15,
  postOrdinary: 5,
  email: 14,
  fax: 3,
};

/** The form asked for, as the channel suggests (Art. 29(3)). */
const FORM_OF_CHANNEL: Readonly<Record<Channel, RequestedForm>> = {
  online: { medium: 'electronic', delivery: 'online' },
  email: { medium: 'electronic', delivery: 'email' },
  fax: { medium: 'paper', delivery: 'fax' },
  inPerson: { medium: 'paper', delivery: 'collect' },
  postSigned: { medium: 'paper', delivery: 'post' },
  postOrdinary: { medium: 'paper', delivery: 'post' },
};

/** Outcomes a 复议 or 诉讼 is plausibly brought against. */
const CONTESTED: ReadonlySet<OutcomeKind> = new Set<OutcomeKind>([
  'partial',
  'notHeld',
  'notThisAgency',
  'process',
  'thirdParty',
  'internal',
  'enforcementFile',
  'needsCreation',
  'inquiry',
]);

/** How a history drawn for a request goes (before it is cut at today). */
const LIFE_WEIGHTS = {
  decided: 52,
  corrected: 8,
  extended: 8,
  thirdParty: 5,
  agencyConsulted: 3,
  feePaid: 3,
  correctionLapsed: 4,
  feeLapsed: 2,
  withdrawn: 6,
} as const;
type Life = keyof typeof LIFE_WEIGHTS;

const handled = (input: EventInput): Step => ({ by: 'handler', input });
const approved = (input: EventInput): Step => ({ by: 'approver', input });

/** The steps of one history from the receipt date `r`, dated by the working-day calendar. */
function historyOf(life: Life, r: LocalDate, rng: Rng, days: Days, approver: string): Step[] {
  const decision = (): OutcomeKind => rng.weighted(DECISION_WEIGHTS as Record<OutcomeKind, number>);
  const decided = (at: LocalDate, outcome: OutcomeKind = decision()): Step =>
    approved({ kind: 'Decided', at, outcome });
  const correction = (): { steps: Step[]; at: LocalDate; dueBy: LocalDate } => {
    // Art. 30: asked once, within 7 working days of receipt, with a reasonable deadline.
    const at = days.after(r, rng.between(1, 6));
    const dueBy = days.after(at, 15);
    return {
      steps: [handled({ kind: 'CorrectionRequested', at, items: rng.pick(CORRECTION_ITEMS), dueBy })],
      at,
      dueBy,
    };
  };
  const feeNotice = (): { step: Step; at: LocalDate; deliveredOn: LocalDate } => {
    const at = days.after(r, rng.between(5, 12));
    const deliveredOn = days.after(at, rng.between(0, 3));
    const pages = rng.pick([60, 90, 120, 150]);
    return {
      // The ledger assesses the amount from the pages (《政府信息公开信息处理费管理办法》第五条).
      step: handled({ kind: 'FeeNoticeSent', at, method: 'perVolume', pages, deliveredOn }),
      at,
      deliveredOn,
    };
  };
  switch (life) {
    case 'decided': {
      // Most within the 20 working days of Art. 33; a few late, as happens.
      const k = rng.chance(0.04) ? rng.between(21, 26) : rng.between(2, 19);
      return [decided(days.after(r, k))];
    }
    case 'corrected': {
      const asked = correction();
      const received = days.after(asked.at, rng.between(1, 12));
      const outcome = rng.chance(0.2) ? 'unclearAfterCorrection' : decision();
      return [
        ...asked.steps,
        handled({ kind: 'CorrectionReceived', at: received }),
        decided(days.after(received, rng.between(3, 18)), outcome),
      ];
    }
    case 'extended': {
      // Art. 33: before the 20 working days run out, at most 20 more, with the head's consent.
      const at = days.after(r, rng.between(14, 19));
      const workingDays = rng.pick([10, 15, 20]);
      return [
        approved({ kind: 'Extended', at, workingDays, approver, reason: rng.pick(EXTENSION_REASONS) }),
        decided(days.after(r, rng.between(21, 20 + workingDays))),
      ];
    }
    case 'thirdParty': {
      const from = days.after(r, rng.between(3, 9));
      const to = days.after(from, rng.between(4, 15));
      return [
        handled({ kind: 'ThirdPartyConsultationStarted', at: from, thirdParty: rng.pick(THIRD_PARTIES) }),
        handled({ kind: 'ThirdPartyConsultationEnded', at: to }),
        decided(days.after(to, rng.between(2, 8)), rng.pick(['thirdParty', 'partial', 'disclosed'])),
      ];
    }
    case 'agencyConsulted': {
      const from = days.after(r, rng.between(3, 9));
      const to = days.after(from, rng.between(3, 12));
      return [
        handled({ kind: 'AgencyConsultationStarted', at: from, agency: rng.pick(OTHER_AGENCIES) }),
        handled({ kind: 'AgencyConsultationEnded', at: to }),
        decided(days.after(to, rng.between(2, 8)), rng.pick(['disclosed', 'partial', 'process'])),
      ];
    }
    case 'feePaid': {
      const notice = feeNotice();
      const paid = days.after(notice.deliveredOn, rng.between(2, 12));
      return [
        notice.step,
        handled({ kind: 'FeePaid', at: paid }),
        decided(days.after(paid, rng.between(2, 6)), 'disclosed'),
      ];
    }
    case 'correctionLapsed': {
      const asked = correction();
      return [
        ...asked.steps,
        handled({ kind: 'CorrectionLapsed', at: days.after(asked.dueBy, rng.between(1, 5)) }),
      ];
    }
    case 'feeLapsed': {
      const notice = feeNotice();
      const payBy = feePayBy(days.calendar, notice.deliveredOn, REGULATION_2019);
      return [notice.step, handled({ kind: 'FeeLapsed', at: days.after(payBy, rng.between(1, 4)) })];
    }
    case 'withdrawn': {
      const reason = rng.pick(WITHDRAWAL_REASONS);
      if (rng.chance(0.6))
        return [handled({ kind: 'Withdrawn', at: days.after(r, rng.between(1, 15)), reason })];
      // Withdrawn while the applicant was asked to correct: they gave up instead.
      const asked = correction();
      return [
        ...asked.steps,
        handled({ kind: 'Withdrawn', at: days.after(asked.at, rng.between(1, 10)), reason }),
      ];
    }
  }
}

/** Requests open on today by design, so that every open state and every urgency is there to see. */
const OPEN_COUNTS = {
  onTime: 14,
  dueSoon: 7,
  overdue: 6,
  extendedOpen: 4,
  awaitingCorrection: 7,
  consultingThirdParty: 4,
  consultingAgency: 2,
  awaitingPayment: 3,
} as const;
type OpenKind = keyof typeof OPEN_COUNTS;

/**
 * The receipt date and the steps of a request open on `today`. With r = before(today, n), today is
 * (about) n working days after r, and the 20-day reply period ends 20 − n working days from today:
 * n ≤ 14 is on time, 18 ≤ n ≤ 20 due within 3 working days, n ≥ 22 overdue, whatever the weekday.
 */
function openHistory(
  kind: OpenKind,
  today: LocalDate,
  rng: Rng,
  days: Days,
  approver: string,
): { receivedOn: LocalDate; steps: Step[] } {
  switch (kind) {
    case 'onTime':
      return { receivedOn: days.before(today, rng.between(1, 14)), steps: [] };
    case 'dueSoon':
      return { receivedOn: days.before(today, rng.between(18, 20)), steps: [] };
    case 'overdue':
      return { receivedOn: days.before(today, rng.between(22, 32)), steps: [] };
    case 'extendedOpen': {
      const r = days.before(today, rng.between(21, 32));
      const at = days.after(r, rng.between(15, 19));
      const step = approved({
        kind: 'Extended',
        at,
        workingDays: rng.pick([15, 20]),
        approver,
        reason: rng.pick(EXTENSION_REASONS),
      });
      return { receivedOn: r, steps: [step] };
    }
    case 'awaitingCorrection': {
      const n = rng.between(2, 24);
      const r = days.before(today, n);
      const at = days.after(r, rng.between(1, Math.min(6, n - 1)));
      // Some deadlines already passed: the inbox then offers to record 逾期未补正.
      const dueBy = days.after(at, rng.pick([10, 15]));
      return {
        receivedOn: r,
        steps: [handled({ kind: 'CorrectionRequested', at, items: rng.pick(CORRECTION_ITEMS), dueBy })],
      };
    }
    case 'consultingThirdParty':
    case 'consultingAgency': {
      // Started within the other side's 15 working days, so the pause still runs today (Arts. 32, 34).
      const from = days.before(today, rng.between(1, 12));
      const r = days.before(from, rng.between(3, 9));
      const step =
        kind === 'consultingThirdParty'
          ? handled({ kind: 'ThirdPartyConsultationStarted', at: from, thirdParty: rng.pick(THIRD_PARTIES) })
          : handled({ kind: 'AgencyConsultationStarted', at: from, agency: rng.pick(OTHER_AGENCIES) });
      return { receivedOn: r, steps: [step] };
    }
    case 'awaitingPayment': {
      const at = days.before(today, rng.between(1, 15));
      const r = days.before(at, rng.between(4, 12));
      const pages = rng.pick([60, 120, 150]);
      return {
        receivedOn: r,
        steps: [handled({ kind: 'FeeNoticeSent', at, method: 'perVolume', pages })],
      };
    }
  }
}

// ── applicants and contents ──────────────────────────────────────────────────────────────────────

/** A phone number nobody has: the middle digits masked, as registers print them. */
const maskedPhone = (rng: Rng): string =>
  `1${rng.pick([3, 5, 7, 8])}${rng.int(10)}****${String(rng.int(10000)).padStart(4, '0')}`;

function applicantOf(rng: Rng, serial: number): Applicant {
  const kind = rng.weighted(APPLICANT_WEIGHTS);
  if (kind === 'natural') {
    const name = `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;
    const contact = rng.chance(0.4)
      ? { phone: maskedPhone(rng), email: `applicant${serial}@example.com` }
      : {
          phone: maskedPhone(rng),
          address: `示范县${rng.pick(['城关镇', '新庙镇', '东城街道'])}${rng.pick(VILLAGES)}`,
        };
    return { kind, name, contact };
  }
  return {
    kind,
    name: rng.pick(ORGANISATIONS[kind]),
    contact: { phone: maskedPhone(rng), email: `office${serial}@example.com`, address: '示范县' },
  };
}

function contentOf(agency: DemoAgency, rng: Rng, receivedOn: LocalDate): string {
  const year = Number(receivedOn.slice(0, 4)) - rng.int(2);
  const fill: Readonly<Record<string, string>> = {
    year: String(year),
    road: rng.pick(ROADS),
    village: rng.pick(VILLAGES),
    community: rng.pick(COMMUNITIES),
    project: rng.pick(PROJECTS),
  };
  return rng.pick(CONTENTS[agency.topic!]).replace(/\{(\w+)\}/g, (_, key: string) => fill[key] ?? key);
}

/** The working days from 1 January of last year through today: the receipt dates to draw from. */
function receiptDays(days: Days, today: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  const first = localDate(`${Number(today.slice(0, 4)) - 1}-01-01`);
  for (let d = first; d <= today; d = addDays(d, 1)) if (isWorkingDay(days.calendar, d)) out.push(d);
  return out;
}

/** Every request of the demo, in receipt order. */
function planRequests(rng: Rng, days: Days, today: LocalDate, agencies: readonly PlacedAgency[]): Plan[] {
  const receiving = agencies.filter((a) => a.topic !== undefined && a.share > 0);
  const shares = Object.fromEntries(receiving.map((a) => [a.key, a.share])) as Record<string, number>;
  const byKey = new Map(receiving.map((a) => [a.key, a]));
  const dates = receiptDays(days, today);
  const drafts: { receivedOn: LocalDate; steps: Step[]; agency: PlacedAgency }[] = [];
  for (let i = 0; i < LIVES; i++) {
    const agency = byKey.get(rng.weighted(shares))!;
    const receivedOn = rng.pick(dates);
    const steps = historyOf(rng.weighted(LIFE_WEIGHTS), receivedOn, rng, days, agency.approver.displayName);
    drafts.push({ receivedOn, steps, agency });
  }
  for (const kind of Object.keys(OPEN_COUNTS) as OpenKind[])
    for (let i = 0; i < OPEN_COUNTS[kind]; i++) {
      const agency = byKey.get(rng.weighted(shares))!;
      drafts.push({ ...openHistory(kind, today, rng, days, agency.approver.displayName), agency });
    }
  drafts.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
  return drafts.map((draft, serial) => {
    const channel = rng.weighted(CHANNEL_WEIGHTS);
    // A letter or an online request may arrive days before it is confirmed (Art. 31: the confirmation counts).
    const arrivedOn =
      channel !== 'inPerson' && channel !== 'postSigned' && rng.chance(0.3)
        ? addDays(draft.receivedOn, -rng.between(1, 3))
        : undefined;
    return {
      id: rng.uuid(),
      agency: draft.agency,
      applicant: applicantOf(rng, serial + 1),
      content: contentOf(draft.agency, rng, draft.receivedOn),
      channel,
      requestedForm: FORM_OF_CHANNEL[channel],
      receivedOn: draft.receivedOn,
      ...(arrivedOn ? { arrivedOn } : {}),
      // A history drawn for a recent request is cut at today: what comes later has not happened yet.
      steps: draft.steps.filter((s) => s.input.at <= today),
    };
  });
}

// ── the load ─────────────────────────────────────────────────────────────────────────────────────

/** A decision as recorded, for the cases brought against some of them. */
interface Decision {
  readonly requestId: string;
  readonly at: LocalDate;
  readonly outcome: OutcomeKind;
  readonly handler: string;
}

async function addAgencies(storage: Storage, actor: Actor): Promise<PlacedAgency[]> {
  const ids = new Map<string, number>();
  const out: PlacedAgency[] = [];
  for (const [i, agency] of DEMO_AGENCIES.entries()) {
    const parentId = agency.parent === undefined ? undefined : ids.get(agency.parent);
    const added = await addAgency(storage, actor, {
      name: agency.name,
      kind: agency.kind,
      // The {org} of its 索引号: nine characters as an 组织机构代码 has, and plainly no real one.
      code: `SFX${String(i + 1).padStart(6, '0')}`,
      ...(parentId === undefined ? {} : { parentId }),
    });
    // A refusal here is a bug of the demo (or a database that is not empty): nothing is kept.
    if (!added.ok) throw new Error(`演示机关“${agency.name}”未能添加：${added.error.message}`);
    ids.set(agency.key, added.value.id);
    const staff = DEMO_USERS.filter((u) => u.agency === agency.key);
    const handler = staff.find((u) => u.roles.includes('handler'));
    const approver = staff.find((u) => u.roles.includes('approver'));
    out.push({
      ...agency,
      id: added.value.id,
      handler: handler?.name ?? '',
      approver: { name: approver?.name ?? '', displayName: approver?.displayName ?? '' },
    });
  }
  return out;
}

async function addUsers(
  storage: Storage,
  actor: Actor,
  agencies: readonly PlacedAgency[],
  now: Date,
): Promise<string[]> {
  const byKey = new Map(agencies.map((a) => [a.key, a]));
  const width = Math.max(...DEMO_USERS.map((u) => u.name.length)) + 2;
  const lines = [
    `演示账户，密码均为 ${DEMO_PASSWORD}（用户名、角色、机关）(demo accounts, all with password ${DEMO_PASSWORD}: user, role, agency)：`,
  ];
  for (const user of DEMO_USERS) {
    const agency = byKey.get(user.agency)!;
    const created = await createUser(
      storage,
      actor,
      {
        name: user.name,
        displayName: user.displayName,
        agencyId: agency.id,
        roles: user.roles,
        password: DEMO_PASSWORD,
      },
      { now },
    );
    if (!created.ok) throw new Error(`演示用户 ${user.name} 未能添加：${created.error.message}`);
    // Role labels are two or three characters: pad with the ideographic space, which is as wide.
    const roles = user.roles.map((r) => ROLE_LABELS[r]).join('、');
    lines.push(
      `  ${user.name.padEnd(width)}${roles.padEnd(4, '\u3000')}  ${agency.name}（${user.displayName}）`,
    );
  }
  return lines;
}

/** 复议 and 诉讼 about a few contested decisions: closed ones long ago, pending ones recent. */
async function addCases(
  storage: Storage,
  rng: Rng,
  today: LocalDate,
  decisions: readonly Decision[],
  refused: DemoRefusal[],
): Promise<number> {
  const contested = decisions.filter((d) => CONTESTED.has(d.outcome));
  const old = contested.filter((d) => d.at <= addDays(today, -200));
  const recent = contested.filter((d) => d.at >= addDays(today, -90) && d.at <= addDays(today, -10));
  const taken = new Set<string>();
  /** One of the list, spread over it rather than its first ones, never the same request twice. */
  const choose = (list: readonly Decision[]): Decision | undefined => {
    const free = list.filter((d) => !taken.has(d.requestId));
    const chosen = free.length === 0 ? undefined : rng.pick(free);
    if (chosen) taken.add(chosen.requestId);
    return chosen;
  };
  let count = 0;
  const file = async (
    d: Decision,
    kind: 'review' | 'litigationDirect' | 'litigationAfterReview',
    filedOn: LocalDate,
    close?: { readonly result: 'upheld' | 'corrected' | 'other'; readonly after: number },
  ): Promise<LocalDate | undefined> => {
    const actor = systemActor(d.handler);
    if (filedOn > today) return undefined;
    const added = await addCase(
      storage,
      actor,
      { requestId: d.requestId, kind, filedOn, id: rng.uuid() },
      { today },
    );
    if (!added.ok) {
      refused.push({
        requestId: d.requestId,
        what: 'case',
        code: added.error.code,
        message: added.error.message,
      });
      return undefined;
    }
    count++;
    const closedOn = close && addDays(filedOn, close.after);
    // A case whose closing day has not come yet is still pending (尚未审结).
    if (!close || !closedOn || closedOn > today) return undefined;
    const closed = await closeCase(
      storage,
      actor,
      { caseId: added.value.id, result: close.result, closedOn },
      { today },
    );
    if (!closed.ok) {
      refused.push({
        requestId: d.requestId,
        what: 'case',
        code: closed.error.code,
        message: closed.error.message,
      });
      return undefined;
    }
    return closedOn;
  };
  const filedAfter = (d: Decision, low: number, high: number) => addDays(d.at, rng.between(low, high));
  // 复议 upheld (维持), then the applicant sued (复议后起诉).
  const first = choose(old);
  if (first) {
    const reviewClosed = await file(first, 'review', filedAfter(first, 20, 45), {
      result: 'upheld',
      after: 55,
    });
    if (reviewClosed)
      await file(first, 'litigationAfterReview', addDays(reviewClosed, rng.between(8, 14)), {
        result: 'upheld',
        after: rng.between(70, 110),
      });
  }
  const closedOnes = [
    { kind: 'review', result: 'corrected' },
    { kind: 'review', result: 'other' },
    { kind: 'litigationDirect', result: 'other' },
    { kind: 'litigationDirect', result: 'upheld' },
  ] as const;
  for (const { kind, result } of closedOnes) {
    const d = choose(old);
    if (d) await file(d, kind, filedAfter(d, 20, 60), { result, after: rng.between(45, 100) });
  }
  for (const kind of ['review', 'litigationDirect'] as const) {
    const d = choose(recent);
    // Decided 10 to 90 days ago, filed 3 to 9 days after: pending today.
    if (d) await file(d, kind, filedAfter(d, 3, 9));
  }
  return count;
}

/**
 * Loads the demo county. Meant for an empty database (the server calls it when there are no users);
 * the same `now` gives the same agencies, users, requests (ids included), histories and cases.
 */
/** The demo county's guide: every item 条例第十二条 requires, worded as real guides word them. */
const DEMO_GUIDE: DisclosureGuide = {
  office: {
    name: '示范县人民政府办公室（县政务公开办）',
    address: '示范县人民路1号县行政中心3楼',
    hours: '工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）',
    phone: '0591-00000000',
    fax: '0591-00000001',
    online: 'zwgk@example.gov.cn',
  },
  classification:
    '本机关主动公开的政府信息按机构职能、政策文件、规划计划、财政资金、行政执法、公共服务等类别编排。\n每条信息赋予唯一的索引号，标明发布机构、成文日期、发布日期、文号和有效性。',
  howToObtain:
    '通过本网站“政府信息公开”栏目查阅、检索和下载。\n也可到县档案馆、县图书馆和县政务服务中心的政府信息查阅点查阅。',
  requestProcedure:
    '公民、法人或者其他组织可以通过本网站“依申请公开”栏目在线提交申请，或以信函、当面方式提交。\n网上提交的申请，以双方确认之日为收到申请之日；自收到申请之日起20个工作日内答复，需要延长的延长期限最长不超过20个工作日。',
  fees: '依申请提供政府信息不收费；申请数量、频次明显超过合理范围的，依照《政府信息公开信息处理费管理办法》收取信息处理费。',
  supervision:
    '认为本机关在政府信息公开工作中侵犯其合法权益的，可以向县人民政府投诉、举报，也可以依法申请行政复议或者提起行政诉讼。',
};

/**
 * The demo county's 政府信息公开制度: the rules 条例第四条、第十七条、第四十五条、第四十六条 ask for, named
 * and numbered as county rules usually are.
 */
const DEMO_RULES: DisclosureRules = {
  documents: [
    {
      name: '示范县人民政府政府信息公开工作制度',
      docNumber: '示政办〔2019〕21号',
      issuedOn: localDate('2019-09-10'),
      summary:
        '县人民政府办公室（县政务公开办）为本机关政府信息公开工作机构，负责政府信息公开的日常工作。\n各部门确定一名联络员，按照“谁制作、谁公开，谁保存、谁公开”的原则报送主动公开信息。',
      covers: ['work'],
    },
    {
      name: '示范县政府信息公开保密审查制度',
      docNumber: '示政办〔2019〕22号',
      issuedOn: localDate('2019-09-10'),
      summary:
        '拟公开的政府信息，由起草单位初审、政务公开办复审，涉及国家秘密、商业秘密、个人隐私的不予公开。\n不能确定是否可以公开的，报有关主管部门或者保密行政管理部门确定。',
      covers: ['review'],
    },
    {
      name: '示范县依申请公开政府信息工作规程',
      docNumber: '示政办〔2020〕8号',
      issuedOn: localDate('2020-03-16'),
      summary:
        '申请的登记、审核、办理、答复、归档，按收到申请、登记编号、拟办、审核、答复、归档的顺序办理。\n答复书经政府信息公开工作机构负责人审核后送达，办理材料一案一档。',
      covers: ['requests'],
    },
    {
      name: '示范县政府信息公开工作考核和责任追究办法',
      docNumber: '示政办〔2021〕15号',
      issuedOn: localDate('2021-05-20'),
      summary: '每年对各部门、各乡镇的政府信息公开工作进行考核，结果纳入年度绩效考核。',
      covers: ['supervision'],
    },
  ],
};

/**
 * The demo agencies' own columns (栏目) and a few published items in them, through the catalogue's use
 * cases; a refusal is a bug of the demo and stops the load.
 */
async function addColumnsAndItems(
  storage: Storage,
  actor: Actor,
  agencies: readonly PlacedAgency[],
  today: LocalDate,
): Promise<void> {
  const agencyOf = (key: string) => agencies.find((a) => a.key === key)!;
  const own = new Map<string, string>();
  const columnId = (ref: string) => (ref.startsWith('own:') ? own.get(ref.slice(4))! : ref);
  const must = <T>(
    what: string,
    r: { ok: true; value: T } | { ok: false; error: { message: string } },
  ): T => {
    if (!r.ok) throw new Error(`演示${what}未能保存：${r.error.message}`);
    return r.value;
  };
  for (const change of DEMO_COLUMN_CHANGES) {
    const agencyId = agencyOf(change.agency).id;
    if ('add' in change) {
      const tree = must(
        `栏目“${change.add}”`,
        await addColumn(
          storage,
          actor,
          { agencyId, parentId: columnId(change.parent), name: change.add },
          { today },
        ),
      );
      own.set(change.key, tree.columns.findLast((c) => c.origin === 'own' && c.name === change.add)!.id);
    } else if ('rename' in change)
      must(
        `栏目“${change.name}”`,
        await renameColumn(storage, actor, { agencyId, id: change.rename, name: change.name }, { today }),
      );
    else
      must(
        `栏目停用 ${change.retire}`,
        await retireColumn(storage, actor, { agencyId, id: change.retire, reason: change.reason }, { today }),
      );
  }
  for (const item of DEMO_ITEMS) {
    const agency = agencyOf(item.agency);
    const drafted = must(
      `目录信息“${item.title}”`,
      await draftItem(
        storage,
        actor,
        {
          agencyId: agency.id,
          title: item.title,
          publisher: agency.name,
          writtenOn: today,
          docNumber: item.docNumber,
          topic: item.topic,
          body: item.body,
          kind: item.kind,
          column: columnId(item.column),
          keywords: item.keywords,
        },
        { today },
      ),
    );
    if (item.attachment) {
      const document = new Document({
        sections: [{ children: item.attachment.paragraphs.map((text) => new Paragraph({ text })) }],
      });
      const upload = {
        name: item.attachment.name,
        declaredType: ATTACHMENT_TYPES.docx.mime,
        bytes: new Uint8Array(await Packer.toBuffer(document)),
      };
      must(`附件“${upload.name}”`, await attachFile(storage, actor, drafted.id, upload, { today }));
    }
    must(`目录信息“${item.title}”的发布`, await publishItem(storage, actor, drafted.id, { today }));
  }
  // Read back, so that a tree the rules would refuse on replay fails the load here, not on the portal.
  for (const agency of agencies) must(`${agency.name}的栏目`, await agencyColumns(storage, agency.id));
}

export async function loadDemo(storage: Storage, now: Date): Promise<DemoSummary> {
  const started = performance.now();
  const today = todayInChina(now);
  const rng = generator(SEED);
  const demo = systemActor('demo');
  const refused: DemoRefusal[] = [];
  // One transaction: a few hundred requests commit at once (fast on SQLite), or nothing does.
  const loaded = await storage.transaction(async () => {
    const calendar = await loadCalendar(storage);
    const days = workingDays(calendar);
    const options = { today, calendar };
    const agencies = await addAgencies(storage, demo);
    const logins = await addUsers(storage, demo, agencies, now);
    const plans = planRequests(rng, days, today, agencies);
    const serials = new Map<string, number>();
    const decisions: Decision[] = [];
    let events = 0;
    for (const plan of plans) {
      const year = plan.receivedOn.slice(0, 4);
      const serialKey = `${plan.agency.key}:${year}`;
      const serial = (serials.get(serialKey) ?? 0) + 1;
      serials.set(serialKey, serial);
      const intake = await intakeRequest(
        storage,
        systemActor(plan.agency.handler),
        {
          id: plan.id,
          agencyId: plan.agency.id,
          applicant: plan.applicant,
          content: { description: plan.content },
          requestedForm: plan.requestedForm,
          channel: plan.channel,
          receivedOn: plan.receivedOn,
          ...(plan.arrivedOn ? { arrivedOn: plan.arrivedOn } : {}),
          // The agency's own number (依申请公开编号), in receipt order within the year.
          externalRef: `${plan.agency.abbreviation}依申〔${year}〕${serial}号`,
        },
        options,
      );
      if (!intake.ok) {
        refused.push({
          requestId: plan.id,
          what: 'intake',
          code: intake.error.code,
          message: intake.error.message,
        });
        continue;
      }
      events++;
      for (const step of plan.steps) {
        const by = step.by === 'approver' ? plan.agency.approver.name : plan.agency.handler;
        const recorded = await recordRequestEvent(storage, systemActor(by), plan.id, step.input, options);
        if (!recorded.ok) {
          // Skipped: the rest of the history may still stand (or be refused in turn, and counted).
          refused.push({
            requestId: plan.id,
            what: step.input.kind,
            code: recorded.error.code,
            message: recorded.error.message,
          });
          continue;
        }
        events++;
        if (recorded.value.event.kind === 'Decided')
          decisions.push({
            requestId: plan.id,
            at: recorded.value.event.at,
            outcome: recorded.value.event.outcome,
            handler: plan.agency.handler,
          });
      }
    }
    const cases = await addCases(storage, rng, today, decisions, refused);
    // The county's 政府信息公开指南, so that the portal's /guide shows what a published one looks like.
    const guide = await publishGuide(storage, demo, agencies[0]!.id, DEMO_GUIDE, today);
    if (!guide.ok) throw new Error(`the demo's guide was refused: ${guide.error.message}`);
    // And its 政府信息公开制度, for the portal's /rules.
    const rules = await publishRules(storage, demo, agencies[0]!.id, DEMO_RULES, today);
    if (!rules.ok) throw new Error(`the demo's rules were refused: ${rules.error.message}`);
    await addColumnsAndItems(storage, demo, agencies, today);
    return {
      logins,
      countyId: agencies[0]!.id,
      agencyIds: agencies.map((a) => a.id),
      requests: plans.length - refused.filter((r) => r.what === 'intake').length,
      events,
      cases,
    };
  });
  return { ...loaded, refused, elapsedMs: Math.round(performance.now() - started) };
}
