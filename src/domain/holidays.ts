/** Public holidays from date-holidays, as whole local dates, cached per (country, region, year). */
import Holidays, { type HolidaysTypes } from "date-holidays";
import { fromEpochDay, toEpochDay } from "./local-date.js";
import { err, ok, type Result } from "./result.js";
import type { LocalDate } from "./types.js";

/** Only days off for everyone count; optional, school and observance days are working days. */
const COUNTED_TYPES = new Set(["public", "bank"]);
const HOUR_MS = 3_600_000;

/**
 * Public holidays the library loses. date-holidays 3.37 lets a region's own rule for a date replace the
 * country's rule for that date, so a state holiday that ended there also removes the national one that
 * took its place: Brazil's 20 November (national by Lei 14.759/2023, from 2024) is missing for AM, MT,
 * RJ and SP. These apply to every region of the country from `fromYear`.
 */
const CORRECTIONS: readonly { country: string; monthDay: string; fromYear: number; name: string }[] = [
  { country: "BR", monthDay: "11-20", fromYear: 2024, name: "Dia da Consciência Negra" },
];

// One catalogue instance answers getCountries/getStates without loading a country.
const catalogue = new Holidays();
const countryCodes = new Set(Object.keys(catalogue.getCountries()));
const regionCodes = new Map<string, readonly string[]>();
const instances = new Map<string, Holidays>();
/** "country|region|year" -> (YYYY-MM-DD -> holiday name). A Map keyed by date keeps lookups O(1). */
const yearCache = new Map<string, ReadonlyMap<LocalDate, string>>();

function normalize(country: string, region: string | undefined): [string, string | undefined] {
  const c = country.trim().toUpperCase();
  let r = region?.trim().toUpperCase() || undefined;
  // Accept ISO 3166-2 style "DE-BY" as well as "BY".
  if (r?.startsWith(`${c}-`)) r = r.slice(c.length + 1);
  return [c, r];
}

/** getStates builds its answer on every call (tens of microseconds), so keep the codes. */
function regionsOf(country: string): readonly string[] {
  let codes = regionCodes.get(country);
  if (!codes) {
    codes = Object.keys(catalogue.getStates(country) ?? {});
    regionCodes.set(country, codes);
  }
  return codes;
}

/** Whether date-holidays knows the country (and region); when not, an error message for people. */
export function validateCountryRegion(country: string, region?: string): Result<void> {
  const [c, r] = normalize(country, region);
  if (!countryCodes.has(c))
    return err(`country "${country}" is not an ISO 3166-1 code date-holidays knows; e.g. "BE"`);
  if (r === undefined) return ok(undefined);
  const known = regionsOf(c);
  if (known.includes(r)) return ok(undefined);
  return err(
    known.length === 0
      ? `country "${c}" has no regions with their own holidays; leave the region empty`
      : `region "${region}" is not a region of ${c} date-holidays knows; use one of ${known.join(", ")}`,
  );
}

function instanceFor(c: string, r: string | undefined): Holidays {
  const key = `${c}|${r ?? ""}`;
  let h = instances.get(key);
  if (!h) {
    // An unknown region silently falls back to the country's holidays, so callers validate first.
    h = r === undefined ? new Holidays(c) : new Holidays(c, r);
    instances.set(key, h);
  }
  return h;
}

/** Adds the local dates a holiday covers to `out`, when it covers whole days. */
function addDates(out: Map<LocalDate, string>, holiday: HolidaysTypes.Holiday, year: string): void {
  // `date` is "YYYY-MM-DD hh:mm:ss" with an optional " -0600" (Islamic holidays starting the evening before):
  // the date part is the local day. Holidays starting later in the day (Christmas Eve from 14:00) are not
  // whole days off, so they do not count.
  if (holiday.date.slice(11, 19) !== "00:00:00") return;
  const hours = (holiday.end.getTime() - holiday.start.getTime()) / HOUR_MS;
  // Multi-day holidays: whole days, tolerant of a DST hour and of a trailing half day (Turkey's Bayram).
  const days = Math.max(1, Math.floor((hours + 2) / 24));
  const first = toEpochDay(holiday.date.slice(0, 10));
  for (let i = 0; i < days; i++) {
    const date = fromEpochDay(first + i);
    if (!date.startsWith(year)) continue;
    const previous = out.get(date);
    if (previous === undefined) out.set(date, holiday.name);
    else if (!previous.split(" / ").includes(holiday.name)) out.set(date, `${previous} / ${holiday.name}`);
  }
}

function holidaysOf(
  country: string,
  region: string | undefined,
  year: string,
): ReadonlyMap<LocalDate, string> {
  // Keyed by the raw arguments so the hot path does no normalising.
  const key = `${country}|${region ?? ""}|${year}`;
  let dates = yearCache.get(key);
  if (dates) return dates;
  const [c, r] = normalize(country, region);
  const out = new Map<LocalDate, string>();
  if (countryCodes.has(c)) {
    const h = instanceFor(c, r);
    // A multi-day holiday that starts in late December spills into this year.
    for (const y of [Number(year) - 1, Number(year)]) {
      for (const holiday of h.getHolidays(y)) {
        if (COUNTED_TYPES.has(holiday.type)) addDates(out, holiday, year);
      }
    }
    for (const fix of CORRECTIONS) {
      const date = `${year}-${fix.monthDay}`;
      if (fix.country === c && Number(year) >= fix.fromYear && !out.has(date)) out.set(date, fix.name);
    }
  }
  dates = out;
  yearCache.set(key, dates);
  return dates;
}

export function isPublicHoliday(country: string, region: string | undefined, date: LocalDate): boolean {
  return holidaysOf(country, region, date.slice(0, 4)).has(date);
}

/** The holiday's name in the country's language ("Noël" for BE), several joined with " / ". */
export function holidayName(
  country: string,
  region: string | undefined,
  date: LocalDate,
): string | undefined {
  return holidaysOf(country, region, date.slice(0, 4)).get(date);
}
