/** Business time of one person: contact hours in their zone, minus public holidays, closures and leave. */
import { longestDayMinutes, parseContactHours, type WeeklyHours } from "./contact-hours.js";
import type { DayOffPeriod } from "./days-off.js";
import type { Duration } from "./duration.js";
import { AppError } from "./errors.js";
import { holidayName, validateCountryRegion } from "./holidays.js";
import { fromEpochDay, toEpochDay, weekdayOfEpochDay } from "./local-date.js";
import type { LeavePeriod, LocalDate } from "./types.js";
import { MINUTE_MS, zoneDaysFor } from "./zone-time.js";

export interface CalendarPerson {
  timezone: string;
  country: string;
  region?: string;
  contactHours: string | WeeklyHours;
  leave: readonly LeavePeriod[];
  /** Holidays the programme adds and company closures that apply to this person (see days-off.ts). */
  daysOff?: readonly DayOffPeriod[];
}

export interface WorkingInterval {
  start: Date;
  end: Date;
}

export interface WorkingCalendar {
  readonly timezone: string;
  readonly hours: WeeklyHours;
  /** The person's local calendar date of an instant. */
  localDate(at: Date): LocalDate;
  /** Has contact hours that weekday, is not a public holiday or closure day and not on leave. */
  isWorkingDay(date: LocalDate): boolean;
  /** The public holiday's or closure's name on that date (programme days first), else undefined. */
  dayOffName(date: LocalDate): string | undefined;
  /** That local day's working intervals as instants (DST-correct), in order. */
  workingIntervals(date: LocalDate): WorkingInterval[];
  /** Start inclusive, end exclusive. */
  isWorkingTime(at: Date): boolean;
  /** `at` itself when working, else the start of the next working interval. */
  nextWorkingMoment(at: Date): Date;
  /** Counts from nextWorkingMoment(start); a number is milliseconds of working time. */
  addWorkingTime(start: Date, duration: Duration | number): Date;
  /** Milliseconds of working time in [a, b); 0 when b <= a. */
  workingTimeBetween(a: Date, b: Date): number;
  /** m and h literally; d = one full contact day (the longest day of the week). */
  durationMs(duration: Duration): number;
  /** That wall-clock time in the person's zone; a DST gap shifts forward, a fold gives the earlier. */
  atLocalTime(date: LocalDate, time: string): Date;
}

/** Give up looking for working time after about three years. */
const MAX_IDLE_DAYS = 3 * 366;
/** Bounds the per-calendar day cache; a long walk simply recomputes. */
const MAX_CACHED_DAYS = 800;
const MAX_CACHED_HOURS = 1000;
const NO_INTERVALS: readonly number[] = Object.freeze([]);
const hoursCache = new Map<string, WeeklyHours>();

function hoursOf(contactHours: string | WeeklyHours): WeeklyHours {
  if (typeof contactHours !== "string") return contactHours;
  let hours = hoursCache.get(contactHours);
  if (!hours) {
    if (hoursCache.size >= MAX_CACHED_HOURS) hoursCache.clear();
    hours = parseContactHours(contactHours);
    hoursCache.set(contactHours, hours);
  }
  return hours;
}

function leaveDays(leave: readonly LeavePeriod[], what = "leave"): number[] {
  const days: number[] = [];
  for (const period of leave) {
    const from = toEpochDay(period.from);
    const to = toEpochDay(period.to);
    if (to < from) {
      throw new AppError("BAD_INPUT", `${what} from ${period.from} to ${period.to} ends before it starts`);
    }
    days.push(from, to);
  }
  return days;
}

function instantOf(at: Date): number {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new AppError("BAD_INPUT", "an invalid date was given as a moment in time");
  return ms;
}

function noWorkingTime(timezone: string): never {
  throw new AppError(
    "NO_WORKING_TIME",
    `no working time within three years (time zone ${timezone}); check contact hours, leave and holidays`,
  );
}

