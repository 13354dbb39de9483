/** Days off a programme adds to the library's public holidays: holidays it misses, and company closures. */
import type { WeeklyHours } from "./contact-hours.js";
import { fromEpochDay, toEpochDay, weekdayOfEpochDay } from "./local-date.js";
import type { LocalDate } from "./types.js";

/** A public holiday for a country (or one region of it) on one date. */
export interface AddedHoliday {
  country: string;
  region?: string;
  date: LocalDate;
  name: string;
}

/** The company is closed from `from` to `to` (inclusive), for everyone or for the listed people (keys). */
export interface Closure {
  from: LocalDate;
  to: LocalDate;
  name: string;
  people?: string[];
}

export interface WorkspaceDaysOff {
  holidays: readonly AddedHoliday[];
  closures: readonly Closure[];
}

/** One person's days off beyond the library's holidays, as inclusive ranges with a name. */
export interface DayOffPeriod {
  from: LocalDate;
  to: LocalDate;
  name: string;
}

export const NO_DAYS_OFF: WorkspaceDaysOff = Object.freeze({ holidays: [], closures: [] });

function sameRegion(a: string | undefined, b: string | undefined, country: string): boolean {
  // "SP" and "BR-SP" name the same region, as in holidays.ts.
  const norm = (r: string | undefined) => {
    const u = r?.trim().toUpperCase() || undefined;
    return u?.startsWith(`${country}-`) ? u.slice(country.length + 1) : u;
  };
  return norm(a) === norm(b);
}

/** The added holidays and closures that apply to a person: their country (and region), or their key. */
export function daysOffFor(
  person: { key: string; country: string; region?: string | undefined },
  daysOff: WorkspaceDaysOff,
): DayOffPeriod[] {
  const country = person.country.trim().toUpperCase();
  const out: DayOffPeriod[] = [];
  for (const h of daysOff.holidays) {
    if (h.country.toUpperCase() !== country) continue;
    // A country-wide holiday applies in every region; a regional one only there.
    if (h.region !== undefined && !sameRegion(h.region, person.region, country)) continue;
    out.push({ from: h.date, to: h.date, name: h.name });
  }
  for (const c of daysOff.closures) {
    if (c.people && !c.people.includes(person.key)) continue;
    out.push({ from: c.from, to: c.to, name: c.name });
  }
  return out;
}

/** Just what naming skipped days needs from a WorkingCalendar (a structural type keeps imports one-way). */
interface DayOffCalendar {
  hours: WeeklyHours;
  localDate(at: Date): LocalDate;
  dayOffName(date: LocalDate): string | undefined;
}

/** Looking further than this is a listing nobody reads. */
const MAX_NAMED_DAYS = 62;

/**
 * The public holidays and closure days between two instants that fall on the person's usual working
 * days, with their names: what a deadline skipped, so a message can say why it is later than expected.
 */
export function namedDaysOffBetween(
  calendar: DayOffCalendar,
  from: Date,
  to: Date,
): { date: LocalDate; name: string }[] {
  const out: { date: LocalDate; name: string }[] = [];
  const first = toEpochDay(calendar.localDate(from));
  const last = Math.min(toEpochDay(calendar.localDate(to)), first + MAX_NAMED_DAYS);
  for (let day = first; day <= last; day++) {
    if (calendar.hours[weekdayOfEpochDay(day)].length === 0) continue;
    const date = fromEpochDay(day);
    const name = calendar.dayOffName(date);
    if (name !== undefined) out.push({ date, name });
  }
  return out;
}
