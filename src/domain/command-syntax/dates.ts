/**
 * Dates as people type them, read in the speaker's time zone (the caller passes their `today`).
 * Forms: 2026-12-15 · 15 Dec · Dec 15 · 15 December 2026 · December 15, 2026 · today · tomorrow ·
 * friday (today if today is a Friday, else the coming one) · next friday (a week after "friday") ·
 * in 3 days · in 2 weeks · in 1 month (calendar months, clamped to the month's end).
 * A day and month without a year is the next such date on or after today.
 * Slash and dot forms (15/12/2026) are refused: day and month order differ between countries.
 */

import { err, ok, type Result } from "../result.js";
import type { LocalDate } from "../types.js";
import { addDays, addMonths, daysInMonth, isLocalDate, makeDate, weekdayOf, yearOf } from "./date-math.js";
import { echo } from "./echo.js";

export type DateParse = Result<LocalDate>;

export const DATE_EXAMPLES = "Try 2026-12-15, 15 Dec, friday or in 2 weeks.";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const MONTHS = new Map<string, number>();
MONTH_NAMES.forEach((name, i) => {
  MONTHS.set(name.toLowerCase(), i + 1);
  MONTHS.set(name.slice(0, 3).toLowerCase(), i + 1);
});
MONTHS.set("sept", 9);

const WEEKDAYS = new Map<string, number>([
  ["monday", 1],
  ["mon", 1],
  ["tuesday", 2],
  ["tue", 2],
  ["tues", 2],
  ["wednesday", 3],
  ["wed", 3],
  ["thursday", 4],
  ["thu", 4],
  ["thur", 4],
  ["thurs", 4],
  ["friday", 5],
  ["fri", 5],
  ["saturday", 6],
  ["sat", 6],
  ["sunday", 7],
  ["sun", 7],
]);

const UNITS = new Map<string, { unit: "days" | "weeks" | "months"; max: number }>([
  ["day", { unit: "days", max: 3660 }],
  ["days", { unit: "days", max: 3660 }],
  ["week", { unit: "weeks", max: 520 }],
  ["weeks", { unit: "weeks", max: 520 }],
  ["month", { unit: "months", max: 120 }],
  ["months", { unit: "months", max: 120 }],
]);

/** Longest day-count a month can ever have (February: 29). */
const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function notUnderstood(text: string): DateParse {
  return err(`${echo(text)} is not a date I understand. ${DATE_EXAMPLES}`);
}

/** A date the arithmetic produced, or "not understood" when it fell off the calendar. */
function dateOr(date: LocalDate | undefined, text: string): DateParse {
  return date === undefined ? notUnderstood(text) : ok(date);
}

function monthOf(word: string): number | undefined {
  return MONTHS.get(word.replace(/\.$/, ""));
}

function dayOf(word: string): number | undefined {
  const m = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(word);
  return m ? Number(m[1]) : undefined;
}

function yearWord(word: string): number | undefined {
  return /^\d{4}$/.test(word) ? Number(word) : undefined;
}

function exactDate(year: number, month: number, day: number, text: string): DateParse {
  if (month < 1 || month > 12) return err(`${echo(text)} has no month ${month}: months go from 1 to 12.`);
  if (year < 1000) return err(`${echo(text)} needs a four-digit year, e.g. 2026.`);
  const dim = daysInMonth(year, month);
  if (day < 1 || day > dim) {
    return err(`${echo(text)} is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${dim} days.`);
  }
  return dateOr(makeDate(year, month, day), text);
}

/** Day and month without a year: the next such date on or after today (29 Feb may be years away). */
function nextDayMonth(month: number, day: number, today: LocalDate, text: string): DateParse {
  const max = MAX_DAYS[month - 1] ?? 31;
  if (day < 1 || day > max) {
    const limit = month === 2 ? "at most 29" : String(max);
    return err(`${echo(text)} is not a real date: ${MONTH_NAMES[month - 1]} has ${limit} days.`);
  }
  const first = yearOf(today);
  for (let year = first; year <= first + 8; year++) {
    const date = makeDate(year, month, day);
    if (date && date >= today) return ok(date);
  }
  return notUnderstood(text);
}