export function createCalendar(person: CalendarPerson): WorkingCalendar {
  const { timezone, country, region } = person;
  const zone = zoneDaysFor(timezone);
  const place = validateCountryRegion(country, region);
  if (!place.ok) throw new AppError("BAD_INPUT", place.error);
  const hours = hoursOf(person.contactHours);
  const dayMinutes = longestDayMinutes(hours);
  const leave = leaveDays(person.leave);
  const added = person.daysOff ?? [];
  const closed = leaveDays(added, "a day off");
  // Epoch day -> flat [start, end, start, end, ...] instants in ms.
  const dayCache = new Map<number, readonly number[]>();

  function isWorkingEpochDay(day: number): boolean {
    if (hours[weekdayOfEpochDay(day)].length === 0) return false;
    for (let i = 0; i < leave.length; i += 2) if (day >= leave[i]! && day <= leave[i + 1]!) return false;
    return dayOffNameOf(day) === undefined;
  }

  function dayOffNameOf(day: number): string | undefined {
    for (let i = 0; i < closed.length; i += 2) {
      if (day >= closed[i]! && day <= closed[i + 1]!) return added[i / 2]!.name;
    }
    return holidayName(country, region, fromEpochDay(day));
  }

  function computeDay(day: number): readonly number[] {
    if (!isWorkingEpochDay(day)) return NO_INTERVALS;
    const clock = zone.clock(day);
    const dayStart = clock.start;
    const dayEnd = zone.clock(day + 1).start;
    const pairs: number[][] = [];
    for (const interval of hours[weekdayOfEpochDay(day)]) {
      // Clipping to the local day keeps days disjoint even when a DST gap shifts an end past midnight.
      const start = Math.max(dayStart, clock.instant(interval.startMinute));
      const end = Math.min(dayEnd, clock.instant(interval.endMinute));
      if (end > start) pairs.push([start, end]);
    }
    // A gap can map wall times out of order (02:30 -> 03:30 but 03:00 -> 03:00): sort, then merge.
    pairs.sort((x, y) => x[0]! - y[0]!);
    const flat: number[] = [];
    for (const [start, end] of pairs) {
      if (flat.length > 0 && start! <= flat[flat.length - 1]!) {
        flat[flat.length - 1] = Math.max(flat[flat.length - 1]!, end!);
      } else {
        flat.push(start!, end!);
      }
    }
    return flat;
  }

  function intervalsOf(day: number): readonly number[] {
    let intervals = dayCache.get(day);
    if (!intervals) {
      if (dayCache.size >= MAX_CACHED_DAYS) dayCache.clear();
      intervals = computeDay(day);
      dayCache.set(day, intervals);
    }
    return intervals;
  }

  function nextWorkingMs(ms: number): number {
    let day = zone.epochDayOf(ms);
    for (let i = 0; i <= MAX_IDLE_DAYS; i++, day++) {
      const iv = intervalsOf(day);
      for (let k = 0; k < iv.length; k += 2) if (iv[k + 1]! > ms) return Math.max(iv[k]!, ms);
    }
    return noWorkingTime(timezone);
  }

  function durationMs(duration: Duration): number {
    const factor =
      duration.unit === "m" ? MINUTE_MS : duration.unit === "h" ? 60 * MINUTE_MS : dayMinutes * MINUTE_MS;
    return Math.round(duration.amount * factor);
  }

  return {
    timezone,
    hours,
    localDate: (at) => fromEpochDay(zone.epochDayOf(instantOf(at))),
    isWorkingDay: (date) => isWorkingEpochDay(toEpochDay(date)),
    dayOffName: (date) => dayOffNameOf(toEpochDay(date)),
    workingIntervals(date) {
      const iv = intervalsOf(toEpochDay(date));
      const out: WorkingInterval[] = [];
      for (let k = 0; k < iv.length; k += 2) out.push({ start: new Date(iv[k]!), end: new Date(iv[k + 1]!) });
      return out;
    },
    isWorkingTime(at) {
      const ms = instantOf(at);
      const iv = intervalsOf(zone.epochDayOf(ms));
      for (let k = 0; k < iv.length; k += 2) if (ms >= iv[k]! && ms < iv[k + 1]!) return true;
      return false;
    },
    nextWorkingMoment: (at) => new Date(nextWorkingMs(instantOf(at))),
    addWorkingTime(start, duration) {
      const startMs = instantOf(start);
      const total = typeof duration === "number" ? duration : durationMs(duration);
      if (!(total >= 0) || !Number.isFinite(total)) {
        throw new AppError(
          "BAD_INPUT",
          `working time to add must be zero or more milliseconds, not ${total}`,
        );
      }
      if (total === 0) return new Date(startMs);
      let remaining = total;
      let t = startMs;
      let idle = 0;
      for (let day = zone.epochDayOf(t); ; day++) {
        const iv = intervalsOf(day);
        let used = false;
        for (let k = 0; k < iv.length; k += 2) {
          const end = iv[k + 1]!;
          if (end <= t) continue;
          const from = Math.max(iv[k]!, t);
          // `<=`: a duration that ends exactly at an interval end returns that end, not the next start.
          if (remaining <= end - from) return new Date(from + remaining);
          remaining -= end - from;
          t = end;
          used = true;
        }
        idle = used ? 0 : idle + 1;
        if (idle > MAX_IDLE_DAYS) noWorkingTime(timezone);
      }
    },
    workingTimeBetween(a, b) {
      const aMs = instantOf(a);
      const bMs = instantOf(b);
      if (bMs <= aMs) return 0;
      let total = 0;
      const lastDay = zone.epochDayOf(bMs);
      for (let day = zone.epochDayOf(aMs); day <= lastDay; day++) {
        const iv = intervalsOf(day);
        for (let k = 0; k < iv.length; k += 2) {
          const from = Math.max(iv[k]!, aMs);
          const to = Math.min(iv[k + 1]!, bMs);
          if (to > from) total += to - from;
        }
      }
      return total;
    },
    durationMs,
    atLocalTime(date, time) {
      const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
      const minute = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
        throw new AppError("BAD_INPUT", `"${time}" is not a time of day; write it like "09:30"`);
      }
      return new Date(zone.clock(toEpochDay(date)).instant(minute));
    },
  };
}
