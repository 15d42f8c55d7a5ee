/**
 * @module Each request row's schedule (state, reply due date, provisional or not), the cache the inbox
 * sorts and pages by in SQL (storage/request-schedule.ts). The domain computes it from the log and the
 * calendar on a day; the ledger writes it with every event, in the event's transaction, and refreshes
 * before listing what is stale: never computed (an imported or migrated row), or provisional and
 * computed before today (a pause still runs, so the due date has moved on). A calendar change makes
 * every open schedule stale at once.
 */
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { WorkingCalendar } from '../domain/calendar/working-days.js';
import type { RequestEvent } from '../domain/requests/events.js';
import type { DeadlinePolicy } from '../domain/requests/policy.js';
import type { DisclosureRequest } from '../domain/requests/request.js';
import { type RequestStatus, replayAsOf, statusOf } from '../domain/requests/status.js';
import type { Repositories, Schedule } from '../storage/index.js';
import { entryFromStored } from './stored.js';

/** The schedule a status gives on `today`. */
export function scheduleOfStatus(status: RequestStatus, today: LocalDate): Schedule {
  const open = status.closedOn === undefined;
  return {
    state: status.state,
    dueOn: open ? (status.dueDate ?? null) : null,
    provisional: open && status.provisional,
    on: today,
  };
}

/** The schedule of a request's log on `today`; undefined when the domain refuses the log. */
export function scheduleOf(
  request: DisclosureRequest,
  events: readonly RequestEvent[],
  calendar: WorkingCalendar,
  today: LocalDate,
  policy: DeadlinePolicy,
): Schedule | undefined {
  const replayed = replayAsOf(request, events, calendar, today, policy);
  return replayed.ok ? scheduleOfStatus(statusOf(replayed.value, calendar, today, policy), today) : undefined;
}

const PAGE = 500;

/**
 * Recomputes the stale schedules of the agencies' open requests on `today`. A request whose stored log
 * the domain refuses keeps no schedule; it is marked computed (state 'invalid') so that it is not tried
 * again every time, and the inbox shows it with the reason when it is viewed.
 */
export async function refreshSchedules(
  repos: Pick<Repositories, 'schedules' | 'requests'>,
  agencyIds: readonly number[],
  calendar: WorkingCalendar,
  today: LocalDate,
  policy: DeadlinePolicy,
): Promise<number> {
  let refreshed = 0;
  for (;;) {
    const stale = await repos.schedules.stale(agencyIds, today, PAGE);
    if (stale.length === 0) return refreshed;
    const logs = await repos.requests.eventsOf(stale.map((r) => r.id));
    for (const row of stale) {
      const entry = entryFromStored(row, logs.get(row.id) ?? []);
      const schedule = entry.ok
        ? scheduleOf(entry.value.request, entry.value.events, calendar, today, policy)
        : undefined;
      await repos.schedules.set(
        row.id,
        schedule ?? { state: 'invalid', dueOn: null, provisional: false, on: today },
      );
      refreshed++;
    }
    if (stale.length < PAGE) return refreshed;
  }
}
