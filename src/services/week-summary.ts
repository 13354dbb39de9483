import type { WorkingCalendar } from "../domain/calendar.js";
import { addDays } from "../domain/local-date.js";
import type { Internship, LocalDate, Person } from "../domain/types.js";
import type { Store } from "../ports/store.js";
import { type InternshipSummary, summarizeInternship } from "./internship-summary.js";
import { calendarFor } from "./person-calendar.js";

/**
 * One internship's week for the weekly digest and the `digest` command: Monday to Sunday in the
 * intern's own zone, the week starting on `monday`.
 */
export async function summarizeWeek(
  store: Store,
  internship: Internship,
  monday: LocalDate,
  now: Date,
  calendarOf: (person: Person) => WorkingCalendar | Promise<WorkingCalendar> = async (person) =>
    await calendarFor(store, person),
): Promise<{ summary: InternshipSummary; intern: Person } | undefined> {
  const intern = await store.people.get(internship.workspaceId, internship.internId);
  if (!intern) return undefined;
  const calendar = await calendarOf(intern);
  const from = calendar.atLocalTime(monday, "00:00");
  const to = calendar.atLocalTime(addDays(monday, 7), "00:00");
  const summary = await summarizeInternship(store, internship.workspaceId, internship.id, from, to, now);
  return summary && { summary, intern };
}
