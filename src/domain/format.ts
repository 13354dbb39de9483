import { DateTime } from "luxon";
import type { LocalDate } from "./types.js";

/** Dates already formatted: a fan-out writes the same day into thousands of messages (luxon allocated ~10 KB each). */
const formattedDates = new Map<LocalDate, string>();

/** `Tue 15 Dec 2026`: unambiguous in every country, unlike 12/15. */
export function formatDate(date: LocalDate): string {
  let text = formattedDates.get(date);
  if (text === undefined) {
    text = DateTime.fromISO(date, { zone: "UTC" }).toFormat("ccc d LLL yyyy");
    if (formattedDates.size >= 1_000) formattedDates.clear();
    formattedDates.set(date, text);
  }
  return text;
}

/** `16 Dec`: short enough for a modal title. */
export function formatDayMonth(date: LocalDate): string {
  return DateTime.fromISO(date, { zone: "UTC" }).toFormat("d LLL");
}

/** `Mon 28 Dec, 10:00` in the given zone. */
export function formatInstant(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toFormat("ccc d LLL, HH:mm");
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
