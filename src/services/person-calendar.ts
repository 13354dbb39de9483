import { createCalendar, type WorkingCalendar } from "../domain/calendar.js";
import { daysOffFor, type WorkspaceDaysOff } from "../domain/days-off.js";
import type { Person } from "../domain/types.js";
import type { Store } from "../ports/store.js";

/**
 * A person's working calendar with everything that makes a day off: the library's public holidays,
 * the holidays and closures of their workspace's programme, and their leave. Services build calendars
 * only through this, so every rule sees the same days off.
 */
export async function calendarFor(store: Store, person: Person): Promise<WorkingCalendar> {
  return calendarWith(person, await store.daysOff.of(person.workspaceId));
}

/** The same, with the workspace's days off already read (a context reads them once for everyone). */
export function calendarWith(person: Person, workspaceDaysOff: WorkspaceDaysOff): WorkingCalendar {
  return createCalendar({ ...person, daysOff: daysOffFor(person, workspaceDaysOff) });
}
