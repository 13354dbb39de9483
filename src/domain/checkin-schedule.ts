import type { AgreementTerms } from "./agreement-terms.js";
import type { WorkingCalendar } from "./calendar.js";
import { parseDays } from "./contact-hours.js";
import { weekdayOf } from "./local-date.js";
import type { LocalDate } from "./types.js";

export interface CheckinWindow {
  /** The check-in time, or the start of contact hours when it falls before them. */
  sendAt: Date;
  /** The end of the intern's contact hours that day: later than this the day is skipped, never sent in the evening. */
  closesAt: Date;
}

/**
 * When the check-in of a local date may go out, in the intern's zone: on check-in days that are
 * working days for them (no public holiday, no leave), from the agreed time until their day ends.
 */
export function checkinWindow(
  calendar: WorkingCalendar,
  checkIn: AgreementTerms["checkIn"],
  date: LocalDate,
): CheckinWindow | undefined {
  if (!parseDays(checkIn.days).has(weekdayOf(date))) return undefined;
  if (!calendar.isWorkingDay(date)) return undefined;
  const intervals = calendar.workingIntervals(date);
  const closesAt = intervals.at(-1)?.end;
  if (!closesAt) return undefined;
  const sendAt = calendar.nextWorkingMoment(calendar.atLocalTime(date, checkIn.at));
  if (sendAt.getTime() >= closesAt.getTime()) return undefined;
  return { sendAt, closesAt };
}
