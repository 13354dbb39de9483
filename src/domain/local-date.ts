/** Pure arithmetic on `YYYY-MM-DD` calendar dates (no time zones, no clock). */
import { AppError } from "./errors.js";
import type { LocalDate } from "./types.js";

/** ISO weekday: Monday = 1 ... Sunday = 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01, or undefined when `text` is not a real `YYYY-MM-DD` date. */
function epochDayOrUndefined(text: string): number | undefined {
  const m = LOCAL_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear is not worth it for an app about internships.
  if (year < 100) return undefined;
  const epochDay = ms / DAY_MS;
  // Rejects 2026-02-30 and friends: Date.UTC rolls them over into the next month.
  return fromEpochDay(epochDay) === text ? epochDay : undefined;
}

/** The date when `text` is a valid `YYYY-MM-DD` calendar date (surrounding spaces allowed), else undefined. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const trimmed = text.trim();
  return epochDayOrUndefined(trimmed) === undefined ? undefined : trimmed;
}

/** Days since 1970-01-01; throws BAD_INPUT for something that is not a date. */
export function toEpochDay(date: LocalDate): number {
  const epochDay = epochDayOrUndefined(date);
  if (epochDay === undefined) {
    throw new AppError("BAD_INPUT", `"${date}" is not a date; write it like "2026-09-14"`);
  }
  return epochDay;
}

/** Inverse of toEpochDay (civil-from-days, Howard Hinnant), without allocating a Date. */
export function fromEpochDay(epochDay: number): LocalDate {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/** ISO weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): Weekday {
  return (((((epochDay + 3) % 7) + 7) % 7) + 1) as Weekday;
}

export function weekdayOf(date: LocalDate): Weekday {
  return weekdayOfEpochDay(toEpochDay(date));
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + n);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** The Monday of the ISO week `date` falls in. */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, 1 - weekdayOf(date));
}

/** ISO 8601 week, e.g. "2026-W49": the week belongs to the year of its Thursday. */
export function isoWeek(date: LocalDate): string {
  const thursday = addDays(date, 4 - weekdayOf(date));
  const year = thursday.slice(0, 4);
  const week = Math.floor((toEpochDay(thursday) - toEpochDay(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
