/** The little calendar arithmetic the command parser needs, on `YYYY-MM-DD` strings. */
import { DateTime } from "luxon";
import type { LocalDate } from "../types.js";

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function toDateTime(date: LocalDate): DateTime {
  return DateTime.fromISO(date, { zone: "utc" });
}

function format(dt: DateTime): LocalDate | undefined {
  if (!dt.isValid || dt.year < 1000 || dt.year > 9999) return undefined;
  return dt.toISODate() ?? undefined;
}

export function isLocalDate(text: string): boolean {
  return ISO.test(text) && toDateTime(text).isValid;
}

/** The date, or undefined when it does not exist (e.g. 2026-02-30) or its year is not 1000-9999. */
export function makeDate(year: number, month: number, day: number): LocalDate | undefined {
  return format(DateTime.fromObject({ year, month, day }, { zone: "utc" }));
}

export function daysInMonth(year: number, month: number): number {
  return DateTime.fromObject({ year, month, day: 1 }, { zone: "utc" }).daysInMonth ?? 31;
}

export function yearOf(date: LocalDate): number {
  return toDateTime(date).year;
}

/** 1 = Monday ... 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return toDateTime(date).weekday;
}

export function addDays(date: LocalDate, days: number): LocalDate | undefined {
  return format(toDateTime(date).plus({ days }));
}

/** Calendar months, clamped to the end of a shorter month (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate | undefined {
  return format(toDateTime(date).plus({ months }));
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round(toDateTime(b).diff(toDateTime(a), "days").days);
}