function weekday(target: number, today: LocalDate, weeksLater: number, text: string): DateParse {
  const ahead = (target - weekdayOf(today) + 7) % 7;
  return dateOr(addDays(today, ahead + 7 * weeksLater), text);
}

function countOf(word: string): number | undefined {
  if (word === "a" || word === "an" || word === "one") return 1;
  return /^\d{1,5}$/.test(word) ? Number(word) : undefined;
}

function relative(countWord: string, unitWord: string, today: LocalDate, text: string): DateParse {
  const count = countOf(countWord);
  const unit = UNITS.get(unitWord);
  if (count === undefined || !unit) return notUnderstood(text);
  if (count > unit.max) {
    return err(
      `${echo(text)} is too far ahead (at most ${unit.max} ${unit.unit}). Give a date like 2030-06-30.`,
    );
  }
  const result =
    unit.unit === "months"
      ? addMonths(today, count)
      : addDays(today, unit.unit === "weeks" ? count * 7 : count);
  return dateOr(result, text);
}

function oneWord(word: string, today: LocalDate, text: string): DateParse {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(word);
  if (iso) return exactDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), text);
  if (/^\d{1,4}[/.]\d{1,2}(?:[/.]\d{1,4})?$/.test(word)) {
    return err(
      `${echo(text)} is ambiguous: countries put day and month in different orders. Write it as year-month-day (e.g. 2026-12-15) or as 15 Dec 2026.`,
    );
  }
  if (word === "today") return ok(today);
  if (word === "tomorrow") return dateOr(addDays(today, 1), text);
  const wd = WEEKDAYS.get(word);
  if (wd !== undefined) return weekday(wd, today, 0, text);
  return notUnderstood(text);
}

function twoWords(a: string, b: string, today: LocalDate, text: string): DateParse {
  const wd = WEEKDAYS.get(b);
  if (wd !== undefined && (a === "next" || a === "this"))
    return weekday(wd, today, a === "next" ? 1 : 0, text);
  const dayFirst = dayOf(a);
  const monthSecond = monthOf(b);
  if (dayFirst !== undefined && monthSecond !== undefined)
    return nextDayMonth(monthSecond, dayFirst, today, text);
  const monthFirst = monthOf(a);
  const daySecond = dayOf(b);
  if (monthFirst !== undefined && daySecond !== undefined)
    return nextDayMonth(monthFirst, daySecond, today, text);
  return notUnderstood(text);
}

function threeWords(a: string, b: string, c: string, today: LocalDate, text: string): DateParse {
  if (a === "in") return relative(b, c, today, text);
  const year = yearWord(c);
  if (year === undefined) return notUnderstood(text);
  const dayFirst = dayOf(a);
  const monthSecond = monthOf(b);
  if (dayFirst !== undefined && monthSecond !== undefined)
    return exactDate(year, monthSecond, dayFirst, text);
  const monthFirst = monthOf(a);
  const daySecond = dayOf(b);
  if (monthFirst !== undefined && daySecond !== undefined)
    return exactDate(year, monthFirst, daySecond, text);
  return notUnderstood(text);
}

/** Reads one date; never throws. */
export function parseDate(text: string, today: LocalDate): DateParse {
  if (!isLocalDate(today)) return err(`Today's date (${echo(today)}) is not a valid date; this is a bug.`);
  const words = text.toLowerCase().replace(/,/g, " ").split(/\s+/).filter(Boolean);
  const [a, b, c] = words;
  if (a === undefined) return err(`A date is missing. ${DATE_EXAMPLES}`);
  if (words.length === 1) return oneWord(a, today, text);
  if (words.length === 2 && b !== undefined) return twoWords(a, b, today, text);
  if (words.length === 3 && b !== undefined && c !== undefined) return threeWords(a, b, c, today, text);
  return notUnderstood(text);
}
