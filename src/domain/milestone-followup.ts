/** Milestone follow-up: which working day each nudge belongs to (its outbox keys are in outbox-keys.ts, the words are in copy/milestone.ts). */
import type { WorkingCalendar } from "./calendar.js";
import type { Milestone, MilestoneHistoryEntry } from "./milestones.js";
import type { LocalDate } from "./types.js";
import { workingDaysAfter, workingDaysBefore } from "./working-days.js";

type DayCalendar = Pick<WorkingCalendar, "isWorkingDay">;

/** An overdue milestone is raised again after this many of the intern's working days: a working week. */
export const OVERDUE_REPEAT_WORKING_DAYS = 5;
/** A done milestone waits this many of the supervisor's working days before one reminder to accept it. */
export const ACCEPT_WAIT_WORKING_DAYS = 2;

export const isOpen = (m: Milestone): boolean => m.status === "planned" || m.status === "blocked";

/** The day the intern is reminded, or undefined when the agreement asks for no reminder. */
export function reminderDay(
  calendar: DayCalendar,
  due: LocalDate,
  daysBefore: number,
): LocalDate | undefined {
  return daysBefore > 0 ? workingDaysBefore(calendar, due, daysBefore) : undefined;
}

/**
 * The working day whose overdue alert covers `today`: the first working day after `due`, then one
 * every working week. Undefined when nothing is due today (not overdue, or not a working day), so
 * a weekend or a holiday never produces an alert of its own.
 */
export function overdueAlertDay(
  calendar: DayCalendar,
  due: LocalDate,
  today: LocalDate,
): { day: LocalDate; nextDay: LocalDate } | undefined {
  if (today <= due || !calendar.isWorkingDay(today)) return undefined;
  let day = workingDaysAfter(calendar, due, 1);
  if (day > today) return undefined;
  for (;;) {
    const nextDay = workingDaysAfter(calendar, day, OVERDUE_REPEAT_WORKING_DAYS);
    if (nextDay > today) return { day, nextDay };
    day = nextDay;
  }
}

/** The last history entry with that action: a milestone done twice (after a reopen) counts from the last. */
export function lastEntry(
  history: readonly MilestoneHistoryEntry[],
  action: string,
): MilestoneHistoryEntry | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.action === action) return history[i];
  return undefined;
}
