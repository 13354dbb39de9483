/** Arithmetic in a person's working days and local days, on top of their calendar (see calendar.ts). */
import type { WorkingCalendar } from "./calendar.js";
import { AppError } from "./errors.js";
import { addDays } from "./local-date.js";
import type { LocalDate } from "./types.js";

type DayCalendar = Pick<WorkingCalendar, "isWorkingDay">;

/** Like the calendar: give up after about three years without a working day. */
const MAX_WALK_DAYS = 3 * 366;
/** Stops a count of working days from walking for ever over a broken calendar. */
const MAX_COUNTED_DAYS = 400;

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

/** Working days strictly between `after` and `before` (neither counted), at most about a year of them. */
export function workingDaysBetween(calendar: DayCalendar, after: LocalDate, before: LocalDate): number {
  let count = 0;
  let date = addDays(after, 1);
  for (let walked = 0; date < before && walked < MAX_COUNTED_DAYS; walked++, date = addDays(date, 1)) {
    if (calendar.isWorkingDay(date)) count += 1;
  }
  return count;
}

/** Where a person's local day begins: local midnight in their zone (a budget day, for example). */
export function startOfLocalDay(calendar: WorkingCalendar, now: Date): Date {
  return calendar.atLocalTime(calendar.localDate(now), "00:00");
}

/** Midnight at the start of the local day after `date`: when a daily rule looks again. */
export function startOfNextDay(calendar: WorkingCalendar, date: LocalDate): Date {
  return calendar.atLocalTime(addDays(date, 1), "00:00");
}

/** The first working moment on a local day after today's (when a fresh daily budget starts). */
export function nextWorkingDayStart(calendar: WorkingCalendar, now: Date): Date {
  return calendar.nextWorkingMoment(startOfNextDay(calendar, calendar.localDate(now)));
}
