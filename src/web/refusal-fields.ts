/**
 * @module Which field of a form a refusal is about, so that the page shows it beside that field (and
 * the API names it). A refusal not listed concerns the whole action: it is shown at the top of its form.
 */
const FIELD_OF: Readonly<Record<string, string>> = {
  'intake.unconfirmed': 'received',
  'intake.date-order': 'arrived',
  'intake.arrival-not-kept': 'arrived',
  'request.event-after-today': 'on',
  'request.date-order': 'on',
  'request.correction-too-late': 'on',
  'request.correction-deadline': 'dueBy',
  'request.correction-not-lapsed': 'on',
  'request.extension-days': 'days',
  'request.extension-too-long': 'days',
  'request.extension-no-approver': 'approver',
  'request.extension-after-due': 'on',
  'request.fee-amount': 'amount',
  'request.fee-basis': 'amount',
  'request.fee-not-lapsed': 'on',
  'request.unclear-without-correction': 'outcome',
  'request.outcome-by-event': 'outcome',
  'fee.one-measure': 'pages',
  'fee.earlier-without-pieces': 'earlier',
  'fee.pages-per-piece': 'pages',
  'fee.pieces-per-volume': 'pieces',
  'fee.amount-needed': 'amount',
  'fee.amount-disagrees': 'amount',
  'fee.nothing-due': 'amount',
  'agency.unknown': 'agency',
  'correct.reason-empty': 'reason',
  'correct.name-empty': 'applicant',
  'correct.receipt-date': 'received',
  'correct.nothing': 'applicant',
  'correct.year-complete': 'confirmCompletedYear',
  'catalogue.title-empty': 'title',
  'catalogue.publisher-empty': 'publisher',
  'catalogue.topic-empty': 'topic',
  'catalogue.body-empty': 'body',
  'catalogue.kind': 'kind',
  'catalogue.written-after-event': 'writtenOn',
  'catalogue.date': 'on',
  'catalogue.date-order': 'on',
  'catalogue.date-after-today': 'on',
  'catalogue.document-empty': 'document',
};

/** The field a refusal belongs to, or `event` (the action as a whole). */
export const fieldOfRefusal = (code: string, fallback = 'event'): string => FIELD_OF[code] ?? fallback;
