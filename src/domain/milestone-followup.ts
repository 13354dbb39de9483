/** Milestone follow-up: which working day each nudge belongs to (its outbox keys are in outbox-keys.ts, the words are in copy/milestone.ts). */
import type { WorkingCalendar } from "./calendar.js";
import { AppError } from "./errors.js";
import { addDays, toEpochDay, weekdayOf } from "./local-date.js";
import type { Milestone, MilestoneHistoryEntry } from "./milestones.js";
import type { LocalDate } from "./types.js";

type DayCalendar = Pick<WorkingCalendar, "isWorkingDay">;

/** Like the calendar: give up after about three years without a working day. */
const MAX_WALK_DAYS = 3 * 366;
/** An overdue milestone is raised again after this many of the intern's working days: a working week. */
export const OVERDUE_REPEAT_WORKING_DAYS = 5;
/** A done milestone waits this many of the supervisor's working days before one reminder to accept it. */
export const ACCEPT_WAIT_WORKING_DAYS = 2;

function noWorkingDay(from: LocalDate): never {
  throw new AppError(
    "NO_WORKING_TIME",
    `no working day within three years of ${from}; check contact hours and leave`,
  );
}

/** The date `n` of the person's working days before `due` (non-working days are skipped; 0 is `due`). */
export function workingDaysBefore(calendar: DayCalendar, due: LocalDate, n: number): LocalDate {
  let date = due;
  for (let left = n, walked = 0; left > 0; walked++) {
    if (walked > MAX_WALK_DAYS) noWorkingDay(due);
    date = addDays(date, -1);
    if (calendar.isWorkingDay(date)) left -= 1;
  }
  return date;
}

/** The date `n` (>= 1) of the person's working days after `from`. */
export function workingDaysAfter(calendar: DayCalendar, from: LocalDate, n: number): LocalDate {
  let date = from;
  for (let left = n, walked = 0; left > 0; walked++) {
    if (walked > MAX_WALK_DAYS) noWorkingDay(from);
    date = addDays(date, 1);
    if (calendar.isWorkingDay(date)) left -= 1;
  }
  return date;
}

/** ISO 8601 week, e.g. "2026-W49": the week belongs to the year of its Thursday. */
export function isoWeek(date: LocalDate): string {
  const thursday = addDays(date, 4 - weekdayOf(date));
  const year = thursday.slice(0, 4);
  const week = Math.floor((toEpochDay(thursday) - toEpochDay(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

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
