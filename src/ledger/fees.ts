/**
 * @module 按件计收 is cumulative per applicant per natural month (《政府信息公开信息处理费管理办法》第四条):
 * a request's 件 are numbered after the 件 the same applicant already had that month. The ledger knows
 * them: the applicant's earlier requests to the same agency received in the same month, each one 件, or
 * as many as its own fee notice assessed (一事一申请 may split one application into several 件).
 *
 * "The same applicant" is the same name (compared without width or blanks) and the same applicant type
 * as recorded: registers keep no identity number, so staff see which requests were counted and may
 * state the count themselves.
 */
import type { LocalDate } from '../domain/calendar/local-date.js';
import { localDate } from '../domain/calendar/local-date.js';
import { piecesEarlierInMonth } from '../domain/fees/charge.js';
import { err, ok, type Result } from '../domain/requests/result.js';
import type { DisclosureRequest, Storage } from '../storage/index.js';
import { type LedgerRefusal, ledgerRefusal } from './refusals.js';
import { applicantKindOf, entryFromStored } from './stored.js';

export interface EarlierPieces {
  /** 件 the applicant had this month before this request. */
  readonly pieces: number;
  /** The requests counted, oldest first, with their 件. */
  readonly requests: readonly {
    readonly id: string;
    readonly receivedOn: LocalDate;
    readonly pieces: number;
  }[];
}

const sameName = (a: string, b: string) =>
  a.normalize('NFKC').replace(/\s+/g, '') === b.normalize('NFKC').replace(/\s+/g, '');

/** Received before `request` (the same day: registered before it). */
function before(other: DisclosureRequest, request: DisclosureRequest): boolean {
  if (other.receivedOn !== request.receivedOn) return other.receivedOn < request.receivedOn;
  return other.createdAt !== request.createdAt ? other.createdAt < request.createdAt : other.id < request.id;
}

/** The 件 the same applicant had at the same agency in the natural month of the request's receipt, before it. */
export async function piecesEarlierThisMonth(
  storage: Storage,
  requestId: string,
): Promise<Result<EarlierPieces, LedgerRefusal>> {
  const request = await storage.requests.get(requestId);
  if (!request) return err(ledgerRefusal('request.unknown', requestId));
  const kind = applicantKindOf(request.applicantKind);
  const monthStart = localDate(`${request.receivedOn.slice(0, 7)}-01`);
  const candidates = await storage.requests.forAgencies([request.agencyId], {
    receivedFrom: monthStart,
    receivedBy: request.receivedOn,
  });
  const same = candidates.filter(
    (r) =>
      r.id !== request.id &&
      sameName(r.applicantName, request.applicantName) &&
      applicantKindOf(r.applicantKind) === kind &&
      before(r, request),
  );
  const logs = await storage.requests.eventsOf(same.map((r) => r.id));
  const counted = same.map((r) => {
    let pieces = 1;
    // The effective log: a fee notice voided later (更正) assessed nothing. A log the ledger cannot read
    // counts its request as one 件.
    const entry = entryFromStored(r, logs.get(r.id) ?? []);
    for (const event of entry.ok ? entry.value.events : []) {
      const basis = event.kind === 'FeeNoticeSent' ? event.basis : undefined;
      if (basis?.method === 'perPiece' && Number.isSafeInteger(basis.pieces) && basis.pieces >= 0)
        pieces = basis.pieces;
    }
    return { id: r.id, receivedOn: r.receivedOn, pieces };
  });
  return ok({
    pieces: piecesEarlierInMonth(
      counted.map((c) => ({ on: c.receivedOn, pieces: c.pieces })),
      request.receivedOn,
    ),
    requests: counted,
  });
}
